//! The sources of the built-in patterns: the date rows that
//! `temporal::extract` tries in order, and the dateline forms of
//! `corpus::dateline`. This file uses nothing from the crate, so that
//! `build.rs` can include it and compile each pattern to DFAs once, at
//! build time (see the README's design section).

// Word boundaries are ASCII (`(?-u:\b)`): dates are ASCII words, and the
// ASCII form lets the regex engine stay in its fast DFA (about 15% of a run).

/// Month names and abbreviations; `Mar` needs its dot, or it is a verb.
pub const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?";
pub const WEEKDAY: &str = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
pub const DAY: &str = r"(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?";
pub const YEAR: &str = r"(?P<year>(?:1[89]|20|21)[0-9][0-9])";
pub const NUMBER: &str =
    r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,3})";
pub const ORDINAL: &str = r"(?P<ordinal>(?:twenty|thirty)-?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)";
pub const SEASON: &str = r"(?P<season>spring|summer|autumn|fall|winter)";
/// A day after a run's first day: "11-12", "11 and 12", "11 to 12".
pub const LAST: &str =
    r"(?:\s*(?:-|–|and|to|through|until)\s*(?P<last>[0-3]?[0-9])(?:st|nd|rd|th)?)?";

/// The date rows' sources, in the order they are tried; each comment is
/// an example the row reads (see `extract::NEEDS`).
pub fn rows() -> Vec<String> {
    let mon = format!("(?P<month>{MONTHS})");
    vec![
        // "2018-07-16"
        r"(?-u:\b)(?P<year>[0-9]{4})-(?P<m>[0-9]{2})-(?P<day>[0-9]{2})(?-u:\b)".into(),
        // "June 30 to July 2": a run across two months.
        format!(r"(?:{WEEKDAY},?\s+)?{mon}\s+{DAY}\s*(?:-|–|to|through|until|and)\s*(?P<month2>{MONTHS})\s+(?P<last>[0-3]?[0-9])(?:st|nd|rd|th)?(?:,?\s+{YEAR})?(?-u:\b)"),
        // "July 16"
        format!(r"(?:{WEEKDAY},?\s+)?{mon}\s+{DAY}{LAST}(?:,?\s+{YEAR})?(?-u:\b)"),
        // "16 July"
        format!(r"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}{LAST}\s+(?:of\s+)?{mon}(?:,?\s+{YEAR})?(?-u:\b)"),
        // "the seventh of July", "July the seventh", "July seventh".
        format!(r"(?:{WEEKDAY},?\s+)?(?i:(?-u:\b)(?:the\s+)?{ORDINAL}\s+of\s+){mon}(?:,?\s+{YEAR})?(?-u:\b)"),
        // "July the seventh"
        format!(r"(?:{WEEKDAY},?\s+)?{mon}(?i:\s+(?:the\s+)?{ORDINAL})(?-u:\b)(?:,?\s+{YEAR})?"),
        // "last year in November"
        format!(r"(?i:(?-u:\b)last\s+year\s+in\s+){mon}(?-u:\b)"),
        // "in November last year"
        format!(r"(?-u:\b)in\s+{mon}(?i:\s+(?:of\s+)?last\s+year)(?-u:\b)"),
        // "mid-July"
        format!(r"(?i:(?-u:\b)(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of))[-\s]+{mon}(?:,?\s+{YEAR})?(?-u:\b)"),
        // "early 2018", "mid-2018", "the end of 2017".
        format!(r"(?i:(?-u:\b)(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of))[-\s]+{YEAR}(?-u:\b)"),
        // "July 2018"
        format!(r"{mon},?\s+{YEAR}(?-u:\b)"),
        // "last November"
        format!(r"(?i:(?-u:\b)(?P<shift>last|this|next)\s+){mon}(?-u:\b)"),
        // "in November"
        format!(r"(?i:(?-u:\b)(?:in|since|until|by|during|of|from|through|a|an|the|early|late)\s+){mon}(?-u:\b)"),
        // Seasons: only with a year, a shift or a preposition ("of the
        // summer" alone is a figure of speech as often as a date).
        format!(r"(?i)(?-u:\b)(?:the\s+)?{SEASON}\s+(?:of\s+)?{YEAR}(?-u:\b)"),
        // "last summer"
        format!(r"(?i)(?-u:\b)(?P<shift>last|this\s+past|past|this\s+coming|this|next|coming)\s+{SEASON}(?-u:\b)"),
        // "in the summer"
        format!(r"(?i)(?-u:\b)(?:in|during|over|by|until|through|since)\s+(?:the\s+)?{SEASON}(?-u:\b)"),
        // "the day after tomorrow"
        r"(?i)(?-u:\b)the\s+day\s+(?P<which>after\s+tomorrow|before\s+yesterday)(?-u:\b)".into(),
        // "a year ago today", "a week from today": exact days.
        format!(r"(?i)(?-u:\b){NUMBER}\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|from)\s+today(?-u:\b)"),
        // Counted from an anchor named next: "a day after the summit".
        format!(r"(?i)(?-u:\b)(?:{NUMBER}|the|that)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>before|after|prior\s+to|ahead\s+of)(?-u:\b)"),
        // "on the eve of"
        r"(?i)(?-u:\b)(?:on\s+)?the\s+eve\s+of(?-u:\b)".into(),
        // Counted from a date said before: "a day later", "the previous day".
        format!(r"(?i)(?-u:\b)(?:{NUMBER}|the|that)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|later|before)(?-u:\b)"),
        // "the previous day"
        r"(?i)(?-u:\b)the\s+(?P<dir>previous|following|next|same)\s+(?P<unit>day|week|month|year)(?-u:\b)".into(),
        // "Thursday"
        format!(r"(?i:(?-u:\b)(?P<shift>last|this|next|on|earlier\s+on|later\s+on|late\s+on|early\s+on)\s+)?{WEEKDAY}(?-u:\b)"),
        // "yesterday"
        r"(?i)(?-u:\b)(?P<word>yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))(?-u:\b)".into(),
        // "earlier this month"
        r"(?i)(?-u:\b)(?P<which>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)(?-u:\b)".into(),
        // "last week"
        r"(?i)(?-u:\b)(?P<shift>last|this\s+past|this\s+coming|this|next)\s+(?P<unit>week|weekend|month|year)(?-u:\b)".into(),
        // "over the weekend"
        r"(?i)(?-u:\b)(?:over|at|on|during)\s+the\s+(?P<unit>weekend)(?-u:\b)".into(),
        // "in two weeks"
        format!(r"(?i)(?-u:\b)in\s+{NUMBER}\s+(?P<unit>day|week|month|year)s?(?:['’]?\s+time)?(?-u:\b)"),
        // "two weeks ago"
        format!(r"(?i)(?-u:\b){NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago(?-u:\b)"),
        // "2018"
        format!(r"(?-u:\b){YEAR}(?:['’]s)?(?-u:\b)"),
    ]
}

