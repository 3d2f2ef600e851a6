//! Runs of bytes that may make words, found 64 bytes at a time from bit
//! masks of the bytes' classes.

/// A run of bytes that may make words: ASCII letters and digits, and
/// non-ASCII bytes (which may be letters or punctuation).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Run {
    pub start: usize,
    pub end: usize,
    /// It has a non-ASCII byte.
    pub high: bool,
}

/// Calls `take` on each run of `bytes` in order, until it returns true
/// (and then returns true). Runs are found 64 bytes at a time: each block
/// is classed into bit masks, and runs begin and end at the edges of the
/// mask of bytes that may make words. In a block, the k-th end closes the
/// k-th start, but for a run begun in an earlier block, which the block's
/// first end closes.
#[inline(always)]
pub(super) fn runs(bytes: &[u8], mut take: impl FnMut(Run) -> bool) -> bool {
    let len = bytes.len();
    // Whether the last block ended inside a run, and where that run began.
    let mut carry = 0;
    let mut open = 0;
    let mut base = 0;
    // A run open at the end of the text is ended by one more, empty block.
    while base < len || carry != 0 {
        let (word, high) = match bytes.get(base..base + 64) {
            Some(block) => classify(block.try_into().expect("64 bytes")),
            None => {
                // The last block, padded with separators.
                let mut block = [0u8; 64];
                let rest = bytes.get(base..).unwrap_or_default();
                block[..rest.len()].copy_from_slice(rest);
                classify(&block)
            }
        };
        let before = (word << 1) | carry;
        let mut starts = word & !before;
        let mut ends = !word & before;
        // A run begun in an earlier block is closed by this block's first
        // end (few are); this loop has one call of `take`, to inline it.
        let mut carried = carry != 0;
        while ends != 0 {
            let end = ends.trailing_zeros();
            ends &= ends - 1;
            let (start, high) = if carried {
                carried = false;
                // Its bytes are looked at again.
                let end = base + end as usize;
                (open, !bytes[open..end].is_ascii())
            } else {
                let start = starts.trailing_zeros();
                starts &= starts - 1;
                // Most blocks are all ASCII.
                let high = high != 0 && high & (u64::MAX << start) & !(u64::MAX << end) != 0;
                (base + start as usize, high)
            };
            if take(Run {
                start,
                end: base + end as usize,
                high,
            }) {
                return true;
            }
        }
        if starts != 0 {
            open = base + starts.trailing_zeros() as usize;
        }
        carry = word >> 63;
        base += 64;
    }
    false
}

/// Bit masks of a block's bytes that may make words (ASCII letters and
/// digits, and non-ASCII bytes), and of its non-ASCII bytes.
#[inline]
fn classify(block: &[u8; 64]) -> (u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of every x86_64 target.
        unsafe { sse2::classify(block) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable::classify(block)
    }
}

/// Sixteen bytes at a time, one vector compare per class: a third of the
/// instructions of eight bytes at a time in general registers.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8,
    };

    #[target_feature(enable = "sse2")]
    pub fn classify(block: &[u8; 64]) -> (u64, u64) {
        let mut word = 0;
        let mut high = 0;
        for (i, sixteen) in block.chunks_exact(16).enumerate() {
            let v = load(sixteen);
            // A byte shifted so that its class's range starts at -128 is
            // in the class when it is below -128 plus the range's size.
            let letter = _mm_cmplt_epi8(
                _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x1f)),
                _mm_set1_epi8(-128 + 26),
            );
            let digit = _mm_cmplt_epi8(
                _mm_add_epi8(v, _mm_set1_epi8(0x50)),
                _mm_set1_epi8(-128 + 10),
            );
            // A non-ASCII byte's top bit is set: it makes words too.
            let words = _mm_or_si128(_mm_or_si128(letter, digit), v);
            word |= (_mm_movemask_epi8(words) as u16 as u64) << (16 * i);
            high |= (_mm_movemask_epi8(v) as u16 as u64) << (16 * i);
        }
        (word, high)
    }

    /// Two loads the compiler joins into one, without a raw pointer.
    #[target_feature(enable = "sse2")]
    fn load(sixteen: &[u8]) -> __m128i {
        let half =
            |at: usize| i64::from_le_bytes(sixteen[at..at + 8].try_into().expect("eight bytes"));
        _mm_set_epi64x(half(8), half(0))
    }
}

