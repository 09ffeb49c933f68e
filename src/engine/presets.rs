//! Ready-made plan lists for `preset="…"`, so a Chinese storefront needs no plan JSON at all.

use alloc::string::ToString;
use alloc::vec::Vec;

use super::error::{Code, Error, Result};
use super::plan::{Fee, Plan};
use super::rate::Rate;

/// The preset names, for messages and documentation.
pub const NAMES: &[&str] = &["huabei", "huabei-interest-free", "credit-card-cn"];

/// The plans of preset `name` for `currency`. Every preset here is priced in yuan.
pub fn plans(name: &str, currency: &str, field: &str) -> Result<Vec<Plan>> {
    let list: &[(u32, Fee)] =
        match name {
            // Huabei's shopper-paid total fees for 3, 6 and 12 periods, the only counts Alipay offers.
            "huabei" => &[
                (3, hb(23_000_000, false)),
                (6, hb(45_000_000, false)),
                (12, hb(75_000_000, false)),
            ],
            // The same plans with the fee paid by the merchant (hb_fq_seller_percent = 100).
            "huabei-interest-free" => &[
                (3, hb(23_000_000, true)),
                (6, hb(45_000_000, true)),
                (12, hb(75_000_000, true)),
            ],
            // Typical per-period fees of Chinese bank card instalments; banks differ, so a merchant
            // who knows the issuer's table should give it as plans instead.
            "credit-card-cn" => &[
                (3, card(9_000_000)),
                (6, card(7_500_000)),
                (12, card(6_000_000)),
                (24, card(6_000_000)),
            ],
            other => return Err(Error::new(
                Code::InvalidConfig,
                field,
                &[
                    "must be \"huabei\", \"huabei-interest-free\" or \"credit-card-cn\", got \"",
                    other,
                    "\"",
                ],
            )),
        };
    if currency != "CNY" {
        return Err(Error::new(
            Code::InvalidConfig,
            field,
            &[
                "\"",
                name,
                "\" is priced in CNY; for ",
                currency,
                " give your own plans instead",
            ],
        ));
    }
    let (provider, prefix, min_amount) = if name == "credit-card-cn" {
        // Card issuers set their own floors; 500 yuan is a common one for purchase instalments.
        ("credit_card", "card-", 50_000)
    } else {
        // Twelve payments of a few jiao help nobody: from 100 yuan up, a plan is worth offering.
        ("huabei", "huabei-", 10_000)
    };
    Ok(list
        .iter()
        .map(|&(periods, fee)| Plan {
            id: prefix.to_string() + &super::error::digits(periods as u128),
            label: None,
            provider: Some(provider.to_string()),
            periods,
            fee,
            min_amount: Some(min_amount),
            max_amount: None,
        })
        .collect())
}

const fn hb(nanos: u64, merchant_pays: bool) -> Fee {
    Fee::FlatTotal {
        rate: Rate::from_nanos(nanos),
        merchant_pays,
    }
}

const fn card(nanos: u64) -> Fee {
    Fee::PerPeriod {
        rate: Rate::from_nanos(nanos),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_preset_builds_for_cny() {
        for name in NAMES {
            let plans = plans(name, "CNY", "preset").expect(name);
            assert!(plans.len() >= 3);
            let ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();
            assert!(
                ids.iter().all(|id| *id != "none" && !id.is_empty()),
                "{ids:?}"
            );
        }
        let hb = plans("huabei", "CNY", "preset").expect("huabei");
        assert_eq!(
            hb.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            vec!["huabei-3", "huabei-6", "huabei-12"]
        );
    }

    #[test]
    fn unknown_presets_and_other_currencies_are_refused() {
        assert_eq!(
            plans("klarna", "CNY", "preset").map_err(|e| e.code),
            Err(Code::InvalidConfig)
        );
        let e = plans("huabei", "USD", "preset").expect_err("USD");
        assert!(e.message.contains("CNY"), "{}", e.message);
    }
}
