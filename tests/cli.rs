//! CLI tests: the bundled corpus, exit codes, the JSON contract, bad inputs.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn claimcheck() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn bundled_corpus_reports_its_two_real_errors() {
    let out = claimcheck()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["articles"], 5);
    assert_eq!(json["summary"]["conflicts"], 2);
    let conflicts = json["conflicts"].as_array().unwrap();
    let brief: Vec<String> = conflicts
        .iter()
        .map(|c| {
            format!(
                "{} {} {}:{}:{} {} -> {}",
                c["rule"].as_str().unwrap(),
                c["claim"].as_str().unwrap(),
                c["file"].as_str().unwrap(),
                c["line"],
                c["column"],
                c["found"].as_str().unwrap(),
                c["expected"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "date syrian-jet-shootdown corpus/002_fdbd5907a520c695.txt:5:586 mid-July -> 2017-06-18",
            "venue hamburg-meeting corpus/004_0822db5d3fbd1d06.txt:15:72 G7 summit -> G20 summit",
        ]
    );
    // The spec's own example, field for field.
    let venue = &conflicts[1];
    assert_eq!(venue["span"]["start"], 1578);
    assert_eq!(venue["span"]["end"], 1587);
    assert_eq!(venue["severity"], "error");
    assert_eq!(
        venue["message"],
        "places hamburg-meeting at G7 summit; claims.yaml says G20 summit, Hamburg"
    );
    assert!(venue["evidence"].as_str().unwrap().starts_with("The first meeting between Trump and Putin was back in 2017, during the G7 summit in Hamburg"));
    let keys: Vec<&str> = venue
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "rule", "claim", "file", "line", "column", "span", "found", "expected", "severity",
        "message", "evidence",
    ] {
        assert!(keys.contains(&key), "missing {key}");
    }
}

#[test]
fn spans_point_at_what_was_found() {
    let out = claimcheck()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for c in json["conflicts"].as_array().unwrap() {
        let text =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(c["file"].as_str().unwrap()))
                .unwrap();
        let (s, e) = (
            c["span"]["start"].as_u64().unwrap() as usize,
            c["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            std::str::from_utf8(&text[s..e]).unwrap(),
            c["found"].as_str().unwrap()
        );
    }
}

#[test]
fn text_report_is_rustc_style() {
    claimcheck()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[venue]: places hamburg-meeting at G7 summit; claims.yaml says G20 summit, Hamburg"))
        .stdout(predicate::str::contains("--> corpus/004_0822db5d3fbd1d06.txt:15:72"))
        .stdout(predicate::str::contains("^^^^^^^^^ found “G7 summit”, expected G20 summit"))
        .stdout(predicate::str::contains("help: source: https://en.wikipedia.org/wiki/2017_G20_Hamburg_summit"))
        .stdout(predicate::str::contains("2 conflicts in 5 articles"));
}

#[test]
fn reports_are_byte_identical_across_runs_and_threads() {
    let run = |threads: &str| {
        claimcheck()
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--format", "json"])
            .output()
            .unwrap()
            .stdout
    };
    let first = run("1");
    assert_eq!(first, run("2"));
    assert_eq!(first, run("8"));
}

#[test]
fn output_file_is_written_and_exit_code_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    claimcheck()
        .args(["check", "--format", "json", "--output"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["summary"]["conflicts"], 2);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

#[test]
fn clean_corpus_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "June 28, 2018\n\nThe first meeting was at the G20 summit in Hamburg.\n",
    )
    .unwrap();
    claimcheck()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 conflicts in 1 article"));
}

#[test]
fn odd_files_are_notes_not_failures() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("image.png"), [0u8, 1, 2]).unwrap();
    std::fs::write(dir.path().join("binary.txt"), [b'a', 0, b'b']).unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Caf\xe9 in Hamburg at the G7 summit for the first meeting, July 7, 2017.\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bom.md"),
        "\u{feff}---\ndate: 2018-06-29\n---\nThe first meeting was at the G7 summit.\r\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = claimcheck()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes: Vec<String> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("not a .txt or .md")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("binary")), "{notes:?}");
    assert!(
        notes.iter().any(|n| n.contains("not valid UTF-8")),
        "{notes:?}"
    );
    let lines: Vec<(String, u64)> = json["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                c["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        lines.contains(&("bom.md".to_string(), 4)),
        "front matter lines count: {lines:?}"
    );
    assert!(lines.contains(&("latin1.txt".to_string(), 1)), "{lines:?}");
}

