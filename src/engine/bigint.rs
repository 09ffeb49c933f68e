//! Just enough unsigned big-integer arithmetic to round an annuity payment exactly.
//!
//! The level payment P·i/(1−(1+i)^−n) is a ratio of numbers with hundreds of digits when the rate
//! has nine decimals and n is 60; a float would round it without saying so. Only multiplication
//! by a small factor, subtraction and comparison are needed.

use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// A non-negative integer, little-endian base-2^32 limbs, no trailing zero limbs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Big(Vec<u32>);

impl Big {
    /// The value `n`.
    pub fn from_u128(mut n: u128) -> Big {
        let mut limbs = Vec::new();
        while n > 0 {
            limbs.push(n as u32);
            n >>= 32;
        }
        Big(limbs)
    }

    /// `self × k`.
    pub fn mul_u64(&self, k: u64) -> Big {
        // Two 32-bit steps keep every partial product inside a u64 carry chain.
        self.mul_u32(k as u32)
            .add(&self.mul_u32((k >> 32) as u32).shift_limbs(1))
    }

    fn mul_u32(&self, k: u32) -> Big {
        let mut out = Vec::with_capacity(self.0.len() + 1);
        let mut carry: u64 = 0;
        for &limb in &self.0 {
            let t = limb as u64 * k as u64 + carry;
            out.push(t as u32);
            carry = t >> 32;
        }
        out.push(carry as u32);
        Big(out).trimmed()
    }

    fn shift_limbs(&self, n: usize) -> Big {
        if self.0.is_empty() {
            return self.clone();
        }
        let mut out = vec![0; n];
        out.extend_from_slice(&self.0);
        Big(out)
    }

    /// `self + other`.
    pub fn add(&self, other: &Big) -> Big {
        let len = self.0.len().max(other.0.len());
        let mut out = Vec::with_capacity(len + 1);
        let mut carry: u64 = 0;
        for i in 0..len {
            let t =
                *self.0.get(i).unwrap_or(&0) as u64 + *other.0.get(i).unwrap_or(&0) as u64 + carry;
            out.push(t as u32);
            carry = t >> 32;
        }
        out.push(carry as u32);
        Big(out).trimmed()
    }

    /// `self − other`, or `None` when `other` is larger.
    pub fn sub(&self, other: &Big) -> Option<Big> {
        if self.cmp(other) == Ordering::Less {
            return None;
        }
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow: i64 = 0;
        for i in 0..self.0.len() {
            let mut t = self.0[i] as i64 - *other.0.get(i).unwrap_or(&0) as i64 - borrow;
            borrow = 0;
            if t < 0 {
                t += 1 << 32;
                borrow = 1;
            }
            out.push(t as u32);
        }
        Some(Big(out).trimmed())
    }

    /// `self^n` for a small base, by repeated multiplication (n ≤ 60 here).
    pub fn pow(base: u64, n: u32) -> Big {
        let mut acc = Big::from_u128(1);
        for _ in 0..n {
            acc = acc.mul_u64(base);
        }
        acc
    }

    fn trimmed(mut self) -> Big {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    /// ⌊num / den⌋ when the quotient is known to fit in 64 bits; `None` when `den` is zero or the
    /// quotient is larger. Found bit by bit: q·den ≤ num decides each bit from the top.
    pub fn div_small_quotient(num: &Big, den: &Big) -> Option<u64> {
        if den.0.is_empty() || den.mul_u64(u64::MAX).cmp(num) == Ordering::Less {
            return None;
        }
        let mut q: u64 = 0;
        for bit in (0..64).rev() {
            let trial = q | (1u64 << bit);
            if den.mul_u64(trial).cmp(num) != Ordering::Greater {
                q = trial;
            }
        }
        Some(q)
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn to_u128(b: &Big) -> u128 {
        b.0.iter()
            .rev()
            .fold(0u128, |acc, &l| (acc << 32) | l as u128)
    }

    #[test]
    fn powers_match_integer_arithmetic() {
        assert_eq!(
            to_u128(&Big::pow(12_000_000_000, 3)),
            12_000_000_000u128.pow(3)
        );
        assert_eq!(Big::pow(7, 0), Big::from_u128(1));
        // 2^64 squared needs five limbs, more than a u128 holds.
        let big = Big::pow(1 << 32, 5);
        assert_eq!(big.0, vec![0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn division_finds_the_floor() {
        let num = Big::pow(10, 30);
        let den = Big::pow(10, 12);
        assert_eq!(
            Big::div_small_quotient(&num, &den),
            Some(1_000_000_000_000_000_000)
        );
        assert_eq!(
            Big::div_small_quotient(&Big::from_u128(7), &Big::from_u128(2)),
            Some(3)
        );
        assert_eq!(
            Big::div_small_quotient(&Big::from_u128(7), &Big::from_u128(0)),
            None
        );
        assert_eq!(
            Big::div_small_quotient(&Big::pow(10, 40), &Big::from_u128(1)),
            None
        );
    }

    proptest! {
        #[test]
        fn arithmetic_agrees_with_u128(a in any::<u64>(), b in any::<u64>(), k in any::<u64>()) {
            let (ba, bb) = (Big::from_u128(a as u128), Big::from_u128(b as u128));
            prop_assert_eq!(to_u128(&ba.add(&bb)), a as u128 + b as u128);
            prop_assert_eq!(to_u128(&ba.mul_u64(k)), a as u128 * k as u128);
            prop_assert_eq!(ba.sub(&bb).map(|d| to_u128(&d)), (a as u128).checked_sub(b as u128));
            prop_assert_eq!(ba.cmp(&bb), a.cmp(&b));
            if b > 0 {
                let prod = Big::from_u128(a as u128 * b as u128 + (k % b) as u128);
                prop_assert_eq!(Big::div_small_quotient(&prod, &bb), Some(a));
            }
        }
    }
}
