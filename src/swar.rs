//! Eight bytes at a time in a `u64` (SWAR): byte classes for the header and timestamp
//! parsers, which run on every request.

/// `0x01` in every byte.
pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is ASCII and within `lo..=hi` (`hi` below
/// `0x7f`); every other bit clear.
pub(crate) const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    // Adding (0x80 - n) to a byte below 0x80 sets its high bit iff the byte >= n, without
    // carrying into the next byte.
    let low7 = x & !HI;
    let at_least_lo = low7.wrapping_add((0x80 - lo as u64) * LO);
    let above_hi = low7.wrapping_add((0x80 - hi as u64 - 1) * LO);
    at_least_lo & !above_hi & !x & HI
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_range_marks_exactly_the_bytes_in_range() {
        for (lo, hi) in [(b'A', b'Z'), (b'0', b'9'), (0, 0x7e)] {
            for b in 0..=255u8 {
                for pos in 0..8 {
                    let x = u64::from_le_bytes(std::array::from_fn(|i| {
                        if i == pos { b } else { 0xff - b }
                    }));
                    let marked = in_range(x, lo, hi) >> (8 * pos) & 0x80 != 0;
                    assert_eq!(
                        marked,
                        (lo..=hi).contains(&b),
                        "{b:#x} at {pos} in {lo}..={hi}"
                    );
                }
            }
        }
    }
}
