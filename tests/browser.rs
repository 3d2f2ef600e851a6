//! The HTML report in a real browser: headless Chromium (Debian's
//! `chromium`, installed by `.ci/run`) renders it; the conflicts are all
//! there, nothing from an article runs, and a screenshot is kept.
//!
//! Without Chromium the test says so and passes, unless
//! `CLAIMCHECK_REQUIRE_BROWSER=1` (set by `.ci/run`), where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|p| {
                    std::env::split_paths(&p)
                        .map(|d| d.join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

fn headless(browser: &Path, profile: &Path, args: &[&str], page: &Path) -> Vec<u8> {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium starts");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_html_report_renders_every_conflict_and_runs_nothing() {
    let Some(browser) = chromium() else {
        if std::env::var_os("CLAIMCHECK_REQUIRE_BROWSER").is_some() {
            panic!("CLAIMCHECK_REQUIRE_BROWSER is set but no chromium is on PATH");
        }
        eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for entry in std::fs::read_dir(root.join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        corpus.join("<script>.txt"),
        "By a reporter, 12 July 2017\n\n\
         <script>document.title='pwned';document.body.setAttribute('data-pwned','script')</script>\n\
         The first meeting between Trump and Putin took place at the G7 summit in Hamburg.\n\
         <img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">\n",
    )
    .unwrap();
    std::fs::copy(root.join("claims.yaml"), dir.path().join("claims.yaml")).unwrap();
    let page = dir.path().join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(dir.path())
        .args(["check", "--format", "html", "-o", "report.html"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let profile = tempfile::tempdir().unwrap();
    let dom =
        String::from_utf8(headless(&browser, profile.path(), &["--dump-dom"], &page)).unwrap();
    assert!(
        dom.contains("<title>claimcheck report</title>"),
        "a script changed the title"
    );
    assert!(!dom.contains("data-pwned="), "an article's markup ran");
    assert_eq!(dom.matches("<li class=\"conflict ").count(), 3, "{dom}");
    assert_eq!(
        dom.matches("<mark class=\"r-").count(),
        3,
        "conflicts marked in place"
    );
    assert!(dom.contains("&lt;script&gt;document.title"));
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("claimcheck-report.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        &browser,
        profile.path(),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1400,1800",
        ],
        &page,
    );
    let png = std::fs::read(&shot).expect("the screenshot was saved");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
    eprintln!("screenshot: {}", shot.display());
}
