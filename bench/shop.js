// The storefront pages of the per-page figures (issue 21, "Targets"): a checkout page and an
// order-complete page as a shop writes them, with one widget or none. The bench serves them from
// memory (bench/browser.js routes /bench/shop/*.html to these), so one template gives every
// language and every widget the same page around it.
//
//   checkoutPage({ lang, widget })  widget: 'none' | 'ours' | 'sezzle' | 'paypal'
//   orderPage({ lang })             <instalment-remedy> for an order paid in full with Huabei
//
// Ours is the one-line embed of README (pkg/web/element.js and the element); Sezzle's static
// widget is a classic <script> and a container, as its README shows a merchant; PayPal's
// messaging is its standalone script with a `data-pp-message` container. The peers' scripts are
// read at run time from outside the repository (../shared/peers, and an npm cache): see run.js.

/** The cart total of every checkout page, in fen: ¥3,999.00. */
export const AMOUNT_MINOR = 399_900;

const RADIOS = [['', '不分期'], ['huabei-3', '3 期'], ['huabei-6', '6 期'], ['huabei-12', '12 期']]
  .map(([v, label]) => `    <label><input type="radio" name="instalment_plan" value="${v}"${v ? '' : ' checked'}> ${label}</label>`)
  .join('\n');

// What each widget adds to the page: in <head>, and beside the total.
const WIDGETS = {
  none: { head: '', beside: '', before: '' },
  ours: {
    head: '<script type="module" src="/pkg/web/element.js"></script>',
    beside: '',
    before: '<instalment-guard for="checkout" currency="CNY" preset="huabei"></instalment-guard>',
  },
  sezzle: {
    head: '',
    beside: '<div id="sezzle-widget"></div>',
    // A merchant's tag: the bundle, then the widget for the price shown. Its default ceiling
    // is 2,500.00 (maxPrice, in cents), above which it renders nothing: raised, so it shows.
    after: `<script src="/peers/sezzle-static-widget.js"></script>
<script>new AwesomeSezzle({ amount: '$3,999.00', maxPrice: 500000, renderElement: 'sezzle-widget' }).init();</script>`,
  },
  paypal: {
    head: '',
    beside: '<div data-pp-message data-pp-amount="3999.00" data-pp-placement="payment"></div>',
    after: '<script src="/paypal/messaging.js" data-pp-account="DEV00000000NI"></script>',
  },
};

/** The checkout page: a cart, a total, the instalment choice and the pay button. */
export function checkoutPage({ lang = 'zh-CN', widget = 'none' } = {}) {
  const w = WIDGETS[widget];
  if (!w) throw new Error(`unknown widget ${widget}`);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>结算</title>
<link rel="stylesheet" href="/bench/pages/page.css">
${w.head}
</head>
<body>
<header>收银台</header>
<main>
${w.before ?? ''}
<form id="checkout" data-amount-minor="${AMOUNT_MINOR}" action="/bench/shop/paid.html">
  <ul>
    <li>电热水壶 ×1 ¥399.00</li>
    <li>空气净化器 ×1 ¥3,600.00</li>
  </ul>
  <div class="row"><span>应付</span><strong id="total">¥3,999.00</strong></div>
  ${w.beside}
  <fieldset>
${RADIOS}
  </fieldset>
  <button id="pay">提交订单</button>
</form>
</main>
<footer>配送与退换货说明</footer>
${w.after ?? ''}
</body>
</html>`;
}

/** The order-complete page of an order of ¥3,999.00 paid in full with Huabei, not reminded. */
export function orderPage({ lang = 'zh-CN' } = {}) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>订单已提交</title>
<link rel="stylesheet" href="/bench/pages/page.css">
<script type="module" src="/pkg/web/element.js"></script>
</head>
<body>
<header>订单已提交</header>
<main>
<p>订单号 20261207-0001，应付 ¥3,999.00，已用花呗全额支付。</p>
<instalment-remedy currency="CNY" amount-minor="${AMOUNT_MINOR}" paid-with="huabei" preset="huabei" status="unshipped"
                   lost-on-rebuy-minor="0" reminded="false"></instalment-remedy>
</main>
<footer>配送与退换货说明</footer>
</body>
</html>`;
}
