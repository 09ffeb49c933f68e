// The order-complete page: what the checkout form sent (method GET, so it is all in the query
// string), read back for the shopper in words. Nothing from the query is trusted: only amounts
// that are whole fen and the methods and plans this shop sells are shown, always as text.
import init, { assess } from 'instalment-guard';
// Registers <instalment-remedy> (and <instalment-guard>) for the help after paying.
import 'instalment-guard/element';
import { LOCALES, initialLocale, translator, applyTranslations, syncLanguageSwitch } from './i18n.js';
import { SHOPS, formatters, regularPayment, describePlan, plansAbroad } from './money.js';

const PRESETS = { huabei: 'huabei', card: 'credit-card-cn' };
const query = new URLSearchParams(location.search);
const out = (name) => document.querySelector(`[data-out="${name}"]`);
// The shop the order came from: China, or the demo playing a shop abroad (its currency, its plans).
const where = SHOPS[query.get('shop')] ? query.get('shop') : 'cn';
const abroad = where !== 'cn';

function readOrder() {
  const raw = query.get('amount_minor') ?? '';
  const amountMinor = /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  const method = query.get('pay_method');
  if (amountMinor === null || !['huabei', 'balance', 'card'].includes(method)) return null;
  // A plan only counts when it belongs to the method paid with: a balance payment has none.
  const plan = describePlan(query.get('instalment_plan'));
  return { amountMinor, method, planId: plan?.provider === method ? query.get('instalment_plan') : null, ids: plan ? [query.get('instalment_plan')] : [] };
}

// What the chosen plan costs, worked out again by the same engine the checkout used.
async function planEstimate(order) {
  if (!order?.planId) return null;
  try {
    await init();
    const config = abroad
      ? { currency: SHOPS[where], plans: plansAbroad(order.ids) }
      : { currency: 'CNY', preset: PRESETS[order.method] };
    const verdict = assess(config, {
      amountMinor: order.amountMinor,
      selectedPlanId: order.planId,
    });
    return verdict.estimates.find((e) => e.planId === order.planId) ?? null;
  } catch {
    // The order stands without the breakdown.
    return null;
  }
}

function render(locale, order, estimate) {
  const t = translator(locale, abroad ? 'abroad' : null);
  const fmt = formatters(locale, SHOPS[where]);
  document.documentElement.lang = locale;
  applyTranslations(document, t);
  document.title = t('page.done');
  syncLanguageSwitch(document, locale);
  out('back').href = `./index.html?lang=${locale}${abroad ? `&shop=${where}` : ''}`;

  out('facts').hidden = !order;
  out('missing').hidden = Boolean(order);
  if (!order) return;
  out('amount').textContent = fmt.money(order.amountMinor);
  out('method').textContent = t(`pay.${order.method}`);
  const plan = describePlan(order.planId);
  out('plan').textContent = plan ? t(`label.${plan.provider}`, { n: plan.periods }) : t('done.planNone');
  const detail = out('plan-detail');
  detail.hidden = !estimate;
  if (estimate) {
    // One figure a line: a receipt the shopper can read down, never a run-on sentence.
    const lines = [t('done.perPeriod', { amount: fmt.money(regularPayment(estimate)) })];
    const first = estimate.schedule[0].paymentMinor;
    if (first !== regularPayment(estimate)) lines.push(t('done.firstPayment', { amount: fmt.money(first) }));
    lines.push(t('done.fee', { amount: fmt.money(estimate.totalFeeMinor) }));
    lines.push(t('done.apr', { rate: fmt.rate(estimate.aprNominal) }));
    out('plan-facts').replaceChildren(
      ...lines.map((line) => Object.assign(document.createElement('li'), { textContent: line })),
    );
  }
}

// Help after paying, for an order paid in full by Huabei or card: the element decides whether to
// offer it (never to a shopper who was reminded) and shows the ways back.
function showRemedy(locale, order) {
  const slot = out('remedy');
  const credit = { huabei: 'huabei', card: 'credit_card' }[order?.method];
  // The ways back it knows are Chinese ones (Huabei's and cards' bill instalments).
  if (!order || order.planId || !credit || abroad) {
    slot.replaceChildren();
    return;
  }
  const quiet = (query.get('quiet_reasons') ?? '').split(' ').filter((r) => /^[A-Z_]{1,40}$/.test(r));
  // Made whole before it joins the page, so it reads every attribute at once.
  const el = document.createElement('instalment-remedy');
  for (const [name, value] of Object.entries({
    currency: 'CNY',
    'amount-minor': String(order.amountMinor),
    'paid-with': credit,
    preset: PRESETS[order.method],
    status: 'unshipped',
    'lost-on-rebuy-minor': /^\d{1,9}$/.test(query.get('coupon_minor') ?? '') ? query.get('coupon_minor') : '0',
    reminded: query.get('reminded') === '1' ? 'true' : 'false',
    'quiet-reasons': quiet.join(' '),
    locale,
  })) el.setAttribute(name, value);
  slot.replaceChildren(el);
}

const order = readOrder();
const estimate = await planEstimate(order);
render(initialLocale(), order, estimate);
showRemedy(initialLocale(), order);

for (const link of document.querySelectorAll('[data-locale]')) {
  link.addEventListener('click', (event) => {
    if (!LOCALES.includes(link.dataset.locale)) return;
    // In place: a plain link would drop the order from the query string.
    event.preventDefault();
    query.set('lang', link.dataset.locale);
    history.replaceState(null, '', `?${query}`);
    render(link.dataset.locale, order, estimate);
    showRemedy(link.dataset.locale, order);
  });
}
