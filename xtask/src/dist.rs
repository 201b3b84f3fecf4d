//! `cargo xtask dist`: build the engine to wasm, bind and optimise it, and
//! assemble the unpacked extensions `dist/chrome` (Chrome and Edge) and
//! `dist/firefox`, their zips, and a size report.
//!
//! Contract with the JS and engine sides (file names dist expects):
//! - `extension/` holds background.js, panel.html, panel.js, panel.css,
//!   welcome.html, welcome.js, welcome.css,
//!   protocol.js, i18n.js (required, copied as they are), the content script's
//!   modules under `content/` (entry `content/main.js`, bundled into the
//!   shipped `content.js` by `tests/build/content.mjs` with esbuild; the
//!   overlay's stylesheet `content/overlay.css` ships minified as
//!   `overlay.css`, which background.js sends with every paint),
//!   `_locales/` and `manifest.template.json`.
//!   `extension/icons/*.png`, if present, override the generated icons.
//! - The engine is shipped as `engine/waymark.js` (wasm-bindgen `--target web`
//!   glue, an ES module) and `engine/waymark_bg.wasm`, at the extension root.
//!   background.js imports `./engine/waymark.js` and calls its default `init`.

use crate::cargo_toml::Workspace;
use crate::manifest::{self, Browser};
use crate::util::{self, root, Result};
use crate::{icons, setup, zip};
use anyhow::{bail, Context};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files every build copies from the extension source folder as they are.
const REQUIRED: [&str; 11] = [
    "background.js",
    "panel.html",
    "panel.js",
    "panel.css",
    "welcome.html",
    "welcome.js",
    "welcome.css",
    "protocol.js",
    "i18n.js",
    "policy.js",
    "managed_schema.json",
];

/// The content script's entry module; its bundle ships as `content.js`.
const CONTENT_ENTRY: &str = "content/main.js";

/// wasm-opt's feature flags. rustc ≥ 1.82 (1.95 here) targets wasm32 with
/// bulk-memory, nontrapping-fptoint, sign-ext, mutable-globals,
/// reference-types and multivalue on by default; wasm-opt must accept all of
/// them or it rejects (or, without the flag, miscompiles around) the module.
const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Budgets in gzipped bytes: the built content script (issue 12) and the
/// engine (issue 14: a ceiling; the wasm is loaded from disk, and what a
/// user feels is the worker's cold start).
const CONTENT_BUDGET_GZ: usize = 6 * 1024;
const WASM_BUDGET_GZ: usize = 300 * 1024;

pub struct Options {
    /// Where the extension sources are (default `extension/`). Lets a
    /// developer build against a scratch copy.
    pub extension_dir: PathBuf,
    pub dist_dir: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            extension_dir: root().join("extension"),
            dist_dir: root().join("dist"),
        }
    }
}

/// The `waymark` package's version (inherited from the workspace when it
/// says `version.workspace = true`): becomes the manifest's version.
fn crate_version() -> Result<String> {
    Workspace::load(&root())?.package_version("waymark")
}

