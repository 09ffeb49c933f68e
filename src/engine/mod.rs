//! The pure core: money, fee models, schedules, the IRR, the reminder decision and its words.
//! Nothing here knows about JS or the DOM, so all of it is tested natively with `cargo test`.

pub mod advice;
pub mod bigint;
pub mod catalogue;
pub mod compare;
pub mod disclose;
pub mod error;
pub mod irr;
pub mod json;
pub mod math;
pub mod messages;
pub mod money;
pub mod payment;
pub mod plan;
pub mod presets;
pub mod rate;
pub mod remedy;
pub mod remind;
pub mod schedule;
pub mod value;

pub use compare::{compare, Comparison};
pub use error::{Code, Error, Result};
pub use irr::{solve as annual_rate, AnnualRate, Flow};
pub use messages::Locale;
pub use money::Currency;
pub use payment::{payment_params, verify_choice, Choice, PaymentParams, Provider, VerifiedChoice};
pub use plan::{Fee, Ineligible, Plan};
pub use remind::{assess, CheckoutState, GuardConfig, Reason, RemindPolicy, StateUpdate, Verdict};
pub use schedule::{estimate, Estimate, Line};
pub use value::Value;