#[test]
fn bad_claims_files_exit_2_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "unknown-key.yaml",
            "version: 1\nevents:\n  a:\n    venu: [x]\n",
            &[
                "unknown-key.yaml:4:5",
                "events.a",
                "unknown key `venu`",
                "did you mean `venue`?",
            ],
        ),
        (
            "bad-date.yaml",
            "version: 1\nevents:\n  a:\n    date: 2018-02-30\n",
            &[
                "bad-date.yaml:4:11",
                "events.a.date",
                "invalid date `2018-02-30`",
            ],
        ),
        (
            "bad-ref.yaml",
            "version: 1\nvenues:\n  g20-summit: {name: G20 summit, kind: forum}\nevents:\n  a:\n    venue: [g20-sumit]\n",
            &[
                "bad-ref.yaml:6:13",
                "unknown venue `g20-sumit`",
                "did you mean `g20-summit`?",
            ],
        ),
        (
            "dup.yaml",
            "version: 1\nevents:\n  a:\n    title: x\n  a:\n    title: y\n",
            &["dup.yaml:5:3", "duplicate"],
        ),
        (
            "cross-dup.yaml",
            "version: 1\npeople:\n  kremlin: {name: K}\norganizations:\n  kremlin: {name: the Kremlin}\n",
            &["cross-dup.yaml:5:3", "duplicate id `kremlin`"],
        ),
        (
            "cycle.yaml",
            "version: 1\nvenues:\n  a: {name: A, kind: place, within: b}\n  b: {name: B, kind: place, within: a}\n",
            &["cycle.yaml:3", "cycle", "a → b → a"],
        ),
        (
            "bad-id.yaml",
            "version: 1\nevents:\n  Hamburg_Meeting:\n    title: x\n",
            &[
                "bad-id.yaml:3:3",
                "invalid id `Hamburg_Meeting`",
                "hamburg-meeting",
            ],
        ),
        (
            "speaker.yaml",
            "version: 1\npeople:\n  ushakov: {name: Yuri Ushakov}\nquotes:\n  q:\n    text: It will be the main event\n    speaker: ushakof\n",
            &[
                "speaker.yaml:7:14",
                "unknown speaker `ushakof`",
                "did you mean `ushakov`?",
            ],
        ),
        (
            "no-version.yaml",
            "events: {}\n",
            &["no-version.yaml", "missing `version`"],
        ),
        ("empty.yaml", "", &["empty.yaml", "empty"]),
        (
            "syntax.yaml",
            "version: 1\nevents:\n  a: [unclosed\n",
            &["syntax.yaml:"],
        ),
        (
            "wrong-type.yaml",
            "version: 1\nevents:\n  a:\n    sources: 42\n",
            &[
                "wrong-type.yaml:4:14",
                "events.a.sources",
                "expected a list",
            ],
        ),
        ("bomb.yaml", "version: 1\na: &a [*a, *a]\n", &["bomb.yaml"]),
        (
            "deep.yaml",
            &format!(
                "version: 1\nevents: {}{}\n",
                "[".repeat(20_000),
                "]".repeat(20_000)
            ),
            &["deep.yaml"],
        ),
        (
            "kind.yaml",
            "version: 1\nvenues:\n  a: {name: A, kind: plce}\n",
            &[
                "kind.yaml:3",
                "unknown venue kind `plce`",
                "did you mean `place`?",
            ],
        ),
        (
            "pronoun.yaml",
            "version: 1\npeople:\n  a: { name: A, pronoun: it }\n",
            &[
                "pronoun.yaml:3:26",
                "people.a.pronoun",
                "expected one of he, she, they\n",
            ],
        ),
        (
            "role.yaml",
            "version: 1\npeople:\n  t:\n    name: T\n    roles:\n      - title: P\n        from: 2021-01-20\n        until: 2017-01-20\n",
            &["role.yaml:8", "`until`"],
        ),
        (
            "date-shape.yaml",
            "version: 1\nevents:\n  a:\n    date: true\n",
            &[
                "date-shape.yaml:4:11",
                "events.a.date",
                "expected YYYY-MM-DD, YYYY-MM, YYYY or {from: DATE, to: DATE}, found boolean `true`",
            ],
        ),
        (
            "range-end.yaml",
            "version: 1\nevents:\n  a:\n    date: {from: 2018-05-01}\n",
            &["range-end.yaml:4:12", "events.a.date", "missing key `to`"],
        ),
        (
            "range-key.yaml",
            "version: 1\nevents:\n  a:\n    date: {from: 2018-05-01, to: 2018-05-03, at: 1}\n",
            &["range-key.yaml:4:46", "unknown key `at`", "from, to"],
        ),
        (
            "cue-shape.yaml",
            "version: 1\nevents:\n  a:\n    cues: [1.5]\n",
            &[
                "cue-shape.yaml:4:12",
                "events.a.cues[0]",
                "expected a phrase or a list of phrases, found floating point `1.5`",
            ],
        ),
        (
            "cue-part.yaml",
            "version: 1\nevents:\n  a:\n    cues: [[g20, {x: 1}]]\n",
            &[
                "cue-part.yaml:4:18",
                "events.a.cues[0][1]",
                "expected text, found a list or a mapping",
            ],
        ),
        (
            "venue-shape.yaml",
            "version: 1\nevents:\n  a:\n    venue: {x: 1}\n",
            &[
                "venue-shape.yaml:4:12",
                "events.a.venue",
                "expected an id or a list of ids",
            ],
        ),
    ];
    for (name, text, wants) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = claimcheck()
            .args(["check", "--claims"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}: no report on a failed run");
        let err = String::from_utf8_lossy(&out.stderr);
        for want in *wants {
            assert!(err.contains(want), "{name}: {want:?} not in:\n{err}");
        }
    }
}

