//! Reads the built-in guides (`crate/guides/*.toml`), validates them with the
//! same schema types the engine uses (the `waymark-guide` crate), and writes them as one JSON array to
//! `$OUT_DIR/guides.json`, which the engine embeds. So the wasm carries no
//! TOML parser, and a broken guide fails the build with an error naming the
//! file, guide, step and field. Each locator's per-language values
//! (`[[…localized]]`) are validated with their sources, then folded into its
//! `values` after the English ones (`merge_localized`).

use std::path::Path;
use waymark_guide::{self as guide, error, Guide, GuideError, Step};

/// Parse one TOML guide. On a shape error, find the step that caused it so
/// the message names the step as well as the field.
fn parse(file: &str, text: &str) -> Result<Guide, Vec<GuideError>> {
    let value: toml::Value = match toml::from_str(text) {
        Ok(v) => v,
        Err(e) => return Err(vec![error(file, "?", "", "(toml)", &e.to_string())]),
    };
    let id = value
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or("?")
        .to_string();
    let top = match value.clone().try_into::<Guide>() {
        Ok(g) => return Ok(g),
        Err(e) => e.to_string(),
    };
    let mut errors = Vec::new();
    if let Some(steps) = value.get("steps").and_then(|s| s.as_array()) {
        for (i, s) in steps.iter().enumerate() {
            let sid = s
                .get("id")
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| format!("#{}", i + 1));
            if let Err(e) = s.clone().try_into::<Step>() {
                let e = e.to_string();
                errors.push(error(file, &id, &sid, &field_of(&e), &e));
            }
        }
    }
    if errors.is_empty() {
        errors.push(error(file, &id, "", &field_of(&top), &top));
    }
    Err(errors)
}

/// The field a serde message is about (`unknown field `x``, `missing field `x``).
fn field_of(message: &str) -> String {
    message
        .split('`')
        .nth(1)
        .map(str::to_string)
        .unwrap_or_else(|| "(shape)".to_string())
}

fn main() {
    let dir = Path::new("../guides");
    println!("cargo:rerun-if-changed=../guides");
    let mut files: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => panic!("cannot read crate/guides: {e}"),
    };
    files.sort();
    let mut guides = Vec::new();
    let mut errors = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        let name = format!("crate/guides/{file}");
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(error(&name, "?", "", "(file)", &e.to_string()));
                continue;
            }
        };
        match parse(&name, &text) {
            Ok(g) => guides.push((name, g)),
            Err(es) => errors.extend(es),
        }
    }
    errors.extend(guide::validate_set(&guides));
    if !errors.is_empty() {
        for e in &errors {
            println!("cargo:warning={e}");
            eprintln!("error: {e}");
        }
        panic!("{} error(s) in crate/guides", errors.len());
    }
    // Localized values join the English ones (SCHEMA.md "Other languages"):
    // every consumer in the engine then sees them, with no language logic.
    let list: Vec<Guide> = guides
        .into_iter()
        .map(|(_, mut g)| {
            guide::merge_localized(&mut g);
            g
        })
        .collect();
    let json = serde_json::to_string(&list).expect("guides serialise");
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out).join("guides.json"), json).expect("write guides.json");
}
