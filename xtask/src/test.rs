//! `cargo xtask test`: set up what is missing, then run every check in order,
//! stop at the first failure, and print a summary table and the plain line
//! `N passed, M failed` that CI reads.

use crate::util::{self, root, Result};
use crate::{dist, setup};
use anyhow::{anyhow, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Step names, in the order they run. `--only` takes these.
pub const STEPS: [&str; 11] = [
    "setup",
    "fmt",
    "js",
    "clippy",
    "clippy-wasm",
    "test-native",
    "test-wasm",
    "dist",
    "e2e",
    "lint-firefox",
    "fuzz",
];

#[derive(Default)]
pub struct Options {
    /// Skip the end-to-end suite (browsers driven against replicas).
    pub no_e2e: bool,
    /// Run only these steps (set-up of tools still happens inside `setup`).
    pub only: Vec<String>,
    /// Go on after a failed step (developers: see every failure at once).
    /// CI does not use it: later steps often only repeat an earlier failure.
    pub keep_going: bool,
}

enum Outcome {
    Passed,
    Skipped(String),
}

struct Row {
    name: &'static str,
    result: String,
    secs: f64,
}

/// `--only STEP` takes only the names in `STEPS`.
pub fn check_step(step: &str) -> Result<()> {
    if !STEPS.contains(&step) {
        bail!(
            "--only {step}: unknown step; steps are {}",
            STEPS.join(", ")
        );
    }
    Ok(())
}

pub fn test(opts: &Options) -> Result<()> {
    for s in &opts.only {
        check_step(s)?;
    }
    let dist_dir = root().join("dist");
    let mut rows: Vec<Row> = Vec::new();
    let mut failed = false;
    for name in STEPS {
        // Set-up always runs: every later step needs the tools, and it costs
        // a few version checks once they are there.
        let wanted = opts.only.is_empty() || opts.only.iter().any(|s| s == name) || name == "setup";
        if (failed && !opts.keep_going) || !wanted {
            continue;
        }
        println!("\n==== {name} ====");
        let start = Instant::now();
        let outcome = if name == "e2e" && opts.no_e2e {
            Ok(Outcome::Skipped("--no-e2e".into()))
        } else {
            run_step(name, &dist_dir)
        };
        let secs = start.elapsed().as_secs_f64();
        let result = match outcome {
            Ok(Outcome::Passed) => "passed".to_string(),
            Ok(Outcome::Skipped(why)) => {
                println!("skipped {name}: {why}");
                format!("skipped ({why})")
            }
            Err(e) => {
                eprintln!("\nFAILED {name}: {e}");
                failed = true;
                "FAILED".to_string()
            }
        };
        rows.push(Row { name, result, secs });
    }

    let passed = rows.iter().filter(|r| r.result == "passed").count();
    let nfailed = rows.iter().filter(|r| r.result == "FAILED").count();
    let skipped = rows.len() - passed - nfailed;
    println!("\n{:<14} {:>8}  result", "step", "seconds");
    println!("{}", "-".repeat(60));
    for r in &rows {
        println!("{:<14} {:>8.1}  {}", r.name, r.secs, r.result);
    }
    if failed && !opts.keep_going {
        let not_run: Vec<&str> = STEPS
            .iter()
            .copied()
            .filter(|s| !rows.iter().any(|r| r.name == *s))
            .filter(|s| opts.only.is_empty() || opts.only.iter().any(|o| o == s))
            .collect();
        if !not_run.is_empty() {
            println!("not run after the failure: {}", not_run.join(", "));
        }
    }
    if skipped > 0 {
        println!("({skipped} step(s) skipped, see the table)");
    }
    println!("{passed} passed, {nfailed} failed");
    if failed {
        bail!("a step failed")
    } else {
        Ok(())
    }
}

fn run_step(name: &str, dist_dir: &Path) -> Result<Outcome> {
    let root = root();
    let cargo = |args: &[&str]| -> Result<Outcome> {
        util::run(Command::new("cargo").current_dir(&root).args(args))?;
        Ok(Outcome::Passed)
    };
    match name {
        "setup" => {
            setup::all()?;
            Ok(Outcome::Passed)
        }
        "fmt" => cargo(&["fmt", "--all", "--", "--check"]),
        "js" => js(),
        "clippy" => cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
        // The web layer is cfg(wasm32): native clippy never sees it.
        "clippy-wasm" => cargo(&[
            "clippy",
            "-p",
            "waymark",
            "--target",
            setup::WASM_TARGET,
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
        "test-native" => cargo(&["test", "--workspace"]),
        "test-wasm" => test_wasm(),
        "dist" => {
            dist::dist(&dist::Options::default())?;
            Ok(Outcome::Passed)
        }
        "e2e" => e2e(dist_dir),
        "lint-firefox" => lint_firefox(dist_dir),
        "fuzz" => fuzz(),
        _ => unreachable!("step names are checked against STEPS"),
    }
}

/// The extension's JavaScript: Biome (pinned in tests/package.json; rules
/// in biome.jsonc) checks formatting and lint over extension/ and the JS
/// build and unit tests, warnings included; tsc (pinned too) checks the
/// content script's `// @ts-check` JSDoc types, strict, without emitting
/// (extension/content/tsconfig.json); then Node's test runner runs
/// the unit tests of the content script's pure parts and of its bundle
/// (tests/unit).
fn js() -> Result<Outcome> {
    let root = root();
    util::run(
        Command::new(setup::npm_bin("biome"))
            .current_dir(&root)
            .args(["check", "--error-on-warnings", "--no-errors-on-unmatched"]),
    )?;
    util::run(
        Command::new(setup::npm_bin("tsc"))
            .current_dir(&root)
            .args(["-p", "extension/content/tsconfig.json"]),
    )?;
    let tests = setup::tests_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(tests.join("unit"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    util::run(
        Command::new("node")
            .current_dir(&tests)
            .arg("--test")
            .args(files.iter().map(|f| f.strip_prefix(&tests).unwrap_or(f))),
    )?;
    Ok(Outcome::Passed)
}

/// wasm-bindgen-test in headless Chromium through wasm-bindgen-test-runner
/// (the runner set in .cargo/config.toml).
///
/// How the runner is configured (wasm-bindgen-cli 0.2.130,
/// src/wasm_bindgen_test_runner/headless.rs): it starts the WebDriver named
/// by `CHROMEDRIVER`; it always adds `headless`, `disable-dev-shm-usage` and
/// `no-sandbox` to goog:chromeOptions (so running as root works); further
/// capabilities come from the JSON file named by
/// `WASM_BINDGEN_TEST_WEBDRIVER_JSON` (default ./webdriver.json). We add
/// Debian's binary path and the flags that keep Chromium off the closed
/// network. `WASM_BINDGEN_USE_BROWSER` runs tests that do not call
/// `wasm_bindgen_test_configure!(run_in_browser)` in the browser too, rather
/// than in Node. `WASM_BINDGEN_TEST_TIMEOUT` is raised from 20 s: 2 cores.
/// The wasm tests take ~20 s here with a cold build; a run past this hangs.
const WASM_TEST_LIMIT_SECS: &str = "600";

fn test_wasm() -> Result<Outcome> {
    let root = root();
    let caps = root.join("target/xtask/webdriver.json");
    util::write(
        &caps,
        r#"{
  "goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions"
    ]
  }
}
"#,
    )?;
    // Under `timeout` (which kills the whole process group, runner and
    // browser too): after a failing test panics, the engine's panic hook
    // asks wasm-bindgen for a fresh instance, and the runner can then wait
    // forever for the next test instead of failing (seen in CI). Exit 124
    // means it timed out.
    let mut cmd = Command::new("timeout");
    cmd.current_dir(&root)
        .args(["--kill-after=10", WASM_TEST_LIMIT_SECS, "cargo"])
        .args(["test", "-p", "waymark", "--target", setup::WASM_TARGET])
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &caps)
        .env("WASM_BINDGEN_USE_BROWSER", "1")
        .env(
            "WASM_BINDGEN_TEST_TIMEOUT",
            std::env::var("WASM_BINDGEN_TEST_TIMEOUT").unwrap_or_else(|_| "120".into()),
        );
    if std::env::var_os("CHROMEDRIVER").is_none() {
        cmd.env("CHROMEDRIVER", "/usr/bin/chromedriver");
    }
    util::run(&mut cmd)?;
    Ok(Outcome::Passed)
}

fn require_dist(dist_dir: &Path) -> Result<()> {
    for b in ["chrome", "firefox"] {
        if !dist_dir.join(b).join("manifest.json").is_file() {
            bail!(
                "{}/{b} is not built: run `cargo xtask dist` (or the dist step) first",
                dist_dir.display()
            );
        }
    }
    Ok(())
}

/// Spec files that run alone, after the others: Chromium reads its managed
/// policies from one machine-wide directory (policy), Firefox's replica
/// server must listen on port 443 (every `firefox*` spec), and the chaos
/// suite stops the worker on a timer, which a second browser beside it
/// would slow into a different test (one of its walks timed out under load).
fn e2e_alone(file_name: &str) -> bool {
    file_name.starts_with("firefox")
        || file_name == "policy.test.mjs"
        || file_name == "chaos.test.mjs"
}

/// How many Chromium spec files run at a time: 2 (each file is its own
/// process with its own replica server on a free port, and each browser has
/// its own profile directory and no debugging port), or
/// `WAYMARK_E2E_CONCURRENCY`.
fn e2e_concurrency() -> Result<usize> {
    match std::env::var("WAYMARK_E2E_CONCURRENCY") {
        Ok(v) => match v.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => bail!("WAYMARK_E2E_CONCURRENCY={v}: expected a whole number, 1 or more"),
        },
        Err(_) => Ok(2),
    }
}

