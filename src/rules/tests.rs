//! Table-driven tests of every rule on single sentences: each row is an
//! article text (with its dateline), the rule, and the conflict expected
//! (what was found) or `None` for a look-alike that must stay silent.

use super::*;
use crate::analysis::Analysis;
use crate::corpus::{Article, DateSource, Published};
use crate::text::matcher::Matcher;

const CLAIMS: &str = r#"
version: 1
people:
  trump:
    name: Donald Trump
    aliases: [Trump]
    roles:
      - { title: President of the United States, aliases: [the U.S. President, the president], from: 2017-01-20, until: 2021-01-20 }
  obama:
    name: Barack Obama
    aliases: [Obama]
    roles:
      - { title: President of the United States, aliases: [the U.S. President, the president], from: 2009-01-20, until: 2017-01-20 }
  putin: { name: Vladimir Putin, aliases: [Putin] }
  ushakov:
    name: Yuri Ushakov
    aliases: [Ushakov, Mr Ushakov]
    pronoun: he
    roles: [{ title: Kremlin aide, aliases: [Kremlin aide, Kremlin adviser] }]
  bolton: { name: John Bolton, aliases: [Bolton, Mr Bolton], pronoun: he }
  sanders: { name: Sarah Sanders, aliases: [Sanders], pronoun: she }
organizations:
  kremlin: { name: the Kremlin, aliases: [Kremlin] }
  white-house: { name: the White House, aliases: [White House] }
venues:
  g20-summit: { name: G20 summit, kind: forum, aliases: [G20, G-20] }
  g7-summit: { name: G7 summit, kind: forum, aliases: [G7] }
  germany: { name: Germany, kind: place }
  hamburg: { name: Hamburg, kind: place, within: germany }
  berlin: { name: Berlin, kind: place, within: germany }
  russia: { name: Russia, kind: place }
  moscow: { name: Moscow, kind: place, within: russia }
  kremlin-building: { name: the Kremlin, kind: building, aliases: [Kremlin], within: moscow }
events:
  hamburg-meeting: { date: 2017-07-07, venue: [g20-summit, hamburg], cues: [first meeting, [Putin, Hamburg]] }
  bolton-visit: { date: 2018-06-27, venue: kremlin-building, cues: [[Bolton, Putin]] }
  announcement: { date: 2018-06-28, cues: [[announce, summit], [announced, White House]] }
  helsinki-summit: { date: 2018-07-16, cues: [Helsinki] }
  nato-summit: { date: { from: 2018-07-11, to: 2018-07-12 }, cues: [NATO summit] }
  inauguration: { date: 2017-01-20, cues: [[Trump, took office]] }
  election: { date: 2016-11-08, cues: [presidential election] }
quotes:
  main-event: { text: "It will be the main international event of the summer.", speaker: ushakov }
  agenda: { text: "The two leaders will discuss relations between the United States and Russia.", speaker: [sanders, white-house] }
  good-thing: { text: "getting along with Russia is a very good thing", speaker: trump }
"#;

fn run(rule: &dyn Rule, published: &str, text: &str) -> Vec<String> {
    analyse(published, text, |analysis| {
        let mut out = Output::default();
        rule.check(analysis, &mut out);
        out.findings.into_iter().map(|f| f.found).collect()
    })
}

/// Calls `with` on the analysis of `text` against [`CLAIMS`].
fn analyse<T>(published: &str, text: &str, with: impl FnOnce(&Analysis) -> T) -> T {
    analyse_against(CLAIMS, published, text, with)
}

fn analyse_against<T>(
    claims: &str,
    published: &str,
    text: &str,
    with: impl FnOnce(&Analysis) -> T,
) -> T {
    let claims = crate::claims::parse(claims, "claims.yaml").unwrap();
    let matcher = Matcher::new(&claims);
    let article = Article {
        path: "a.txt".into(),
        text: text.to_string(),
        body: 0..text.len(),
        published: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d")
            .ok()
            .map(|date| Published {
                date,
                source: DateSource::Claims,
                span: None,
            }),
        notes: Vec::new(),
    };
    with(&Analysis::new(&claims, &matcher, &article))
}

