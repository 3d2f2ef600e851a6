//! Reading time in text: finding date expressions, the tense that governs
//! them, and the calendar intervals they mean.

pub mod extract;
pub mod range;
pub mod resolve;
pub mod sources;
pub mod tense;

pub use extract::{Expression, Kind, extract};
pub use range::DateRange;
pub use resolve::{Resolution, resolve};
pub use tense::{Tense, tense_at};

#[cfg(test)]
mod tests;
