//! Loading a claims file: YAML parsing with positions, then validation of
//! ids, references, dates and `within` chains. Any fault stops the load with
//! one message naming the file, line, column and key.

use super::model::*;
use super::{parts, raw};
use crate::error::{ClaimsError, Error};
use crate::suggest;
use crate::temporal::DateRange;
use crate::text::normalize::normalize_phrase;
use chrono::NaiveDate;
use serde_saphyr::{Location, Spanned};
use std::collections::HashMap;
use std::path::Path;

/// Reads and validates the claims file at `path`.
pub fn load(path: &Path) -> Result<Claims, Error> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: file.clone() },
        _ if path.is_dir() => Error::Read {
            path: file.clone(),
            reason: "is a directory; expected a claims YAML file".into(),
        },
        _ => Error::reading(file.clone(), &e),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..at];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(valid.rsplit(|&b| b == b'\n').next().unwrap_or(&[]))
            .chars()
            .count()
            + 1;
        ClaimsError {
            file: file.clone(),
            line,
            column,
            key: String::new(),
            message: "the file is not valid UTF-8".into(),
            help: Some("save the claims file as UTF-8".into()),
            source_line: None,
        }
    })?;
    parse(&text, &file)
}

/// Budget against hostile YAML: deep nesting and alias bombs fail fast.
fn options() -> serde_saphyr::Options {
    options_for_part(1)
}

/// The budget for one of `parts` parts of a file: its share, so that
/// parts within theirs are a file within its own.
fn options_for_part(parts: usize) -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_nodes: 500_000 / parts,
            max_aliases: 1_000 / parts,
            max_anchors: 10_000 / parts,
        },
    }
}

/// Parts of a large claims file are at least this long: shorter ones
/// take longer to hand out than to read.
const PART_BYTES: usize = 64 * 1024;

/// Reads a large file in parts side by side (see `parts.rs`); none when
/// it is small, not cut, or a part cannot be read alone.
fn read_in_parts(text: &str, min: usize) -> Option<raw::File> {
    use rayon::prelude::*;
    // Four parts a thread: parts are cut by bytes, and a byte of people
    // or events costs 1.5-1.8 times a byte of quotes, so with two a
    // thread one thread read a third longer than the other.
    let parts = parts::cut(text, min, 4 * rayon::current_num_threads())?;
    let read: Vec<Option<raw::File>> = parts
        .par_iter()
        .map(|p| serde_saphyr::from_str_with_options(&p.text, options_for_part(parts.len())).ok())
        .collect();
    let mut file = raw::File::default();
    for part in read {
        file.join(part?)?;
    }
    Some(file)
}

/// Parses and validates claims-file text; `file` names it in messages.
///
/// ```
/// let text = "version: 1\nevents:\n  hamburg-meeting:\n    date: 2017-07-07\n    cues: [first meeting]\n";
/// let claims = claimcheck::claims::parse(text, "claims.yaml").unwrap();
/// assert_eq!(claims.events[0].id, "hamburg-meeting");
///
/// let err = claimcheck::claims::parse("version: 1\nevents:\n  e:\n    venu: x\n", "claims.yaml").unwrap_err();
/// assert!(err.to_string().starts_with("claims.yaml:4:5: events.e: unknown key `venu`"));
/// ```
pub fn parse(text: &str, file: &str) -> Result<Claims, Error> {
    let loader = Loader { text, file };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(loader.fault(
            None,
            "",
            "the claims file is empty",
            Some("start it with `version: 1`"),
        ));
    }
    parse_with(&loader, text, PART_BYTES)
}

