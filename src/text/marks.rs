//! Finding the next of four bytes: the first bytes of the marks that
//! sentences and quotations are split at. Three are searched with
//! `memchr3` and the fourth (the lead byte of `…`, `“` or `«`) with
//! `memchr`; each search's next hit is kept until it is passed, so a
//! text is searched about once for each of them, however the caller skips.

pub struct Marks<'a> {
    hay: &'a [u8],
    three: [u8; 3],
    fourth: u8,
    /// The next position of one of `three` at or after `three_from`
    /// (`hay.len()` for none).
    three_at: usize,
    three_from: usize,
    fourth_at: usize,
    fourth_from: usize,
}

impl<'a> Marks<'a> {
    pub fn new(hay: &'a [u8], three: [u8; 3], fourth: u8) -> Marks<'a> {
        Marks {
            hay,
            three,
            fourth,
            three_at: 0,
            three_from: usize::MAX,
            fourth_at: 0,
            fourth_from: usize::MAX,
        }
    }

    /// The first position at or after `from` that holds one of the bytes.
    pub fn next(&mut self, from: usize) -> Option<usize> {
        let len = self.hay.len();
        if from >= len {
            return None;
        }
        if self.three_from > from || self.three_at < from {
            let [a, b, c] = self.three;
            self.three_at = memchr::memchr3(a, b, c, &self.hay[from..]).map_or(len, |k| from + k);
            self.three_from = from;
        }
        if self.fourth_from > from || self.fourth_at < from {
            self.fourth_at =
                memchr::memchr(self.fourth, &self.hay[from..]).map_or(len, |k| from + k);
            self.fourth_from = from;
        }
        let at = self.three_at.min(self.fourth_at);
        (at < len).then_some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every position, asked for from every start, is the first byte of
    /// the set there, as a plain scan finds it.
    #[test]
    fn finds_what_a_byte_scan_finds() {
        let texts: [&[u8]; 5] = [
            b"",
            b"no marks at all",
            b"One. Two! \"Three?\" x",
            "“Quoted” … and «angled» ‘single’ it's.".as_bytes(),
            b"..!!??''\"\"",
        ];
        let set = [b'.', b'!', b'?', 0xE2];
        for hay in texts {
            let scan = |from: usize| (from..hay.len()).find(|&i| set.contains(&hay[i]));
            // Forwards from each start, and then jumping back and forth.
            let mut marks = Marks::new(hay, [b'.', b'!', b'?'], 0xE2);
            for from in 0..=hay.len() + 1 {
                assert_eq!(marks.next(from), scan(from), "{hay:?} from {from}");
            }
            let mut marks = Marks::new(hay, [b'.', b'!', b'?'], 0xE2);
            for from in (0..=hay.len()).rev().chain(0..=hay.len()).step_by(3) {
                assert_eq!(marks.next(from), scan(from), "{hay:?} from {from}");
            }
        }
    }
}