/// Node's test runner over tests/e2e: the Chromium specs two files at a
/// time, then the ones that must run alone (`e2e_alone`) one at a time.
/// Files are listed explicitly: how `node --test` treats a directory
/// argument differs between Node versions.
fn e2e(dist_dir: &Path) -> Result<Outcome> {
    let tests = setup::tests_dir();
    let dir = tests.join("e2e");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let n = p.file_name().unwrap_or_default().to_string_lossy();
                n.ends_with(".test.mjs") || n.ends_with(".test.js") || n.ends_with(".test.cjs")
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    if files.is_empty() {
        return Ok(Outcome::Skipped("no tests/e2e/*.test.mjs yet".to_string()));
    }
    require_dist(dist_dir)?;
    let concurrency = e2e_concurrency()?;
    files.sort();
    let (alone, together): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|f| e2e_alone(&f.file_name().unwrap_or_default().to_string_lossy()));
    // Both groups run even when the first fails: every failure is seen.
    let mut failures = Vec::new();
    for (group, at_once) in [(together, concurrency), (alone, 1)] {
        if group.is_empty() {
            continue;
        }
        let mut cmd = Command::new("node");
        cmd.current_dir(&tests)
            .arg("--test")
            .arg(format!("--test-concurrency={at_once}"))
            .args(group.iter().map(|f| f.strip_prefix(&tests).unwrap_or(f)))
            .env("WAYMARK_DIST", dist_dir);
        // Two browsers share this machine's cores: each waits twice as long
        // for what the engine does (a wait, never a timing assertion; a
        // mid-session CI under load 18-22 timed out at 10 s twice).
        if at_once > 1 && std::env::var_os("WAYMARK_E2E_WAIT").is_none() {
            cmd.env("WAYMARK_E2E_WAIT", (10_000 * at_once).to_string());
        }
        if let Err(e) = util::run(&mut cmd) {
            failures.push(e.to_string());
        }
    }
    if !failures.is_empty() {
        bail!("{}", failures.join("\n"));
    }
    Ok(Outcome::Passed)
}

