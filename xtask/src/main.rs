//! Waymark's build and test driver: `cargo xtask dist | test | demo | bench`.
//!
//! Arguments are parsed by hand (no clap): there are four subcommands and a
//! handful of flags, and every dependency is one more thing a fresh machine
//! must download and compile before the first test runs.

mod bench;
mod demo;
mod dist;
mod icons;
mod manifest;
mod setup;
mod test;
mod util;
mod zip;

use std::path::PathBuf;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  dist                 build dist/chrome, dist/firefox, their zips and a size report
      --extension-dir DIR   take the extension sources from DIR (default extension/)
      --dist-dir DIR        write to DIR (default dist/)
  test                 install what is missing, then run every check in order
      --no-e2e              skip the end-to-end browser suite
      --keep-going          run the later steps after a failure too
      --only STEP           run only STEP (repeatable); steps:
                            setup fmt clippy clippy-wasm test-native test-wasm
                            dist e2e lint-firefox fuzz
  demo                 serve the replicas and open Chromium with the extension
  bench                figures against the bar of brief §6 (late target, re-render,
                       scroll container, main-thread cost, bytes), side by side
                       with driver.js; printed and written to dist/bench-report.txt.
                       Builds dist/ first when it is missing or stale.
      --rebuild             build dist/ even when it looks up to date
  help                 this text
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = run(&args) {
        eprintln!("xtask: {e}");
        std::process::exit(1);
    }
}

/// Take the value after a flag, or fail naming the flag.
fn value(args: &[String], i: &mut usize, flag: &str) -> util::Result<String> {
    *i += 1;
    args.get(*i)
        .cloned()
        .ok_or_else(|| fail!("{flag} needs a value\n\n{USAGE}"))
}

fn run(args: &[String]) -> util::Result<()> {
    let Some(cmd) = args.first() else {
        print!("{USAGE}");
        return Err(fail!("no command given"));
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "dist" => {
            let mut opts = dist::Options::default();
            let mut i = 0;
            while i < rest.len() {
                match rest[i].as_str() {
                    "--extension-dir" => {
                        opts.extension_dir = PathBuf::from(value(rest, &mut i, "--extension-dir")?)
                    }
                    "--dist-dir" => {
                        opts.dist_dir = PathBuf::from(value(rest, &mut i, "--dist-dir")?)
                    }
                    other => return Err(fail!("dist: unknown option {other}\n\n{USAGE}")),
                }
                i += 1;
            }
            // Absolute paths: the e2e suite and the size report print them.
            opts.extension_dir = std::path::absolute(&opts.extension_dir)?;
            opts.dist_dir = std::path::absolute(&opts.dist_dir)?;
            dist::dist(&opts)
        }
        "test" => {
            let mut opts = test::Options::default();
            let mut i = 0;
            while i < rest.len() {
                match rest[i].as_str() {
                    "--no-e2e" => opts.no_e2e = true,
                    "--keep-going" => opts.keep_going = true,
                    "--only" => opts.only.push(value(rest, &mut i, "--only")?),
                    other => return Err(fail!("test: unknown option {other}\n\n{USAGE}")),
                }
                i += 1;
            }
            test::test(&opts)
        }
        "demo" => demo::demo(),
        "bench" => {
            let mut opts = bench::Options::default();
            for a in rest {
                match a.as_str() {
                    "--rebuild" => opts.rebuild = true,
                    other => return Err(fail!("bench: unknown option {other}\n\n{USAGE}")),
                }
            }
            bench::bench(&opts)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(fail!("unknown command {other}\n\n{USAGE}")),
    }
}
