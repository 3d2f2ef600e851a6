//! Compiles the built-in date and dateline patterns (`src/temporal/sources.rs`)
//! to dense DFAs, so that a run loads them instead of compiling them: for a
//! handful of articles, compiling ~36 patterns was most of the run. The DFAs
//! are written to `$OUT_DIR/patterns.bin`, with a table of where each one
//! starts in `$OUT_DIR/patterns.rs` (read by `src/text/pattern.rs`).

use regex_automata::dfa::{dense, regex};
use std::fmt::Write as _;
use std::path::PathBuf;

#[path = "src/temporal/sources.rs"]
mod sources;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/temporal/sources.rs");
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut bytes: Vec<u8> = Vec::new();
    let mut table = String::new();
    for (name, sources) in sources::all() {
        writeln!(table, "pub const {name}: &[Prebuilt] = &[").unwrap();
        for source in sources {
            let re = regex::Builder::new()
                .dense(dense::Config::new().minimize(true))
                .build(&source)
                .unwrap_or_else(|e| panic!("built-in pattern {source:?}: {e}"));
            let mut ranges = Vec::new();
            for dfa in [re.forward(), re.reverse()] {
                let (serialized, pad) = if big_endian {
                    dfa.to_bytes_big_endian()
                } else {
                    dfa.to_bytes_little_endian()
                };
                // Each DFA starts at a multiple of 8 of a buffer aligned to 8.
                bytes.resize(bytes.len().next_multiple_of(8), 0);
                let start = bytes.len();
                bytes.extend_from_slice(&serialized[pad..]);
                ranges.push(start..bytes.len());
            }
            writeln!(
                table,
                "    Prebuilt {{ forward: {:?}, reverse: {:?} }},",
                ranges[0], ranges[1]
            )
            .unwrap();
        }
        writeln!(table, "];").unwrap();
    }
    std::fs::write(out.join("patterns.bin"), bytes).expect("write patterns.bin");
    std::fs::write(out.join("patterns.rs"), table).expect("write patterns.rs");
}