#[test]
fn bad_paths_and_flags_exit_2() {
    claimcheck()
        .args(["check", "no-such-dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no-such-dir: no such file or directory",
        ));
    claimcheck()
        .args(["check", "--claims", "missing.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.yaml: no such file or directory",
        ));
    claimcheck()
        .args(["check", "--claims", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    // When both are wrong, the claims are reported, and only they.
    claimcheck()
        .args(["check", "--claims", "missing.yaml", "no-such-dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.yaml: no such file or directory",
        ))
        .stderr(predicate::str::contains("no-such-dir").not());
    claimcheck()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'xml'"));
    claimcheck().args(["check", "--bogus"]).assert().code(2);
    claimcheck()
        .args(["explain", "dat"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `date`?"));
    claimcheck().args(["explain", "venue"]).assert().code(0);
}

#[test]
fn explain_says_where_dates_came_from_and_how_they_were_read() {
    let out = claimcheck().args(["check", "--explain"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "corpus/000_e487d5e19164b94f.txt:7: published Monday 2018-07-02 (date from a by-line)",
        "corpus/002_fdbd5907a520c695.txt:1: published Tuesday 2017-07-04 (date from the claims file's `articles`)",
        "“last Wednesday” in an article published Monday 2018-07-02 (date from a by-line) means 2018-06-27 (past tense); bound to bolton-moscow-visit (claimed 2018-06-27): consistent",
        "“mid-July” in an article published Tuesday 2017-07-04 (date from the claims file's `articles`) means 2016-07-11..2016-07-20 (past tense); bound to syrian-jet-shootdown (claimed 2017-06-18): conflict",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn a_dateline_without_a_year_is_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "MOSCOW, June 28 (Reuters) - Bolton met Putin last Wednesday.\n",
    )
    .unwrap();
    claimcheck()
        .args(["check", "--notes"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "the dateline “MOSCOW, June 28 (Reuters) -” has no year",
        ));
}

#[test]
fn shards_merge_to_the_same_bytes_as_one_run() {
    let whole = claimcheck()
        .args([
            "check",
            "--format",
            "json",
            "--notes",
            "corpus",
            "tests/fixtures",
        ])
        .output()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut parts = Vec::new();
    let mut articles = 0;
    for k in 1..=4 {
        let part = dir.path().join(format!("shard-{k}.json"));
        let out = claimcheck()
            .args(["check", "--format", "json", "--shard", &format!("{k}/4")])
            .arg("-o")
            .arg(&part)
            .args(["corpus", "tests/fixtures"])
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "shard {k}");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&part).unwrap()).unwrap();
        articles += json["summary"]["articles"].as_u64().unwrap();
        assert_eq!(json["shard"], serde_json::json!({"index": k, "count": 4}));
        parts.push(part);
    }
    let merged = claimcheck().arg("merge").args(&parts).output().unwrap();
    assert_eq!(merged.status.code(), whole.status.code());
    assert_eq!(
        String::from_utf8(merged.stdout).unwrap(),
        String::from_utf8(whole.stdout.clone()).unwrap()
    );
    let json: serde_json::Value = serde_json::from_slice(&whole.stdout).unwrap();
    assert_eq!(json["summary"]["articles"].as_u64().unwrap(), articles);
    assert!(json.get("shard").is_none());
}

/// A shard's summary line in a CI log says which shard it counted.
#[test]
fn a_shards_summary_names_it() {
    for (format, want) in [
        ("text", " articles of shard 2/2 ("),
        ("github", " articles of shard 2/2 ("),
    ] {
        claimcheck()
            .args(["check", "--format", format, "--shard", "2/2"])
            .assert()
            .stdout(predicate::str::contains(want));
    }
    claimcheck()
        .args(["check", "--format", "text"])
        .assert()
        .stdout(predicate::str::contains("of shard").not());
}

/// The JSON report of a check of the bundled corpus and the fixtures,
/// with `args`, written to `name` in `dir`.
fn json_report(dir: &std::path::Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    claimcheck()
        .args(["check", "--format", "json", "-o"])
        .arg(&path)
        .args(args)
        .args(["corpus", "tests/fixtures"])
        .output()
        .unwrap();
    path
}

/// A merge of shards that is not every shard of one split, each once,
/// stops with exit 2 and no report: in CI, a shard's job that failed to
/// upload its report would otherwise leave its articles out unseen.
#[test]
fn a_merge_needs_every_shard_once() {
    let dir = tempfile::tempdir().unwrap();
    let part = |name: &str, args: &[&str]| json_report(dir.path(), name, args);
    let one = part("1of3.json", &["--shard", "1/3"]);
    let two = part("2of3.json", &["--shard", "2/3"]);
    let three = part("3of3.json", &["--shard", "3/3"]);
    let half = part("1of2.json", &["--shard", "1/2"]);
    let whole = part("whole.json", &[]);
    // The same reports under other names, as a CI job's artifacts
    // downloaded twice would be.
    let again = |path: &std::path::PathBuf| {
        let copy = path.with_extension("again.json");
        std::fs::copy(path, &copy).unwrap();
        copy
    };
    let (two_again, whole_again) = (again(&two), again(&whole));
    let linked = dir.path().join("linked.json");
    std::os::unix::fs::symlink(&whole, &linked).unwrap();
    let cases: [(&[&std::path::PathBuf], &str); 8] = [
        (
            &[&one, &three],
            "shard 2/3 is missing: without every shard's report",
        ),
        (&[&one], "shards 2/3, 3/3 are missing"),
        (
            &[&one, &two, &two_again, &three],
            "shard 2/3 is given twice",
        ),
        (&[&one, &two, &half], "1of2.json is shard 1/2 and"),
        (
            &[&whole, &one, &two, &three],
            "whole.json is a whole run's report and",
        ),
        (&[&one, &two, &three, &two], "2of3.json are one report"),
        (&[&whole, &linked], "linked.json are one report"),
        (&[&whole, &whole_again], "has conflicts in both"),
    ];
    for (reports, want) in cases {
        claimcheck()
            .arg("merge")
            .args(reports)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(want));
    }
    // A missing shard is named before any report is read whole, here
    // before a report cut short in its conflicts (a large merge would
    // otherwise report it only at the end).
    let text = std::fs::read_to_string(&one).unwrap();
    let cut = dir.path().join("cut.json");
    std::fs::write(&cut, &text[..text.find("\"conflicts\": [").unwrap() + 20]).unwrap();
    for (reports, want) in [
        ([&cut, &three], "shard 2/3 is missing"),
        ([&cut, &two], "shard 3/3 is missing"),
    ] {
        claimcheck()
            .arg("merge")
            .args(reports)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(want));
    }
    claimcheck()
        .arg("merge")
        .args([&cut, &two, &three])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cut.json: not a claimcheck JSON report",
        ));
    // Whole runs' reports of other folders join as they are.
    let corpus = dir.path().join("corpus.json");
    let fixtures = dir.path().join("fixtures.json");
    for (report, folder) in [(&corpus, "corpus"), (&fixtures, "tests/fixtures")] {
        claimcheck()
            .args(["check", "--format", "json", "-o"])
            .arg(report)
            .arg(folder)
            .output()
            .unwrap();
    }
    let merged = claimcheck()
        .args(["merge", "--format", "json"])
        .args([&corpus, &fixtures])
        .output()
        .unwrap();
    assert_eq!(merged.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&merged.stdout).unwrap();
    let whole: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&whole).unwrap()).unwrap();
    assert_eq!(json["summary"], whole["summary"]);
}

