//! The TypeScript shapes of every object that crosses the boundary, written into the package's
//! `.d.ts` so editors check storefront code against them.
//!
//! Public only for tests/contract.rs, which holds these declarations to the Rust checks (codes,
//! reasons, locales, fee models, presets and field names); not part of the crate's API.

use wasm_bindgen::prelude::*;

/// The declarations of the pure functions' shapes, as the `.d.ts` carries them.
pub const TYPES: &str = r#"
/** A code an `InstalmentError` carries; branch on it, not on the message. */
export type InstalmentErrorCode =
  | "INVALID_AMOUNT" | "INVALID_CURRENCY" | "INVALID_RATE" | "INVALID_PLAN" | "INVALID_CONFIG"
  | "INVALID_STATE" | "INVALID_CASH_FLOW" | "INVALID_ARGUMENT" | "AMOUNT_OUT_OF_RANGE" | "NO_SOLUTION";

/** Every failure throws one of these: an `Error` with a stable `code` and the `field` at fault. */
export interface InstalmentError extends Error {
  name: "InstalmentError";
  code: InstalmentErrorCode;
  /** A path into your arguments, such as `plans[2].fee.rate`. */
  field: string;
}

/** How a plan charges for credit. Rates are decimal strings of fractions: "0.075" is 7.5%. */
export type Fee =
  | { model: "flatTotal"; rate: string | number; payer?: "shopper" | "merchant" }
  | { model: "perPeriod"; rate: string | number }
  | { model: "annuity"; annualRate: string | number }
  | { model: "interestFree" };

/** An instalment plan on offer. */
export interface PlanSpec {
  /** Unique within a config, and the value the form's plan field takes, e.g. "huabei-12". */
  id: string;
  /** Shown to the shopper as plain text; a label is made from provider and periods if absent. */
  label?: string;
  /** "huabei" | "credit_card" | "bnpl" | any merchant string. */
  provider?: string;
  /** Monthly periods, a whole number from 1 to 60. */
  periods: number;
  fee: Fee;
  /** The smallest amount the plan takes, in minor units, inclusive. */
  minAmountMinor?: number;
  /** The largest amount the plan takes, in minor units, inclusive. */
  maxAmountMinor?: number;
}

/** One period of a repayment schedule, in minor units. */
export interface ScheduleLine {
  period: number;
  principalMinor: number;
  feeMinor: number;
  paymentMinor: number;
}

/** A rate three ways. */
export interface AnnualRate {
  /** The monthly IRR r of the cash flows. */
  monthlyRate: number;
  /** 12 × r: the APR of US Regulation Z and of the PBoC's 2021 rule (年化利率). */
  aprNominal: number;
  /** (1 + r)^12 − 1: the EU and UK APRC. */
  aprEffective: number;
}

/** What a plan costs the shopper for one amount. Every amount is in minor units. */
export interface Estimate extends AnnualRate {
  planId: string;
  currency: string;
  amountMinor: number;
  periods: number;
  /** Always sums exactly to `totalRepaymentMinor`. */
  schedule: ScheduleLine[];
  /** Fees the shopper pays; 0 when interest-free. */
  totalFeeMinor: number;
  /** amountMinor + totalFeeMinor. */
  totalRepaymentMinor: number;
  /** Fees the merchant pays for the shopper; 0 unless `payer: "merchant"`. */
  merchantFeeMinor: number;
  interestFree: boolean;
}

/** Why a plan cannot take an amount. */
export type IneligibleReason = "BELOW_MIN" | "ABOVE_MAX" | "OVER_CREDIT_LIMIT" | "PROVIDER_UNAVAILABLE";

/** Every plan costed for one amount. */
export interface Comparison {
  /** Eligible plans only: interest-free first (longest first), then lowest `aprNominal`. */
  estimates: Estimate[];
  /** The amount reasons only (BELOW_MIN, ABOVE_MAX): `compare()` knows nothing of credit. */
  ineligible: { planId: string; reason: IneligibleReason }[];
  /** The first of `estimates`, or null when none is eligible. */
  recommendedPlanId: string | null;
}

/** One cash flow: + to the shopper (the advance), − paid by the shopper. */
export interface CashFlow {
  /** Months from the start; fractions allowed. */
  months: number;
  amountMinor: number;
}

