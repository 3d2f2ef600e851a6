//! Fixture tests: each folder under tests/fixtures/<rule>/<case>/ holds a
//! claims file, a corpus and `expected.txt`, one line per conflict
//! (`rule claim file:line:col found`). An empty `expected.txt` is a near
//! miss that must stay silent.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for rule in std::fs::read_dir(&root).unwrap() {
        for case in std::fs::read_dir(rule.unwrap().path()).unwrap() {
            let case = case.unwrap().path();
            if case.join("expected.txt").exists() {
                out.push(case);
            }
        }
    }
    out.sort();
    out
}

fn conflicts(case: &Path) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(case)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: bad JSON ({e}): {}",
            case.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut lines = String::new();
    for c in json["conflicts"].as_array().unwrap() {
        lines.push_str(&format!(
            "{} {} {}:{}:{} {}\n",
            c["rule"].as_str().unwrap(),
            c["claim"].as_str().unwrap_or("-"),
            c["file"].as_str().unwrap(),
            c["line"],
            c["column"],
            c["found"].as_str().unwrap()
        ));
    }
    (lines, output.status.code().unwrap())
}

#[test]
fn every_fixture_reports_exactly_its_conflicts() {
    let cases = cases();
    assert!(cases.len() >= 8, "fixtures are missing");
    let mut failures = Vec::new();
    for case in &cases {
        let want = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let (got, code) = conflicts(case);
        let want_code = if want.trim().is_empty() { 0 } else { 1 };
        if got != want || code != want_code {
            failures.push(format!(
                "{}:\n  want (exit {want_code}):\n{want}  got (exit {code}):\n{got}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_conflict_and_a_near_miss() {
    for rule in ["date", "venue", "attribution", "weekday"] {
        let (mut found, mut silent) = (false, false);
        for case in cases()
            .iter()
            .filter(|c| c.parent().unwrap().ends_with(rule))
        {
            let want = std::fs::read_to_string(case.join("expected.txt")).unwrap();
            found |= !want.trim().is_empty();
            silent |= want.trim().is_empty();
        }
        assert!(
            found && silent,
            "rule {rule} needs a conflict fixture and a near-miss fixture"
        );
    }
}

#[test]
fn an_unattributed_known_quote_is_a_note() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/attribution/unattributed-is-a-note");
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(&case)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let notes = json["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["message"].as_str().unwrap().contains("no speaker")),
        "{notes:?}"
    );
}