/// `web-ext lint` of dist/firefox: 0 errors and 0 warnings (notices allowed).
///
/// Not `--self-hosted`: we want the checks addons.mozilla.org would run, so a
/// store submission does not surprise us. `NO_UPDATE_NOTIFIER` stops web-ext
/// from asking the (unreachable) npm registry for a newer version.
fn lint_firefox(dist_dir: &Path) -> Result<Outcome> {
    require_dist(dist_dir)?;
    let (_, out) = util::output(
        Command::new(setup::npm_bin("web-ext"))
            .current_dir(setup::tests_dir())
            .args(["lint", "--output", "json", "--no-input", "--source-dir"])
            .arg(dist_dir.join("firefox"))
            .env("NO_UPDATE_NOTIFIER", "1"),
    )?;
    let json = out
        .find('{')
        .map(|i| &out[i..])
        .ok_or_else(|| anyhow!("web-ext lint printed no JSON report:\n{out}"))?;
    let report: serde_json::Value =
        serde_json::from_str(json.trim()).map_err(|e| anyhow!("web-ext lint JSON: {e}\n{out}"))?;
    let count = |k: &str| report[k].as_array().map_or(0, Vec::len);
    let (errors, warnings, notices) = (count("errors"), count("warnings"), count("notices"));
    for k in ["errors", "warnings", "notices"] {
        for m in report[k].as_array().into_iter().flatten() {
            println!(
                "  {k}: {} {}: {}",
                m["code"].as_str().unwrap_or(""),
                m["file"].as_str().unwrap_or(""),
                m["message"].as_str().unwrap_or("")
            );
        }
    }
    println!("web-ext lint: {errors} errors, {warnings} warnings, {notices} notices");
    if errors + warnings > 0 {
        bail!("web-ext lint: {errors} errors and {warnings} warnings (must be 0 and 0)");
    }
    Ok(Outcome::Passed)
}