/// A publication date in a dateline: "June 28, 2018", "28th June 2018"
/// or "2018-06-28".
pub const DATELINE_DATE: &str = r"(?:(?P<m1>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)\s+(?P<d1>[0-3]?[0-9])(?:st|nd|rd|th)?,?\s+(?P<y1>[0-9]{4})|(?P<d2>[0-3]?[0-9])\s+(?P<m2>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?),?\s+(?P<y2>[0-9]{4})|(?P<y3>[0-9]{4})-(?P<m3>[0-9]{2})-(?P<d3>[0-9]{2}))";

/// The dateline forms, in the order they are tried, with their names
/// (which explanations give).
pub fn dateline_forms() -> Vec<(&'static str, String)> {
    let time =
        r"(?:,?\s*(?:at\s+)?[0-9]{1,2}[:.][0-9]{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,5})?)?";
    vec![
        (
            "a `date:` line",
            format!(
                r"(?i:^\s*(?:date|published|publication\s+date|posted(?:\s+on)?|first\s+published(?:\s+on)?)\s*:?\s*){DATELINE_DATE}{time}"
            ),
        ),
        (
            "a by-line",
            format!(
                r"^\s*By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von))*?\s*[,|•·–—-]?\s*{DATELINE_DATE}{time}"
            ),
        ),
        (
            "a date line",
            format!(
                r"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?{DATELINE_DATE}{time}\s*$"
            ),
        ),
        (
            "a dateline",
            format!(r"^\s*[A-Z][A-Z .'’-]+,\s+{DATELINE_DATE}\s*(?:\([A-Za-z ]+\)\s*)?[-–—]"),
        ),
    ]
}

/// A wire dateline without a year ("MOSCOW, June 28 (Reuters) -").
pub const YEARLESS: &str = r"^\s*[A-Z][A-Z .'’-]+,\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)\s+[0-3]?[0-9]\s*(?:\([A-Za-z ]+\)\s*)?[-–—]";

/// Every built-in pattern, by the name its DFAs are filed under in the
/// generated table (see `build.rs`).
pub fn all() -> Vec<(&'static str, Vec<String>)> {
    vec![
        ("ROWS", rows()),
        (
            "FORMS",
            dateline_forms().into_iter().map(|(_, s)| s).collect(),
        ),
        ("DATELINE_DATE", vec![DATELINE_DATE.to_string()]),
        ("YEARLESS", vec![YEARLESS.to_string()]),
    ]
}