fn table(rule: &dyn Rule, rows: &[(&str, &str, Option<&str>)]) {
    let mut failures = Vec::new();
    for (published, text, want) in rows {
        let got = run(rule, published, text);
        let want: Vec<String> = want.iter().map(|w| w.to_string()).collect();
        if got != want {
            failures.push(format!(
                "{text:?} ({published}): got {got:?}, want {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn date_rule() {
    table(
        &date::DateRule,
        &[
            (
                "2018-06-29",
                "The first meeting between Trump and Putin was back in 2017.",
                None,
            ),
            (
                "2018-06-29",
                "The first meeting between Trump and Putin was back in 2016.",
                Some("2016"),
            ),
            (
                "2017-07-04",
                "Putin will meet Trump on July 7 in Hamburg.",
                None,
            ),
            (
                "2017-07-04",
                "Putin will meet Trump on July 8 in Hamburg.",
                Some("July 8"),
            ),
            (
                "2017-07-04",
                "Putin will meet Trump in Hamburg, the Kremlin reported Tuesday.",
                None,
            ),
            (
                "2017-07-04",
                "Putin will meet Trump in Hamburg, the Kremlin said on Monday.",
                None,
            ),
            ("2018-07-02", "Bolton met Putin last Wednesday.", None),
            (
                "2018-07-02",
                "Bolton met Putin last Tuesday.",
                Some("last Tuesday"),
            ),
            ("2018-06-28", "Bolton met Putin on Wednesday.", None),
            ("2018-06-28", "Bolton met Putin yesterday.", None),
            (
                "2018-06-28",
                "Bolton met Putin two days ago.",
                Some("two days ago"),
            ),
            (
                "2018-06-27",
                "They will announce the date of the summit on Thursday.",
                None,
            ),
            (
                "2018-06-27",
                "They will announce the date of the summit on Friday.",
                Some("on Friday"),
            ),
            (
                "2018-06-28",
                "The White House announced it on Thursday.",
                None,
            ),
            (
                "2018-06-29",
                "The White House announced it on Thursday, June 28.",
                None,
            ),
            (
                "2018-06-29",
                "The White House announced it on June 27.",
                Some("June 27"),
            ),
            // Two events, two dates: each date binds to its own event.
            (
                "2018-07-02",
                "Bolton met Putin last Wednesday, and the Helsinki summit is set for July 16.",
                None,
            ),
            (
                "2018-07-02",
                "Bolton met Putin last Wednesday, and the Helsinki summit is set for July 17.",
                Some("July 17"),
            ),
            // A date inside a quote belongs to what the quote speaks of.
            (
                "2018-07-02",
                "“We will meet in Helsinki on July 16,” reads a statement Bolton and Putin posted on Thursday.",
                None,
            ),
            // No publication date: relative dates are not guessed.
            ("", "Bolton met Putin last Tuesday.", None),
            (
                "",
                "Bolton met Putin on 26 June 2018.",
                Some("26 June 2018"),
            ),
            // A day after another event is never guessed.
            (
                "2018-06-28",
                "The news came a day after Putin hosted Bolton.",
                None,
            ),
        ],
    );
}

/// Sentence-level binding: each pair is a reading that must stay silent and
/// its look-alike that must be flagged.
#[test]
fn date_binding() {
    let pairs: &[(&str, &str, &str, Option<&str>)] = &[
        // A clause after ", and" belongs to its own event.
        (
            "2018-07-02",
            "Putin met Bolton last Wednesday, and on July 16 he will meet Trump in Helsinki.",
            "Putin met Bolton last Wednesday, and on July 17 he will meet Trump in Helsinki.",
            Some("July 17"),
        ),
        // Semicolons end a clause.
        (
            "2018-06-28",
            "Bolton met Putin on Wednesday; the summit in Helsinki is set for July 16.",
            "Bolton met Putin on Tuesday; the summit in Helsinki is set for July 16.",
            Some("on Tuesday"),
        ),
        // Dashes too.
        (
            "2018-06-28",
            "Bolton met Putin on Wednesday — the Helsinki talks follow on July 16.",
            "Bolton met Putin on Wednesday — the Helsinki talks follow on July 18.",
            Some("July 18"),
        ),
        // A relative clause dates its own event.
        (
            "2018-06-29",
            "Trump, who took office on January 20, 2017, met Putin in Hamburg on July 7, 2017.",
            "Trump, who took office on January 21, 2017, met Putin in Hamburg on July 7, 2017.",
            Some("January 21, 2017"),
        ),
        // The nearest cue decides inside one clause.
        (
            "2018-07-02",
            "Bolton met Putin on June 27 and Trump will meet Putin in Helsinki on July 16.",
            "Bolton met Putin on June 28 and Trump will meet Putin in Helsinki on July 16.",
            Some("June 28"),
        ),
        (
            "2018-07-02",
            "On July 16 Trump meets Putin in Helsinki, after the NATO summit on July 11.",
            "On July 16 Trump meets Putin in Helsinki, after the NATO summit on July 16.",
            Some("July 16"),
        ),
        // Counted from a named event.
        (
            "2018-07-02",
            "Trump will meet Putin in Helsinki four days after the NATO summit.",
            "Trump will meet Putin in Helsinki two days after the NATO summit.",
            Some("two days after"),
        ),
        (
            "2018-06-29",
            "The White House announced the summit a day after Putin hosted Bolton.",
            "The White House announced the summit two days after Putin hosted Bolton.",
            Some("two days after"),
        ),
        (
            "2018-06-29",
            "A day after Putin hosted Bolton, the White House announced the summit.",
            "Two days after Putin hosted Bolton, the White House announced the summit.",
            Some("Two days after"),
        ),
        (
            "2018-06-29",
            "Putin hosted Bolton the day before the White House announced the summit.",
            "Putin hosted Bolton two days before the White House announced the summit.",
            Some("two days before"),
        ),
        // Counted from a date written out; that date is not the event's.
        (
            "2018-07-02",
            "Trump arrives in Helsinki two days before July 18.",
            "Trump arrives in Helsinki a day before July 18.",
            Some("a day before"),
        ),
        // Counted from the last date said.
        (
            "2018-07-02",
            "Putin hosted Bolton on June 27. A day later, the White House announced the summit.",
            "Putin hosted Bolton on June 27. Two days later, the White House announced the summit.",
            Some("Two days later"),
        ),
        (
            "2018-07-02",
            "The White House announced the summit on June 28. Bolton had met Putin the previous day.",
            "The White House announced the summit on June 28. Bolton had met Putin two days earlier.",
            Some("two days earlier"),
        ),
        // With nothing to count from, never guessed.
        (
            "2018-07-02",
            "Bolton met Putin a day earlier.",
            "Bolton met Putin a day earlier, on June 30.",
            Some("June 30"),
        ),
        // A verb of saying dates the report.
        (
            "2018-07-02",
            "Bolton met Putin, the White House confirmed yesterday.",
            "Bolton met Putin yesterday, the White House confirmed.",
            Some("yesterday"),
        ),
        (
            "2018-07-02",
            "Trump said on Monday that he would meet Putin in Helsinki.",
            "Trump said he would meet Putin in Helsinki on Monday.",
            Some("on Monday"),
        ),
        // Bounds: before, after, by.
        (
            "2018-07-02",
            "The Helsinki summit will take place before July 20.",
            "The Helsinki summit will take place before July 10.",
            Some("July 10"),
        ),
        (
            "2018-07-02",
            "The Helsinki summit will be held after July 12.",
            "The Helsinki summit will be held after July 17.",
            Some("July 17"),
        ),
        (
            "2018-06-27",
            "They will announce the summit by Friday.",
            "They will announce the summit after Friday.",
            Some("Friday"),
        ),
        (
            "2018-06-27",
            "They will announce the summit no later than Friday.",
            "They will announce the summit no earlier than Saturday.",
            Some("Saturday"),
        ),
        // Tense: the publication day, past and future weekdays.
        (
            "2018-06-27",
            "Bolton met Putin on Wednesday.",
            "Bolton met Putin on Tuesday.",
            Some("on Tuesday"),
        ),
        (
            "2018-06-27",
            "The White House will announce the summit on Thursday.",
            "The White House announced it on Tuesday.",
            Some("on Tuesday"),
        ),
        // Months read in the tense of the sentence.
        (
            "2017-07-04",
            "The presidential election was held in November.",
            "The presidential election was held in October.",
            Some("in October"),
        ),
        (
            "2017-07-04",
            "Trump won the presidential election last year in November.",
            "Trump won the presidential election last year in October.",
            Some("last year in October"),
        ),
        // Seasons.
        (
            "2018-06-27",
            "The Helsinki summit will be held this summer.",
            "The Helsinki summit will be held next summer.",
            Some("next summer"),
        ),
        (
            "2018-06-27",
            "The Helsinki summit is planned for the summer of 2018.",
            "The Helsinki summit is planned for the summer of 2019.",
            Some("the summer of 2019"),
        ),
        // Written-out days and anniversaries.
        (
            "2018-06-29",
            "The first meeting took place on the seventh of July, 2017.",
            "The first meeting took place on the eighth of July, 2017.",
            Some("the eighth of July, 2017"),
        ),
        (
            "2018-07-07",
            "The first meeting was a year ago today.",
            "The first meeting was two years ago today.",
            Some("two years ago today"),
        ),
        // Runs of days overlap or do not.
        (
            "2018-07-02",
            "The NATO summit runs July 12-13.",
            "The NATO summit runs July 13-14.",
            Some("July 13-14"),
        ),
        (
            "2018-07-02",
            "The NATO summit is held between July 11 and 12.",
            "The NATO summit is held between July 13 and 14.",
            Some("July 13 and 14"),
        ),
        (
            "2018-07-02",
            "The NATO summit runs from June 30 to July 11.",
            "The NATO summit runs from June 28 to July 2.",
            Some("June 28 to July 2"),
        ),
        // Parts of months.
        (
            "2018-07-02",
            "The NATO summit is in mid-July.",
            "The NATO summit is in early June.",
            Some("early June"),
        ),
        // Years and possessive years.
        (
            "2018-06-29",
            "At 2017's G20 in Hamburg, Putin first met Trump.",
            "At 2016's G20 in Hamburg, Putin first met Trump.",
            Some("2016's"),
        ),
        (
            "2018-06-29",
            "Trump and Putin first met in Hamburg in July 2017.",
            "Trump and Putin first met in Hamburg in June 2017.",
            Some("June 2017"),
        ),
    ];
    assert!(pairs.len() >= 30, "at least 30 binding cases");
    let rows: Vec<(&str, &str, Option<&str>)> = pairs
        .iter()
        .flat_map(|&(published, quiet, flagged, found)| {
            [(published, quiet, None), (published, flagged, found)]
        })
        .collect();
    table(&date::DateRule, &rows);
}

#[test]
fn venue_rule() {
    table(
        &venue::VenueRule,
        &[
            (
                "2018-06-29",
                "The first meeting was at the G20 summit in Hamburg.",
                None,
            ),
            (
                "2018-06-29",
                "The first meeting was at the G7 summit in Hamburg.",
                Some("G7 summit"),
            ),
            (
                "2018-06-29",
                "The first meeting was during the G7 summit.",
                Some("G7 summit"),
            ),
            (
                "2018-06-29",
                "The first meeting was in Berlin.",
                Some("Berlin"),
            ),
            ("2018-06-29", "The first meeting was in Germany.", None),
            (
                "2018-06-29",
                "The first meeting was in Hamburg, Germany.",
                None,
            ),
            (
                "2018-06-29",
                "Putin arrived in Hamburg, the Kremlin said.",
                None,
            ),
            ("2018-06-29", "Bolton met Putin in Moscow.", None),
            ("2018-06-29", "Bolton met Putin at the Kremlin.", None),
            ("2018-06-29", "Bolton met Putin in Berlin.", Some("Berlin")),
            // "Hamburg" with "Putin" is a cue of the Hamburg meeting, so the place is its own.
            ("2018-06-29", "Bolton met Putin in Hamburg.", None),
            ("2018-06-29", "Bolton told Putin the G7 was wrong.", None),
            (
                "2018-06-29",
                "The Kremlin said Bolton would meet Putin.",
                None,
            ),
        ],
    );
}

#[test]
fn attribution_rule() {
    table(
        &attribution::AttributionRule,
        &[
            (
                "2018-06-27",
                "“It will be the main international event of the summer,” Ushakov said.",
                None,
            ),
            (
                "2018-06-27",
                "“It will be the main international event of the summer,” Bolton said.",
                Some("Bolton"),
            ),
            (
                "2018-06-27",
                "“It will be the main international event of the summer,” said Bolton.",
                Some("Bolton"),
            ),
            (
                "2018-06-27",
                "\"It will be the main international event of the summer,” said Yuri Ushakov, a Kremlin adviser.",
                None,
            ),
            (
                "2018-06-27",
                "Kremlin aide Yuri Ushakov told reporters: “It will be the main international event of the summer.”",
                None,
            ),
            (
                "2018-06-27",
                "“It will be the main international event of the summer,” Ushakov told Bolton.",
                None,
            ),
            (
                "2018-06-27",
                "Bolton met Ushakov. “It will be the main international event of the summer,” he said.",
                None,
            ),
            (
                "2018-06-27",
                "Ushakov met Bolton. “It will be the main international event of the summer,” he said.",
                Some("he"),
            ),
            (
                "2018-06-27",
                "“This was long planned,” Ushakov said. “It will be the main international event of the summer.”",
                None,
            ),
            (
                "2018-06-27",
                "“This was long planned,” Bolton said. “It will be the main international event of the summer.”",
                Some("Bolton"),
            ),
            (
                "2018-06-27",
                "According to Bolton, “it will be the main international event of the summer.”",
                Some("Bolton"),
            ),
            (
                "2018-06-27",
                "“It will be the main international event of the summer,” he said, as quoted by The Guardian.",
                None,
            ),
            (
                "2018-06-27",
                "“It will be the main international [sports] event of the summer,” Ushakov said.",
                None,
            ),
            (
                "2018-06-27",
                "'It will be the main international event of the summer,' Bolton said.",
                Some("Bolton"),
            ),
            (
                "2018-06-27",
                "“It will be the main international event,” Bolton said.",
                Some("Bolton"),
            ),
            (
                "2018-06-27",
                "“It will be the main thing,” Bolton said.",
                None,
            ),
            // Roles name their holder only while held.
            (
                "2018-06-27",
                "“Getting along with Russia is a very good thing,” said the U.S. President.",
                None,
            ),
            (
                "2015-06-27",
                "“Getting along with Russia is a very good thing,” said the U.S. President.",
                Some("the U.S. President"),
            ),
            // Names inside the quote never speak; organisations speak through statements.
            (
                "2018-06-28",
                "“The two leaders will discuss relations between the United States and Russia,” the White House said in a statement.",
                None,
            ),
            (
                "2018-06-28",
                "“The two leaders will discuss relations between the United States and Russia,” Bolton said.",
                Some("Bolton"),
            ),
            (
                "2018-06-28",
                "They discussed “the United States and Russia and its allies, which Putin called a problem,” Sanders said.",
                None,
            ),
        ],
    );
}

/// More attribution traps, each beside a look-alike.
#[test]
fn attribution_traps() {
    const Q: &str = "It will be the main international event of the summer";
    let rows: Vec<(String, Option<&str>)> = vec![
        // Verbs of saying, both orders.
        (format!("“{Q},” Ushakov added."), None),
        (format!("“{Q},” Bolton added."), Some("Bolton")),
        (format!("“{Q},” added Bolton."), Some("Bolton")),
        (format!("“{Q},” Ushakov wrote on Twitter."), None),
        (format!("“{Q},” Bolton wrote on Twitter."), Some("Bolton")),
        (format!("“{Q},” Bolton tweeted."), Some("Bolton")),
        (format!("“{Q},” Ushakov tweeted."), None),
        (format!("“{Q},” Bolton told reporters."), Some("Bolton")),
        (format!("“{Q},” Ushakov told reporters."), None),
        (format!("“{Q},” Bolton said in a statement."), Some("Bolton")),
        (format!("“{Q},” Ushakov said in a statement."), None),
        (format!("Bolton said: “{Q}.”"), Some("Bolton")),
        (format!("Ushakov said: “{Q}.”"), None),
        // Apposition and titles.
        (format!("“{Q},” said Yuri Ushakov, a Kremlin aide."), None),
        (format!("“{Q},” said John Bolton, the national security adviser."), Some("John Bolton")),
        (format!("Kremlin aide Yuri Ushakov said: “{Q}.”"), None),
        (format!("“{Q},” the Kremlin adviser said."), None),
        // Interrupted by the attribution.
        ("“It will be the main international event,” Ushakov said, “of the summer.”".to_string(), None),
        ("“It will be the main international event,” Bolton said, “of the summer.”".to_string(), Some("Bolton")),
        // Pronouns: the nearest compatible person.
        (format!("Sanders met Ushakov. “{Q},” he said."), None),
        (format!("Ushakov met Sanders. “{Q},” she said."), Some("she")),
        (format!("Ushakov met Bolton. “{Q},” he said."), Some("he")),
        (format!("Bolton met Ushakov. “{Q},” he said."), None),
        // A paragraph of quote with no attribution continues the previous speaker.
        (format!("“This was long planned,” Ushakov said.\n\n“{Q}.”"), None),
        (format!("“This was long planned,” Bolton said.\n\n“{Q}.”"), Some("Bolton")),
        // Addressees and outlets never speak.
        (format!("“{Q},” Ushakov told Bolton."), None),
        (format!("Ushakov told Bolton: “{Q}.”"), None),
        (format!("“{Q},” Ushakov said, according to Reuters."), None),
        (format!("“{Q},” Bolton said, according to Reuters."), Some("Bolton")),
        (format!("“{Q},” Ushakov said, as quoted by the Washington Post."), None),
        // Names inside the quote never speak.
        ("“Bolton agrees it will be the main international event of the summer,” Ushakov said.".to_string(), None),
        // Straight, single and angle marks, and a mismatched pair.
        (format!("\"{Q},\" Ushakov said."), None),
        (format!("\"{Q},\" Bolton said."), Some("Bolton")),
        (format!("'{Q},' Bolton said."), Some("Bolton")),
        (format!("«{Q}», Bolton said."), Some("Bolton")),
        (format!("\"{Q},” Bolton said."), Some("Bolton")),
        (format!("«{Q}», a déclaré Ushakov."), None),
        // Tolerant matching: case, ellipsis, brackets, a fragment.
        ("“it will be THE MAIN international event of the summer,” Bolton said.".to_string(), Some("Bolton")),
        ("“It will be … the main international event of the summer,” Bolton said.".to_string(), Some("Bolton")),
        ("“The two leaders will discuss … the United States and Russia,” Bolton said.".to_string(), Some("Bolton")),
        ("“The two leaders will discuss … the United States and Russia,” Sanders said.".to_string(), None),
        ("“It will be the main [sporting] international event of the summer,” Bolton said.".to_string(), Some("Bolton")),
        ("“I think the main international event of the summer is this one,” Bolton said.".to_string(), Some("Bolton")),
        ("“The main international event of the summer will be the World Cup,” Bolton said.".to_string(), Some("Bolton")),
        // Markdown block quotes, introduced by the paragraph before.
        (format!("Ushakov said:\n\n> {Q}."), None),
        (format!("Bolton said:\n\n> {Q}."), Some("Bolton")),
        // A quote continued in the next paragraph with a reopening mark.
        (format!("“This was long planned,” Ushakov said. “It is a good thing.\n\n“{Q}.”"), None),
        (format!("“This was long planned,” Bolton said. “It is a good thing.\n\n“{Q}.”"), Some("Bolton")),
        // Statements and organisations.
        (format!("“{Q},” reads a statement from Bolton."), Some("Bolton")),
        (format!("“{Q},” reads a statement from Ushakov."), None),
        (format!("According to Ushakov, “{Q}.”"), None),
        (format!("Bolton vented on Twitter: “{Q}.”"), Some("Bolton")),
        (format!("Ushakov vented on Twitter: “{Q}.”"), None),
        // "they" refers back only to a person whose pronoun allows it: here
        // nobody, so the quote stays unattributed (a note).
        (format!("Sanders met Bolton. “{Q},” they said."), None),
        (format!("Sanders met Bolton. “{Q},” he said."), Some("he")),
        // An explicit name beats a role alias nearby.
        (format!("“{Q},” the Kremlin adviser, Yuri Ushakov, said."), None),
        (format!("“{Q},” said Bolton, not the Kremlin adviser."), Some("Bolton")),
        // Several speakers may be allowed.
        ("“The two leaders will discuss relations between the United States and Russia,” the White House said.".to_string(), None),
        ("“The two leaders will discuss relations between the United States and Russia,” Sanders told reporters.".to_string(), None),
        ("“The two leaders will discuss relations between the United States and Russia,” the Kremlin said.".to_string(), Some("the Kremlin")),
        // Too little of the quote to be it.
        ("“It will be the main thing,” Bolton said.".to_string(), None),
        ("“The summer will be hot,” Bolton said.".to_string(), None),
    ];
    let rows: Vec<(&str, &str, Option<&str>)> = rows
        .iter()
        .map(|(text, want)| ("2018-06-27", text.as_str(), *want))
        .collect();
    table(&attribution::AttributionRule, &rows);
}

#[test]
fn quote_rule() {
    table(
        &quote::QuoteRule,
        &[
            (
                "2018-06-27",
                "“It will be the main international event of the summer,” Ushakov said.",
                None,
            ),
            (
                "2018-06-27",
                "“It will be the biggest international event of the summer,” Ushakov said.",
                Some("biggest"),
            ),
            (
                "2018-06-27",
                "“It will be the main … event of the summer,” Ushakov said.",
                None,
            ),
            (
                "2018-06-27",
                "“It will be the main international event of the year,” Ushakov said.",
                Some("year"),
            ),
            // Outside quotation marks a paraphrase is not a quote.
            (
                "2018-06-27",
                "Ushakov said it will be the biggest international event of the summer.",
                None,
            ),
        ],
    );
}

/// The quote rule passes over a passage that holds a fragment with the
/// whole quote's words and no other word, and `compare` finds no change
/// in any it passes over. Each row: a passage, and whether it is passed
/// over.
#[test]
fn passages_passed_over_are_those_without_changes() {
    let rows = [
        (
            "“It will be the main international event of the summer,” Ushakov said.",
            true,
        ),
        (
            "“It will be the main international event of the summer.” Ushakov said.",
            true,
        ),
        (
            "“It will be the main international event of the summer …” Ushakov said.",
            true,
        ),
        (
            "“It will be the main international event [of 2018] of the summer,” he said.",
            true,
        ),
        (
            "“It will be the main ... international event of the summer,” he said.",
            true,
        ),
        (
            "“IT WILL BE the main international event of the summer!” he said.",
            true,
        ),
        (
            "“Yes, It will be the main international event of the summer,” Ushakov said.",
            false,
        ),
        (
            "“It will be the main international event of the summer and autumn,” Ushakov said.",
            false,
        ),
        (
            "“It will be the biggest international event of the summer,” he said.",
            false,
        ),
        (
            "“It will be the main international event of the summer of the summer,” he said.",
            false,
        ),
        (
            "“It will be the main international event of summer,” Ushakov said.",
            false,
        ),
        (
            "“Getting along with Russia is a very good thing,” Trump said.",
            true,
        ),
        (
            "“Getting along with Russia is a very, very good thing,” Trump said.",
            false,
        ),
    ];
    for (text, passed) in rows {
        analyse("2018-06-27", text, |a| {
            let mut seen = 0;
            for attribution::Passage { fragment, region } in a.passages() {
                let Some(region) = *region else { continue };
                seen += 1;
                let passage = a.quotes[region].inner.clone();
                let skip =
                    fragment.exact && quote::only_words_of(a.text(), &passage, &fragment.span);
                assert_eq!(skip, passed, "{text}");
                if skip {
                    let words = &a.quote_words[fragment.quote];
                    assert_eq!(quote::compare(a.text(), passage, words), None, "{text}");
                }
            }
            assert!(seen > 0, "no passage in {text}");
        });
    }
}

/// The same over passages made from each quote by random edits: words
/// dropped, doubled or changed, marks and brackets put between words.
#[test]
fn edited_quotes_passed_over_have_no_changes() {
    let quotes = [
        "It will be the main international event of the summer",
        "The two leaders will discuss relations between the United States and Russia",
        "getting along with Russia is a very good thing",
    ];
    let marks = ["…", "...", ". . .", "[also]", "[of 2018]", ",", " —", "!"];
    let mut seed = 11u64;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize % n
    };
    let (mut passed, mut compared) = (0, 0);
    for round in 0..600 {
        let mut words: Vec<String> = quotes[round % quotes.len()]
            .split(' ')
            .map(String::from)
            .collect();
        // Up to two edits; none in a few rounds, the quote as it is.
        for _ in 0..next(3) {
            let at = next(words.len());
            match next(5) {
                0 => drop(words.remove(at)),
                1 => words.insert(at, words[at].clone()),
                2 => words[at] = "biggest".into(),
                3 => words[at] = words[at].to_uppercase(),
                _ => words.insert(at, marks[next(marks.len())].into()),
            }
        }
        let text = format!("“{},” Ushakov said.", words.join(" "));
        analyse("2018-06-27", &text, |a| {
            for attribution::Passage { fragment, region } in a.passages() {
                let Some(region) = *region else { continue };
                let passage = a.quotes[region].inner.clone();
                let words = &a.quote_words[fragment.quote];
                let change = quote::compare(a.text(), passage.clone(), words);
                if fragment.exact && quote::only_words_of(a.text(), &passage, &fragment.span) {
                    assert_eq!(change, None, "{text}");
                    passed += 1;
                } else {
                    compared += 1;
                }
            }
        });
    }
    assert!(
        passed > 100 && compared > 100,
        "{passed} passed over, {compared} compared"
    );
}

/// A fragment is exact only when its windows follow one another through
/// the whole quote. A window found at two places in a quote that repeats
/// itself breaks the chain, even where the passage quotes it whole: such
/// a passage is compared, never passed over. Each row: the text, whether
/// its fragment is exact, whether `compare` finds a change.
#[test]
fn fragments_are_exact_only_through_the_whole_quote() {
    let claims = r#"
version: 1
people:
  ushakov: { name: Yuri Ushakov, aliases: [Ushakov] }
quotes:
  twice: { text: "one two three four five one two three four five six", speaker: ushakov }
"#;
    let rows = [
        (
            "“One two three four five one two three four five six,” Ushakov said.",
            false,
            false,
        ),
        ("“One two three four five six,” Ushakov said.", false, false),
        (
            "“One two three four five one two three four five seven,” Ushakov said.",
            false,
            true,
        ),
    ];
    for (text, exact, change) in rows {
        analyse_against(claims, "2018-06-27", text, |a| {
            let fragments = attribution::fragments(a);
            assert_eq!(fragments.len(), 1, "{text}");
            assert_eq!(fragments[0].exact, exact, "{text}");
            let passage = a.quotes[0].inner.clone();
            let changed = quote::compare(a.text(), passage, &a.quote_words[0]).is_some();
            assert_eq!(changed, change, "{text}");
        });
    }
}

#[test]
fn weekday_rule() {
    table(
        &weekday::WeekdayRule,
        &[
            ("2018-06-29", "It was announced on Thursday, June 28.", None),
            (
                "2018-06-29",
                "It was announced on Monday, June 28.",
                Some("Monday, June 28"),
            ),
            (
                "",
                "It was announced on Monday, June 28, 2018.",
                Some("Monday, June 28, 2018"),
            ),
            ("", "It was announced on Thursday, June 28, 2018.", None),
            ("", "It was announced on Monday, June 28.", None),
            ("2018-06-29", "It was announced on Thursday.", None),
            ("2018-07-02", "They meet on Monday, 16 July 2018.", None),
            (
                "2018-07-02",
                "They meet on Sunday, 16 July 2018.",
                Some("Sunday, 16 July 2018"),
            ),
        ],
    );
}
