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

/// Chromium, or `None` (with a message) when it is missing and not required.
fn browser() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        if std::env::var_os("CLAIMCHECK_REQUIRE_BROWSER").is_some() {
            panic!("CLAIMCHECK_REQUIRE_BROWSER is set but no chromium is on PATH");
        }
        eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
    }
    found
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

/// The bundled corpus plus an article named `<script>.txt` holding a
/// script, an `onerror` image and a venue error, reported as HTML.
fn report_page() -> (tempfile::TempDir, PathBuf) {
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
    (dir, page)
}

#[test]
fn the_html_report_renders_every_conflict_and_runs_nothing() {
    let Some(browser) = browser() else { return };
    let (_dir, page) = report_page();
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

/// The filters are radio buttons and CSS. The page itself runs nothing, so
/// the test clicks through a copy with a small driver script added (and
/// the CSP that would block it removed) and records which conflicts are
/// displayed after each click.
#[test]
fn filters_by_rule_and_article_work_without_a_script_of_their_own() {
    let Some(browser) = browser() else { return };
    let (dir, page) = report_page();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("<script"), "the report has no script");
    let driver = r#"<script>
const shown = () => [...document.querySelectorAll('li.conflict')]
  .filter(e => e.getClientRects().length > 0).map(e => e.id).join(' ');
const click = f => document.querySelector(`label[for="${f}"]`).click();
const seen = { all: shown() };
click('r-venue'); seen.venue = shown();
click('r-date'); seen.date = shown();
click('r-all'); click('a-0'); seen.first_article = shown();
click('r-venue'); seen.venue_in_first_article = shown();
document.body.setAttribute('data-seen', Object.entries(seen).map(([k, v]) => k + '=' + v).join(';'));
</script></body>"#;
    let csp = html
        .lines()
        .find(|l| l.contains("Content-Security-Policy"))
        .unwrap()
        .to_string();
    let driven = html.replace(&csp, "").replace("</body>", driver);
    let copy = dir.path().join("driven.html");
    std::fs::write(&copy, driven).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let dom =
        String::from_utf8(headless(&browser, profile.path(), &["--dump-dom"], &copy)).unwrap();
    let seen = dom
        .split("data-seen=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the driver ran");
    assert_eq!(
        seen,
        "all=c-1 c-2 c-3;venue=c-2 c-3;date=c-1;first_article=c-1;venue_in_first_article="
    );
}
