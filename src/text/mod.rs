//! Text handling: normalisation, sentences, quotes and the phrase matcher.

pub mod bits;
pub mod gate;
pub mod marks;
pub mod matcher;
pub mod normalize;
pub mod pattern;
pub mod quotes;
pub mod sentences;
pub mod windows;