/// Reports may come through pipes (`<(…)`, a FIFO), which are read once:
/// a good merge reads each whole once, and a repeated report is still
/// refused, by its count of repeats.
#[test]
fn merge_reads_reports_from_pipes() {
    let dir = tempfile::tempdir().unwrap();
    let report = |name: &str, args: &[&str]| json_report(dir.path(), name, args);
    let one = report("1of2.json", &["--shard", "1/2"]);
    let two = report("2of2.json", &["--shard", "2/2"]);
    let whole = report("whole.json", &[]);
    // A FIFO fed `from` by a thread, which ends once it is read whole.
    let piped = |name: &str, from: &std::path::PathBuf| {
        let fifo = dir.path().join(name);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (to, text) = (fifo.clone(), std::fs::read(from).unwrap());
        let writer = std::thread::spawn(move || std::fs::write(to, text).unwrap());
        (fifo, writer)
    };
    let from_files = claimcheck()
        .args(["merge"])
        .args([&one, &two])
        .output()
        .unwrap();
    let (fifo, writer) = piped("2of2.fifo", &two);
    let from_pipe = claimcheck()
        .args(["merge"])
        .arg(&one)
        .arg(&fifo)
        .output()
        .unwrap();
    writer.join().unwrap();
    assert_eq!(from_pipe.status.code(), Some(1));
    assert_eq!(from_pipe.stdout, from_files.stdout);
    let (fifo, writer) = piped("whole.fifo", &whole);
    claimcheck()
        .arg("merge")
        .arg(&whole)
        .arg(&fifo)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "conflicts are listed twice among the reports",
        ));
    writer.join().unwrap();
}

