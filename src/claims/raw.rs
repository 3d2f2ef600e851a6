//! The claims file exactly as written: serde types with positions, before
//! any reference or date is checked.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_saphyr::Spanned;

pub type Map<T> = Option<IndexMap<String, Spanned<T>>>;

#[derive(Debug, Deserialize)]
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
