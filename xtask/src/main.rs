//! Waymark's build and test driver: `cargo xtask dist | test | demo | bench |
//! screenshots`.
//!
//! Arguments are read with `lexopt` (a small, dependency-free parser; clap
//! would be most of xtask's compile time for four subcommands and a handful
//! of flags). Errors are `anyhow` errors, printed with their context chain.

mod bench;
mod cargo_toml;
mod demo;
mod dist;
mod icons;
mod manifest;
mod screenshots;
mod setup;
mod test;
mod util;
mod zip;

use anyhow::{anyhow, bail};
use lexopt::Arg;
use std::ffi::OsString;

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
  screenshots          the README's images of the overlay, the panel and the welcome
                       page, made headless from the replicas into docs/images/.
                       Builds dist/ first when it is missing or stale.
  help                 this text
";

/// What the command line asks for.
enum Command {
    Dist(dist::Options),
    Test(test::Options),
    Demo,
    Bench(bench::Options),
    Screenshots,
    Help,
}

fn main() {
    let result = parse(std::env::args_os().skip(1)).and_then(run);
    if let Err(e) = result {
        // `{:#}`: the message with its causes, on one line.
        eprintln!("xtask: {e:#}");
        std::process::exit(1);
    }
}

/// An option as the user typed it, for error messages.
fn shown(arg: &Arg) -> String {
    match arg {
        Arg::Short(c) => format!("-{c}"),
        Arg::Long(l) => format!("--{l}"),
        Arg::Value(v) => v.to_string_lossy().into_owned(),
    }
}

/// Take the value after a flag, or fail naming the flag.
fn value(p: &mut lexopt::Parser, flag: &str) -> anyhow::Result<OsString> {
    p.value()
        .map_err(|_| anyhow!("{flag} needs a value\n\n{USAGE}"))
}

fn parse(args: impl IntoIterator<Item = OsString>) -> anyhow::Result<Command> {
    let mut p = lexopt::Parser::from_args(args);
    let cmd = match p.next()? {
        None => {
            print!("{USAGE}");
            bail!("no command given");
        }
        Some(Arg::Value(v)) => v.to_string_lossy().into_owned(),
        Some(Arg::Short('h') | Arg::Long("help")) => return Ok(Command::Help),
        Some(other) => bail!("unknown command {}\n\n{USAGE}", shown(&other)),
    };
    let unknown = |arg: &Arg| anyhow!("{cmd}: unknown option {}\n\n{USAGE}", shown(arg));
    match cmd.as_str() {
        "dist" => {
            let mut opts = dist::Options::default();
            while let Some(arg) = p.next()? {
                match arg {
                    Arg::Long("extension-dir") => {
                        opts.extension_dir = value(&mut p, "--extension-dir")?.into()
                    }
                    Arg::Long("dist-dir") => opts.dist_dir = value(&mut p, "--dist-dir")?.into(),
                    other => return Err(unknown(&other)),
                }
            }
            // Absolute paths: the e2e suite and the size report print them.
            opts.extension_dir = std::path::absolute(&opts.extension_dir)?;
            opts.dist_dir = std::path::absolute(&opts.dist_dir)?;
            Ok(Command::Dist(opts))
        }
        "test" => {
            let mut opts = test::Options::default();
            while let Some(arg) = p.next()? {
                match arg {
                    Arg::Long("no-e2e") => opts.no_e2e = true,
                    Arg::Long("keep-going") => opts.keep_going = true,
                    Arg::Long("only") => {
                        let step = value(&mut p, "--only")?.to_string_lossy().into_owned();
                        test::check_step(&step)?;
                        opts.only.push(step);
                    }
                    other => return Err(unknown(&other)),
                }
            }
            Ok(Command::Test(opts))
        }
        "demo" => match p.next()? {
            None => Ok(Command::Demo),
            Some(other) => Err(unknown(&other)),
        },
        "bench" => {
            let mut opts = bench::Options::default();
            while let Some(arg) = p.next()? {
                match arg {
                    Arg::Long("rebuild") => opts.rebuild = true,
                    other => return Err(unknown(&other)),
                }
            }
            Ok(Command::Bench(opts))
        }
        "screenshots" => match p.next()? {
            None => Ok(Command::Screenshots),
            Some(other) => Err(unknown(&other)),
        },
        "help" => Ok(Command::Help),
        other => bail!("unknown command {other}\n\n{USAGE}"),
    }
}

fn run(cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Dist(opts) => dist::dist(&opts),
        Command::Test(opts) => test::test(&opts),
        Command::Demo => demo::demo(),
        Command::Bench(opts) => bench::bench(&opts),
        Command::Screenshots => screenshots::screenshots(),
        Command::Help => {
            print!("{USAGE}");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parse_str(line: &str) -> anyhow::Result<Command> {
        parse(line.split_whitespace().map(OsString::from))
    }

    fn err(line: &str) -> String {
        match parse_str(line) {
            Ok(_) => panic!("`{line}` parsed"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn test_takes_its_flags_and_repeated_only() {
        let Ok(Command::Test(o)) =
            parse_str("test --no-e2e --only test-native --only=dist --keep-going")
        else {
            panic!("not a test command");
        };
        assert!(o.no_e2e && o.keep_going);
        assert_eq!(o.only, ["test-native", "dist"]);
        let Ok(Command::Test(o)) = parse_str("test") else {
            panic!("not a test command");
        };
        assert!(!o.no_e2e && !o.keep_going && o.only.is_empty());
    }

    #[test]
    fn an_unknown_only_step_is_refused_with_the_list_of_steps() {
        let e = err("test --only nope");
        assert!(
            e.starts_with("--only nope: unknown step; steps are setup, fmt,"),
            "{e}"
        );
        assert!(e.contains(&test::STEPS.join(", ")), "{e}");
        assert!(err("test --only").starts_with("--only needs a value"));
    }

    #[test]
    fn commands_and_their_options() {
        assert!(matches!(parse_str("demo"), Ok(Command::Demo)));
        assert!(matches!(parse_str("screenshots"), Ok(Command::Screenshots)));
        assert!(matches!(parse_str("help"), Ok(Command::Help)));
        assert!(matches!(parse_str("--help"), Ok(Command::Help)));
        assert!(matches!(parse_str("bench --rebuild"), Ok(Command::Bench(o)) if o.rebuild));
        assert!(matches!(parse_str("bench"), Ok(Command::Bench(o)) if !o.rebuild));
        let Ok(Command::Dist(o)) = parse_str("dist --dist-dir /tmp/d --extension-dir ext") else {
            panic!("not a dist command");
        };
        assert_eq!(o.dist_dir, PathBuf::from("/tmp/d"));
        assert!(o.extension_dir.is_absolute() && o.extension_dir.ends_with("ext"));
        let Ok(Command::Dist(o)) = parse_str("dist") else {
            panic!("not a dist command");
        };
        assert!(o.dist_dir.ends_with("dist") && o.dist_dir.is_absolute());
    }

    #[test]
    fn unknown_commands_and_options_are_refused() {
        assert!(err("build").starts_with("unknown command build"));
        assert!(err("test --fast").starts_with("test: unknown option --fast"));
        assert!(err("dist -x").starts_with("dist: unknown option -x"));
        assert!(err("bench extra").starts_with("bench: unknown option extra"));
        assert!(err("demo --x").starts_with("demo: unknown option --x"));
        assert!(err("").starts_with("no command given"));
    }
}
