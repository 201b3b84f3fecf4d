//! `cargo xtask bench`: Waymark measured against the bar of brief §6
//! (tests/bench/latency.mjs, side by side with driver.js when it is
//! installed). Prints figures and writes them to dist/bench-report.txt and,
//! as keys per tool, dist/bench.json (checked here for completeness). Not a
//! test: no timing passes or fails (machines are noisy); it fails only when
//! it cannot measure.

use crate::util::{self, root, Result};
use crate::{dist, setup};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

#[derive(Default)]
pub struct Options {
    /// Build dist/ even when it looks up to date.
    pub rebuild: bool,
}

/// Sources a dist build is made from: a change to any of them makes dist/ stale.
const SOURCES: [&str; 6] = [
    "extension",
    "crate/guide",
    "crate/core",
    "crate/web",
    "crate/guides",
    "Cargo.lock",
];

pub fn bench(opts: &Options) -> Result<()> {
    let dist_dir = root().join("dist");
    let script = setup::tests_dir().join("bench/latency.mjs");
    if !script.is_file() {
        bail!("{} is missing", script.display());
    }
    fresh_dist(opts.rebuild)?;
    util::run(
        Command::new("node")
            .current_dir(setup::tests_dir())
            .arg(Path::new("bench").join("latency.mjs"))
            .env("WAYMARK_DIST", &dist_dir),
    )?;
    let path = dist_dir.join("bench.json");
    let json: serde_json::Value = serde_json::from_str(&util::read_string(&path)?)
        .with_context(|| format!("{} is not JSON", path.display()))?;
    check_bench_json(&json).with_context(|| format!("{}", path.display()))?;
    println!("bench: figures in {}", path.display());
    Ok(())
}

/// Make sure dist/chrome is built from the current sources (building it when
/// missing, stale or `rebuild`), with the npm packages and Chromium the
/// browser scripts need. Shared by `bench` and `screenshots`.
pub fn fresh_dist(rebuild: bool) -> Result<()> {
    let root = root();
    let built = oldest(&root.join("dist/chrome"));
    let sources = SOURCES.iter().filter_map(|s| newest(&root.join(s))).max();
    if rebuild || needs_build(built, sources) {
        println!("dist/chrome is missing or older than its sources: building it");
        dist::dist(&dist::Options::default())?;
    } else {
        println!("ok: dist/chrome is newer than its sources");
        setup::npm_packages()?;
    }
    if !Path::new("/usr/bin/chromium").exists() && std::env::var_os("WAYMARK_CHROMIUM").is_none() {
        setup::browsers()?;
    }
    Ok(())
}

/// Keys every tool has in dist/bench.json (issue 12 item 6).
pub const TOOL_KEYS: [&str; 9] = [
    "marker_median_ms",
    "marker_p95_ms",
    "box_median_ms",
    "box_p95_ms",
    "scroll_lag_px_max",
    "scroll_lag_frames_max",
    "storm_script_ms_per_s",
    "storm_long_tasks",
    "bytes_gzip",
];
/// Keys only Waymark has: the engine's, and the storm with no guide
/// running (issue 12 item 4: no work beyond recognising the page).
pub const WAYMARK_KEYS: [&str; 4] = [
    "cold_start_median_ms",
    "engine_message_median_ms",
    "storm_idle_script_ms_per_s",
    "storm_idle_own_script_ms_per_s",
];
/// Keys of the tools measured from a traced storm window (their own script
/// and long tasks, issue 12 item 4).
pub const TRACED_KEYS: [&str; 2] = ["storm_own_script_ms_per_s", "storm_own_long_tasks"];
/// The no-tool baseline of the idle windows, alternated with Waymark's.
pub const NONE_KEYS: [&str; 1] = ["storm_idle_script_ms_per_s"];

/// dist/bench.json has every key for `waymark`, `none` and (when measured)
/// `driverjs`, each a number or null; every null has its reason in
/// `null_reasons`; and it says how many runs it took.
fn check_bench_json(json: &serde_json::Value) -> Result<()> {
    let reasons = &json["null_reasons"];
    if !json["runs"].is_object() {
        bail!("no `runs`: how many runs the figures took");
    }
    let mut tools = vec!["waymark", "none"];
    if json["tools"].get("driverjs").is_some() {
        tools.push("driverjs");
    } else if reasons.get("driverjs").is_none() {
        bail!("no `driverjs` and no reason for it in null_reasons");
    }
    for tool in tools {
        let t = &json["tools"][tool];
        let own: Vec<&str> = match tool {
            "waymark" => [&WAYMARK_KEYS[..], &TRACED_KEYS].concat(),
            "driverjs" => TRACED_KEYS.to_vec(),
            _ => NONE_KEYS.to_vec(),
        };
        for key in TOOL_KEYS.iter().chain(&own) {
            match t.get(*key) {
                None => bail!("tools.{tool} has no {key}"),
                Some(v) if v.is_number() => {}
                Some(v) if v.is_null() => {
                    if !reasons[format!("{tool}.{key}")].is_string() {
                        bail!("tools.{tool}.{key} is null without a reason in null_reasons");
                    }
                }
                Some(v) => bail!("tools.{tool}.{key} is {v}, neither a number nor null"),
            }
        }
    }
    Ok(())
}

