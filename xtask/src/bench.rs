//! `cargo xtask bench`: Waymark measured against the bar of brief §6
//! (tests/bench/latency.mjs, side by side with driver.js when it is
//! installed). Prints figures and writes them to dist/bench-report.txt. Not a
//! test: no timing passes or fails (machines are noisy); it fails only when
//! it cannot measure.

use crate::util::{self, root, Result};
use crate::{dist, setup};
use anyhow::bail;
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
    let root = root();
    let dist_dir = root.join("dist");
    let script = setup::tests_dir().join("bench/latency.mjs");
    if !script.is_file() {
        bail!("{} is missing", script.display());
    }
    let built = oldest(&dist_dir.join("chrome"));
    let sources = SOURCES.iter().filter_map(|s| newest(&root.join(s))).max();
    if opts.rebuild || needs_build(built, sources) {
        println!("dist/chrome is missing or older than its sources: building it");
        dist::dist(&dist::Options::default())?;
    } else {
        println!("ok: dist/chrome is newer than its sources");
        setup::npm_packages()?;
    }
    if !Path::new("/usr/bin/chromium").exists() && std::env::var_os("WAYMARK_CHROMIUM").is_none() {
        setup::browsers()?;
    }
    util::run(
        Command::new("node")
            .current_dir(setup::tests_dir())
            .arg(Path::new("bench").join("latency.mjs"))
            .env("WAYMARK_DIST", &dist_dir),
    )
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
    use std::time::Duration;

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
