//! Reading ahead of a cold page cache.
//!
//! The checking threads read articles one at a time each: when an archive
//! is not in memory, every read waits on the disk, and two threads keep
//! only two reads in flight. The walk runs well ahead of them, so it asks
//! the kernel to start reading the files it hands over
//! (`posix_fadvise(WILLNEED)`), and the disk gets many requests at once.
//! It does so only while the files are not in memory: it looks at one
//! file in [`PROBE`] with a read that is refused rather than wait
//! (`RWF_NOWAIT`), so that an archive already in memory pays one open
//! in 64 and nothing else.

use std::path::Path;

/// One file in this many is looked at while the files are in memory.
const PROBE: u64 = 64;

/// Once a file is found out of memory, every file is looked at (and read
/// ahead if it is out too) until this many in a row are found in memory.
const AHEAD: u32 = 64;

/// How much of a file is read ahead: articles are smaller, and a huge one
/// is read ahead by the kernel as it is read.
#[cfg(target_os = "linux")]
const READ_AHEAD: u64 = 1 << 20;

/// What the walk does about the page cache, file by file.
#[derive(Debug, Default)]
pub struct Prefetch {
    seen: u64,
    /// Files still to be looked at one by one.
    cold: u32,
}

impl Prefetch {
    /// Called with each file the walk hands over: reads it ahead if the
    /// page cache is cold.
    pub fn file(&mut self, path: &Path) {
        self.step(|| look(path));
    }

    /// The decision, apart from the system: `look` tells whether the
    /// file was out of memory (and has been read ahead), or `None` if
    /// that cannot be known. Returns whether it was called.
    fn step(&mut self, look: impl FnOnce() -> Option<bool>) -> bool {
        self.seen += 1;
        if self.cold == 0 && !self.seen.is_multiple_of(PROBE) {
            return false;
        }
        match look() {
            Some(true) => self.cold = AHEAD,
            Some(false) => self.cold = self.cold.saturating_sub(1),
            // No answer (another system, a filesystem that cannot say):
            // nothing is read ahead.
            None => self.cold = 0,
        }
        true
    }
}

/// Whether the file at `path` is out of memory, after asking the kernel
/// to read it ahead if it is.
#[cfg(target_os = "linux")]
fn look(path: &Path) -> Option<bool> {
    use rustix::fs::{Advice, fadvise};
    use rustix::io::{Errno, ReadWriteFlags, preadv2};
    use std::io::IoSliceMut;
    use std::num::NonZeroU64;

    let file = std::fs::File::open(path).ok()?;
    let mut byte = [0u8; 1];
    match preadv2(
        &file,
        &mut [IoSliceMut::new(&mut byte)],
        0,
        ReadWriteFlags::NOWAIT,
    ) {
        Ok(_) => Some(false),
        Err(Errno::AGAIN) => {
            fadvise(&file, 0, NonZeroU64::new(READ_AHEAD), Advice::WillNeed).ok()?;
            Some(true)
        }
        Err(_) => None,
    }
}

#[cfg(not(target_os = "linux"))]
fn look(_path: &Path) -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which of files 1 to `n` are looked at, when those in `cold` are
    /// out of memory.
    fn looked_at(n: u64, cold: std::ops::Range<u64>) -> Vec<u64> {
        let mut prefetch = Prefetch::default();
        (1..=n)
            .filter(|i| prefetch.step(|| Some(cold.contains(i))))
            .collect()
    }

    #[test]
    fn reads_ahead_only_while_the_files_are_out_of_memory() {
        // All in memory: one file in 64.
        assert_eq!(looked_at(256, 0..0), vec![64, 128, 192, 256]);
        // All out of memory: from the first look on, every file.
        assert_eq!(looked_at(200, 1..1000), (64..=200).collect::<Vec<_>>());
        // Out of memory from 64 to 99: every file until 64 in a row are
        // in memory (100 to 163), then one in 64 again.
        let want: Vec<u64> = (64..=163).chain([192, 256]).collect();
        assert_eq!(looked_at(256, 64..100), want);
    }

    #[test]
    fn no_answer_reads_nothing_ahead() {
        let mut prefetch = Prefetch::default();
        let looks = (0..256).filter(|_| prefetch.step(|| None)).count();
        assert_eq!(looks, 4);
    }

    /// Whatever the file, looking at it never fails the walk.
    #[test]
    fn looks_at_any_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "text").unwrap();
        for path in [file.as_path(), dir.path(), &dir.path().join("missing.txt")] {
            let _ = look(path);
        }
        assert_eq!(look(&dir.path().join("missing.txt")), None);
        // Just written, the file is in memory (tmpfs cannot say: `None`).
        assert_ne!(look(&file), Some(true));
    }
}