pub fn dist(opts: &Options) -> Result<()> {
    let src = &opts.extension_dir;
    // Fail before the long build if a source file is missing.
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|f| !src.join(f).is_file())
        .chain(
            [
                CONTENT_ENTRY,
                "manifest.template.json",
                "_locales/en/messages.json",
            ]
            .into_iter()
            .filter(|f| !src.join(f).is_file()),
        )
        .collect();
    if !missing.is_empty() {
        bail!(
            "{} lacks {}: dist needs all of {} there",
            src.display(),
            missing.join(", "),
            REQUIRED.join(", ")
        );
    }

    setup::for_dist()?;
    let version = crate_version()?;
    let root = root();
    let work = root.join("target/xtask");

    // (a) The content script: its modules bundled and minified into one
    // classic script (esbuild, pinned in tests/package.json). The same run
    // link-checks background.js and panel.js against protocol.js.
    let content_js = work.join("content.js");
    std::fs::create_dir_all(&work)?;
    util::run(
        Command::new("node")
            .current_dir(setup::tests_dir())
            .arg("build/content.mjs")
            .arg(src)
            .arg(&content_js),
    )?;
    let content = util::read(&content_js)?;
    let style = util::read(&work.join("overlay.css"))?;

    // (b) The engine, as wasm.
    util::run(Command::new("cargo").current_dir(&root).args([
        "build",
        "--release",
        "--target",
        setup::WASM_TARGET,
        "-p",
        "waymark",
    ]))?;
    let raw_wasm = root.join("target/wasm32-unknown-unknown/release/waymark.wasm");

    // (c) JS glue and the bound wasm.
    let bound = work.join("engine");
    util::remove_dir(&bound)?;
    util::run(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "waymark",
                "--out-dir",
            ])
            .arg(&bound)
            .arg(&raw_wasm),
    )?;
    let bound_wasm = bound.join("waymark_bg.wasm");
    let glue = bound.join("waymark.js");

    // (d) wasm-opt from npm's binaryen (Debian's 108 breaks the module).
    let opt_wasm = work.join("waymark_bg.opt.wasm");
    util::run(
        Command::new(setup::npm_bin("wasm-opt"))
            .arg("-Oz")
            // Measured on the engine: --converge (repeat until no gain) and
            // --low-memory-unused (rustc never places data in the first 1 KB;
            // lets loads fold constant offsets) take ~1.9 KB off the gzip.
            .args(["--converge", "--low-memory-unused"])
            .args(WASM_OPT_FEATURES)
            .arg("--strip-debug")
            .arg("--strip-producers")
            .arg("--strip-target-features")
            .arg(&bound_wasm)
            .arg("-o")
            .arg(&opt_wasm),
    )?;
    verify_instantiates(&opt_wasm, &work)?;

    // (e) One folder per browser.
    let template = util::read_string(&src.join("manifest.template.json"))?;
    let glue_bytes = util::read(&glue)?;
    let wasm_bytes = util::read(&opt_wasm)?;
    let mut zips = Vec::new();
    for b in Browser::ALL {
        let out = opts.dist_dir.join(b.name());
        util::remove_dir(&out)?;
        std::fs::create_dir_all(&out)?;
        for f in REQUIRED {
            std::fs::copy(src.join(f), out.join(f))?;
        }
        util::write(&out.join("content.js"), &content)?;
        util::write(&out.join("overlay.css"), &style)?;
        util::copy_dir(&src.join("_locales"), &out.join("_locales"))?;
        for (name, png) in icons::all() {
            util::write(&out.join("icons").join(name), png)?;
        }
        if src.join("icons").is_dir() {
            util::copy_dir(&src.join("icons"), &out.join("icons"))?;
        }
        util::write(&out.join("engine/waymark.js"), &glue_bytes)?;
        util::write(&out.join("engine/waymark_bg.wasm"), &wasm_bytes)?;
        util::write(
            &out.join("manifest.json"),
            manifest::render(&template, b, &version)?,
        )?;
        check_manifest_files(&out)?;

        // (f) The store upload.
        let zip_path = opts.dist_dir.join(format!("waymark-{}.zip", b.name()));
        let bytes = zip::zip_dir(&out)?;
        util::write(&zip_path, &bytes)?;
        zips.push((zip_path, bytes.len()));
    }

    // (g) Sizes against the budgets.
    let report = size_report(
        &content,
        &style,
        std::fs::metadata(&bound_wasm)?.len() as usize,
        &wasm_bytes,
        &glue_bytes,
        &zips,
    );
    print!("{report}");
    util::write(&opts.dist_dir.join("size-report.txt"), &report)?;
    println!(
        "dist: {} and {} are ready to load unpacked",
        opts.dist_dir.join("chrome").display(),
        opts.dist_dir.join("firefox").display()
    );
    Ok(())
}

/// Every file the manifest names must be in the folder: a typo would only
/// show when a browser refuses to load the extension.
fn check_manifest_files(dir: &Path) -> Result<()> {
    let m: serde_json::Value =
        serde_json::from_str(&util::read_string(&dir.join("manifest.json"))?)
            .context("manifest.json")?;
    let mut named: Vec<String> = Vec::new();
    let mut add = |v: &serde_json::Value| {
        if let Some(s) = v.as_str() {
            named.push(s.to_string());
        }
    };
    add(&m["background"]["service_worker"]);
    add(&m["side_panel"]["default_path"]);
    add(&m["sidebar_action"]["default_panel"]);
    for s in m["background"]["scripts"].as_array().into_iter().flatten() {
        add(s);
    }
    for cs in m["content_scripts"].as_array().into_iter().flatten() {
        for s in cs["js"].as_array().into_iter().flatten() {
            add(s);
        }
    }
    for v in m["icons"].as_object().into_iter().flatten() {
        add(v.1);
    }
    for f in named {
        if !dir.join(&f).is_file() {
            bail!(
                "{}: manifest names {f}, which is not in the folder",
                dir.display()
            );
        }
    }
    Ok(())
}

