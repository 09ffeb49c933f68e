//! instalment-guard: notices a shopper paying without an instalment plan, shows what each plan
//! really costs (per period, total fee and annualised rate, exact to the minor unit) and reminds
//! them once before they pay, never blocking the payment.
#![warn(missing_docs)]

pub mod engine;
