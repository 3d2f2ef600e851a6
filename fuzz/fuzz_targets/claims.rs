//! The claims loader on arbitrary bytes: an error or claims, never a panic,
//! and every error names a place inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(claimcheck::Error::Claims(e)) = claimcheck::claims::parse(text, "fuzz.yaml") {
        let lines = text.lines().count().max(1);
        assert!(
            e.line <= lines + 1,
            "error line {} past the end ({lines})",
            e.line
        );
        let _ = e.to_string();
    }
});
