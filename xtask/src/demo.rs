//! `cargo xtask demo`: for humans. Builds dist if needed and opens Chromium
//! with the unpacked extension. Pending: serving the replicas (tests/server)
//! once that exists with a documented entry point.

use crate::util::{self, root, Result};
use crate::{dist, fail};
use std::process::Command;

pub fn demo() -> Result<()> {
    let dist_dir = root().join("dist");
    if !dist_dir.join("chrome/manifest.json").is_file() {
        dist::dist(&dist::Options::default())?;
    }
    if !util::on_path("chromium") {
        return Err(fail!(
            "chromium is not installed: apt-get install -y chromium"
        ));
    }
    let ext = dist_dir.join("chrome");
    let profile = root().join("target/xtask/demo-profile");
    std::fs::create_dir_all(&profile)?;
    println!(
        "Opening Chromium with {} (close it to end the demo)",
        ext.display()
    );
    util::run(
        Command::new("chromium")
            .arg(format!("--load-extension={}", ext.display()))
            .arg(format!("--disable-extensions-except={}", ext.display()))
            .arg(format!("--user-data-dir={}", profile.display()))
            .args([
                "--no-first-run",
                "--disable-background-networking",
                "--disable-sync",
            ]),
    )
}
