//! The claims file exactly as written: serde types with positions, before
//! any reference or date is checked.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

pub type Map<T> = Option<IndexMap<String, Spanned<T>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub version: Option<Spanned<u32>>,
    #[serde(default)]
    pub people: Map<Person>,
    #[serde(default)]
    pub organizations: Map<Organization>,
    #[serde(default)]
    pub venues: Map<Venue>,
    #[serde(default)]
    pub events: Map<Event>,
    #[serde(default)]
    pub quotes: Map<Quote>,
    #[serde(default)]
    pub articles: Map<Article>,
    /// Rule id → error, warning, info or off.
    #[serde(default)]
    pub severity: Map<String>,
}

impl File {
    /// Adds the next part of a file read in parts (`parts.rs`). None
    /// when both hold a key: only the whole file says what that means.
    pub fn join(&mut self, next: File) -> Option<()> {
        fn join<T>(into: &mut Map<T>, next: Map<T>) -> Option<()> {
            let Some(next) = next else { return Some(()) };
            let into = into.get_or_insert_with(IndexMap::new);
            for (key, value) in next {
                if into.insert(key, value).is_some() {
                    return None;
                }
            }
            Some(())
        }
        if let Some(version) = next.version {
            if self.version.is_some() {
                return None;
            }
            self.version = Some(version);
        }
        join(&mut self.people, next.people)?;
        join(&mut self.organizations, next.organizations)?;
        join(&mut self.venues, next.venues)?;
        join(&mut self.events, next.events)?;
        join(&mut self.quotes, next.quotes)?;
        join(&mut self.articles, next.articles)?;
        join(&mut self.severity, next.severity)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How articles refer back to the person: he, she or they.
    #[serde(default)]
    pub pronoun: Option<crate::claims::model::Pronoun>,
    #[serde(default)]
    pub roles: Vec<Spanned<Role>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub from: Option<Spanned<String>>,
    pub until: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    pub name: String,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub within: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub title: Option<String>,
    pub date: Option<Spanned<Date>>,
    pub venue: Option<Spanned<OneOrMany>>,
    pub participants: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub cues: Vec<Spanned<Cue>>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Date {
    Text(String),
    Range { from: String, to: String },
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Cue {
    Phrase(String),
    All(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: String,
    pub speaker: Spanned<OneOrMany>,
    pub said: Option<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub published: Spanned<String>,
}
