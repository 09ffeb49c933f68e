// The checkout page. Importing the element entry point is the whole integration: it registers
// <instalment-guard>, which finds the form by id and reminds on submit. Everything else here is
// the shop's own cart, which keeps the form's data-amount-minor up to date for the guard, and
// shows the plans' costs beside the picker before anyone presses the pay button.
import 'instalment-guard/element';
// The picker's figures come from the package, as the reminder's do: the same rate, by the same
// jurisdiction's rules. (Initialised already by the element entry: init() returns at once.)
import init, { disclose } from 'instalment-guard';
import { LOCALES, initialLocale, translator, applyTranslations, syncLanguageSwitch } from './i18n.js';
import { SHOPS, LENDER_ABROAD, formatters, regularPayment, describePlan, plansAbroad } from './money.js';

// Low enough that a small cart earns it too: its loss on a refund and rebuy shows after paying.
const COUPON = { minMinor: 20000, offMinor: 2000 };

// The demo's scenarios: which items the cart holds, and what the page tells the guard about the
// cart and the shopper (a real shop knows these from its own records and passes them the same
// way). Each passes every field, so switching scenarios leaves nothing of the last one behind.
const SCENARIOS = {
  durable: { without: [], state: { signals: { durable: true } } },
  small: { without: ['fridge'], state: {} },
  repaying: {
    without: [],
    state: { signals: { durable: true }, commitments: { count: 2, monthlyMinor: 80000 }, monthlyIncomeMinor: 1500000 },
  },
  stretched: {
    without: [],
    state: { signals: { durable: true }, commitments: { count: 4, monthlyMinor: 450000 } },
  },
  // The limit is the lender's: Huabei's in China, the pay-later lender's abroad (see plansAbroad).
  limit: { without: [], state: { signals: { durable: true } }, limitMinor: 300000 },
};

await init();

const CLEAR = { signals: null, commitments: null, monthlyIncomeMinor: null, availableCreditMinor: null };
const MAX_QTY = 99;

// Which plans each payment method sells, and the element preset that prices them. A balance
// payment is made at once, so it has none.
const PLAN_SETS = {
  huabei: { preset: 'huabei', ids: ['huabei-3', 'huabei-6', 'huabei-12'] },
  card: { preset: 'credit-card-cn', ids: ['card-3', 'card-6', 'card-12', 'card-24'] },
};

const form = document.getElementById('checkout');
const guard = form.querySelector('instalment-guard');
const items = [...form.querySelectorAll('[data-item]')];
const coupon = document.getElementById('coupon');
const scenario = document.getElementById('scenario');
const shop = document.getElementById('shop');
const planList = form.querySelector('[data-out="plan-list"]');
const planFieldset = planList.closest('fieldset');
const CAPTIONS = {
  'none-caption': 'fig.once',
  'per-caption': 'fig.perPeriod',
  'fee-caption': 'fig.fee',
  'apr-caption': 'fig.apr',
};
const out = (name, root = document) => root.querySelector(`[data-out="${name}"]`);

let locale = initialLocale();
const isAbroad = () => shop.value !== 'cn' && Boolean(SHOPS[shop.value]);
let t = translator(locale, isAbroad() ? 'abroad' : null);
let fmt = formatters(locale, SHOPS[shop.value]);

const method = () => form.elements.pay_method.value;
const chosenPlan = () => form.querySelector('input[name="instalment_plan"]:checked')?.value ?? '';

function quantity(item) {
  const input = item.querySelector('input');
  const n = Math.trunc(Number(input.value));
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), MAX_QTY) : 1;
}

function totals() {
  let itemsMinor = 0;
  for (const item of items) if (!item.hidden) itemsMinor += Number(item.dataset.priceMinor) * quantity(item);
  const couponApplies = coupon.checked && itemsMinor >= COUPON.minMinor;
  const offMinor = couponApplies ? COUPON.offMinor : 0;
  return { itemsMinor, offMinor, totalMinor: itemsMinor - offMinor };
}