#[test]
fn bad_shards_and_reports_exit_2() {
    for shard in ["0/4", "5/4", "1/0", "x/4", "14"] {
        claimcheck()
            .args(["check", "--shard", shard])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--shard"));
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"version\": 1}").unwrap();
    claimcheck()
        .arg("merge")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a claimcheck JSON report"));
    claimcheck()
        .args(["merge", "missing.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.json: no such file or directory",
        ));
}

#[test]
fn writing_to_dev_null_leaves_the_device_alone() {
    use std::os::unix::fs::FileTypeExt;
    claimcheck()
        .args(["check", "--format", "json", "-o", "/dev/null"])
        .assert()
        .code(1)
        .stdout("");
    let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
    assert!(kind.is_char_device(), "/dev/null was replaced by a file");
}

/// A report that cannot be written to standard output (a full disk) is an
/// error, not a silent success; a closed pipe (`| head`) is not.
#[test]
fn a_full_standard_output_is_an_error() {
    // `assert_cmd` captures standard output; these runs need their own.
    let run = |stdout: std::process::Stdio| {
        std::process::Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["check", "--format", "json"])
            .stdout(stdout)
            .output()
            .unwrap()
    };
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = run(full.into());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("cannot write standard output"), "{stderr}");
    // A pipe whose reading end is closed before the run starts: every
    // write fails with a broken pipe.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = run(writer.into());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
