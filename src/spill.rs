//! A sorted collection that holds a bounded share of itself in memory.
//!
//! What a check finds grows with the archive: at about a kilobyte a
//! conflict, a note per file skipped and a path per article for JUnit, an
//! archive of millions of articles would hold hundreds of megabytes.
//! [`Sorted`] holds items up to a budget of bytes, then writes them sorted
//! to an anonymous temporary file (a run) and starts again; the runs are
//! merged as they are read, as an external sort does (first into one run
//! without repeats, if runs may hold the same item). Below the budget
//! nothing touches the disk. Runs are JSON lines, read back with the
//! `serde` derives the items already have.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::sync::Arc;

/// What [`Sorted`] holds: items with an order and a size in memory.
pub trait Item: Serialize + DeserializeOwned + PartialEq + Clone {
    fn order(&self, other: &Self) -> Ordering;
    /// About what the item takes in memory, with what it owns.
    fn bytes(&self) -> usize;
}

impl Item for String {
    fn order(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }

    fn bytes(&self) -> usize {
        std::mem::size_of::<String>() + self.len()
    }
}

/// Bytes of items held in memory before they are written to a run: well
/// past what a 100 MB archive of dense copy finds (18 MB), so that such a
/// run never touches the disk, and far under the 100 MB a check may take.
pub const BUDGET: usize = 32 << 20;

/// Runs merged into one whenever there are this many, so that the files
/// open at once stay few whatever the archive's size.
const MAX_RUNS: usize = 64;

/// Items in order without repeats, once [`Sorted::finish`] has run.
#[derive(Debug, Clone)]
pub struct Sorted<T> {
    held: Vec<T>,
    held_bytes: usize,
    runs: Vec<Run>,
    budget: usize,
    len: usize,
    distinct: bool,
}

/// Items written in order to an anonymous temporary file, one JSON
/// document a line.
#[derive(Debug, Clone)]
pub struct Run {
    file: Arc<File>,
    len: usize,
}

impl<T> Default for Sorted<T> {
    fn default() -> Self {
        Sorted::with_budget(BUDGET)
    }
}

impl<T> FromIterator<T> for Sorted<T> {
    /// Items held in memory whatever their size (tests build reports
    /// so); [`Sorted::finish`] still sorts them.
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let held: Vec<T> = items.into_iter().collect();
        Sorted {
            len: held.len(),
            held,
            ..Sorted::with_budget(usize::MAX)
        }
    }
}

impl<T> Sorted<T> {
    /// Holds up to `budget` bytes of items before writing them to a run.
    pub fn with_budget(budget: usize) -> Self {
        Sorted {
            held: Vec::new(),
            held_bytes: 0,
            runs: Vec::new(),
            budget,
            len: 0,
            distinct: false,
        }
    }

    /// Promises that no item will equal one in another run, as when each
    /// article's findings are pushed together and articles are distinct
    /// paths: the runs are then merged as they are read, not first into
    /// one more run, which would write and read every item once more.
    pub fn distinct(mut self) -> Self {
        self.distinct = true;
        self
    }

    /// How many items there are: before [`Sorted::finish`], those held
    /// in memory and in runs, repeats and all.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether any item was written to disk.
    pub fn spilled(&self) -> bool {
        !self.runs.is_empty()
    }
}

impl<T: Item> Sorted<T> {
    pub fn push(&mut self, item: T) {
        self.held_bytes += item.bytes();
        self.held.push(item);
        self.len += 1;
    }

    /// Adds an item, writing what is held to a run once past the budget:
    /// for one thread; [`Sorted::take_if_full`] for several.
    pub fn add(&mut self, item: T) -> io::Result<()> {
        self.push(item);
        if let Some(full) = self.take_if_full() {
            let taken = full.len();
            self.add_run(Run::write(full)?, taken)?;
        }
        Ok(())
    }

    /// The items held, taken out to be written to a run once they pass
    /// the budget. The caller writes them ([`Run::write`]) and adds the
    /// run ([`Sorted::add_run`]), so that a lock around the collection
    /// need not be held while they are written.
    pub fn take_if_full(&mut self) -> Option<Vec<T>> {
        if self.held_bytes < self.budget || self.held.is_empty() {
            return None;
        }
        self.held_bytes = 0;
        Some(std::mem::take(&mut self.held))
    }

    /// Adds a run written from items taken out; `taken` is how many were.
    pub fn add_run(&mut self, run: Run, taken: usize) -> io::Result<()> {
        // Repeats dropped in the run no longer count.
        self.len = self.len - taken + run.len;
        self.runs.push(run);
        if self.runs.len() >= MAX_RUNS {
            let all = std::mem::take(&mut self.runs);
            self.runs.push(merge::<T>(&all, &[])?);
        }
        Ok(())
    }

