//! Installs what a fresh Debian 12 machine of this kind lacks, each piece only
//! when it is missing or of the wrong version, so that a second run costs a
//! few version checks and nothing else.

use crate::cargo_toml::Workspace;
use crate::util::root;
use crate::util::{self, Result};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Rust pieces: the wasm target and the rustfmt/clippy components.
pub fn rust_tools() -> Result<()> {
    let (_, installed) =
        util::output(Command::new("rustup").args(["target", "list", "--installed"]))
            .with_context(|| format!("rustup is needed to add the {WASM_TARGET} target"))?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("ok: rust target {WASM_TARGET}");
    } else {
        util::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    for (component, probe) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
        if util::succeeds(Command::new("cargo").args([probe, "--version"])) {
            println!("ok: {component}");
        } else {
            util::run(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

/// The wasm-bindgen version pinned (`=x.y.z`) in the workspace's manifests
/// (a member's dependency, or `[workspace.dependencies]` that a member
/// inherits). The CLI must equal it exactly (the schema embedded in the wasm
/// is checked), so it is read from the one place it is written.
pub fn pinned_wasm_bindgen() -> Result<String> {
    Workspace::load(&root())?.pinned("wasm-bindgen")
}

/// wasm-bindgen and wasm-bindgen-test-runner at exactly the pinned version.
pub fn wasm_bindgen_cli() -> Result<String> {
    let want = pinned_wasm_bindgen()?;
    let have = util::version_of("wasm-bindgen", "--version");
    let runner_ok = util::on_path("wasm-bindgen-test-runner");
    if have.as_deref() == Some(&format!("wasm-bindgen {want}")) && runner_ok {
        println!("ok: wasm-bindgen {want}");
        return Ok(want);
    }
    println!(
        "wasm-bindgen-cli {want} needed (found: {}); installing, about 2 minutes",
        have.unwrap_or_else(|| "none".into())
    );
    // No --locked: one of the CLI's locked dependencies is missing from the
    // registry mirror this machine reaches (brief §5).
    util::run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    Ok(want)
}

pub fn tests_dir() -> PathBuf {
    root().join("tests")
}

/// Path of a binary installed by npm under tests/node_modules/.bin.
pub fn npm_bin(name: &str) -> PathBuf {
    tests_dir().join("node_modules/.bin").join(name)
}

/// npm packages of tests/ (wasm-opt from binaryen, web-ext, playwright-core,
/// puppeteer-core, selfsigned). Reinstalled only when node_modules is missing
/// or package.json / package-lock.json changed since the last install.
pub fn npm_packages() -> Result<()> {
    let dir = tests_dir();
    let lock = dir.join("package-lock.json");
    let manifest = dir.join("package.json");
    if !manifest.is_file() {
        bail!("{} is missing", manifest.display());
    }
    let mut fingerprint = util::read(&manifest)?;
    if lock.is_file() {
        fingerprint.extend(util::read(&lock)?);
    }
    let stamp_value = format!("{:016x}\n", util::fnv64(&fingerprint));
    let stamp = dir.join("node_modules/.waymark-stamp");
    let current = std::fs::read_to_string(&stamp).unwrap_or_default();
    if current == stamp_value && npm_bin("wasm-opt").exists() {
        println!("ok: tests/node_modules (lock unchanged)");
        return Ok(());
    }
    if !util::on_path("npm") {
        bail!(
            "npm is not installed; install Node.js 20 and npm (Debian: apt-get install -y nodejs npm)"
        );
    }
    // A worktree may share another checkout's packages through a symlink;
    // `npm ci` there would empty the other checkout's node_modules (and
    // several at once left it empty). Install in the checkout that owns them.
    let modules = dir.join("node_modules");
    if std::fs::symlink_metadata(&modules).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "{} is a symlink and its packages are missing or stale: run `cargo xtask test --only setup` in the checkout it points to ({}), not through the link",
            modules.display(),
            std::fs::read_link(&modules).unwrap_or_default().display()
        );
    }
    let sub = if lock.is_file() { "ci" } else { "install" };
    util::run(
        Command::new("npm")
            .args([sub, "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )?;
    if !npm_bin("wasm-opt").exists() {
        bail!(
            "npm {sub} finished but tests/node_modules/.bin/wasm-opt is missing: is binaryen in tests/package.json?"
        );
    }
    util::write(&stamp, stamp_value)?;
    Ok(())
}

/// (binary, Debian package) for the browsers the tests drive.
const BROWSERS: [(&str, &str); 3] = [
    ("/usr/bin/chromium", "chromium"),
    ("/usr/bin/chromedriver", "chromium-driver"),
    ("/usr/bin/firefox-esr", "firefox-esr"),
];

pub fn browsers() -> Result<()> {
    let missing: Vec<&str> = BROWSERS
        .iter()
        .filter(|(bin, _)| !Path::new(bin).exists())
        .map(|(_, pkg)| *pkg)
        .collect();
    if missing.is_empty() {
        println!("ok: chromium, chromedriver, firefox-esr");
        return Ok(());
    }
    let uid = util::version_of("id", "-u").unwrap_or_default();
    if uid != "0" {
        bail!(
            "missing Debian packages: {0}. Install them as root:\n    sudo apt-get update && sudo apt-get install -y {0}",
            missing.join(" ")
        );
    }
    util::run(
        Command::new("apt-get")
            .arg("update")
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    util::run(
        Command::new("apt-get")
            .args(["install", "-y"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    Ok(())
}

/// What `dist` needs: the wasm target, the pinned CLI and wasm-opt.
pub fn for_dist() -> Result<()> {
    rust_tools()?;
    wasm_bindgen_cli()?;
    npm_packages()
}

/// What `test` needs: everything.
pub fn all() -> Result<()> {
    for_dist()?;
    browsers()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_pinned_wasm_bindgen_version() {
        let v = super::pinned_wasm_bindgen().unwrap();
        assert!(v.starts_with("0.2."), "{v}");
        assert!(!v.contains('='), "{v}");
    }
}