function buildPlanOption(id) {
  const option = document.createElement('label');
  option.className = 'plan';
  option.dataset.planOption = id;
  const radio = document.createElement('input');
  radio.type = 'radio';
  radio.name = 'instalment_plan';
  radio.value = id;
  const name = document.createElement('span');
  name.className = 'plan-name';
  name.dataset.out = 'plan-name';
  const figures = document.createElement('span');
  figures.className = 'plan-figures';
  const captions = id ? ['per', 'fee', 'apr'] : ['none', 'fee', null];
  for (const caption of captions) {
    const figure = document.createElement('span');
    figure.className = 'figure';
    if (caption) {
      const c = document.createElement('span');
      c.className = 'figure-caption';
      c.dataset.out = `${caption}-caption`;
      const v = document.createElement('span');
      v.className = 'figure-value';
      v.dataset.fig = caption === 'none' ? 'per' : caption;
      figure.append(c, v);
    }
    figures.append(figure);
  }
  option.append(radio, name, figures);
  return option;
}

/** Puts the radios of `set` in the picker, keeping the shopper's number of months if it exists. */
function showPlanOptions(set) {
  const ids = ['', ...set.ids];
  const current = [...planList.querySelectorAll('input')].map((r) => r.value);
  if (current.join() === ids.join()) return;
  const months = describePlan(chosenPlan())?.periods;
  planList.replaceChildren(...ids.map(buildPlanOption));
  const keep = set.ids.find((id) => describePlan(id).periods === months) ?? '';
  planList.querySelector(`input[value="${keep}"]`).checked = true;
}

function renderPlans(totalMinor) {
  const set = PLAN_SETS[method()];
  let estimates = [];
  let ineligible = [];
  try {
    ({ estimates, ineligible } = guard.assess());
  } catch {
    // The element logs its own configuration error; the picker then offers no plan.
    estimates = [];
  }
  for (const option of planList.querySelectorAll('[data-plan-option]')) {
    const id = option.dataset.planOption;
    const radio = option.querySelector('input');
    const plan = describePlan(id);
    out('plan-name', option).textContent = plan ? t('plans.periods', { n: plan.periods }) : t('plans.none');
    for (const caption of option.querySelectorAll('[data-out$="-caption"]')) {
      caption.textContent = t(CAPTIONS[caption.dataset.out]);
    }
    const per = option.querySelector('[data-fig="per"]');
    const fee = option.querySelector('[data-fig="fee"]');
    const apr = option.querySelector('[data-fig="apr"]');
    if (!id) {
      per.textContent = fmt.money(totalMinor);
      fee.textContent = fmt.money(0);
      continue;
    }
    const estimate = estimates.find((e) => e.planId === id);
    option.classList.toggle('unavailable', !estimate);
    radio.disabled = !estimate || !set;
    if (estimate) {
      per.textContent = fmt.money(regularPayment(estimate));
      fee.textContent = fmt.money(estimate.totalFeeMinor);
      // The rate the reminder leads with, named as it names it abroad (APRC, representative
      // APR): its figure alone, since the caption says the rest ("10.5% APR representative"
      // would break inside a word in a phone's column).
      const d = disclose(estimate, isAbroad() ? shop.value : 'cn', { locale });
      const rate = d.items.find((i) => i.key === d.prominent);
      apr.textContent = rate.text.split(' ')[0];
      if (isAbroad()) option.querySelector('[data-out="apr-caption"]').textContent = rate.label;
    } else {
      const why = ineligible.find((i) => i.planId === id)?.reason;
      per.textContent = t(why === 'OVER_CREDIT_LIMIT' || why === 'PROVIDER_UNAVAILABLE' ? 'plans.overLimit' : 'plans.unavailable');
      fee.textContent = '';
      apr.textContent = '';
      if (radio.checked) planList.querySelector('input[value=""]').checked = true;
    }
  }

  // Short, since the caption says what it is; each half unbroken, so a narrow column wraps
  // between them rather than inside an amount.
  const chosen = estimates.find((e) => e.planId === chosenPlan());
  const parts = set && chosen
    ? [t('summary.planPeriods', { n: chosen.periods }), t('summary.planValue', { amount: fmt.money(regularPayment(chosen)) })]
    : [t('summary.planNone')];
  out('plan').replaceChildren(
    ...parts.map((text) => Object.assign(document.createElement('span'), { className: 'nowrap', textContent: text })),
  );
}