/// The fuzz target for the share-code decoder, for a bounded time
/// (`WAYMARK_FUZZ_SECONDS`, default 60). The fuzz owner defines the command:
/// either a script `crate/fuzz/run.sh` (run with bash from the repository
/// root, the seconds in `WAYMARK_FUZZ_SECONDS`), or a line starting with
/// `CI: ` in `crate/fuzz/README.md`, run with `bash -c` from the repository
/// root after its `-max_total_time=N` is set to the budget. cargo-fuzz is
/// installed first when a command uses it and it is missing.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

fn fuzz() -> Result<Outcome> {
    let root = root();
    let fuzz_dir = root.join("crate/fuzz");
    if !fuzz_dir.is_dir() {
        return Ok(Outcome::Skipped("no crate/fuzz yet".into()));
    }
    let secs = std::env::var("WAYMARK_FUZZ_SECONDS").unwrap_or_else(|_| "60".into());
    let script = fuzz_dir.join("run.sh");
    let mut cmd = Command::new("bash");
    cmd.current_dir(&root).env("WAYMARK_FUZZ_SECONDS", &secs);
    let uses_cargo_fuzz;
    if script.is_file() {
        uses_cargo_fuzz = util::read_string(&script)?.contains("cargo fuzz");
        cmd.arg(&script);
    } else {
        let readme = fuzz_dir.join("README.md");
        let text = std::fs::read_to_string(&readme).unwrap_or_default();
        let Some(line) = ci_line(&text) else {
            return Ok(Outcome::Skipped(
                "crate/fuzz has neither run.sh nor a `CI: ` line in README.md".into(),
            ));
        };
        let line = with_time_budget(line, &secs);
        uses_cargo_fuzz = line.contains("cargo fuzz");
        cmd.args(["-c", &line]);
    }
    if uses_cargo_fuzz {
        // `cargo fuzz --version` fails when the subcommand is missing.
        if !util::succeeds(Command::new("cargo").args(["fuzz", "--version"])) {
            // Pinned: the version the fuzz target was written and measured
            // with; a newer one may need a newer toolchain than the machine's.
            util::run(Command::new("cargo").args([
                "install",
                "cargo-fuzz",
                "--version",
                CARGO_FUZZ_VERSION,
            ]))?;
        }
    }
    util::run(&mut cmd)?;
    Ok(Outcome::Passed)
}

/// The command after `CI: ` at the start of a line (backticks trimmed).
fn ci_line(readme: &str) -> Option<String> {
    readme.lines().find_map(|l| {
        l.trim()
            .strip_prefix("CI: ")
            .map(|c| c.trim().trim_matches('`').trim().to_string())
    })
}

/// Replace (or add) libFuzzer's `-max_total_time=N` with the budget.
fn with_time_budget(line: String, secs: &str) -> String {
    let words: Vec<String> = line
        .split(' ')
        .map(|w| {
            if w.starts_with("-max_total_time=") {
                format!("-max_total_time={secs}")
            } else {
                w.to_string()
            }
        })
        .collect();
    let out = words.join(" ");
    if out.contains("-max_total_time=") || !out.contains("cargo fuzz run") {
        out
    } else if out.contains(" -- ") {
        out.replacen(" -- ", &format!(" -- -max_total_time={secs} "), 1)
    } else {
        format!("{out} -- -max_total_time={secs}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e2e_alone_takes_the_machine_wide_specs() {
        assert!(e2e_alone("policy.test.mjs"));
        assert!(e2e_alone("firefox-walks.test.mjs"));
        assert!(e2e_alone("firefox-panel.test.mjs"));
        assert!(e2e_alone("chaos.test.mjs"));
        assert!(!e2e_alone("guide-a.test.mjs"));
    }

    #[test]
    fn finds_the_ci_line_and_sets_the_time_budget() {
        let readme =
            "# x\n\nCI: cd crate && cargo fuzz run decode c -- -max_total_time=60 -max_len=9\n";
        let line = ci_line(readme).unwrap();
        assert_eq!(
            with_time_budget(line, "5"),
            "cd crate && cargo fuzz run decode c -- -max_total_time=5 -max_len=9"
        );
        assert_eq!(
            with_time_budget("cargo fuzz run d".into(), "7"),
            "cargo fuzz run d -- -max_total_time=7"
        );
        assert_eq!(ci_line("no such line"), None);
    }
}
