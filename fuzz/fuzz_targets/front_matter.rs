//! Front matter on arbitrary text: the body starts on a char boundary inside
//! the text, and a bad block is an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(fm) = claimcheck::corpus::frontmatter::split(&text, 0) {
        assert!(fm.body_start <= text.len());
        assert!(text.is_char_boundary(fm.body_start));
    }
});