/** A CNY order already paid in full, as the order-complete page knows it. */
export interface PaidOrder {
  amountMinor: number;
  /** The ways back are those of Chinese platforms and law: another currency is INVALID_CURRENCY. */
  currency: "CNY";
  paidWith: "huabei" | "credit_card" | "other";
  /** What the guard did at checkout. */
  checkout?: { reminded: boolean; quietReasons?: string[] };
  /** The instalment plans the checkout offered. */
  plans: PlanSpec[];
  /** Instalments open after paying; default: typical Huabei or card bill instalments, none for "other". */
  billPlans?: PlanSpec[];
  /** Coupons, red packets or sale price a new order would not get back (default 0). */
  lostOnRebuyMinor?: number;
  /** Default "unshipped". */
  status?: "unshipped" | "shipped" | "received";
  /** Whole days since receipt; with "received" and no value, refund and rebuy is closed. */
  receivedDaysAgo?: number;
  /** False for goods outside the 7-day rule (custom-made, perishable…). */
  returnable?: boolean;
}

/** Options of `remedy()`. */
export interface RemedyOptions {
  /** Default "zh-CN". */
  locale?: "zh-CN" | "zh-TW" | "en";
}

/** One way back from a paid order. */
export type RemedyKind = "billInstalment" | "refundAndRebuy" | "customerService" | "keep";

/** What a paid order can still do. */
export interface Remedy {
  /** Whether to offer help at all: never after a reminder, a heavy-repayment or opt-out silence, or with nothing missed. */
  offer: boolean;
  /** The plan the checkout would have listed first; null when none was eligible. */
  missed: Estimate | null;
  /** Keep first, then the available ways by cost, unknown cost after, then the unavailable ones. */
  options: {
    kind: RemedyKind;
    available: boolean;
    /** Why not: NOT_CREDIT, NO_BILL_PLAN, NO_ELIGIBLE_PLAN, RETURN_NOT_ALLOWED, RETURN_WINDOW_CLOSED. */
    reason: string | null;
    /** The plan this way ends on. */
    estimate: Estimate | null;
    /** Beyond the price: fees and lost discounts; null when unknown (customer service). */
    costMinor: number | null;
    /** costMinor − missed.totalFeeMinor: what forgetting costs this way. */
    extraCostMinor: number | null;
    /** What to do, in order, in the locale. */
    steps: string[];
  }[];
  /** The cheaper available way to still get instalments (ties: billInstalment). */
  recommended: "billInstalment" | "refundAndRebuy" | null;
}

/** The languages the widget speaks, as `disclose()`, `remedy()` and the results name them. */
export type LocaleName = "zh-CN" | "zh-TW" | "en";

/** Whose disclosure rules: China, the United States, the European Union, the United Kingdom. */
export type Jurisdiction = "cn" | "us" | "eu" | "uk";

/** Options of `disclose()`. */
export interface DiscloseOptions {
  /** Default: "zh-CN" for "cn", "en" otherwise. */
  locale?: "zh-CN" | "zh-TW" | "en";
  /** The cash price, for the EU's and UK's `cashPrice` item (minor units). */
  cashPriceMinor?: number;
}

/** The figures one jurisdiction's law expects beside an instalment amount. */
export interface Disclosure {
  jurisdiction: Jurisdiction;
  locale: "zh-CN" | "zh-TW" | "en";
  /** In display order; the prominent one first. */
  items: {
    key: string;
    label: string;
    text: string;
    /** An amount, in minor units. */
    minor?: number;
    /** A rate as a fraction, rounded as shown (0.1357 for 13.57%). */
    rate?: number;
    /** Months or payments. */
    count?: number;
  }[];
  /** The key shown at least as prominently as any other figure. */
  prominent: string;
  /** Shown once, above the plans (the EU's "Borrowing money costs money."); null where none. */
  warning: string | null;
  /** The whole disclosure as one plain-text paragraph: a representative example. */
  summary: string;
}

/** A built-in list of plans (all priced in CNY). */
export type PresetName = "huabei" | "huabei-interest-free" | "credit-card-cn";

