//! What xtask reads from the workspace's Cargo.toml files, with the `toml`
//! crate: a package's version (the extension's version) and a dependency's
//! exact pin (the wasm-bindgen CLI must equal the library). Both follow
//! Cargo's inheritance: `version.workspace = true` and
//! `dep = { workspace = true }` are looked up in the root's `[workspace]`.

use crate::util::{self, Result};
use anyhow::{anyhow, bail, Context};
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// The root manifest and every member's, as parsed tables.
pub struct Workspace {
    root: Table,
    /// (path of the member's Cargo.toml, its table).
    members: Vec<(PathBuf, Table)>,
}

fn load(path: &Path) -> Result<Table> {
    util::read_string(path)?
        .parse::<Table>()
        .with_context(|| format!("{} is not valid TOML", path.display()))
}

impl Workspace {
    /// Read `dir/Cargo.toml` and the members its `[workspace] members` name
    /// (a `dir/*` entry stands for every sub-folder with a Cargo.toml).
    pub fn load(dir: &Path) -> Result<Workspace> {
        let root_path = dir.join("Cargo.toml");
        let root = load(&root_path)?;
        let mut members = Vec::new();
        if root.contains_key("package") {
            members.push((root_path.clone(), root.clone()));
        }
        let listed = root
            .get("workspace")
            .and_then(|w| w.get("members"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for m in listed {
            let m = m.as_str().ok_or_else(|| {
                anyhow!(
                    "{}: a workspace member is not a string",
                    root_path.display()
                )
            })?;
            let dirs = match m.strip_suffix("/*") {
                Some(parent) => {
                    let mut subs: Vec<PathBuf> = std::fs::read_dir(dir.join(parent))
                        .with_context(|| format!("workspace member {m}"))?
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.join("Cargo.toml").is_file())
                        .collect();
                    subs.sort();
                    subs
                }
                None => vec![dir.join(m)],
            };
            for d in dirs {
                let path = d.join("Cargo.toml");
                let table = load(&path)?;
                members.push((path, table));
            }
        }
        Ok(Workspace { root, members })
    }

    /// `[workspace.package]` / `[workspace.dependencies]` of the root.
    fn inherited(&self, section: &str, key: &str) -> Option<&Value> {
        self.root.get("workspace")?.get(section)?.get(key)
    }

    /// The version of the member package `name`, inherited from
    /// `[workspace.package]` when it says `version.workspace = true`.
    pub fn package_version(&self, name: &str) -> Result<String> {
        let (path, table) = self
            .members
            .iter()
            .find(|(_, t)| t.get("package").and_then(|p| p.get("name")) == Some(&Value::from(name)))
            .ok_or_else(|| anyhow!("no workspace member is the package {name}"))?;
        let version = table["package"]
            .get("version")
            .ok_or_else(|| anyhow!("{}: [package] has no version", path.display()))?;
        let version = if is_inherited(version) {
            self.inherited("package", "version").ok_or_else(|| {
                anyhow!(
                    "{}: version.workspace = true, but the workspace sets no [workspace.package] version",
                    path.display()
                )
            })?
        } else {
            version
        };
        version
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| anyhow!("{}: the package version is not a string", path.display()))
    }

    /// The exact version (`x.y.z` of a `"=x.y.z"` requirement) every member
    /// that depends on `dep` asks for, in any dependency table (normal, dev,
    /// build, per target). Fails when no member depends on it, when a
    /// requirement is not an exact pin, or when two members disagree.
    pub fn pinned(&self, dep: &str) -> Result<String> {
        let mut found: Vec<(String, String)> = Vec::new();
        for (path, table) in &self.members {
            for (req, section) in dependency_requirements(table, dep) {
                let req = if is_inherited(req) {
                    self.inherited("dependencies", dep).ok_or_else(|| {
                        anyhow!(
                            "{}: {dep} = {{ workspace = true }}, but [workspace.dependencies] has no {dep}",
                            path.display()
                        )
                    })?
                } else {
                    req
                };
                let text = match req {
                    Value::String(s) => Some(s.as_str()),
                    Value::Table(t) => t.get("version").and_then(Value::as_str),
                    _ => None,
                };
                let where_ = format!("{} [{section}]", path.display());
                let Some(v) = text.and_then(|t| t.trim().strip_prefix('=')) else {
                    bail!(
                        "{where_}: {dep} must be pinned with \"=x.y.z\" (the CLI must match it exactly); found {req}"
                    );
                };
                found.push((where_, v.trim().to_string()));
            }
        }
        let Some((_, first)) = found.first() else {
            bail!("no workspace member depends on {dep}");
        };
        if let Some((where_, other)) = found.iter().find(|(_, v)| v != first) {
            bail!("{dep} is pinned to {first} in one place and to {other} in {where_}");
        }
        Ok(first.clone())
    }
}

