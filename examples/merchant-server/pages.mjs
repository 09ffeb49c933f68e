// The order page and the refusal page, rendered on the server from the order record into the
// storefront's www/order.html. Every value is escaped; nothing from the form is shown unless the
// server checked it first.

export const LOCALES = ['zh-CN', 'zh-TW', 'en'];

const TEXT = {
  'zh-CN': {
    title: '订单 - 好物集',
    placed: '订单已创建，等待付款',
    paid: '付款成功',
    declined: '花呗分期未能付款',
    refusedTitle: '订单没有提交',
    refusedChanged: '您看到分期金额之后，订单金额变了：现在是 {now}，页面上显示的是 {shown}。没有扣款。请回到结算页查看新的金额，再提交。',
    refusedPlan: '这个分期方案不能用于这笔订单，可能是页面被修改过。没有扣款。请回到结算页重新选择。',
    refusedCart: '订单内容无法识别。没有扣款。请回到结算页重新提交。',
    back: '返回结算页',
    order: '订单号',
    amount: '实付款',
    method: '支付方式',
    plan: '分期',
    planNone: '不分期',
    perPeriod: '每期 {amount}，共 {n} 期',
    fee: '手续费 {amount}',
    apr: '年化利率 {rate}',
    merchantPays: '手续费由商家承担',
    methods: { huabei: '花呗', balance: '余额', card: '信用卡' },
    sendsSummary: '您的服务器发送的内容',
    sendsNote: '这是服务器为支付宝生成的签名请求（alipay.trade.page.pay），用沙箱密钥签名，仅供演示；它从未被发送。',
    sendsNone: '支付宝无法表达这个分期方案（{code}），因此服务器不会生成支付宝请求：信用卡分期由发卡行办理。',
    signedUrl: '签名后的请求地址',
    simulate: '演示：模拟支付宝的付款结果',
    simulatePaid: '付款成功',
    simulateDeclined: '花呗分期被拒',
    retryLead: '可以改为一次付清，重新发起付款（新的商户订单号，不含分期参数）。',
    retry: '改为全额付款',
    attempt: '第 {n} 次付款请求',
  },
  'zh-TW': {
    title: '訂單 - 好物集',
    placed: '訂單已建立，等待付款',
    paid: '付款成功',
    declined: '花唄分期未能付款',
    refusedTitle: '訂單沒有提交',
    refusedChanged: '您看到分期金額之後，訂單金額變了：現在是 {now}，頁面上顯示的是 {shown}。沒有扣款。請回到結帳頁查看新的金額，再提交。',
    refusedPlan: '這個分期方案不能用於這筆訂單，可能是頁面被修改過。沒有扣款。請回到結帳頁重新選擇。',
    refusedCart: '訂單內容無法識別。沒有扣款。請回到結帳頁重新提交。',
    back: '返回結帳頁',
    order: '訂單號',
    amount: '實付款',
    method: '付款方式',
    plan: '分期',
    planNone: '不分期',
    perPeriod: '每期 {amount}，共 {n} 期',
    fee: '手續費 {amount}',
    apr: '年化利率 {rate}',
    merchantPays: '手續費由商家負擔',
    methods: { huabei: '花唄', balance: '餘額', card: '信用卡' },
    sendsSummary: '您的伺服器傳送的內容',
    sendsNote: '這是伺服器為支付寶產生的簽名請求（alipay.trade.page.pay），以沙盒金鑰簽名，僅供示範；它從未被傳送。',
    sendsNone: '支付寶無法表達這個分期方案（{code}），因此伺服器不會產生支付寶請求：信用卡分期由發卡行辦理。',
    signedUrl: '簽名後的請求網址',
    simulate: '示範：模擬支付寶的付款結果',
    simulatePaid: '付款成功',
    simulateDeclined: '花唄分期被拒',
    retryLead: '可以改為一次付清，重新發起付款（新的商戶訂單號，不含分期參數）。',
    retry: '改為全額付款',
    attempt: '第 {n} 次付款請求',
  },
  en: {
    title: 'Order - Haowuji',
    placed: 'Order placed, awaiting payment',
    paid: 'Paid',
    declined: 'The Huabei instalment payment did not go through',
    refusedTitle: 'The order was not placed',
    refusedChanged: 'The order total changed after you saw the instalment figures: it is now {now}, the page showed {shown}. Nothing was charged. Go back to the checkout to see the new figures, then submit again.',
    refusedPlan: 'This instalment plan cannot be used for this order; the page may have been altered. Nothing was charged. Go back to the checkout to choose again.',
    refusedCart: 'The order could not be read. Nothing was charged. Go back to the checkout and submit again.',
    back: 'Back to checkout',
    order: 'Order',
    amount: 'Total',
    method: 'Payment method',
    plan: 'Instalments',
    planNone: 'None',
    perPeriod: '{amount} a month for {n} months',
    fee: 'Fee {amount}',
    apr: 'Annualised rate {rate}',
    merchantPays: 'The shop pays the fee',
    methods: { huabei: 'Huabei', balance: 'Balance', card: 'Credit card' },
    sendsSummary: 'What your server sends',
    sendsNote: 'The signed request this server built for Alipay (alipay.trade.page.pay), signed with sandbox keys for the demo. It was never sent.',
    sendsNone: 'Alipay cannot express this plan ({code}), so the server builds no Alipay request: card instalments are arranged by the card issuer.',
    signedUrl: 'Signed request URL',
    simulate: 'Demo: simulate what Alipay reports',
    simulatePaid: 'Paid',
    simulateDeclined: 'Huabei instalments declined',
    retryLead: 'You can pay in full instead: a new payment request (a new merchant order number, no instalment fields).',
    retry: 'Pay in full instead',
    attempt: 'Payment request {n}',
  },
};

