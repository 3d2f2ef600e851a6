//! "Did you mean" for misspelt keys and ids.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::normalized_damerau_levenshtein(word, c);
        if score >= 0.6 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// A help line naming the closest candidate, or listing the candidates.
pub fn help(word: &str, what: &str, candidates: &[&str]) -> String {
    match closest(word, candidates.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if candidates.is_empty() => format!("no {what} is defined"),
        None if candidates.len() <= 12 => format!("expected one of {}", candidates.join(", ")),
        None => format!("expected one of the {} {what} ids", candidates.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["title", "date", "venue", "participants", "cues", "sources"];
        assert_eq!(closest("venu", keys), Some("venue"));
        assert_eq!(closest("soruces", keys), Some("sources"));
        assert_eq!(
            closest("g20-sumit", ["g20-summit", "g7-summit"]),
            Some("g20-summit")
        );
        assert_eq!(closest("weather", keys), None);
    }
}
