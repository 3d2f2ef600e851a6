//! The checked claims model: what the rules read. Built by `load` from the
//! YAML file once every id, reference and date has been validated.

use crate::lists::Lists;
use crate::temporal::DateRange;
use chrono::NaiveDate;

/// Index of a thing in its `Claims` list.
pub type Idx = usize;

#[derive(Debug, Clone, Default)]
pub struct Claims {
    /// The claims file as named on the command line.
    pub file: String,
    pub people: Vec<Person>,
    pub organizations: Vec<Organization>,
    pub venues: Vec<Venue>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    /// Publication dates set by the claims file, keyed by the path as written.
    pub articles: Vec<ArticleMeta>,
    /// Severity per rule id as set by the claims file; `None` turns the
    /// rule off.
    pub severity: Vec<(String, Option<crate::finding::Severity>)>,
    /// The venues and events as the venue rule reads them, packed on
    /// first use (see [`Places`]).
    places: std::sync::OnceLock<Places>,
}

/// Each venue's kind and container, and each event's venues, in two
/// small arrays: read at every venue an article places, the claims' own
/// records (an event's, then its list of venues, then each venue's) were
/// a cache miss each on copy that places events in every sentence.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// Per venue: its kind, and the venue it lies within ([`NOWHERE`]
    /// for none).
    venues: Vec<(VenueKind, u32)>,
    /// The venues of each event.
    claimed: Lists<u32>,
}

const NOWHERE: u32 = u32::MAX;

impl Places {
    fn new(claims: &Claims) -> Places {
        let venues = claims
            .venues
            .iter()
            .map(|v| (v.kind, v.within.map_or(NOWHERE, |w| w as u32)))
            .collect();
        let claimed = Lists::new(
            claims
                .events
                .iter()
                .map(|e| e.venues.iter().map(|&v| v as u32)),
        );
        Places { venues, claimed }
    }

    pub fn kind(&self, venue: Idx) -> VenueKind {
        self.venues[venue].0
    }

    /// The claimed venues of event `event`.
    pub fn of_event(&self, event: Idx) -> impl Iterator<Item = Idx> + '_ {
        self.claimed.get(event).iter().map(|&v| v as usize)
    }

    /// True when venue `inner` is `outer` or lies within it.
    pub fn within(&self, inner: Idx, outer: Idx) -> bool {
        let mut at = inner as u32;
        // `within` chains are acyclic (checked at load), so this ends.
        while at != NOWHERE {
            if at as usize == outer {
                return true;
            }
            at = self.venues[at as usize].1;
        }
        false
    }
}

/// Where a claim is written in the claims file, for reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Origin {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// Name and aliases: every phrase that names the person at any time.
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
    /// `None` when the claims file does not say: any pronoun may refer back.
    pub pronoun: Option<Pronoun>,
}

/// The pronoun a person is referred back to with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pronoun {
    He,
    She,
    They,
}

impl Pronoun {
    pub fn from_word(word: &str) -> Option<Pronoun> {
        match word.to_lowercase().as_str() {
            "he" => Some(Pronoun::He),
            "she" => Some(Pronoun::She),
            "they" => Some(Pronoun::They),
            _ => None,
        }
    }
}

/// A title that refers to its holder only while it is held.
#[derive(Debug, Clone)]
pub struct Role {
    pub title: String,
    pub aliases: Vec<String>,
    /// Inclusive.
    pub from: Option<NaiveDate>,
    /// Exclusive.
    pub until: Option<NaiveDate>,
}

impl Role {
    /// True when the role is held on `date`; an unknown date accepts every role.
    pub fn held_on(&self, date: Option<NaiveDate>) -> bool {
        let Some(date) = date else { return true };
        self.from.is_none_or(|from| date >= from) && self.until.is_none_or(|until| date < until)
    }
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

/// What sort of venue: venues are only compared with venues of the same sort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum VenueKind {
    /// A summit or other gathering ("G20 summit").
    Forum,
    /// A country, city or building, nested with `within`.
    Place,
}

