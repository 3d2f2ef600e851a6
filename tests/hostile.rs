//! Hostile input: every odd article finishes the run with a note (or exits 2
//! for a bad path), line numbers stay right, and nothing hangs. Claims-file
//! faults are covered in tests/cli.rs (`bad_claims_files_exit_2_...`).

use assert_cmd::Command;
use std::path::Path;
use std::time::Duration;

const CLAIMS: &str = r#"
version: 1
people:
  putin: { name: Vladimir Putin, aliases: [Putin] }
venues:
  g20-summit: { name: G20 summit, kind: forum, aliases: [G20] }
  g7-summit: { name: G7 summit, kind: forum, aliases: [G7] }
  hamburg: { name: Hamburg, kind: place }
events:
  hamburg-meeting:
    date: 2017-07-07
    venue: [g20-summit, hamburg]
    cues: [first meeting]
"#;

const CONFLICT: &str = "The first meeting was at the G7 summit.";

/// Runs `check --format json` on `dir` with the claims above; a hang fails
/// the test instead of stalling CI.
fn check(dir: &Path) -> (i32, serde_json::Value) {
    std::fs::write(dir.join("claims.yaml"), CLAIMS).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(dir)
        .args(["check", "--format", "json", "corpus"])
        .timeout(Duration::from_secs(600))
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

fn corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("corpus").join(name), bytes).unwrap();
    }
    dir
}

fn notes(json: &serde_json::Value) -> Vec<String> {
    json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| format!("{} {}", n["file"].as_str().unwrap(), n["message"]))
        .collect()
}