export const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);

function money(locale, minor) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(minor / 100);
}

/** `template` (www/order.html as built) with `html` in place of its marker and the page's language set. */
export function intoTemplate(template, locale, title, html) {
  return template
    .replace('<html lang="zh-CN">', `<html lang="${escape(locale)}">`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escape(title)}</title>`)
    .replace('<!--merchant-server:order-->', html);
}

/** Why a checkout form was refused, for the shopper: nothing charged, and the way back. */
export function refusalPage(template, { locale, why, nowMinor, shownMinor }) {
  const t = TEXT[locale];
  const message = why === 'changed'
    ? fill(t.refusedChanged, { now: money(locale, nowMinor), shown: money(locale, shownMinor) })
    : why === 'plan' ? t.refusedPlan : t.refusedCart;
  const html = `<section class="card done" aria-labelledby="refused-heading" data-refused="${escape(why)}">
  <h1 id="refused-heading">${escape(t.refusedTitle)}</h1>
  <p class="order-refused" role="alert">${escape(message)}</p>
  <a class="button" href="/?lang=${escape(locale)}">${escape(t.back)}</a>
</section>`;
  return intoTemplate(template, locale, t.title, html);
}

function estimateLines(t, locale, estimate) {
  const regular = estimate.schedule[estimate.schedule.length > 1 ? 1 : 0].paymentMinor;
  const lines = [
    fill(t.perPeriod, { amount: money(locale, regular), n: estimate.periods }),
    fill(t.fee, { amount: money(locale, estimate.totalFeeMinor) }),
    fill(t.apr, { rate: new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2 }).format(estimate.aprNominal) }),
  ];
  if (estimate.merchantFeeMinor > 0) lines.push(t.merchantPays);
  return lines;
}

function serverSends(t, attempt, n) {
  if (!attempt.url) {
    return `<details class="server-sends" data-out="server-sends">
  <summary>${escape(t.sendsSummary)}</summary>
  <p class="note">${escape(fill(t.sendsNone, { code: attempt.unsupported }))}</p>
</details>`;
  }
  const rows = Object.entries(attempt.fields.params)
    .filter(([k]) => k !== 'biz_content')
    .map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`)
    .join('');
  return `<details class="server-sends" data-out="server-sends">
  <summary>${escape(t.sendsSummary)} · ${escape(fill(t.attempt, { n }))}</summary>
  <p class="note">${escape(t.sendsNote)}</p>
  <p><strong>biz_content</strong></p>
  <pre data-out="biz-content">${escape(JSON.stringify(attempt.fields.bizContent, null, 2))}</pre>
  <dl>${rows}</dl>
  <p><strong>${escape(t.signedUrl)}</strong></p>
  <p class="signed-url"><code>${escape(attempt.url)}</code></p>
</details>`;
}