function render() {
  const { itemsMinor, offMinor, totalMinor } = totals();
  // The guard watches this attribute: the reminder always shows the cart as it is now.
  form.dataset.amountMinor = String(totalMinor);
  form.elements.amount_minor.value = String(totalMinor);

  for (const item of items) {
    const price = Number(item.dataset.priceMinor);
    const qty = quantity(item);
    out('price', item).textContent = fmt.money(price);
    out('subtotal', item).textContent = fmt.money(price * qty);
    for (const button of item.querySelectorAll('[data-step]')) {
      const step = Number(button.dataset.step);
      // aria-disabled rather than disabled: a disabled button would drop keyboard focus.
      button.setAttribute('aria-disabled', String(step < 0 ? qty <= 1 : qty >= MAX_QTY));
    }
  }

  out('coupon-label').textContent = t('coupon.label', {
    min: fmt.moneyWhole(COUPON.minMinor),
    off: fmt.moneyWhole(COUPON.offMinor),
  });
  const unmet = out('coupon-unmet');
  unmet.hidden = itemsMinor >= COUPON.minMinor;
  unmet.textContent = t('coupon.unmet', { min: fmt.moneyWhole(COUPON.minMinor) });

  out('items').textContent = fmt.money(itemsMinor);
  out('delivery').textContent = fmt.money(0);
  out('coupon-line').hidden = offMinor === 0;
  out('coupon').textContent = `−${fmt.money(offMinor)}`;
  out('total').textContent = fmt.money(totalMinor);

  const set = PLAN_SETS[method()];
  // Abroad, the amounts the page tells the guard are in the shop's currency.
  const told = SCENARIOS[scenario.value] ?? SCENARIOS.durable;
  out('scenario-note').textContent = t(`scenario.note.${scenario.value}`, {
    monthly: fmt.money(told.state.commitments?.monthlyMinor ?? 0),
    income: fmt.money(told.state.monthlyIncomeMinor ?? 0),
    limit: fmt.money(told.limitMinor ?? 0),
  });
  out('plans-heading').textContent = t(`plans.heading.${set ? method() : 'none'}`);
  out('plans-note').textContent = t(set ? `plans.note.${method()}` : 'plans.balance');
  planFieldset.hidden = !set;
  planFieldset.disabled = !set;
  renderPlans(totalMinor);
}

function setMethod() {
  const set = PLAN_SETS[method()];
  if (set) {
    showPlanOptions(set);
    if (shop.value === 'cn') {
      guard.removeAttribute('plans');
      if (guard.getAttribute('preset') !== set.preset) guard.setAttribute('preset', set.preset);
    } else {
      guard.removeAttribute('preset');
      guard.setAttribute('plans', JSON.stringify(plansAbroad(set.ids)));
    }
  }
  // The element rebuilds its guard one microtask after an attribute changes; ask it after that.
  queueMicrotask(render);
}

/** Plays the shop in China or abroad: its currency, its plans, and its law's disclosure. */
function setShop() {
  const where = SHOPS[shop.value] ? shop.value : 'cn';
  guard.setAttribute('currency', SHOPS[where]);
  guard.setAttribute('disclosure', where);
  fmt = formatters(locale, SHOPS[where]);
  t = translator(locale, isAbroad() ? 'abroad' : null);
  applyTranslations(document, t);
  form.elements.shop.value = where;
  setMethod();
  // The scenario's limit is the lender's of this shop.
  setScenario();
}

