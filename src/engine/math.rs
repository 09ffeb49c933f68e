//! The float functions the engine needs, from libm: identical results natively and in wasm,
//! and no std required.

/// e^x.
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// e^x − 1, accurate for small x.
pub fn exp_m1(x: f64) -> f64 {
    libm::expm1(x)
}

/// The natural logarithm.
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// ln(1 + x), accurate for small x.
pub fn ln_1p(x: f64) -> f64 {
    libm::log1p(x)
}

/// The largest whole number not above x.
pub fn floor(x: f64) -> f64 {
    libm::floor(x)
}

/// Rounds half away from zero.
pub fn round(x: f64) -> f64 {
    libm::round(x)
}

/// True for finite numbers without a fractional part. Every double of magnitude 2^52 or more is
/// whole; below that, a round trip through i64 is exact exactly when x is whole. Inlined: the
/// rate solver and the tape reader ask it in their loops, and a call to libm's trunc costs there.
#[inline(always)]
pub fn is_whole(x: f64) -> bool {
    const ALL_WHOLE: f64 = 4_503_599_627_370_496.0;
    if x > -ALL_WHOLE && x < ALL_WHOLE {
        (x as i64) as f64 == x
    } else {
        x.is_finite()
    }
}

/// b^e for a whole exponent, by repeated squaring.
pub fn powi(mut b: f64, mut e: u32) -> f64 {
    let mut acc = 1.0;
    while e > 0 {
        if e & 1 == 1 {
            acc *= b;
        }
        b *= b;
        e >>= 1;
    }
    acc
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn powers_match_repeated_multiplication() {
        assert_eq!(powi(2.0, 10), 1024.0);
        assert_eq!(powi(0.5, 0), 1.0);
        assert!((powi(1.01, 60) - 1.01f64.powi(60)).abs() < 1e-13);
    }

    #[test]
    fn whole_numbers_are_recognised() {
        assert!(is_whole(3.0) && is_whole(-0.0) && is_whole(9.007199254740991e15));
        assert!(!is_whole(2.5) && !is_whole(f64::NAN) && !is_whole(f64::INFINITY));
        assert!(is_whole(4_503_599_627_370_496.0) && is_whole(-4_503_599_627_370_496.0));
        assert!(!is_whole(4_503_599_627_370_495.5) && !is_whole(-4_503_599_627_370_495.5));
        assert!(is_whole(1e300) && !is_whole(f64::NEG_INFINITY) && !is_whole(f64::MIN_POSITIVE));
    }

    proptest::proptest! {
        #[test]
        fn whole_agrees_with_truncation(x in proptest::num::f64::ANY) {
            proptest::prop_assert_eq!(is_whole(x), x.is_finite() && libm::trunc(x) == x);
        }
    }
}
