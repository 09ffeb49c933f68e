// Money is integer fen end to end. Intl formats an exact decimal string, so no float ever sits
// between the cart and what the shopper reads.

/** 471790 → "4717.90" */
export function decimal(minor) {
  const fen = String(minor % 100).padStart(2, '0');
  return `${Math.trunc(minor / 100)}.${fen}`;
}

/**
 * Formatters for one locale: money(minor) in `currency` (CNY unless the demo plays a shop
 * abroad), and rate(fraction) as a two-place percentage.
 */
export function formatters(locale, currency = 'CNY') {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const whole = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  });
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return {
    money: (minor) => money.format(decimal(minor)),
    // For round sums in running text ("满1000减50"), where ".00" is noise.
    moneyWhole: (minor) => whole.format(decimal(minor)),
    rate: (fraction) => percent.format(fraction),
  };
}

/**
 * The amount a plan asks for each month: the second payment, since the first also carries the
 * rounding remainders (Huabei's rule), or the only one for a single payment.
 */
export function regularPayment(estimate) {
  const line = estimate.schedule[1] ?? estimate.schedule[0];
  return line.paymentMinor;
}

/** The plans the demo sells, by id: who lends and over how many months. */
export function describePlan(id) {
  const m = /^(huabei|card)-(\d{1,2})$/.exec(id ?? '');
  return m ? { provider: m[1], periods: Number(m[2]) } : null;
}

// The demo can also play a shop abroad, to show each jurisdiction's disclosure: the same cart
// priced in that currency, with pay-later plans of its own (the presets are Chinese plans).
export const SHOPS = { cn: 'CNY', us: 'USD', eu: 'EUR', uk: 'GBP' };
export const LENDER_ABROAD = 'bnpl';

/** The plans a shop abroad sells under the demo's plan ids. */
export function plansAbroad(ids) {
  return ids.map((id) => {
    const periods = describePlan(id).periods;
    const fee = periods <= 3
      ? { model: 'interestFree' }
      : { model: 'annuity', annualRate: periods <= 6 ? '0.0999' : '0.1499' };
    return { id, periods, provider: LENDER_ABROAD, fee };
  });
}