/// Build when nothing is built, or a source changed after the oldest built file.
fn needs_build(built: Option<SystemTime>, sources: Option<SystemTime>) -> bool {
    match (built, sources) {
        (None, _) => true,
        (Some(b), Some(s)) => s > b,
        (Some(_), None) => false,
    }
}

fn files(path: &Path) -> Vec<PathBuf> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Vec::new();
    };
    if meta.is_file() {
        return vec![path.to_path_buf()];
    }
    let Ok(rd) = std::fs::read_dir(path) else {
        return Vec::new();
    };
    rd.filter_map(|e| e.ok())
        .flat_map(|e| files(&e.path()))
        .collect()
}

fn mtimes(path: &Path) -> impl Iterator<Item = SystemTime> {
    files(path)
        .into_iter()
        .filter_map(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok())
}

fn newest(path: &Path) -> Option<SystemTime> {
    mtimes(path).max()
}

fn oldest(path: &Path) -> Option<SystemTime> {
    mtimes(path).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::Duration;

    fn complete() -> serde_json::Value {
        let tool = |extra: &[&str]| {
            let mut m = serde_json::Map::new();
            for k in TOOL_KEYS.iter().chain(extra) {
                m.insert(k.to_string(), json!(1.5));
            }
            serde_json::Value::Object(m)
        };
        json!({
            "runs": {"bench_runs": 1},
            "tools": {
                "waymark": tool(&[&WAYMARK_KEYS[..], &TRACED_KEYS].concat()),
                "driverjs": tool(&TRACED_KEYS),
                "none": tool(&NONE_KEYS),
            },
            "null_reasons": {}
        })
    }

    #[test]
    fn bench_json_needs_every_key_and_a_reason_for_each_null() {
        assert!(check_bench_json(&complete()).is_ok());
        let mut j = complete();
        j["tools"]["waymark"]
            .as_object_mut()
            .unwrap()
            .remove("cold_start_median_ms");
        assert!(check_bench_json(&j).is_err(), "a missing key");
        let mut j = complete();
        j["tools"]["driverjs"]
            .as_object_mut()
            .unwrap()
            .remove("storm_own_script_ms_per_s");
        assert!(check_bench_json(&j).is_err(), "a traced key missing");
        let mut j = complete();
        j["tools"]["none"]["marker_median_ms"] = json!(null);
        assert!(check_bench_json(&j).is_err(), "a null without a reason");
        j["null_reasons"]["none.marker_median_ms"] = json!("no tool on the page");
        assert!(check_bench_json(&j).is_ok());
        j["tools"]["none"]["bytes_gzip"] = json!("8 KB");
        assert!(check_bench_json(&j).is_err(), "a string");
        let mut j = complete();
        j["tools"].as_object_mut().unwrap().remove("driverjs");
        assert!(check_bench_json(&j).is_err(), "driver.js left out silently");
        j["null_reasons"]["driverjs"] = json!("not installed");
        assert!(check_bench_json(&j).is_ok());
        let mut j = complete();
        j.as_object_mut().unwrap().remove("runs");
        assert!(check_bench_json(&j).is_err(), "no run count");
    }

    #[test]
    fn builds_when_missing_or_older_than_a_source() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let later = t + Duration::from_secs(1);
        assert!(needs_build(None, Some(t)));
        assert!(needs_build(None, None));
        assert!(needs_build(Some(t), Some(later)));
        assert!(!needs_build(Some(later), Some(t)));
        assert!(!needs_build(Some(t), Some(t)));
        assert!(!needs_build(Some(t), None));
    }

    #[test]
    fn finds_oldest_and_newest_files_in_a_tree() {
        let dir = root().join("target/xtask/bench-mtime-test");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a"), "a").unwrap();
        std::fs::write(dir.join("sub/b"), "b").unwrap();
        let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(dir.join("sub/b"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(oldest(&dir), Some(old));
        assert!(newest(&dir).unwrap() > old);
        assert_eq!(newest(&dir.join("missing")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
