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

/// True for finite numbers without a fractional part.
pub fn is_whole(x: f64) -> bool {
    x.is_finite() && libm::trunc(x) == x
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
    }
}
