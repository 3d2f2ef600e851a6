//! The claims file: its model and its loader.

pub mod load;
pub mod model;
mod parts;
mod raw;

pub use load::{load, parse};
pub use model::*;