/// Compile and instantiate the optimised module in Node with stub imports.
/// Why: a wasm-opt that lacks a feature flag, or a bad binaryen, produces a
/// module that only fails when the browser loads it. Instantiation with
/// stubs checks validation and linking without running the engine (the glue
/// calls the start function, not the module itself).
fn verify_instantiates(wasm: &Path, work: &Path) -> Result<()> {
    let script = work.join("verify-wasm.mjs");
    util::write(
        &script,
        r#"import { readFileSync } from 'node:fs';
const bytes = readFileSync(process.argv[2]);
const mod = new WebAssembly.Module(bytes);
const imports = {};
for (const imp of WebAssembly.Module.imports(mod)) {
  imports[imp.module] ??= {};
  const stub = {
    function: () => { throw new Error('stub import ' + imp.name); },
    memory: new WebAssembly.Memory({ initial: 1 }),
    table: new WebAssembly.Table({ initial: 0, element: 'anyfunc' }),
    global: new WebAssembly.Global({ value: 'i32', mutable: false }, 0),
  }[imp.kind];
  imports[imp.module][imp.name] = stub;
}
await WebAssembly.instantiate(mod, imports);
console.log(`ok: optimised wasm compiles and instantiates (${WebAssembly.Module.exports(mod).length} exports)`);
"#,
    )?;
    util::run(Command::new("node").arg(&script).arg(wasm))
        .context("the optimised wasm does not instantiate")
}

fn size_report(
    content: &[u8],
    style: &[u8],
    bound_len: usize,
    opt: &[u8],
    glue: &[u8],
    zips: &[(PathBuf, usize)],
) -> String {
    let content_gz = util::gzip_len(content);
    let wasm_gz = util::gzip_len(opt);
    let mut r = String::new();
    let _ = writeln!(r, "Waymark size report");
    let _ = writeln!(r, "-------------------");
    let mut line = |what: &str, n: usize, budget: Option<usize>| {
        let verdict = match budget {
            Some(b) if n > b => format!("  OVER BUDGET (budget {} KB gzip)", b / 1024),
            Some(b) => format!("  ok (budget {} KB gzip)", b / 1024),
            None => String::new(),
        };
        let _ = writeln!(r, "{what:<34}{}{verdict}", util::kib(n));
    };
    line("content.js raw", content.len(), None);
    line("content.js gzip", content_gz, Some(CONTENT_BUDGET_GZ));
    // Not in content.js: sent with each paint, so only to pages Waymark paints on.
    line("overlay.css gzip", util::gzip_len(style), None);
    line("engine wasm after wasm-bindgen", bound_len, None);
    line("engine wasm after wasm-opt -Oz", opt.len(), None);
    line("engine wasm gzip", wasm_gz, Some(WASM_BUDGET_GZ));
    line("engine JS glue raw", glue.len(), None);
    line("engine JS glue gzip", util::gzip_len(glue), None);
    for (path, n) in zips {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        line(&name, *n, None);
    }
    if content_gz > CONTENT_BUDGET_GZ || wasm_gz > WASM_BUDGET_GZ {
        let _ = writeln!(r);
        let _ = writeln!(r, "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        let _ = writeln!(r, "!!  OVER BUDGET: see the lines marked above          !!");
        let _ = writeln!(r, "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_crate_version() {
        let v = crate_version().unwrap();
        assert!(v.split('.').count() == 3, "{v}");
    }

    #[test]
    fn report_flags_over_budget() {
        // Incompressible bytes (xorshift), far over the 6 KB gzip budget.
        let mut x: u32 = 0x9e37_79b9;
        let big: Vec<u8> = (0..100_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let r = size_report(&big, b"", 1, b"x", b"y", &[]);
        assert!(r.contains("OVER BUDGET"), "{r}");
        let r = size_report(b"small", b"", 1, b"x", b"y", &[]);
        assert!(!r.contains("OVER BUDGET"), "{r}");
    }
}