    /// Sorts what is held and drops repeats; with runs that may repeat
    /// each other's items, merges them and what is held into one run.
    pub fn finish(&mut self) -> io::Result<()> {
        sort(&mut self.held);
        let one_run = self.held.is_empty() && self.runs.len() == 1;
        if self.runs.is_empty() || one_run || self.distinct {
            // Nothing to merge first: each run is in order without
            // repeats, and distinct runs are merged as they are read.
            self.len = self.held.len() + self.runs.iter().map(|r| r.len).sum::<usize>();
            return Ok(());
        }
        let run = merge(&self.runs, &self.held)?;
        self.held = Vec::new();
        self.held_bytes = 0;
        self.len = run.len;
        self.runs = vec![run];
        Ok(())
    }

    /// The items in order, once [`Sorted::finish`] has run: borrowed when
    /// held, read back when spilled. Reading may fail as any file read.
    pub fn iter(&self) -> Iter<'_, T> {
        match (self.runs.as_slice(), self.held.is_empty()) {
            ([], _) => Iter::Held(self.held.iter()),
            ([run], true) => Iter::Run(run.read()),
            (runs, _) => Iter::Merged(Merged::new(runs, &self.held)),
        }
    }

    /// Every item, in memory: for tests and small reports.
    pub fn to_vec(&self) -> io::Result<Vec<T>> {
        self.iter().map(|i| i.map(Cow::into_owned)).collect()
    }
}

/// Sorts with a stable sort (ties keep the order they came in) and drops
/// repeats. Checking first spares sorted items the sort and its scratch
/// copy of every item.
fn sort<T: Item>(items: &mut Vec<T>) {
    if !items.is_sorted_by(|a, b| a.order(b).is_le()) {
        items.sort_by(T::order);
    }
    items.dedup();
}

impl Run {
    /// Writes `items` sorted, without repeats, to a new run.
    pub fn write<T: Item>(mut items: Vec<T>) -> io::Result<Run> {
        sort(&mut items);
        let mut writer = RunWriter::new()?;
        for item in &items {
            writer.push(item)?;
        }
        writer.finish()
    }

    fn read<T: Item>(&self) -> RunReader<'_, T> {
        RunReader {
            lines: BufReader::with_capacity(
                1 << 16,
                At {
                    file: &self.file,
                    at: 0,
                },
            ),
            line: Vec::new(),
            _item: std::marker::PhantomData,
        }
    }
}

/// Merges `runs` and `held` (sorted) into one run, dropping repeats.
fn merge<T: Item>(runs: &[Run], held: &[T]) -> io::Result<Run> {
    let mut writer = RunWriter::new()?;
    let mut last: Option<Cow<T>> = None;
    for item in Merged::new(runs, held) {
        let item = item?;
        if last.as_ref() != Some(&item) {
            writer.push(&*item)?;
            last = Some(item);
        }
    }
    writer.finish()
}

/// Runs and what is held (each in order) read as one, in order; ties go
/// to the earlier run, then to what is held. Repeats are kept.
pub struct Merged<'a, T: Clone> {
    readers: Vec<RunReader<'a, T>>,
    held: std::slice::Iter<'a, T>,
    heap: BinaryHeap<Head<'a, T>>,
    started: bool,
    failed: bool,
}

impl<'a, T: Item> Merged<'a, T> {
    fn new(runs: &'a [Run], held: &'a [T]) -> Self {
        Merged {
            readers: runs.iter().map(Run::read).collect(),
            held: held.iter(),
            heap: BinaryHeap::with_capacity(runs.len() + 1),
            started: false,
            failed: false,
        }
    }

    /// Puts the next item of `source` (a run, or what is held) on the heap.
    fn refill(&mut self, source: usize) -> io::Result<()> {
        let next = match self.readers.get_mut(source) {
            Some(reader) => reader.next().transpose()?.map(Cow::Owned),
            None => self.held.next().map(Cow::Borrowed),
        };
        if let Some(item) = next {
            self.heap.push(Head { item, source });
        }
        Ok(())
    }
}

impl<'a, T: Item> Iterator for Merged<'a, T> {
    type Item = io::Result<Cow<'a, T>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let mut step = || -> io::Result<Option<Cow<'a, T>>> {
            if !self.started {
                self.started = true;
                for source in 0..=self.readers.len() {
                    self.refill(source)?;
                }
            }
            let Some(Head { item, source }) = self.heap.pop() else {
                return Ok(None);
            };
            self.refill(source)?;
            Ok(Some(item))
        };
        let next = step();
        self.failed = next.is_err();
        next.transpose()
    }
}

/// An item at the head of its source, ordered for a min-heap.
struct Head<'a, T: Clone> {
    item: Cow<'a, T>,
    source: usize,
}