/// [`parse`] of text without a byte order mark, read in parts of at least
/// `min` bytes where it can be.
fn parse_with(loader: &Loader, text: &str, min: usize) -> Result<Claims, Error> {
    // Key paths are tracked only to explain an error: a valid file is read
    // once without them (tracking costs a third of reading a large file),
    // a broken one a second time with them.
    let whole = || serde_saphyr::from_str_with_options::<raw::File>(text, options());
    let raw = match read_in_parts(text, min).map_or_else(whole, Ok) {
        Ok(raw) => raw,
        Err(_) => {
            let mut path = String::new();
            let parsed: Result<raw::File, _> =
                serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
                    serde_path_to_error::deserialize(de).map_err(|e| {
                        path = e.path().to_string();
                        e.into_inner()
                    })
                });
            match parsed {
                Ok(raw) => raw,
                Err(e) => return Err(loader.yaml_error(&e, &path)),
            }
        }
    };
    loader.build(raw)
}

struct Loader<'a> {
    text: &'a str,
    file: &'a str,
}

const TOP_KEYS: &[&str] = &[
    "version",
    "people",
    "organizations",
    "venues",
    "events",
    "quotes",
    "articles",
    "severity",
];

impl Loader<'_> {
    fn fault(&self, at: Option<Location>, key: &str, message: &str, help: Option<&str>) -> Error {
        let (line, column) = at
            .filter(|l| l.line() > 0)
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((0, 0));
        self.fault_at(
            line,
            column,
            key,
            message.to_string(),
            help.map(str::to_string),
        )
    }

    fn fault_at(
        &self,
        line: usize,
        column: usize,
        key: &str,
        message: String,
        help: Option<String>,
    ) -> Error {
        let source_line = (line > 0)
            .then(|| self.text.lines().nth(line - 1))
            .flatten()
            .map(|l| l.trim_end().to_string());
        ClaimsError {
            file: self.file.to_string(),
            line,
            column,
            key: key.trim_matches('.').to_string(),
            message,
            help,
            source_line,
        }
        .into()
    }

    /// The place of `needle` at or after `at`, so a message about one id in
    /// a list points at that id rather than at the list.
    fn find_after(&self, at: Location, needle: &str) -> (usize, usize) {
        let (line, column) = (at.line() as usize, at.column() as usize);
        for (n, text) in self
            .text
            .lines()
            .enumerate()
            .skip(line.saturating_sub(1))
            .take(50)
        {
            let from = if n + 1 == line {
                byte_at(text, column)
            } else {
                0
            };
            if let Some(i) = text[from..].find(needle) {
                return (n + 1, column_at(text, from + i));
            }
        }
        (line, column)
    }

    /// Where the value of `key` is, from `at`: the reader places some
    /// errors about a scalar (`date: true`) at its key.
    fn at_value(&self, at: Option<Location>, key: &str) -> (usize, usize) {
        let Some(at) = at.filter(|l| l.line() > 0) else {
            return (0, 0);
        };
        let (line, column) = (at.line() as usize, at.column() as usize);
        let field = key.rsplit('.').next().unwrap_or(key);
        let text = self.text.lines().nth(line - 1).unwrap_or_default();
        let Some(rest) = text[byte_at(text, column)..]
            .strip_prefix(field)
            .and_then(|r| r.strip_prefix(':'))
        else {
            return (line, column);
        };
        let value = rest.trim_start_matches(' ');
        if value.is_empty() {
            return (line, column);
        }
        (line, column_at(text, text.len() - value.len()))
    }

    fn yaml_error(&self, e: &serde_saphyr::Error, path: &str) -> Error {
        use serde_saphyr::Error as E;
        let inner = e.without_snippet();
        let at = e.location();
        let key = path.replace(".value", "").replace("?", "");
        match inner {
            E::SerdeUnknownField {
                field, expected, ..
            } => {
                let help = if key.is_empty() && expected.is_empty() {
                    suggest::help(field, "key", TOP_KEYS)
                } else {
                    suggest::help(field, "key", expected)
                };
                let key = key.trim_end_matches(field.as_str()).to_string();
                self.fault(at, &key, &format!("unknown key `{field}`"), Some(&help))
            }
            E::SerdeMissingField { field, .. } => self.fault(
                at,
                &key,
                &format!("missing key `{field}`"),
                Some(&format!("add `{field}:` here")),
            ),
            E::DuplicateMappingKey { key: dup, .. } => {
                let name = dup.clone().unwrap_or_default();
                self.fault(
                    at,
                    &key,
                    &format!("duplicate id or key `{name}`"),
                    Some("each id and key may appear once; rename or merge the two entries"),
                )
            }
            E::Budget { breach, .. } => self.fault(
                at,
                &key,
                &format!("the file is too deeply nested or expands too many aliases ({breach:?})"),
                Some("claims files need no more than a few levels of nesting"),
            ),
            // A shape where another belongs: the reader names what it
            // expected, not what it found.
            E::Unexpected {
                expected: "string scalar",
                ..
            } => self.fault(at, &key, "expected text, found a list or a mapping", None),
            E::Unexpected {
                expected: "sequence start",
                ..
            } => self.fault(at, &key, "expected a list", Some("write `[a, b]`")),
            E::Unexpected {
                expected: "mapping start",
                ..
            } => self.fault(at, &key, "expected a mapping", Some("write `{key: value}`")),
            E::SerdeInvalidType {
                unexpected,
                expected,
                ..
            } => {
                let (line, column) = self.at_value(at, &key);
                self.fault_at(
                    line,
                    column,
                    &key,
                    format!(
                        "expected {}, found {}",
                        friendly(expected),
                        friendly(&unexpected.to_string())
                    ),
                    None,
                )
            }
            _ => {
                let message = inner.render_with_formatter(&serde_saphyr::UserMessageFormatter);
                let message = message.lines().next().unwrap_or("invalid YAML").to_string();
                let message = strip_location(&message);
                self.fault(at, &key, &message, None)
            }
        }
    }

    fn build(&self, raw: raw::File) -> Result<Claims, Error> {
        match &raw.version {
            None => {
                return Err(self.fault(
                    None,
                    "version",
                    "missing `version`",
                    Some("add `version: 1` at the top"),
                ));
            }
            Some(v) if v.value != 1 => {
                return Err(self.fault(
                    Some(v.referenced),
                    "version",
                    &format!("unsupported version {}", v.value),
                    Some("this claimcheck reads `version: 1`"),
                ));
            }
            Some(_) => {}
        }
        let mut ids = IdTable::default();
        let mut claims = Claims::default();
        claims.file = self.file.to_string();
        for (id, p) in raw.people.iter().flatten() {
            self.check_id(&mut ids, "people", id, p.referenced)?;
            let key = format!("people.{id}");
            let mut roles = Vec::new();
            for (n, r) in p.value.roles.iter().enumerate() {
                let rkey = format!("{key}.roles[{n}]");
                let from = self.date(r.value.from.as_ref(), &format!("{rkey}.from"))?;
                let until = self.date(r.value.until.as_ref(), &format!("{rkey}.until"))?;
                if let (Some(f), Some(u)) = (from, until)
                    && u <= f
                {
                    return Err(self.fault(
                        r.value.until.as_ref().map(|s| s.referenced),
                        &format!("{rkey}.until"),
                        &format!("`until` ({u}) is not after `from` ({f})"),
                        Some("`from` is inclusive and `until` exclusive"),
                    ));
                }
                self.phrases(&r.value.aliases, &rkey, r.referenced)?;
                roles.push(Role {
                    title: r.value.title.clone(),
                    aliases: r.value.aliases.clone(),
                    from,
                    until,
                });
            }
            let aliases = self.names(&p.value.name, &p.value.aliases, &key, p.referenced)?;
            claims.people.push(Person {
                id: id.clone(),
                name: p.value.name.clone(),
                aliases,
                roles,
                pronoun: p.value.pronoun,
            });
        }
        for (id, o) in raw.organizations.iter().flatten() {
            self.check_id(&mut ids, "organizations", id, o.referenced)?;
            let key = format!("organizations.{id}");
            let aliases = self.names(&o.value.name, &o.value.aliases, &key, o.referenced)?;
            claims.organizations.push(Organization {
                id: id.clone(),
                name: o.value.name.clone(),
                aliases,
            });
        }
        let venue_ids = Ids::new(raw.venues.iter().flatten().map(|(id, _)| id.as_str()));
        for (id, v) in raw.venues.iter().flatten() {
            self.check_id(&mut ids, "venues", id, v.referenced)?;
            let key = format!("venues.{id}");
            let kind = match v.value.kind.value.as_str() {
                "forum" => VenueKind::Forum,
                "place" | "building" | "city" | "country" | "region" => VenueKind::Place,
                other => {
                    return Err(self.fault(
                        Some(v.value.kind.referenced),
                        &format!("{key}.kind"),
                        &format!("unknown venue kind `{other}`"),
                        Some(&suggest::help(
                            other,
                            "kind",
                            &["forum", "place", "building"],
                        )),
                    ));
                }
            };
            let within = match &v.value.within {
                None => None,
                Some(w) => {
                    Some(self.reference(w, &venue_ids, "venue", &format!("{key}.within"))?)
                }
            };
            let aliases = self.names(&v.value.name, &v.value.aliases, &key, v.referenced)?;
            claims.venues.push(Venue {
                id: id.clone(),
                name: v.value.name.clone(),
                kind,
                aliases,
                within,
            });
        }
        self.check_within_cycles(&claims, &raw)?;
        let people_ids = Ids::new(claims.people.iter().map(|p| p.id.as_str()));
        for (id, e) in raw.events.iter().flatten() {
            self.check_id(&mut ids, "events", id, e.referenced)?;
            claims
                .events
                .push(self.event(id, e, &venue_ids, &people_ids)?);
        }
        let org_ids = Ids::new(claims.organizations.iter().map(|o| o.id.as_str()));
        for (id, q) in raw.quotes.iter().flatten() {
            self.check_id(&mut ids, "quotes", id, q.referenced)?;
            let key = format!("quotes.{id}");
            if normalize_phrase(&q.value.text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .count()
                < 2
            {
                return Err(self.fault(
                    Some(q.referenced),
                    &format!("{key}.text"),
                    "a quote needs at least two words",
                    None,
                ));
            }
            let mut speakers = Vec::new();
            for s in q.value.speaker.value.items() {
                let speaker = if let Some(i) = people_ids.get(s) {
                    Speaker::Person(i)
                } else if let Some(i) = org_ids.get(s) {
                    Speaker::Organization(i)
                } else {
                    let (line, column) = self.find_after(q.value.speaker.referenced, s);
                    let all: Vec<&str> = people_ids
                        .list
                        .iter()
                        .chain(&org_ids.list)
                        .copied()
                        .collect();
                    return Err(self.fault_at(
                        line,
                        column,
                        &format!("{key}.speaker"),
                        format!("unknown speaker `{s}`: not a person or organization id"),
                        Some(suggest::help(s, "person or organization", &all)),
                    ));
                };
                speakers.push(speaker);
            }
            let said = self.date(q.value.said.as_ref(), &format!("{key}.said"))?;
            claims.quotes.push(Quote {
                id: id.clone(),
                text: q.value.text.clone(),
                speakers,
                said,
                sources: q.value.sources.clone(),
                origin: origin(q.referenced),
            });
        }
        for (path, a) in raw.articles.iter().flatten() {
            let published = self
                .date(
                    Some(&a.value.published),
                    &format!("articles.{path}.published"),
                )?
                .expect("a date was given");
            claims.articles.push(ArticleMeta {
                path: path.clone(),
                published,
            });
        }
        let rules = crate::rules::ids();
        for (rule, level) in raw.severity.iter().flatten() {
            let key = format!("severity.{rule}");
            if !rules.contains(&rule.as_str()) {
                return Err(self.fault(
                    Some(level.referenced),
                    &key,
                    &format!("unknown rule `{rule}`"),
                    Some(&crate::suggest::help(rule, "rule", &rules)),
                ));
            }
            let setting = match level.value.as_str() {
                "off" => None,
                other => Some(crate::finding::Severity::parse(other).ok_or_else(|| {
                    self.fault(
                        Some(level.referenced),
                        &key,
                        &format!("`{other}` is not a severity"),
                        Some("expected error, warning, info or off"),
                    )
                })?),
            };
            claims.severity.push((rule.clone(), setting));
        }
        Ok(claims)
    }

    fn event(
        &self,
        id: &str,
        e: &Spanned<raw::Event>,
        venue_ids: &Ids,
        people_ids: &Ids,
    ) -> Result<Event, Error> {
        let key = format!("events.{id}");
        let (date, date_text) = match &e.value.date {
            None => (None, None),
            Some(d) => {
                let bad = |text: &str| {
                    self.fault(
                        Some(d.referenced),
                        &format!("{key}.date"),
                        &format!("invalid date `{text}`"),
                        Some(
                            "write YYYY-MM-DD, YYYY-MM, YYYY or {from: YYYY-MM-DD, to: YYYY-MM-DD}",
                        ),
                    )
                };
                match &d.value {
                    raw::Date::Text(t) => (
                        Some(DateRange::parse_claim(t).ok_or_else(|| bad(t))?),
                        Some(t.clone()),
                    ),
                    raw::Date::Range { from, to } => {
                        let f = DateRange::parse_claim(from).ok_or_else(|| bad(from))?;
                        let t = DateRange::parse_claim(to).ok_or_else(|| bad(to))?;
                        if t.end < f.start {
                            return Err(self.fault(
                                Some(d.referenced),
                                &format!("{key}.date"),
                                &format!("the range ends ({to}) before it starts ({from})"),
                                None,
                            ));
                        }
                        (
                            Some(DateRange::new(f.start, t.end)),
                            Some(format!("{from}..{to}")),
                        )
                    }
                }
            }
        };
        let mut venues = Vec::new();
        if let Some(v) = &e.value.venue {
            for name in v.value.items() {
                let spanned = Spanned::new(name.to_string(), v.referenced, v.defined);
                venues.push(self.reference(
                    &spanned,
                    venue_ids,
                    "venue",
                    &format!("{key}.venue"),
                )?);
            }
        }
        let mut participants = Vec::new();
        if let Some(p) = &e.value.participants {
            for name in p.value.items() {
                let spanned = Spanned::new(name.to_string(), p.referenced, p.defined);
                participants.push(self.reference(
                    &spanned,
                    people_ids,
                    "person",
                    &format!("{key}.participants"),
                )?);
            }
        }
        let title = e.value.title.clone().unwrap_or_else(|| id.to_string());
        let mut cues = Vec::new();
        for (n, c) in e.value.cues.iter().enumerate() {
            let parts: Vec<String> = match &c.value {
                raw::Cue::Phrase(p) => vec![p.clone()],
                raw::Cue::All(v) => v.clone(),
            };
            if parts.is_empty() {
                return Err(self.fault(
                    Some(c.referenced),
                    &format!("{key}.cues[{n}]"),
                    "empty cue",
                    Some("a cue is a phrase or a list of phrases"),
                ));
            }
            self.phrases(&parts, &format!("{key}.cues[{n}]"), c.referenced)?;
            cues.push(parts);
        }
        if cues.is_empty() {
            cues.push(vec![title.clone()]);
        }
        Ok(Event {
            id: id.to_string(),
            title,
            date,
            date_text,
            venues,
            participants,
            cues,
            sources: e.value.sources.clone(),
            origin: origin(e.referenced),
        })
    }

    fn check_id(
        &self,
        ids: &mut IdTable,
        section: &'static str,
        id: &str,
        at: Location,
    ) -> Result<(), Error> {
        let key = format!("{section}.{id}");
        let valid = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            let (line, column) = self.key_position(at, id);
            return Err(self.fault_at(
                line,
                column,
                &key,
                format!("invalid id `{id}`"),
                Some(format!(
                    "ids use lowercase letters, digits and `-`, such as `{}`",
                    suggest_id(id)
                )),
            ));
        }
        if let Some(first) = ids.0.get(id) {
            let (line, column) = self.key_position(at, id);
            return Err(self.fault_at(
                line,
                column,
                &key,
                format!("duplicate id `{id}`: already used in `{first}`"),
                Some("ids are shared by all sections; rename one of them".into()),
            ));
        }
        ids.0.insert(id.to_string(), section);
        Ok(())
    }

    /// The place of a map key, found by looking back from its value.
    fn key_position(&self, value_at: Location, id: &str) -> (usize, usize) {
        let line = value_at.line() as usize;
        for n in (line.saturating_sub(3).max(1)..=line).rev() {
            if let Some(text) = self.text.lines().nth(n - 1)
                && let Some(i) = text.find(&format!("{id}:"))
            {
                return (n, column_at(text, i));
            }
        }
        (value_at.line() as usize, value_at.column() as usize)
    }

    fn reference(
        &self,
        s: &Spanned<String>,
        known: &Ids,
        what: &str,
        key: &str,
    ) -> Result<Idx, Error> {
        if let Some(i) = known.get(&s.value) {
            return Ok(i);
        }
        let known = &known.list;
        let (line, column) = self.find_after(s.referenced, &s.value);
        Err(self.fault_at(
            line,
            column,
            key,
            format!("unknown {what} `{}`", s.value),
            Some(suggest::help(&s.value, what, known)),
        ))
    }

    fn date(&self, d: Option<&Spanned<String>>, key: &str) -> Result<Option<NaiveDate>, Error> {
        let Some(d) = d else { return Ok(None) };
        NaiveDate::parse_from_str(d.value.trim(), "%Y-%m-%d")
            .ok()
            .filter(|_| d.value.trim().len() == 10)
            .map(Some)
            .ok_or_else(|| {
                self.fault(
                    Some(d.referenced),
                    key,
                    &format!("invalid date `{}`", d.value),
                    Some("write a real day as YYYY-MM-DD"),
                )
            })
    }

    /// The name followed by the aliases, without repeats, each checked.
    fn names(
        &self,
        name: &str,
        aliases: &[String],
        key: &str,
        at: Location,
    ) -> Result<Vec<String>, Error> {
        let mut all = vec![name.to_string()];
        for a in aliases {
            if !all
                .iter()
                .any(|x| normalize_phrase(x) == normalize_phrase(a))
            {
                all.push(a.clone());
            }
        }
        self.phrases(&all, key, at)?;
        Ok(all)
    }

    fn phrases(&self, phrases: &[String], key: &str, at: Location) -> Result<(), Error> {
        for p in phrases {
            if normalize_phrase(p).is_empty() {
                let (line, column) = self.find_after(at, p);
                return Err(self.fault_at(
                    line,
                    column,
                    key,
                    format!("the phrase {p:?} has no letters or digits to match"),
                    None,
                ));
            }
        }
        Ok(())
    }

    fn check_within_cycles(&self, claims: &Claims, raw: &raw::File) -> Result<(), Error> {
        for (start, venue) in claims.venues.iter().enumerate() {
            let mut chain = vec![start];
            let mut at = venue.within;
            while let Some(v) = at {
                if v == start {
                    let names: Vec<&str> = chain
                        .iter()
                        .chain([&start])
                        .map(|&i| claims.venues[i].id.as_str())
                        .collect();
                    let loc = raw
                        .venues
                        .iter()
                        .flatten()
                        .nth(start)
                        .and_then(|(_, v)| v.value.within.as_ref())
                        .map(|w| w.referenced);
                    return Err(self.fault(
                        loc,
                        &format!("venues.{}.within", venue.id),
                        &format!("`within` makes a cycle: {}", names.join(" → ")),
                        Some("a venue cannot lie within itself; remove one `within`"),
                    ));
                }
                if chain.contains(&v) {
                    break; // a cycle that does not pass through `start`: reported from its own venue
                }
                chain.push(v);
                at = claims.venues[v].within;
            }
        }
        Ok(())
    }
}

