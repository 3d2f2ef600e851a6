//! Every report format on the bundled corpus: a snapshot (the bytes are
//! the contract; `UPDATE_SNAPSHOTS=1 cargo test` rewrites them after a
//! deliberate change) and a validity test (SARIF against the official
//! schema, JUnit as XML, GitHub commands by their grammar, Markdown
//! tables by their shape, HTML in tests/browser.rs).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn report(format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(["check", "--format", format])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{format}");
    String::from_utf8(out.stdout).unwrap()
}

fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: UPDATE_SNAPSHOTS=1 cargo test",
            path.display()
        )
    });
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .header("snapshot", "now")
            .to_string();
        panic!("{name} changed (UPDATE_SNAPSHOTS=1 if deliberate):\n{diff}");
    }
}

/// A folder with the bundled claims.yaml and one article.
fn project(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    std::fs::write(dir.path().join("corpus").join(name), text).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("claims.yaml"),
        dir.path().join("claims.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn snapshots_of_every_format() {
    for (format, file) in [
        ("text", "bundled.txt"),
        ("json", "bundled.json"),
        ("sarif", "bundled.sarif"),
        ("github", "bundled.github"),
        ("junit", "bundled.junit.xml"),
        ("markdown", "bundled.md"),
        ("html", "bundled.html"),
    ] {
        snapshot(file, &report(format));
    }
}

/// The official SARIF 2.1.0 schema, as shipped in the `serde-sarif` crate
/// (a dev-dependency, so cargo has it on disk).
fn sarif_schema() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dev-dependency");
    Path::new(manifest)
        .parent()
        .unwrap()
        .join("src/schema.json")
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    // The 2.1.0 schema's `language` pattern is not a valid regex; SARIF
    // errata 01 fixed it to this. Nothing else is changed.
    let text = std::fs::read_to_string(sarif_schema()).unwrap().replace(
        r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        r"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    let sarif: serde_json::Value = serde_json::from_str(&report("sarif")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken), "the validator does validate");
    // The schema is not all: results carry what code scanning needs.
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["endColumn"].as_u64() > region["startColumn"].as_u64());
        assert!(r["partialFingerprints"]["claimcheck/v1"].is_string());
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], r["ruleId"]);
    }
    // And the typed model generated from the same schema reads it back.
    let typed: serde_sarif::sarif::Sarif = serde_json::from_value(sarif).unwrap();
    assert_eq!(typed.runs.len(), 1);
}

#[test]
fn junit_is_well_formed_xml_with_one_case_per_article_and_rule() {
    let xml = report("junit");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 5, "one suite per article");
    let cases: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 25, "5 articles × 5 rules");
    assert_eq!(root.attribute("tests"), Some("25"));
    let failures: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 2);
    assert_eq!(root.attribute("failures"), Some("2"));
    assert!(failures[0].text().unwrap().contains("mid-July"));
}

#[test]
fn junit_survives_markup_and_control_characters() {
    let dir = project(
        "a&<b>\".txt",
        "By a reporter, 12 July 2017\n\n\u{1}]]> The first meeting between Trump and Putin was at the G7 summit in Hamburg.\n",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(dir.path())
        .args(["check", "--format", "junit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("name"), Some("corpus/a&<b>\".txt"));
}

/// `::level file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message`,
/// with nothing unescaped that would end a property or the command.
#[test]
fn github_commands_follow_the_workflow_command_grammar() {
    let text = report("github");
    let commands: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 2);
    for line in commands {
        let rest = line.strip_prefix("::error ").expect("errors first");
        let (props, message) = rest.split_once("::").unwrap();
        assert!(!message.is_empty());
        let keys: Vec<&str> = props
            .split(',')
            .map(|p| p.split_once('=').expect("key=value").0)
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
        for p in props.split(',') {
            let value = p.split_once('=').unwrap().1;
            assert!(!value.contains(':') && !value.contains('\n'), "{value}");
        }
    }
}

#[test]
fn github_annotations_are_capped_per_level_and_the_rest_logged() {
    let mut text = String::from("By a reporter, 12 July 2017\n\n");
    for _ in 0..15 {
        text.push_str(
            "The first meeting between Trump and Putin was at the G7 summit in Hamburg.\n\n",
        );
        text.push_str("It was on Monday, June 28, 2018.\n\n");
    }
    let dir = project("a.txt", &text);
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "github",
            "--severity",
            "weekday=warning",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the cap never changes the exit code"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let errors = text.lines().filter(|l| l.starts_with("::error ")).count();
    let warnings = text.lines().filter(|l| l.starts_with("::warning ")).count();
    assert_eq!((errors, warnings), (10, 10), "{text}");
    let first_warning = text.find("::warning ").unwrap();
    assert!(
        text.rfind("::error ").unwrap() < first_warning,
        "errors first"
    );
    assert!(text.contains("10 more conflicts beyond GitHub's 10 annotations per level"));
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("corpus/a.txt:"))
            .count(),
        10
    );
}

#[test]
fn markdown_tables_have_one_cell_per_column() {
    let text = report("markdown");
    assert!(text.starts_with("## claimcheck: 2 conflicts in 5 articles\n"));
    let mut columns = None;
    for line in text.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        // Escaped pipes are inside cells, not between them.
        let cells = line.replace("\\|", "").matches('|').count();
        match columns {
            None => columns = Some(cells),
            Some(n) => assert_eq!(cells, n, "{line}"),
        }
    }
}