/** How and when the guard reminds. */
export interface GuardConfig {
  currency: string;
  /** The plans on offer, at most 64; give these or `preset`. */
  plans?: PlanSpec[];
  /** A built-in plan list instead of `plans`. */
  preset?: PresetName;
  /**
   * Any tag of Chinese or English, in any case: "en-US" gives "en", "zh-HK" or "zh-Hant" gives
   * "zh-TW", "zh-cn" gives "zh-CN"; another language is INVALID_CONFIG. Default: from
   * `<html lang>` by the same rule (another language there gives "en"), else "zh-CN".
   */
  locale?: LocaleName | (string & {});
  /** The form field (radios or a select) whose value is the chosen plan id. Default "instalment_plan". */
  planField?: string;
  /** Scopes the shopper's "don't remind me again". */
  shopId?: string;
  remind?: {
    /** Stay quiet below this amount (minor units). */
    minAmountMinor?: number;
    /** Remind only when an interest-free plan is eligible. */
    interestFreeOnly?: boolean;
    /** 1 (the default): one reminder per checkout, then submits go through. 0 never reminds. */
    maxPerCheckout?: 0 | 1;
    /** Default true: offer "don't remind me again". */
    allowDontRemind?: boolean;
    /** Default true: stay quiet (HEAVY_REPAYMENTS) when the affordability level is "high". */
    quietWhenHeavy?: boolean;
  };
  /** Whom to remind: a logistic model of the chance this shopper wants instalments. */
  likelihood?: {
    /** Replace the built-in weights whole (see `instalment-guard-fit`). */
    weights?: LikelihoodWeights;
    /** In [0, 1]; default 0.5. Quiet (UNLIKELY) below it; 0 reminds whatever the score. */
    threshold?: number;
  };
  /**
   * Whose figures the reminder shows under each plan (see `disclose()`). Default from the
   * currency: CNY "cn", USD "us", GBP "uk", EUR and the other EU currencies "eu", else "none"
   * (the per-period amount, the fee and the annualised rate, side by side).
   */
  disclosure?: Jurisdiction | "none";
  /** The merchant's or lender's approved wording, plain text, at most 500 characters, beside the figures. */
  promotionText?: string | { "zh-CN"?: string; "zh-TW"?: string; en?: string };
  /**
   * The hidden form field, created when missing, that tells the server what the guard did on
   * each submit it lets through: "reminded", or "quiet:" and the verdict's reasons, comma-
   * separated. Written by the page, so untrusted: use it only to decide whether the order page
   * offers help. Default "instalment_guard"; "" sets no field.
   */
  reportField?: string;
  /** Which plan the reminder lists first. */
  recommend?: {
    /** When no plan is interest-free: "lowestApr" (default) or "lowestFee". */
    objective?: "lowestApr" | "lowestFee";
    /** The shopper's per-period budget: plans above it are set aside when any plan fits. */
    maxPerPeriodMinor?: number;
  };
}

/** A logistic model; a weight left out counts as 0. */
export interface LikelihoodWeights {
  intercept: number;
  /** × ln(amount in major units). */
  lnAmount?: number;
  /** × 1 when an eligible plan costs the shopper nothing. */
  interestFree?: number;
  /** × the lowest aprNominal among eligible plans (0 when one is interest-free). */
  bestApr?: number;
  /** × 1 when `signals.durable`. */
  durable?: number;
  /** × +1 (last time a plan), −1 (paid in full), 0 (unknown). */
  priorInstalment?: number;
}

/** The checkout as it stands. */
export interface CheckoutState {
  amountMinor: number;
  /** "" and "none" mean no instalments. */
  selectedPlanId?: string | null;
  /** Reminders already shown in this checkout (default 0); `update()` takes it to carry the count over. */
  remindersShown?: number;
  /** For `assess()`: the shopper asked not to be reminded again (default false). */
  dontRemind?: boolean;
  /** What the page knows; nothing is stored. */
  signals?: {
    /** The cart holds durable goods (appliances, phones, furniture…). */
    durable?: boolean | null;
    /** The shopper's last choice in this shop: true a plan, false in full; absent unknown. */
    priorInstalment?: boolean | null;
  } | null;
  /** Instalment plans the shopper already repays. */
  commitments?: { count: number; monthlyMinor: number } | null;
  /** Only if the shopper gave it; never stored. A positive whole number of minor units. */
  monthlyIncomeMinor?: number | null;
  /** Credit available per provider, e.g. { huabei: 300000 }; 0 means not available. */
  availableCreditMinor?: { [provider: string]: number } | null;
}

/** Stable codes for why the guard reminds, or why it stays quiet. */
export type VerdictReason =
  | "NO_PLAN_SELECTED" | "ELIGIBLE_PLANS" | "INTEREST_FREE_AVAILABLE"
  | "PLAN_SELECTED" | "NO_ELIGIBLE_PLAN" | "BELOW_REMIND_MINIMUM" | "NO_INTEREST_FREE_PLAN"
  | "REMINDER_LIMIT_REACHED" | "SHOPPER_OPTED_OUT" | "NO_PLAN_IN_FORM" | "AMOUNT_UNKNOWN"
  | "UNLIKELY" | "HEAVY_REPAYMENTS";