/** The order page: the order as the server recorded it, what it would send, and the help after paying. */
export function orderPage(template, order) {
  const { locale } = order;
  const t = TEXT[locale];
  const attempt = order.attempts.at(-1);
  const estimate = attempt.verified.estimate;
  const status = { awaiting: t.placed, paid: t.paid, declined: t.declined }[order.status];
  const facts = [
    [t.order, order.id],
    [t.amount, money(locale, order.totalMinor)],
    [t.method, t.methods[order.payMethod]],
    [t.plan, estimate ? estimateLines(t, locale, estimate).join(' · ') : t.planNone],
  ].map(([dt, dd]) => `<div><dt>${escape(dt)}</dt><dd>${escape(dd)}</dd></div>`).join('');

  const actions = [];
  if (order.status === 'awaiting' && attempt.url) {
    actions.push(`<p>${escape(t.simulate)}</p><div class="order-actions">
  <form method="post" action="/orders/${escape(order.id)}/result"><input type="hidden" name="result" value="paid"><button type="submit" class="button">${escape(t.simulatePaid)}</button></form>
  ${estimate ? `<form method="post" action="/orders/${escape(order.id)}/result"><input type="hidden" name="result" value="declined"><button type="submit" class="button">${escape(t.simulateDeclined)}</button></form>` : ''}
</div>`);
  }
  if (order.status === 'declined') {
    actions.push(`<p>${escape(t.retryLead)}</p><div class="order-actions">
  <form method="post" action="/orders/${escape(order.id)}/pay-in-full"><button type="submit" class="button" data-out="pay-in-full">${escape(t.retry)}</button></form>
</div>`);
  }

  // Help after paying, for a shopper who paid in full: the element decides whether to offer it
  // from the order record. The report field only says whether the shopper was reminded.
  let remedy = '';
  const first = order.attempts[0];
  const paidWith = { huabei: 'huabei', card: 'credit_card' }[order.payMethod];
  if (!first.verified.planId && paidWith) {
    const attrs = {
      currency: 'CNY',
      'amount-minor': order.totalMinor,
      'paid-with': paidWith,
      preset: order.preset,
      status: 'unshipped',
      'lost-on-rebuy-minor': order.couponMinor,
      locale,
    };
    if (order.report.reminded !== null) attrs.reminded = order.report.reminded ? 'true' : 'false';
    if (order.report.quietReasons.length) attrs['quiet-reasons'] = order.report.quietReasons.join(' ');
    remedy = `<div class="remedy-slot"><instalment-remedy ${Object.entries(attrs)
      .map(([k, v]) => `${k}="${escape(v)}"`)
      .join(' ')}></instalment-remedy></div>`;
  }

  const html = `<section class="card done" aria-labelledby="order-heading" data-order="${escape(order.id)}" data-status="${escape(order.status)}">
  <h1 id="order-heading">${escape(status)}</h1>
  <dl class="facts">${facts}</dl>
  ${serverSends(t, attempt, order.attempts.length)}
  <div class="order-status">${actions.join('\n')}</div>
  ${remedy}
  <a class="button" href="/?lang=${escape(locale)}">${escape(t.back)}</a>
</section>`;
  return intoTemplate(template, locale, t.title, html);
}
