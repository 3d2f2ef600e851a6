//! A bit set of hashes: the first, cheap test of the hashed lookups.

/// A set of hashes that may answer yes wrongly but never no wrongly: one
/// bit per hash, with at least 32 bits for each member, so about one
/// hash in 32 that is not a member is let through.
pub struct Bits {
    words: Vec<u64>,
    shift: u32,
}

impl Bits {
    pub fn new(hashes: impl ExactSizeIterator<Item = u64>) -> Bits {
        let bits = (hashes.len() * 32).next_power_of_two().max(1 << 12);
        let mut set = Bits {
            words: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
        };
        for h in hashes {
            let i = set.index(h);
            set.words[i / 64] |= 1 << (i % 64);
        }
        set
    }

    fn index(&self, hash: u64) -> usize {
        // The top bits of a multiplied hash are its best mixed.
        (hash.wrapping_mul(0xff51_afd7_ed55_8ccd) >> self.shift) as usize
    }

    pub fn contains(&self, hash: u64) -> bool {
        let i = self.index(hash);
        self.words[i / 64] & (1 << (i % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spread(i: u64) -> u64 {
        (i ^ 0x9e37_79b9_7f4a_7c15).wrapping_mul(0xbf58_476d_1ce4_e5b9)
    }

    /// Every member is found, and about one other hash in 32 or fewer.
    #[test]
    fn holds_its_members_and_lets_few_others_through() {
        for n in [0usize, 1, 100, 5_000, 40_000] {
            let set = Bits::new((0..n).map(|i| spread(i as u64)));
            assert!((0..n as u64).all(|i| set.contains(spread(i))), "{n}");
            let others = 100_000;
            let through = (n..n + others)
                .filter(|&i| set.contains(spread(i as u64)))
                .count();
            assert!(through * 25 < others, "{n}: {through} of {others}");
        }
    }
}