function setScenario() {
  const s = SCENARIOS[scenario.value] ?? SCENARIOS.durable;
  for (const item of items) {
    item.hidden = s.without.includes(item.dataset.item);
    // An item taken out of the cart sends no quantity: the server prices the cart it receives.
    item.querySelector('input').disabled = item.hidden;
  }
  const limit = s.limitMinor && { availableCreditMinor: { [isAbroad() ? LENDER_ABROAD : 'huabei']: s.limitMinor } };
  guard.update({ ...CLEAR, ...s.state, ...limit });
  render();
}

function setLocale(next) {
  locale = next;
  t = translator(locale, isAbroad() ? 'abroad' : null);
  fmt = formatters(locale, SHOPS[shop.value]);
  document.documentElement.lang = locale;
  guard.setAttribute('locale', locale);
  applyTranslations(document, t);
  document.title = t('page.checkout');
  syncLanguageSwitch(document, locale);
  form.elements.lang.value = locale;
  queueMicrotask(render);
}

function step(item, delta) {
  const input = item.querySelector('input');
  input.value = String(Math.min(Math.max(quantity(item) + delta, 1), MAX_QTY));
  render();
}

for (const item of items) {
  for (const button of item.querySelectorAll('[data-step]')) {
    button.addEventListener('click', () => step(item, Number(button.dataset.step)));
  }
  const input = item.querySelector('input');
  input.addEventListener('input', render);
  // Typing may leave "0" or nothing in the box: settle it once the shopper moves on.
  input.addEventListener('change', () => {
    input.value = String(quantity(item));
    render();
  });
}
coupon.addEventListener('change', render);
scenario.addEventListener('change', setScenario);
shop.addEventListener('change', () => {
  // A shop abroad speaks English here; the language links still switch it.
  if (shop.value !== 'cn' && locale !== 'en') setLocale('en');
  setShop();
});
form.addEventListener('change', (event) => {
  if (event.target.name === 'pay_method') setMethod();
  else if (event.target.name === 'instalment_plan') render();
});

// The order-complete page offers help after paying only to a shopper who was never asked: it
// learns whether the reminder was shown, and why the guard stayed quiet if it was not.
let reminded = false;
form.addEventListener('instalmentguard:remind', (event) => {
  if (!event.defaultPrevented) reminded = true;
});
form.addEventListener('submit', (event) => {
  if (event.defaultPrevented) return;
  form.elements.reminded.value = reminded ? '1' : '0';
  let quiet = [];
  try {
    quiet = reminded ? [] : guard.assess().reasons;
  } catch {
    // Without a verdict the page says nothing about the guard.
  }
  form.elements.quiet_reasons.value = quiet.join(' ');
  // The coupon this order used: a new order would not get it back.
  form.elements.coupon_minor.value = String(totals().offMinor);
});

// A balance payment cannot be split, so a reminder about instalments would only be in the way.
form.addEventListener('instalmentguard:remind', (event) => {
  if (!PLAN_SETS[method()]) event.preventDefault();
});

for (const link of document.querySelectorAll('[data-locale]')) {
  link.addEventListener('click', (event) => {
    const next = link.dataset.locale;
    if (!LOCALES.includes(next)) return;
    // Switch in place, keeping the cart; the address bar still tells a reload which language.
    event.preventDefault();
    history.replaceState(null, '', `?lang=${next}`);
    setLocale(next);
  });
}

const query = new URLSearchParams(location.search);
// ?scenario=small opens the demo on that scenario (the README's screenshots use it).
const asked = query.get('scenario');
if (asked && SCENARIOS[asked]) scenario.value = asked;
// ?shop=us (eu, uk) opens the shop abroad, in English as choosing it does, unless ?lang= names
// a language (initialLocale ignores any other).
const abroad = query.get('shop');
if (abroad && SHOPS[abroad]) {
  shop.value = abroad;
  if (abroad !== 'cn' && !LOCALES.includes(query.get('lang'))) locale = 'en';
}
setShop();
setLocale(locale);
setScenario();
// The element fetches its code after the page has loaded: the picker's figures come with it.
guard.ready.then(render, () => {});