/** Why a plan is listed first. */
export type RecommendationReason = "INTEREST_FREE" | "LOWEST_APR" | "LOWEST_FEE";

/** How heavy the shopper's instalment repayments would be. */
export type AffordabilityLevel = "ok" | "caution" | "high";

/** What would happen on submit now. */
export interface Verdict {
  remind: boolean;
  reasons: VerdictReason[];
  /** As in `compare()`, with the recommended plan moved first. */
  estimates: Estimate[];
  /** `recommendation.planId`, or null. */
  recommendedPlanId: string | null;
  /** Every plan not offered: the amount reasons, then the credit ones. */
  ineligible: { planId: string; reason: IneligibleReason }[];
  /** Null when no plan is eligible, the amount is unknown, or no weights exist for the currency. */
  likelihood: {
    score: number;
    logit: number;
    threshold: number;
    /** Every feature with a non-zero weight; `intercept + Σ weight × value` is the logit. */
    contributions: { feature: string; value: number; weight: number }[];
  } | null;
  recommendation: {
    planId: string;
    reason: RecommendationReason;
    /** Null when no `maxPerPeriodMinor` was given. */
    withinBudget: boolean | null;
  } | null;
  /** Null when no plan is recommended. */
  affordability: {
    monthlyBeforeMinor: number;
    monthlyAfterMinor: number;
    plansAfter: number;
    shareOfIncome: number | null;
    level: AffordabilityLevel;
  } | null;
}

/**
 * The figures `jurisdiction`'s law expects beside an instalment amount, for an `Estimate` as
 * `estimate()` or `compare()` returned it: each item with its label and text in the locale, the
 * key to show most prominently, the warning to show once, and the whole as one paragraph.
 */
export function disclose(estimate: Estimate, jurisdiction: Jurisdiction, options?: DiscloseOptions): Disclosure;

/**
 * What a shopper who paid a CNY order in full can still do: whether to offer help at all, the
 * plan they missed, and every way back (keep, bill instalment, refund and rebuy, customer
 * service) with whether it is open, what it costs beyond the price and the steps to take.
 */
export function remedy(order: PaidOrder, options?: RemedyOptions): Remedy;
"#;

#[wasm_bindgen(typescript_custom_section)]
const TYPES_SECTION: &'static str = TYPES;

#[cfg(feature = "dom")]
#[wasm_bindgen(typescript_custom_section)]
const DOM_TYPES: &'static str = r#"
/** The `detail` of the guard's events, by event name. All bubble from the form. */
export interface InstalmentGuardEventDetail {
  /** The dialog is about to open; cancelable: preventDefault() lets the submit through instead. */
  "instalmentguard:remind": Verdict;
  /** The shopper chose a plan; the form's plan field is set and the form submits. */
  "instalmentguard:choose": { planId: string };
  /** The shopper chose to pay in full; the form submits unchanged. */
  "instalmentguard:proceed": { planId: null };
  /** The shopper closed the dialog; nothing was submitted. */
  "instalmentguard:dismiss": { planId: null };
}

/**
 * Each event as a listener receives it: `form.addEventListener("instalmentguard:choose", (ev) =>
 * ev.detail.planId)` is typed, on the form, any element around it, and the document.
 */
export type InstalmentGuardEventMap = {
  [K in keyof InstalmentGuardEventDetail]: CustomEvent<InstalmentGuardEventDetail[K]>;
};

/** `<instalment-guard for="checkout" currency="CNY" preset="huabei">` */
export interface InstalmentGuardElement extends HTMLElement {
  /** Tells the guard about a new cart total or plan choice. */
  update(state: Partial<CheckoutState>): void;
  /** What would happen on submit now; quiet with AMOUNT_UNKNOWN until the amount is known. */
  assess(): Verdict;
  /** The configuration error that keeps the element inactive, if any. */
  readonly error: InstalmentError | null;
}

/** `<instalment-remedy currency="CNY" amount-minor="111111" paid-with="huabei">` on the order page. */
export interface InstalmentRemedyElement extends HTMLElement {
  /** The attribute error that keeps the element empty, if any. */
  readonly error: InstalmentError | null;
}

declare global {
  interface HTMLElementTagNameMap {
    "instalment-guard": InstalmentGuardElement;
    "instalment-remedy": InstalmentRemedyElement;
  }
  interface HTMLElementEventMap extends InstalmentGuardEventMap {}
  interface DocumentEventMap extends InstalmentGuardEventMap {}
}
"#;