/// `(file name, line, column)` of each conflict.
fn places(json: &serde_json::Value) -> Vec<(String, u64, u64)> {
    json["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let file = c["file"].as_str().unwrap();
            (
                file.rsplit('/').next().unwrap().to_string(),
                c["line"].as_u64().unwrap(),
                c["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn encodings_and_line_ends_keep_lines_right() {
    let crlf = format!("Title\r\n\r\nÉté — {CONFLICT}\r\n");
    let bom = format!("\u{feff}Title\n\n{CONFLICT}\n");
    let latin1 = b"Caf\xe9\n\nThe first meeting was at the G7 summit.\n".to_vec();
    let dir = corpus(&[
        ("crlf.txt", crlf.as_bytes()),
        ("bom.txt", bom.as_bytes()),
        ("latin1.txt", &latin1),
    ]);
    let (code, json) = check(dir.path());
    assert_eq!(code, 1);
    let mut got = places(&json);
    got.sort();
    // The G7 of "Été — The first meeting was at the G7 summit.": column in
    // characters, not bytes.
    assert_eq!(
        got,
        vec![
            ("bom.txt".to_string(), 3, 30),
            ("crlf.txt".to_string(), 3, 36),
            ("latin1.txt".to_string(), 3, 30),
        ]
    );
    assert!(
        notes(&json)
            .iter()
            .any(|n| n.contains("latin1.txt") && n.contains("not valid UTF-8")),
        "{:?}",
        notes(&json)
    );
}

#[test]
fn binary_empty_and_blank_files_are_notes() {
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    let dir = corpus(&[
        ("nul.txt", b"The first\0 meeting was at the G7 summit."),
        ("junk.txt", &junk),
        ("empty.txt", b""),
        ("blank.md", b"  \n\n\t\n"),
        ("picture.png", b"\x89PNG"),
    ]);
    let (code, json) = check(dir.path());
    assert_eq!(code, 0, "{json}");
    let notes = notes(&json);
    for (file, what) in [
        ("nul.txt", "binary"),
        ("junk.txt", "binary"),
        ("picture.png", "not a .txt or .md"),
    ] {
        assert!(
            notes.iter().any(|n| n.contains(file) && n.contains(what)),
            "{file}: {notes:?}"
        );
    }
}

#[test]
fn hostile_front_matter_is_ignored_with_a_note() {
    let bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\ndate: 2018-06-29\n---\nThe first meeting was at the G7 summit.\n";
    let deep = format!(
        "---\ndate: {}{}\n---\nThe first meeting was at the G7 summit.\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let unclosed = "---\ndate: 2018-06-29\nThe first meeting was at the G7 summit.\n";
    let dir = corpus(&[
        ("bomb.md", bomb.as_bytes()),
        ("deep.md", deep.as_bytes()),
        ("unclosed.md", unclosed.as_bytes()),
    ]);
    let (code, json) = check(dir.path());
    assert_eq!(code, 1);
    // Each article is still checked: the conflict is found in all three.
    let files: Vec<String> = places(&json).into_iter().map(|p| p.0).collect();
    assert_eq!(files, ["bomb.md", "deep.md", "unclosed.md"]);
    let notes = notes(&json);
    for file in ["bomb.md", "deep.md"] {
        assert!(
            notes
                .iter()
                .any(|n| n.contains(file) && n.contains("front matter ignored")),
            "{file}: {notes:?}"
        );
    }
}

#[test]
fn a_50_mb_single_line_finishes_with_the_right_column() {
    let filler = "the talks went on and the ministers spoke at length about trade ";
    let mut line = filler.repeat(50 * 1024 * 1024 / filler.len());
    let column = line.chars().count() as u64 + 1 + "The first meeting was at the ".len() as u64;
    line.push_str(CONFLICT);
    let dir = corpus(&[("long.txt", line.as_bytes())]);
    let (code, json) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(places(&json), vec![("long.txt".to_string(), 1, column)]);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_unreadable_files_are_notes() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = corpus(&[("ok.txt", CONFLICT.as_bytes())]);
    let root = dir.path().join("corpus");
    std::fs::create_dir(root.join("sub")).unwrap();
    symlink(&root, root.join("sub/loop")).unwrap();
    symlink(root.join("missing.txt"), root.join("dangling.txt")).unwrap();
    let locked = root.join("locked.txt");
    std::fs::write(&locked, CONFLICT).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything; then the locked file is simply checked.
    let locked_out = std::fs::read(&locked).is_err();
    let (code, json) = check(dir.path());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(code, 1);
    let notes = notes(&json);
    assert!(
        notes.iter().any(|n| n.contains("loop")),
        "symlink loop: {notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("dangling.txt")),
        "dangling link: {notes:?}"
    );
    if locked_out {
        assert!(
            notes.iter().any(|n| n.contains("locked.txt")),
            "unreadable: {notes:?}"
        );
    }
    assert!(places(&json).iter().any(|p| p.0 == "ok.txt"));
}

#[test]
fn a_missing_path_exits_2_and_leaves_the_old_report() {
    let dir = corpus(&[("ok.txt", CONFLICT.as_bytes())]);
    std::fs::write(dir.path().join("claims.yaml"), CLAIMS).unwrap();
    let report = dir.path().join("report.json");
    std::fs::write(&report, "previous report").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(dir.path())
        .args(["check", "--format", "json", "-o", "report.json", "nowhere"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere: no such file or directory"));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "previous report");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn odd_corpora_give_identical_bytes_across_thread_counts() {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..24 {
        let bytes = match i % 4 {
            0 => format!("By A B July 2, 2018\n\n{CONFLICT} Putin said so.\r\n").into_bytes(),
            // Invalid UTF-8, read with replacement characters and a note.
            1 => [b"\xff\xfe broken \xc3 ".as_slice(), CONFLICT.as_bytes()].concat(),
            2 => format!("---\ndate: 2018-06-29\n---\n{CONFLICT}\n").into_bytes(),
            _ => b"x\0y".to_vec(),
        };
        files.push((format!("a{i:02}.txt"), bytes));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let dir = corpus(&refs);
    std::fs::write(dir.path().join("claims.yaml"), CLAIMS).unwrap();
    let run = |threads: &str, format: &str| {
        Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .env("NO_COLOR", "1")
            .args(["check", "--notes", "--format", format, "corpus"])
            .output()
            .unwrap()
            .stdout
    };
    for format in [
        "json", "text", "sarif", "github", "junit", "markdown", "html",
    ] {
        let one = run("1", format);
        assert!(!one.is_empty());
        for threads in ["2", "8"] {
            assert_eq!(one, run(threads, format), "{format} with {threads} threads");
        }
    }
}

#[test]
fn the_html_report_escapes_everything_and_forbids_scripts() {
    let hostile = "<script>alert('x')</script> The first meeting was at the G7 summit. <img src=x onerror=alert(1)>";
    let dir = corpus(&[("x<b>.txt", hostile.as_bytes())]);
    std::fs::write(dir.path().join("claims.yaml"), CLAIMS).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(dir.path())
        .args(["check", "--format", "html", "corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
    );
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(html.contains("x&lt;b&gt;.txt"), "{html}");
    assert_eq!(html.matches("<li class=\"conflict ").count(), 1);
}