/// Eight bytes at a time in general registers, for other targets (and
/// to hold the vector code to in tests).
#[cfg(any(not(target_arch = "x86_64"), test))]
mod portable {
    use super::super::normalize::{HIGH, alphanumeric};

    pub fn classify(block: &[u8; 64]) -> (u64, u64) {
        let eights: [u64; 8] = std::array::from_fn(|i| {
            u64::from_le_bytes(block[8 * i..8 * i + 8].try_into().expect("eight bytes"))
        });
        let mut word = 0;
        let mut high = 0;
        for (i, x) in eights.iter().enumerate() {
            word |= gather(alphanumeric(*x) | (x & HIGH)) << (8 * i);
            high |= gather(x & HIGH) << (8 * i);
        }
        (word, high)
    }

    /// The high bits of the eight bytes of `x`, as the eight low bits of a
    /// word: each lands at its own place in the product's top byte, and no
    /// two partial products meet.
    fn gather(x: u64) -> u64 {
        ((x >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::FOLD;
    use super::*;

    fn collect_runs(bytes: &[u8]) -> Vec<Run> {
        let mut out = Vec::new();
        runs(bytes, |run| {
            out.push(run);
            false
        });
        out
    }

    /// Runs found one byte at a time.
    fn runs_by_bytes(bytes: &[u8]) -> Vec<Run> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let in_run = |b: u8| FOLD[b as usize] != 0 || !b.is_ascii();
            if !in_run(bytes[at]) {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && in_run(bytes[at]) {
                at += 1;
            }
            let high = !bytes[start..at].is_ascii();
            out.push(Run {
                start,
                end: at,
                high,
            });
        }
        out
    }

    #[test]
    fn runs_are_found_across_blocks() {
        let pieces = ["a", "Z", "9", " ", ".", "é", "—", "\n", "word "];
        // A fixed sequence of texts, long enough to cross blocks, and
        // of every length up to three blocks.
        for text in crate::text::sample_texts(&pieces, 200, 8) {
            let bytes = text.as_bytes();
            assert_eq!(collect_runs(bytes), runs_by_bytes(bytes), "{text:?}");
        }
        let edge = format!("{}é{}", "a".repeat(63), "b".repeat(64));
        let got = collect_runs(edge.as_bytes());
        let want = [Run {
            start: 0,
            end: edge.len(),
            high: true,
        }];
        assert_eq!(got, want);
    }

    /// Each byte's classes, one byte at a time.
    fn classes_by_bytes(block: &[u8; 64]) -> (u64, u64) {
        let mut word = 0;
        let mut high = 0;
        for (i, &b) in block.iter().enumerate() {
            word |= u64::from(FOLD[b as usize] != 0 || !b.is_ascii()) << i;
            high |= u64::from(!b.is_ascii()) << i;
        }
        (word, high)
    }

    #[test]
    fn blocks_are_classed_as_one_by_one() {
        // Every class's edges, repeated to fill a block.
        let edges = b"-a-Z-0-.-z-A-9-/-@-[-`-{-:-\x7f-\x80-\xff-\xc3\xa9 word.Word9 \n\t";
        let filler: [u8; 64] = std::array::from_fn(|i| edges[i % edges.len()]);
        for b in 0..=255u8 {
            for k in 0..64 {
                let mut block = filler;
                block[k] = b;
                let want = classes_by_bytes(&block);
                assert_eq!(classify(&block), want, "{b} at {k}");
                assert_eq!(portable::classify(&block), want, "{b} at {k}");
            }
        }
    }
}