#[derive(Default)]
struct IdTable(HashMap<String, &'static str>);

fn origin(at: Location) -> Origin {
    Origin {
        line: at.line() as usize,
        column: at.column() as usize,
    }
}

fn suggest_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "my-id".into() } else { out }
}

/// The byte where 1-based character column `column` of `line` starts (its
/// end when the line is shorter).
fn byte_at(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// The 1-based character column of byte `byte` of `line`.
fn column_at(line: &str, byte: usize) -> usize {
    line[..byte].chars().count() + 1
}

/// serde's names of YAML's shapes, as the claims format names them.
fn friendly(expected: &str) -> String {
    match expected {
        "a sequence" | "sequence" => "a list".into(),
        "a map" | "map" | "struct" => "a mapping".into(),
        e if e.starts_with("struct ") => "a mapping".into(),
        e => e.to_string(),
    }
}

/// serde-saphyr begins some messages with "line N column M:" and ends
/// others with " at line N, column M"; the place is shown separately.
fn strip_location(message: &str) -> String {
    let mut m = message.trim();
    if let Some(rest) = m.strip_prefix("line ")
        && let Some(i) = rest.find(": ")
    {
        m = &rest[i + 2..];
    }
    if let Some(i) = m.rfind(" at line ")
        && m[i + " at line ".len()..]
            .split(", column ")
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        m = &m[..i];
    }
    m.to_string()
}