/// `x.workspace = true` / `x = { workspace = true }`.
fn is_inherited(v: &Value) -> bool {
    v.get("workspace").and_then(Value::as_bool) == Some(true)
}

/// Every requirement on `dep` in a manifest, with the table it is in. A
/// renamed dependency (`alias = { package = "dep", ... }`) counts too.
fn dependency_requirements<'t>(table: &'t Table, dep: &str) -> Vec<(&'t Value, String)> {
    const KINDS: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];
    let mut tables: Vec<(&Value, String)> = KINDS
        .iter()
        .filter_map(|k| table.get(*k).map(|t| (t, k.to_string())))
        .collect();
    if let Some(targets) = table.get("target").and_then(Value::as_table) {
        for (cfg, t) in targets {
            for k in KINDS {
                if let Some(deps) = t.get(k) {
                    tables.push((deps, format!("target.{cfg}.{k}")));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (deps, section) in tables {
        for (name, req) in deps.as_table().into_iter().flatten() {
            let package = req.get("package").and_then(Value::as_str).unwrap_or(name);
            if package == dep {
                out.push((req, section.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace on disk from (relative path, Cargo.toml text) pairs.
    fn workspace(name: &str, files: &[(&str, &str)]) -> Result<Workspace> {
        let dir = util::root().join("target/xtask/cargo-toml-test").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            util::write(&dir.join(path), text)?;
        }
        Workspace::load(&dir)
    }

    const ROOT: &str = r#"
[workspace]
members = ["crate/*", "xtask"]
[workspace.package]
version = "1.4.2"
edition = "2021"
[workspace.dependencies]
wasm-bindgen = "=0.2.130"
"#;

    #[test]
    fn inherits_version_and_pin_from_the_workspace() {
        let ws = workspace(
            "inherits",
            &[
                ("Cargo.toml", ROOT),
                (
                    "crate/core/Cargo.toml",
                    "[package]\nname = \"waymark-core\"\nversion = \"0.9.0\"\n",
                ),
                (
                    "crate/web/Cargo.toml",
                    "[package]\nname = \"waymark\"\nversion.workspace = true\n\
                     [target.'cfg(target_arch = \"wasm32\")'.dependencies]\n\
                     wasm-bindgen = { workspace = true, features = [\"std\"] }\n",
                ),
                (
                    "xtask/Cargo.toml",
                    "[package]\nname = \"xtask\"\nversion = \"0.1.0\"\n\
                     [dependencies]\nwasm-bindgen-test = \"0.3\"\n",
                ),
            ],
        )
        .unwrap();
        assert_eq!(ws.package_version("waymark").unwrap(), "1.4.2");
        assert_eq!(ws.package_version("waymark-core").unwrap(), "0.9.0");
        assert_eq!(ws.pinned("wasm-bindgen").unwrap(), "0.2.130");
        assert!(ws.package_version("nope").is_err());
        assert!(ws.pinned("serde").is_err());
    }

    #[test]
    fn an_unpinned_or_disagreeing_requirement_is_refused() {
        let member = |req: &str| {
            format!("[package]\nname = \"w\"\nversion = \"0.1.0\"\n[dependencies]\n{req}\n")
        };
        let ws = |name: &str, a: &str, b: &str| {
            workspace(
                name,
                &[
                    ("Cargo.toml", "[workspace]\nmembers = [\"a\", \"b\"]\n"),
                    ("a/Cargo.toml", &member(a)),
                    ("b/Cargo.toml", &member(b)),
                ],
            )
            .unwrap()
        };
        let e = ws("caret", "wasm-bindgen = \"0.2.130\"", "")
            .pinned("wasm-bindgen")
            .unwrap_err()
            .to_string();
        assert!(e.contains("must be pinned with \"=x.y.z\""), "{e}");
        let e = ws(
            "disagree",
            "wasm-bindgen = \"=0.2.130\"",
            "wb = { package = \"wasm-bindgen\", version = \"=0.2.129\" }",
        )
        .pinned("wasm-bindgen")
        .unwrap_err()
        .to_string();
        assert!(e.contains("0.2.130") && e.contains("0.2.129"), "{e}");
        let e = ws("missing", "wasm-bindgen = { workspace = true }", "")
            .pinned("wasm-bindgen")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("[workspace.dependencies] has no wasm-bindgen"),
            "{e}"
        );
    }

    /// The real workspace: the engine's version and the pin the CLI needs.
    #[test]
    fn reads_this_workspace() {
        let ws = Workspace::load(&util::root()).unwrap();
        let v = ws.package_version("waymark").unwrap();
        assert_eq!(v.split('.').count(), 3, "{v}");
        let pin = ws.pinned("wasm-bindgen").unwrap();
        assert!(pin.starts_with("0.2."), "{pin}");
    }
}
