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
    roles: [{ title: Kremlin aide, aliases: [Kremlin aide, Kremlin adviser] }]
  bolton: { name: John Bolton, aliases: [Bolton, Mr Bolton] }
  sanders: { name: Sarah Sanders, aliases: [Sanders] }
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
quotes:
  main-event: { text: "It will be the main international event of the summer.", speaker: ushakov }
  agenda: { text: "The two leaders will discuss relations between the United States and Russia.", speaker: [sanders, white-house] }
  good-thing: { text: "getting along with Russia is a very good thing", speaker: trump }
"#;

fn run(rule: &dyn Rule, published: &str, text: &str) -> Vec<String> {
    let claims = crate::claims::parse(CLAIMS, "claims.yaml").unwrap();
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
    let analysis = Analysis::new(&claims, &matcher, &article);
    let mut out = Output::default();
    rule.check(&analysis, &mut out);
    out.findings.into_iter().map(|f| f.found).collect()
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
