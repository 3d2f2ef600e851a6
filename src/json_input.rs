//! JSON files claimcheck reads back (shard reports, baselines), read an
//! element at a time into what they feed: only a small file's text is
//! held whole.

use crate::error::Error;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use std::io::{BufReader, Read};
use std::path::Path;

/// Files up to this size are read whole before they are parsed:
/// `serde_json` parses bytes in memory faster than a stream, which it
/// reads a byte at a time, and a file this small costs less than the
/// report's budget.
const HELD: u64 = 8 << 20;

/// Reads the file at `path` with `seed`; `what` ("a claimcheck baseline")
/// says in an error what the file is not.
pub fn read_path<S, V>(path: &Path, what: &str, seed: S) -> Result<V, Error>
where
    S: for<'de> DeserializeSeed<'de, Value = V>,
{
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| Error::reading(name.clone(), &e);
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    let parsed = if len <= HELD {
        let mut bytes = Vec::with_capacity(len as usize + 1);
        file.read_to_end(&mut bytes).map_err(cannot)?;
        parse(&mut serde_json::Deserializer::from_slice(&bytes), seed)
    } else {
        let input = BufReader::with_capacity(1 << 16, file);
        parse(&mut serde_json::Deserializer::from_reader(input), seed)
    };
    parsed.map_err(|reason| not(&name, what, reason))
}

/// [`read_path`] for a document already in memory; `name` names it.
pub fn read_bytes<'de, S: DeserializeSeed<'de>>(
    bytes: &'de [u8],
    name: &str,
    what: &str,
    seed: S,
) -> Result<S::Value, Error> {
    parse(&mut serde_json::Deserializer::from_slice(bytes), seed)
        .map_err(|reason| not(name, what, reason))
}

fn not(name: &str, what: &str, reason: String) -> Error {
    Error::Read {
        path: name.to_string(),
        reason: format!("not {what}: {reason}"),
    }
}

/// The whole document, with the line, column and key path of the first
/// error in it.
fn parse<'de, R: serde_json::de::Read<'de>, S: DeserializeSeed<'de>>(
    de: &mut serde_json::Deserializer<R>,
    seed: S,
) -> Result<S::Value, String> {
    let mut track = serde_path_to_error::Track::new();
    seed.deserialize(serde_path_to_error::Deserializer::new(&mut *de, &mut track))
        .and_then(|value| de.end().map(|()| value))
        .map_err(|e| {
            format!(
                "line {}, column {}: {}: {}",
                e.line(),
                e.column(),
                track.path(),
                e
            )
        })
}

/// The error for a field of `fields` given twice in a document read key by
/// key (`serde` wants the field's name as a `&'static str`).
pub fn duplicate<E: de::Error>(fields: &'static [&'static str], key: &str) -> E {
    E::duplicate_field(fields.iter().find(|f| **f == key).copied().unwrap_or(""))
}

/// A list read an element at a time, each handed to `add`: no list is
/// held whole. Its value is how many elements there were.
pub struct Each<T, F> {
    add: F,
    element: std::marker::PhantomData<T>,
}

impl<T, F> Each<T, F> {
    pub fn new(add: F) -> Self {
        Each {
            add,
            element: std::marker::PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T) -> Result<(), String>> DeserializeSeed<'de>
    for Each<T, F>
{
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T) -> Result<(), String>> Visitor<'de> for Each<T, F> {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<usize, A::Error> {
        let mut n = 0;
        while let Some(element) = seq.next_element::<T>()? {
            (self.add)(element).map_err(de::Error::custom)?;
            n += 1;
        }
        Ok(n)
    }
}