impl<T: Item> Ord for Head<'_, T> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .item
            .order(&self.item)
            .then(other.source.cmp(&self.source))
    }
}

impl<T: Item> PartialOrd for Head<'_, T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: Item> PartialEq for Head<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<T: Item> Eq for Head<'_, T> {}

struct RunWriter {
    out: BufWriter<File>,
    len: usize,
}

impl RunWriter {
    fn new() -> io::Result<RunWriter> {
        Ok(RunWriter {
            out: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            len: 0,
        })
    }

    fn push<T: Serialize>(&mut self, item: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, item)?;
        self.out.write_all(b"\n")?;
        self.len += 1;
        Ok(())
    }

    fn finish(self) -> io::Result<Run> {
        let file = self.out.into_inner().map_err(|e| e.into_error())?;
        Ok(Run {
            file: Arc::new(file),
            len: self.len,
        })
    }
}

/// Reads a file from an offset of its own, so that readers of one run
/// never move each other's place.
struct At<'a> {
    file: &'a File,
    at: u64,
}

impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(self.file, buf, self.at)?;
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(self.file, buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

/// A run's items, read back in order.
pub struct RunReader<'a, T> {
    lines: BufReader<At<'a>>,
    line: Vec<u8>,
    _item: std::marker::PhantomData<T>,
}

impl<T: DeserializeOwned> Iterator for RunReader<'_, T> {
    type Item = io::Result<T>;

    fn next(&mut self) -> Option<io::Result<T>> {
        self.line.clear();
        match self.lines.read_until(b'\n', &mut self.line) {
            Ok(0) => None,
            Ok(_) => Some(serde_json::from_slice(&self.line).map_err(io::Error::from)),
            Err(e) => Some(Err(e)),
        }
    }
}

/// The items of a [`Sorted`], in order.
pub enum Iter<'a, T: Clone> {
    Held(std::slice::Iter<'a, T>),
    Run(RunReader<'a, T>),
    Merged(Merged<'a, T>),
}

impl<'a, T: Item> Iterator for Iter<'a, T> {
    type Item = io::Result<Cow<'a, T>>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Held(items) => items.next().map(|i| Ok(Cow::Borrowed(i))),
            Iter::Run(reader) => reader.next().map(|i| i.map(Cow::Owned)),
            Iter::Merged(merged) => merged.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings in a scrambled order, with repeats unless `distinct`, pushed
    /// into a collection of `budget` bytes the way `gather` does.
    fn sorted(budget: usize, n: usize, distinct: bool) -> Sorted<String> {
        let mut s = Sorted::with_budget(budget);
        if distinct {
            s = s.distinct();
        }
        for i in 0..n {
            let of = if distinct { n.max(1) } else { n / 2 + 1 };
            s.push(format!("{:05}", (i * 7919) % of));
            if let Some(full) = s.take_if_full() {
                let taken = full.len();
                let run = Run::write(full).unwrap();
                s.add_run(run, taken).unwrap();
            }
        }
        s.finish().unwrap();
        s
    }

    #[test]
    fn spilled_or_held_the_items_come_out_the_same() {
        for distinct in [false, true] {
            let of = if distinct { 1000 } else { 501 };
            let mut expected: Vec<String> = (0..1000)
                .map(|i| format!("{:05}", (i * 7919) % of))
                .collect();
            expected.sort();
            expected.dedup();
            assert_eq!(expected.len(), of);
            // Held whole; one run; a few runs; more than MAX_RUNS runs.
            for budget in [usize::MAX, 20_000, 2_000, 100] {
                let s = sorted(budget, 1000, distinct);
                let case = format!("budget {budget}, distinct {distinct}");
                assert_eq!(s.spilled(), budget < 40_000, "{case}");
                assert_eq!(s.len(), expected.len(), "{case}");
                assert_eq!(s.to_vec().unwrap(), expected, "{case}");
                // Read again, and by two readers at once, each in its place.
                let mut a = s.iter();
                let mut b = s.iter();
                assert_eq!(a.next().unwrap().unwrap(), b.next().unwrap().unwrap());
                assert_eq!(a.count() + 1, expected.len(), "{case}");
                assert_eq!(s.to_vec().unwrap(), expected, "{case}");
            }
        }
    }

    #[test]
    fn nothing_or_one_item() {
        for (budget, distinct) in [(usize::MAX, false), (1, false), (1, true)] {
            let s = sorted(budget, 0, distinct);
            assert!(s.is_empty() && !s.spilled());
            assert_eq!(s.to_vec().unwrap(), Vec::<String>::new());
            let s = sorted(budget, 1, distinct);
            assert_eq!(s.to_vec().unwrap(), vec!["00000".to_string()]);
        }
    }
}
