//! Living with claimcheck in CI: several reports per run, severities and
//! fail levels, inline suppressions, baselines, checking only what changed,
//! and the commands around the check (init, schema, completions, man).

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const VENUE_ERROR: &str =
    "The first meeting between Trump and Putin was back in 2017, during the G7 summit in Hamburg.";

fn claimcheck(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// A folder with the bundled claims.yaml and the given articles.
fn project(articles: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(ROOT).join("claims.yaml"),
        dir.path().join("claims.yaml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    for (name, text) in articles {
        std::fs::write(dir.path().join("corpus").join(name), text).unwrap();
    }
    dir
}

fn article(body: &str) -> String {
    format!("By a reporter, 12 July 2017\n\n{body}\n")
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap()
}

fn has_note(r: &serde_json::Value, text: &str) -> bool {
    r["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["message"].as_str().unwrap().contains(text))
}

/// The `file` of each element of the report's list `list`.
fn files_in<'r>(r: &'r serde_json::Value, list: &str) -> Vec<&'r str> {
    r[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect()
}

fn rules_found(out: &[u8]) -> Vec<String> {
    json(out)["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{}:{}",
                c["rule"].as_str().unwrap(),
                c["severity"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn several_formats_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = claimcheck(Path::new(ROOT))
        .args(["check", "--format", "json", "-o"])
        .arg(dir.path().join("r.json"))
        .args(["--format", "sarif", "--output"])
        .arg(dir.path().join("r.sarif"))
        .args(["--format", "text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("error[venue]")
    );
    let r = json(&std::fs::read(dir.path().join("r.json")).unwrap());
    assert_eq!(r["summary"]["conflicts"], 2);
    let s = json(&std::fs::read(dir.path().join("r.sarif")).unwrap());
    assert_eq!(s["version"], "2.1.0");
    // One format and one output pair in either order, as the spec allows.
    claimcheck(Path::new(ROOT))
        .args(["check", "-o"])
        .arg(dir.path().join("o.json"))
        .args(["--format", "json"])
        .assert()
        .code(1)
        .stdout("");
    assert!(json(&std::fs::read(dir.path().join("o.json")).unwrap())["version"] == 1);
}

#[test]
fn unpairable_formats_and_outputs_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            vec!["-o", "a.json", "-o", "b.sarif", "--format", "json"],
            "comes before any --format",
        ),
        (
            vec!["--format", "json", "--format", "sarif"],
            "would all go to standard output",
        ),
        (
            vec![
                "--format", "json", "-o", "a.json", "-o", "b.json", "--format", "text",
            ],
            "has two outputs",
        ),
    ] {
        claimcheck(Path::new(ROOT))
            .current_dir(ROOT)
            .arg("check")
            .args(args.iter().map(|a| {
                if a.contains('.') {
                    dir.path().join(a).display().to_string()
                } else {
                    a.to_string()
                }
            }))
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn severities_from_claims_and_flags_and_the_fail_level() {
    let dir = project(&[(
        "a.txt",
        &article(&format!(
            "{VENUE_ERROR}\n\nIt was held on Monday, June 28, 2018."
        )),
    )]);
    let check = |args: &[&str]| {
        claimcheck(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(rules_found(&out.stdout), ["venue:error", "weekday:error"]);
    let out = check(&["--severity", "weekday=warning", "--severity", "venue=info"]);
    assert_eq!(rules_found(&out.stdout), ["venue:info", "weekday:warning"]);
    assert_eq!(out.status.code(), Some(1), "the default fail level is info");
    let out = check(&[
        "--severity",
        "weekday=warning",
        "--severity",
        "venue=info",
        "--fail-level",
        "warning",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = check(&[
        "--severity",
        "weekday=warning",
        "--severity",
        "venue=info",
        "--fail-level",
        "error",
    ]);
    assert_eq!(out.status.code(), Some(0), "nothing reaches error");
    assert_eq!(
        rules_found(&out.stdout).len(),
        2,
        "but everything is reported"
    );
    let out = check(&["--severity", "venue=off"]);
    assert_eq!(rules_found(&out.stdout), ["weekday:error"]);
    let out = check(&["--exit-zero"]);
    assert_eq!(out.status.code(), Some(0));
    // claims.yaml sets severities; the flag wins over it.
    let claims = dir.path().join("claims.yaml");
    let mut text = std::fs::read_to_string(&claims).unwrap();
    text.push_str("\nseverity:\n  weekday: info\n  venue: off\n");
    std::fs::write(&claims, text).unwrap();
    assert_eq!(rules_found(&check(&[]).stdout), ["weekday:info"]);
    assert_eq!(
        rules_found(&check(&["--severity", "weekday=error"]).stdout),
        ["weekday:error"]
    );
    // Bad values, in either place, exit 2 with the place named.
    claimcheck(dir.path())
        .args(["check", "--severity", "venu=warning"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown rule `venu`").and(predicate::str::contains("venue")),
        );
    claimcheck(dir.path())
        .args(["check", "--severity", "venue=loud"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`loud` is not a severity"));
    let mut text = std::fs::read_to_string(&claims).unwrap();
    text = text.replace("  venue: off", "  venue: loud");
    std::fs::write(&claims, text).unwrap();
    claimcheck(dir.path()).arg("check").assert().code(2).stderr(
        predicate::str::is_match(
            r"claims\.yaml:\d+:\d+: severity\.venue: `loud` is not a severity",
        )
        .unwrap(),
    );
}

#[test]
fn inline_suppressions_with_reasons_and_unused_ones_reported() {
    let dir = project(&[
        (
            "suppressed.md",
            &format!(
                "---\ndate: 2017-07-12\n---\n\n<!-- claimcheck: ignore venue -- the wire copy we quote says G7 -->\n{VENUE_ERROR}\n"
            ),
        ),
        (
            "plain.txt",
            &article(&format!(
                "{VENUE_ERROR} claimcheck: ignore venue -- not on a line of its own"
            )),
        ),
        (
            "unused.txt",
            &article("claimcheck: ignore date -- stale\nNothing here mentions an event."),
        ),
        (
            "no-reason.txt",
            &article(&format!("[claimcheck: ignore venue]\n{VENUE_ERROR}")),
        ),
    ]);
    let out = claimcheck(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let r = json(&out.stdout);
    let brief: Vec<String> = r["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["file"].as_str().unwrap(),
                c["rule"].as_str().unwrap(),
                c["severity"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "corpus/plain.txt venue error",
            "corpus/unused.txt unused-suppression warning"
        ],
        "a directive inside a sentence is prose, not a suppression"
    );
    let notes: Vec<&str> = r["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("suppression without a reason")),
        "{notes:?}"
    );
    let unused = &r["conflicts"][1];
    assert!(
        unused["message"]
            .as_str()
            .unwrap()
            .contains("matched no conflict")
    );
    // Unused suppressions can be turned down like any rule.
    claimcheck(dir.path())
        .args([
            "check",
            "--severity",
            "unused-suppression=off",
            "--severity",
            "venue=info",
            "--fail-level",
            "warning",
        ])
        .assert()
        .code(0);
}

#[test]
fn a_baseline_hides_known_conflicts_by_content_not_line() {
    let first = article(VENUE_ERROR);
    let dir = project(&[("a.txt", &first)]);
    claimcheck(dir.path())
        .arg("baseline")
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "wrote 1 conflict to claimcheck-baseline.json",
        ));
    let baseline: serde_json::Value =
        json(&std::fs::read(dir.path().join("claimcheck-baseline.json")).unwrap());
    assert_eq!(baseline["conflicts"][0]["rule"], "venue");
    assert!(
        baseline["conflicts"][0].get("line").is_none(),
        "keyed on content"
    );
    let check = || {
        claimcheck(dir.path())
            .args([
                "check",
                "--format",
                "json",
                "--notes",
                "--baseline",
                "claimcheck-baseline.json",
            ])
            .output()
            .unwrap()
    };
    let out = check();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out.stdout)["summary"]["conflicts"], 0);
    // Lines added above the conflict do not bring it back.
    let moved = first.replace("\n\n", "\n\nA new first paragraph.\n\nAnd another.\n\n");
    std::fs::write(dir.path().join("corpus/a.txt"), &moved).unwrap();
    assert_eq!(check().status.code(), Some(0));
    // A new conflict is reported, alone.
    std::fs::write(
        dir.path().join("corpus/a.txt"),
        format!("{moved}\nIt was held on Monday, June 28, 2018.\n"),
    )
    .unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(rules_found(&out.stdout), ["weekday:error"]);
    // A fixed conflict leaves a stale entry, noted.
    std::fs::write(dir.path().join("corpus/a.txt"), article("Nothing to see.")).unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out.stdout);
    assert!(has_note(&r, "stale baseline entry"), "{r}");
    // A broken baseline is an error, not an empty one.
    std::fs::write(dir.path().join("claimcheck-baseline.json"), "{}").unwrap();
    claimcheck(dir.path())
        .args(["check", "--baseline", "claimcheck-baseline.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a claimcheck baseline"));
}

#[test]
fn files_from_a_list_or_stdin_checks_only_those_under_the_paths() {
    let dir = project(&[
        ("a.txt", &article(VENUE_ERROR)),
        ("b.txt", &article(VENUE_ERROR)),
    ]);
    std::fs::write(dir.path().join("notes.txt"), article(VENUE_ERROR)).unwrap();
    let list = format!(
        "corpus/a.txt\nsrc/main.rs\nnotes.txt\ncorpus/deleted.txt\n\n{}\n",
        dir.path().join("corpus/a.txt").display()
    );
    let list = list.as_str();
    std::fs::write(dir.path().join("changed.txt"), list).unwrap();
    for (args, stdin) in [
        (vec!["--files-from", "changed.txt"], ""),
        (vec!["--files-from", "-"], list),
    ] {
        let out = claimcheck(dir.path())
            .args(["check", "--format", "json"])
            .args(&args)
            .write_stdin(stdin)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let r = json(&out.stdout);
        assert_eq!(r["summary"]["articles"], 1, "only corpus/a.txt: {r}");
        assert_eq!(r["conflicts"][0]["file"], "corpus/a.txt");
        assert!(has_note(&r, "not found (deleted?)"), "{r}");
    }
    claimcheck(dir.path())
        .args(["check", "--files-from", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt: no such file"));
}

/// Notes past their budget (8 MB) spill to temporary files: a list of
/// 80,000 deleted files comes out whole and sorted, and with no temporary
/// folder to spill to, the run exits 2 and names it.
#[test]
fn notes_past_their_budget_spill_and_a_missing_temporary_folder_is_exit_2() {
    let dir = project(&[("a.txt", &article("Nothing to see."))]);
    let n = 80_000;
    let list: String = (0..n)
        .rev()
        .map(|i| format!("corpus/gone-{i:06}.txt\n"))
        .collect();
    std::fs::write(dir.path().join("list.txt"), list).unwrap();
    let run = |tmp: &Path| {
        claimcheck(dir.path())
            .env("TMPDIR", tmp)
            .args(["check", "--format", "json", "--notes"])
            .args(["--files-from", "list.txt"])
            .output()
            .unwrap()
    };
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let out = run(&tmp);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out.stdout);
    let files = files_in(&r, "notes");
    assert_eq!(files.len(), n);
    assert!(files.is_sorted(), "notes sorted across spilled runs");
    assert_eq!(files[0], "corpus/gone-000000.txt");
    let missing = dir.path().join("no-such-folder");
    let out = run(&missing);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let said = format!(
        "cannot write {}: a temporary file for the report",
        missing.display()
    );
    assert!(stderr.contains(&said), "{stderr}");
}

#[test]
fn changed_since_checks_what_a_pull_request_touched() {
    let dir = project(&[
        ("a.txt", &article("Nothing to see.")),
        ("b.txt", &article(VENUE_ERROR)),
    ]);
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    std::fs::write(dir.path().join("corpus/a.txt"), article(VENUE_ERROR)).unwrap();
    std::fs::write(dir.path().join("corpus/new.txt"), article(VENUE_ERROR)).unwrap();
    let out = claimcheck(dir.path())
        .args(["check", "--format", "json", "--changed-since", "HEAD"])
        .output()
        .unwrap();
    let r = json(&out.stdout);
    let files = files_in(&r, "conflicts");
    assert_eq!(
        files,
        ["corpus/a.txt", "corpus/new.txt"],
        "b.txt did not change"
    );
    claimcheck(dir.path())
        .args(["check", "--changed-since", "no-such-rev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--changed-since no-such-rev: git diff failed",
        ));
}

#[test]
fn init_writes_a_project_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    claimcheck(dir.path())
        .arg("init")
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote ./claims.yaml"));
    for f in [
        "claims.yaml",
        "corpus/example.md",
        ".github/workflows/claimcheck.yml",
    ] {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
    claimcheck(dir.path()).arg("check").assert().code(0);
    std::fs::write(dir.path().join("claims.yaml"), "version: 1\n").unwrap();
    claimcheck(dir.path())
        .arg("init")
        .assert()
        .success()
        .stderr(predicate::str::contains("kept ./claims.yaml"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("claims.yaml")).unwrap(),
        "version: 1\n"
    );
}

#[test]
fn the_schema_accepts_good_claims_files_and_rejects_bad_ones() {
    let out = claimcheck(Path::new(ROOT)).arg("schema").output().unwrap();
    assert!(out.status.success());
    let schema = json(&out.stdout);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let yaml = yaml_value;
    for file in ["claims.yaml", "templates/claims.yaml"] {
        let text = std::fs::read_to_string(Path::new(ROOT).join(file)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&yaml(&text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    // Numbers written plain, which claimcheck reads as the text written.
    let plain = "version: 1\nvenues:\n  \"2019\": { name: Osaka, kind: city }\nevents:\n  e:\n    date: 2019\n    venue: 2019\n    cues: [[g20, 2019], 2020]\n  f:\n    date: { from: 2018, to: 2019-06 }\n";
    claimcheck::claims::parse(plain, "claims.yaml").unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&yaml(plain))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for bad in [
        "events:\n  e:\n    date: 2017-07-07\n",
        "version: 1\nevents:\n  e:\n    venu: x\n",
        "version: 1\nvenues:\n  v: { name: V, kind: planet }\n",
        "version: 1\nseverity:\n  venue: loud\n",
        "version: 1\npeople:\n  Bad_Id: { name: X }\n",
    ] {
        assert!(!validator.is_valid(&yaml(bad)), "{bad}");
    }
}

/// YAML read by the same YAML reader claimcheck uses, as JSON.
fn yaml_value(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).unwrap()
}

#[test]
fn completions_and_man_page() {
    claimcheck(Path::new(ROOT)).arg("-h").assert().success();
    claimcheck(Path::new(ROOT))
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("claimcheck").and(predicate::str::contains("--fail-level")),
        );
    claimcheck(Path::new(ROOT))
        .arg("man")
        .assert()
        .success()
        .stdout(
            predicate::str::contains(".TH claimcheck")
                .and(predicate::str::contains("claimcheck-check")),
        );
    claimcheck(Path::new(ROOT))
        .args(["explain", "unused-suppression"])
        .assert()
        .success()
        .stdout(predicate::str::contains("matched no conflict"));
}

/// action.yml, the pre-commit hooks and the workflows pass only flags
/// that `claimcheck check` has.
#[test]
fn the_action_and_hooks_use_real_flags() {
    let help = String::from_utf8(
        Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(["check", "--help"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let flag = regex::Regex::new(r"--[a-z][a-z-]+").unwrap();
    for file in [
        "action.yml",
        ".pre-commit-hooks.yaml",
        "templates/workflow.yml",
        ".github/workflows/claimcheck.yml",
    ] {
        let text = std::fs::read_to_string(Path::new(ROOT).join(file)).unwrap();
        let parsed: serde_json::Value = yaml_value(&text);
        assert!(!parsed.is_null(), "{file} is YAML");
        for line in text
            .lines()
            .filter(|l| l.contains("claimcheck check") || l.trim_start().starts_with("--"))
        {
            for m in flag.find_iter(line) {
                assert!(
                    help.contains(m.as_str()),
                    "{file}: {} is not a flag of check",
                    m.as_str()
                );
            }
        }
    }
    let action: serde_json::Value =
        yaml_value(&std::fs::read_to_string(Path::new(ROOT).join("action.yml")).unwrap());
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["paths", "claims", "fail-level"] {
        assert!(action["inputs"][input].is_object(), "{input}");
    }
}

/// The progress count shows on a terminal for a large corpus, never in a
/// pipe or a log. `script` (util-linux) gives the run a terminal.
#[test]
fn progress_shows_only_on_a_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` to give the run a terminal");
        return;
    }
    let dir = project(&[]);
    for i in 0..2_100 {
        std::fs::write(
            dir.path().join(format!("corpus/{i}.txt")),
            "Nothing to see.\n",
        )
        .unwrap();
    }
    let piped = claimcheck(dir.path())
        .args(["check", "--format", "json", "-o", "r.json"])
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0));
    assert!(
        piped.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    let run = |extra: &str| {
        let out = std::process::Command::new("script")
            .current_dir(dir.path())
            .args(["-qec"])
            .arg(format!(
                "{} check --format json -o r.json{extra}",
                env!("CARGO_BIN_EXE_claimcheck")
            ))
            .arg("/dev/null")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(run("").contains("articles checked"));
    assert!(!run(" --no-progress").contains("articles checked"));
}
