// The shop's own prices and coupon: the server prices every order from these, never from the
// amount the page sent. The checkout page is served with these same prices in its
// data-price-minor attributes (server.mjs), so what the shopper sees comes from here too.

/** Item id → price in fen. A real shop reads its catalogue from its database. */
export function defaultCatalogue() {
  return {
    fridge: 459900,
    kettle: 12900,
    deodoriser: 3990,
    boxes: 5900,
  };
}

// The checkout's shop coupon (www/js/checkout.js shows the same rule): ¥20 off from ¥200.
export const COUPON = { minMinor: 20000, offMinor: 2000 };
export const MAX_QTY = 99;

/**
 * The order the form describes, priced by `catalogue`: `qty_<item>` fields (1–99) and `coupon`.
 * Returns { lines, itemsMinor, couponMinor, totalMinor } or { error } for a form no checkout of
 * this shop could send.
 */
export function priceOrder(form, catalogue) {
  const lines = [];
  for (const [key, value] of form) {
    if (!key.startsWith('qty_')) continue;
    const item = key.slice(4);
    if (!Object.hasOwn(catalogue, item)) return { error: `unknown item ${item}` };
    if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > MAX_QTY) {
      return { error: `bad quantity for ${item}` };
    }
    if (lines.some((l) => l.item === item)) return { error: `${item} listed twice` };
    lines.push({ item, qty: Number(value), priceMinor: catalogue[item] });
  }
  if (lines.length === 0) return { error: 'empty cart' };
  const itemsMinor = lines.reduce((sum, l) => sum + l.qty * l.priceMinor, 0);
  const couponMinor = form.get('coupon') === '1' && itemsMinor >= COUPON.minMinor ? COUPON.offMinor : 0;
  return { lines, itemsMinor, couponMinor, totalMinor: itemsMinor - couponMinor };
}