#[derive(Debug, Clone)]
pub struct Venue {
    pub id: String,
    pub name: String,
    pub kind: VenueKind,
    pub aliases: Vec<String>,
    pub within: Option<Idx>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub date: Option<DateRange>,
    /// The date as written in the claims file ("2017-07-07", "2018-07").
    pub date_text: Option<String>,
    pub venues: Vec<Idx>,
    pub participants: Vec<Idx>,
    /// Each cue is a set of phrases that must all occur in one sentence.
    pub cues: Vec<Vec<String>>,
    pub sources: Vec<String>,
    pub origin: Origin,
}

/// Who may be named as a quote's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Speaker {
    Person(Idx),
    Organization(Idx),
}

#[derive(Debug, Clone)]
pub struct Quote {
    pub id: String,
    pub text: String,
    pub speakers: Vec<Speaker>,
    pub said: Option<NaiveDate>,
    pub sources: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct ArticleMeta {
    pub path: String,
    pub published: NaiveDate,
}

impl Claims {
    /// Number of claims, as counted in the report summary: events and quotes.
    pub fn claim_count(&self) -> usize {
        self.events.len() + self.quotes.len()
    }

    pub fn speaker_name(&self, speaker: Speaker) -> &str {
        match speaker {
            Speaker::Person(i) => &self.people[i].name,
            Speaker::Organization(i) => &self.organizations[i].name,
        }
    }

    pub fn speaker_id(&self, speaker: Speaker) -> &str {
        match speaker {
            Speaker::Person(i) => &self.people[i].id,
            Speaker::Organization(i) => &self.organizations[i].id,
        }
    }

    /// True when venue `inner` is `outer` or lies within it.
    pub fn venue_within(&self, inner: Idx, outer: Idx) -> bool {
        self.places().within(inner, outer)
    }

    /// The venues and events packed for the venue rule, built on first
    /// use: the claims are complete by then.
    pub fn places(&self) -> &Places {
        self.places.get_or_init(|| Places::new(self))
    }

    /// The claimed venues of an event, named and joined for messages.
    pub fn venue_names(&self, event: &Event) -> String {
        event
            .venues
            .iter()
            .map(|&v| self.venues[v].name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Claims {
    /// The claims file as named in messages ("claims.yaml").
    pub fn file_name(&self) -> &str {
        if self.file.is_empty() {
            "claims.yaml"
        } else {
            &self.file
        }
    }
}

#[cfg(test)]
mod tests {
    const CLAIMS: &str = r#"
version: 1
venues:
  g20: { name: G20 summit, kind: forum }
  germany: { name: Germany, kind: place }
  hamburg: { name: Hamburg, kind: place, within: germany }
  elbe-hall: { name: Elbe Hall, kind: building, within: hamburg }
  finland: { name: Finland, kind: place }
events:
  summit: { date: 2017-07-07, venue: [g20, hamburg], cues: [[summit]] }
  talks: { date: 2017-07-08, cues: [[talks]] }
"#;

    #[test]
    fn places_answer_what_the_venues_say() {
        let claims = crate::claims::parse(CLAIMS, "claims.yaml").unwrap();
        let places = claims.places();
        let v = |id: &str| claims.venues.iter().position(|v| v.id == id).unwrap();
        for venue in &claims.venues {
            assert_eq!(places.kind(v(&venue.id)), venue.kind, "{}", venue.id);
        }
        let rows = [
            ("elbe-hall", "germany", true),
            ("elbe-hall", "hamburg", true),
            ("hamburg", "hamburg", true),
            ("germany", "hamburg", false),
            ("hamburg", "finland", false),
            ("g20", "germany", false),
        ];
        for (inner, outer, want) in rows {
            assert_eq!(
                places.within(v(inner), v(outer)),
                want,
                "{inner} in {outer}"
            );
        }
        let of = |e: usize| places.of_event(e).collect::<Vec<_>>();
        assert_eq!(of(0), vec![v("g20"), v("hamburg")]);
        assert_eq!(of(1), Vec::<usize>::new());
    }
}
