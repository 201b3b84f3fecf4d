//! `cargo xtask demo`: for humans. Serves the replica portals
//! (tests/server/server.mjs) and opens Chromium with the unpacked extension
//! from dist/chrome, with the real host names mapped to the replicas, so the
//! guides can be tried without a tenant. Needs a display (it is not headless).

use crate::util::{self, root, Result};
use crate::{dist, setup};
use anyhow::{bail, Context};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

pub fn demo() -> Result<()> {
    let dist_dir = root().join("dist");
    if !dist_dir.join("chrome/manifest.json").is_file() {
        dist::dist(&dist::Options::default())?;
    }
    if !util::on_path("chromium") {
        bail!("chromium is not installed: apt-get install -y chromium");
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        bail!(
            "demo opens a browser window and needs a display (DISPLAY is not set); \
             under Xvfb: xvfb-run cargo xtask demo"
        );
    }
    let ext = dist_dir.join("chrome");
    let profile = root().join("target/xtask/demo-profile");
    std::fs::create_dir_all(&profile)?;

    let server_js = setup::tests_dir().join("server/server.mjs");
    let mut server = None;
    let mut resolver = None;
    if server_js.is_file() {
        setup::npm_packages()?;
        let mut child = Command::new("node")
            .arg(&server_js)
            .current_dir(setup::tests_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .context("could not start the replica server")?;
        // The server prints the --host-resolver-rules flag that maps the
        // real host names to its port; wait for that line.
        let out = child.stdout.take().expect("stdout is piped");
        for line in BufReader::new(out).lines() {
            let line = line?;
            println!("{line}");
            if let Some(rules) = line.strip_prefix("--host-resolver-rules=") {
                resolver = Some(rules.trim_matches('"').to_string());
                break;
            }
        }
        server = Some(child);
    } else {
        println!("tests/server/server.mjs is not there yet: opening Chromium without replicas");
    }

    let mut cmd = Command::new("chromium");
    cmd.arg(format!("--load-extension={}", ext.display()))
        .arg(format!("--disable-extensions-except={}", ext.display()))
        .arg(format!("--user-data-dir={}", profile.display()))
        .args([
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]);
    if running_as_root() {
        // Chromium refuses to start as root with its sandbox on ("Running as
        // root without --no-sandbox is not supported"): a container or CI
        // machine. A desktop user is never root and keeps the sandbox.
        println!("running as root: Chromium needs --no-sandbox here");
        cmd.arg("--no-sandbox");
    }
    if let Some(rules) = &resolver {
        // The replicas' certificate is self-signed and made at start-up.
        cmd.arg(format!("--host-resolver-rules={rules}"))
            .arg("--ignore-certificate-errors")
            .arg("https://portal.azure.com/");
    }
    println!(
        "Opening Chromium with {} (close it to end the demo)",
        ext.display()
    );
    let result = util::run(&mut cmd);
    if let Some(mut child) = server {
        // Only the server this demo started.
        let _ = child.kill();
        let _ = child.wait();
    }
    result
}

/// Whether this process runs as root (uid 0), read from the owner of
/// /proc/self, which Linux gives the process's own user.
fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}
