//! `cargo xtask screenshots`: the README's images, made from the replicas by
//! tests/tools/screenshots.mjs in headless Chromium with the built extension
//! (the same harness as the e2e suite), written to docs/images/. Run it
//! after a change the images show, and commit the images with that change.

use crate::util::{self, root, Result};
use crate::{bench, setup};
use std::path::Path;
use std::process::Command;

pub fn screenshots() -> Result<()> {
    bench::fresh_dist(false)?;
    let out = root().join("docs/images");
    std::fs::create_dir_all(&out)?;
    util::run(
        Command::new("node")
            .current_dir(setup::tests_dir())
            .arg(Path::new("tools").join("screenshots.mjs"))
            .arg(&out)
            .env("WAYMARK_DIST", root().join("dist")),
    )?;
    println!("screenshots: written to {}", out.display());
    Ok(())
}