/// The ids of one section in file order, found by id in constant time (a
/// claims file of 10,000 claims makes tens of thousands of references).
struct Ids<'a> {
    list: Vec<&'a str>,
    index: HashMap<&'a str, Idx>,
}

impl<'a> Ids<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let list: Vec<&str> = ids.collect();
        let mut index = HashMap::with_capacity(list.len());
        for (i, id) in list.iter().enumerate() {
            index.entry(*id).or_insert(i);
        }
        Ids { list, index }
    }

    fn get(&self, id: &str) -> Option<Idx> {
        self.index.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reading `text` gives, in parts of at least `min` bytes where
    /// it can be cut.
    fn read(text: &str, min: usize) -> String {
        let loader = Loader {
            text,
            file: "claims.yaml",
        };
        match parse_with(&loader, text, min) {
            Ok(claims) => format!("{claims:?}"),
            Err(e) => format!("error: {e}"),
        }
    }

    /// A file of `n` ids per section, with what may lie between ids:
    /// comments, block scalars, flow values over lines, anchors.
    fn many(n: usize, extra: &str) -> String {
        let mut text = String::from("version: 1\npeople:\n");
        for i in 0..n {
            text += &format!("  p{i}:\n    name: Person Number{i}\n    aliases: [Number{i}]\n");
            if i % 7 == 0 {
                text += "  # a comment between ids\n\n";
            }
        }
        text += "venues:\n";
        for i in 0..n {
            text += &format!("  v{i}: {{ name: Hall{i}, kind: building }}\n");
        }
        text += "events:\n";
        for i in 0..n {
            text += &format!(
                "  e{i}:\n    date: 2020-01-{:02}\n    venue: v{i}\n    participants: [p{i},\n      p{}]\n    cues: [talks{i}]\n",
                i % 28 + 1,
                (i + 1) % n
            );
        }
        text += "quotes:\n";
        for i in 0..n {
            text += &format!(
                "  q{i}:\n    text: >\n      The words of quote {i}\n      over two lines.\n    speaker: p{i}\n"
            );
        }
        text + extra
    }

    /// Read in parts or whole, a file gives the same claims, or the same
    /// message: a part that cannot be read alone (an alias of an anchor
    /// in another part, an id twice, any fault) sends the file to the
    /// whole reading.
    /// Columns count characters, not bytes: `é` is two bytes.
    #[test]
    fn columns_and_bytes_convert_both_ways() {
        let line = "  né: {x: 1}";
        let cases = [(1, 0), (3, 2), (4, 3), (5, 5), (13, 13), (40, 13)];
        for (column, byte) in cases {
            assert_eq!(byte_at(line, column), byte, "column {column}");
            if column <= 13 {
                assert_eq!(column_at(line, byte), column, "byte {byte}");
            }
        }
    }

    #[test]
    fn places_are_taken_out_of_messages() {
        let cases = [
            (
                "line 3 column 5: did not find expected key",
                "did not find expected key",
            ),
            (
                "unknown variant `it`, expected one of he, she, they at line 3, column 26",
                "unknown variant `it`, expected one of he, she, they",
            ),
            // Not a place: kept.
            ("a quote said at line breaks", "a quote said at line breaks"),
            (
                "expected text at line 3, column",
                "expected text at line 3, column",
            ),
        ];
        for (message, want) in cases {
            assert_eq!(strip_location(message), want, "{message}");
        }
    }

    /// YAML reads a plain `2019` as a number: where text belongs, it is
    /// read as the digits written.
    #[test]
    fn numbers_written_plain_are_text() {
        let text = "version: 1\nvenues:\n  \"2019\": {name: Osaka, kind: city}\nevents:\n  a:\n    date: 2019\n    venue: 2019\n    cues: [[g20, 2019], 2020]\n";
        let claims = parse(text, "claims.yaml").unwrap();
        let event = &claims.events[0];
        assert_eq!(event.date_text.as_deref(), Some("2019"));
        assert_eq!(claims.venues[event.venues[0]].name, "Osaka");
        assert_eq!(event.cues, [vec!["g20", "2019"], vec!["2020"]]);
        // A year in a range is text already.
        let range = "version: 1\nevents:\n  a:\n    date: {from: 2018, to: 2019}\n";
        let claims = parse(range, "claims.yaml").unwrap();
        assert_eq!(claims.events[0].date_text.as_deref(), Some("2018..2019"));
    }

    #[test]
    fn parts_read_as_the_whole_file() {
        let bundled =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/claims.yaml")).unwrap();
        let anchors = many(30, "")
            .replace("  p3:\n    name:", "  p3:\n    name: &who")
            .replace("  p4:\n    name: Person Number4", "  p4:\n    name: *who");
        let texts = [
            bundled.clone(),
            many(40, ""),
            many(40, "").replace('\n', "\r\n"),
            many(40, "severity: { date: warning,\n  venue: off }\n"),
            // An anchor used in its own part, and in another.
            anchors.clone(),
            anchors.replace("  q9:\n    text: >", "  q9:\n    text: *who\n    said: >"),
            // Faults in a later part: an id twice, an unknown key, a
            // dangling reference, a broken value.
            many(40, "").replace("  e39:", "  e2:"),
            many(40, "").replace("  q38:\n    text:", "  q38:\n    txt:"),
            many(40, "").replace("speaker: p39", "speaker: nobody"),
            many(40, "").replace("participants: [p30,", "participants: [p30, [x],"),
            many(40, "").replace("events:\n", "events:\n  e0: { date: 2020-01-01 }\n"),
            // Not cut at all: a section twice.
            many(40, "quotes: {}\n"),
        ];
        for (i, text) in texts.iter().enumerate() {
            let whole = read(text, usize::MAX);
            let uncut = i == texts.len() - 1;
            assert_eq!(parts::cut(text, 256, 64).is_none(), uncut, "text {i}");
            assert_eq!(read(text, 256), whole, "text {i}");
            assert_eq!(read(text, 1), whole, "text {i}");
        }
        // Valid files are read in parts, but for an alias of another part.
        for text in &texts[..4] {
            assert!(read_in_parts(text, 256).is_some());
        }
        assert!(read_in_parts(&texts[5], 1).is_none());
        assert!(!read(&texts[1], 256).starts_with("error"));
        assert!(read(&texts[6], 256).contains("duplicate"));
        assert!(read(&texts[11], 256).contains("duplicate"));
    }
}
