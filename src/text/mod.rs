//! Text handling: normalisation, sentences, quotes and the phrase matcher.

pub mod bits;
pub mod marks;
pub mod matcher;
pub mod normalize;
pub mod pattern;
pub mod phrases;
pub mod quotes;
pub mod runs;
pub mod scan;
pub mod sentences;

/// Texts for the byte-scanning tests: `per_len` texts of every length
/// below `max_len` (or a little over, as pieces are whole), each made of
/// `pieces` picked by a fixed sequence, so every run sees the same texts.
#[cfg(test)]
pub(crate) fn sample_texts(pieces: &[&str], max_len: usize, per_len: usize) -> Vec<String> {
    let mut seed = 7u64;
    let mut texts = Vec::new();
    for len in 0..max_len {
        for _ in 0..per_len {
            let mut text = String::new();
            while text.len() < len {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            texts.push(text);
        }
    }
    texts
}
