//! Renders `extension/manifest.template.json` into one `manifest.json` per
//! browser family.
//!
//! Why one template: Chrome/Edge and Firefox need different MV3 manifests
//! (Edge's store rejects a manifest that has both `background.service_worker`
//! and `background.scripts`; Firefox wants a gecko id and sidebar_action
//! instead of side_panel), but everything else must stay identical. Keeping a
//! single source avoids the two drifting apart.
//!
//! # Template format
//!
//! The template is plain JSON with two additions:
//!
//! 1. **Browser-prefixed object keys.** A key written `"chrome:NAME"` or
//!    `"firefox:NAME"` is kept (as `NAME`) only in that browser's manifest and
//!    dropped from the other. Unprefixed keys go to both. Having both `NAME`
//!    and a prefixed `NAME` in one object is an error (which would win would
//!    be unclear). Prefixes work at any depth.
//! 2. **Browser-prefixed array strings.** A string element of an array written
//!    `"chrome:VALUE"` / `"firefox:VALUE"` is kept (as `VALUE`) only for that
//!    browser, e.g. `"permissions": ["storage", "chrome:sidePanel"]`.
//!    Only these two prefixes are recognised, so URLs (`https:`) are safe.
//!
//! And one substitution: the string value `"$VERSION"` becomes the `waymark`
//! package's version (read by `cargo_toml.rs`), so the extension and the engine
//! are versioned together.
//!
//! `chrome` covers Chrome and Edge (same Chromium manifest). After rendering,
//! `check` asserts the facts the rest of the project relies on (MV3, the CSP
//! that allows wasm in extension pages, the background shape per browser, no
//! prefix left behind).

use crate::util::Result;
use anyhow::{bail, Context};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    /// Chrome and Edge.
    Chrome,
    Firefox,
}

impl Browser {
    pub const ALL: [Browser; 2] = [Browser::Chrome, Browser::Firefox];

    /// Also the dist folder name and the template prefix (without ':').
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chrome => "chrome",
            Browser::Firefox => "firefox",
        }
    }
}

/// The Content-Security-Policy for extension pages: wasm may be compiled in
/// the background and panel, nothing remote may run.
pub const EXTENSION_CSP: &str = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

/// Split a `browser:rest` string into (browser, rest) when the prefix is one
/// of ours.
fn split_prefix(s: &str) -> Option<(Browser, &str)> {
    Browser::ALL.iter().find_map(|b| {
        s.strip_prefix(b.name())
            .and_then(|r| r.strip_prefix(':'))
            .map(|rest| (*b, rest))
    })
}

fn render_value(v: &Value, browser: Browser, version: &str, path: &str) -> Result<Value> {
    Ok(match v {
        Value::Object(obj) => {
            let mut out = Map::new();
            for (key, val) in obj {
                let (name, keep) = match split_prefix(key) {
                    Some((b, rest)) => {
                        if obj.contains_key(rest) {
                            bail!(
                                "manifest template: {path}: both \"{rest}\" and \"{key}\"; \
                                 use only prefixed keys for a per-browser value"
                            );
                        }
                        (rest, b == browser)
                    }
                    None => (key.as_str(), true),
                };
                if keep {
                    let sub = format!("{path}.{name}");
                    out.insert(name.to_string(), render_value(val, browser, version, &sub)?);
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => match split_prefix(s) {
                        Some((b, rest)) if b == browser => out.push(Value::String(rest.into())),
                        Some(_) => {}
                        None => out.push(item.clone()),
                    },
                    other => out.push(render_value(
                        other,
                        browser,
                        version,
                        &format!("{path}[{i}]"),
                    )?),
                }
            }
            Value::Array(out)
        }
        Value::String(s) if s == "$VERSION" => Value::String(version.to_string()),
        other => other.clone(),
    })
}

/// Render the template text for one browser. Returns pretty JSON.
pub fn render(template: &str, browser: Browser, version: &str) -> Result<String> {
    let tpl: Value =
        serde_json::from_str(template).context("manifest template is not valid JSON")?;
    let out = render_value(&tpl, browser, version, "$")?;
    check(&out, browser)?;
    let mut text = serde_json::to_string_pretty(&out).expect("a Value always serialises");
    text.push('\n');
    Ok(text)
}

/// Any prefixed key or string left over would mean a typo in a prefix.
fn leftover_prefix(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => m.iter().find_map(|(k, v)| {
            if split_prefix(k).is_some() {
                Some(k.clone())
            } else {
                leftover_prefix(v)
            }
        }),
        Value::Array(a) => a.iter().find_map(leftover_prefix),
        Value::String(s) if split_prefix(s).is_some() => Some(s.clone()),
        _ => None,
    }
}

/// Assert what every later piece relies on, so a template edit that breaks
/// one of these fails the build rather than a store review.
pub fn check(m: &Value, browser: Browser) -> Result<()> {
    let bad = |what: &str| bail!("{} manifest: {what}", browser.name());
    if m["manifest_version"] != 3 {
        return bad("manifest_version must be 3");
    }
    if m["content_security_policy"]["extension_pages"] != EXTENSION_CSP {
        return bad("content_security_policy.extension_pages must allow 'wasm-unsafe-eval' and nothing remote");
    }
    if let Some(p) = leftover_prefix(m) {
        return bad(&format!("unrendered browser prefix in {p:?}"));
    }
    if m["version"].as_str().is_none_or(|v| v.starts_with('$')) {
        return bad("version was not substituted");
    }
    let bg = &m["background"];
    if bg["type"] != "module" {
        return bad("background must be an ES module (type: module)");
    }
    let perms: Vec<&str> = m["permissions"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    match browser {
        Browser::Chrome => {
            if bg["service_worker"].as_str().is_none() || !bg["scripts"].is_null() {
                return bad("needs background.service_worker and no background.scripts (Edge's store rejects both)");
            }
            if m["side_panel"]["default_path"].as_str().is_none() || !perms.contains(&"sidePanel") {
                return bad("needs side_panel.default_path and the sidePanel permission");
            }
        }
        Browser::Firefox => {
            if bg["scripts"].as_array().is_none() || !bg["service_worker"].is_null() {
                return bad("needs background.scripts and no background.service_worker");
            }
            let gecko = &m["browser_specific_settings"]["gecko"];
            if gecko["id"].as_str().is_none()
                || gecko["strict_min_version"].as_str().is_none()
                || gecko["data_collection_permissions"].is_null()
            {
                return bad("needs browser_specific_settings.gecko with id, strict_min_version and data_collection_permissions");
            }
            if m["sidebar_action"]["default_panel"].as_str().is_none() {
                return bad("needs sidebar_action.default_panel");
            }
            if perms.contains(&"sidePanel") {
                return bad("sidePanel is a Chromium permission; Firefox warns about it");
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> String {
        std::fs::read_to_string(crate::util::root().join("extension/manifest.template.json"))
            .unwrap()
    }

    fn rendered(b: Browser) -> Value {
        serde_json::from_str(&render(&template(), b, "1.2.3").unwrap()).unwrap()
    }

    #[test]
    fn chrome_manifest_has_worker_and_side_panel() {
        let m = rendered(Browser::Chrome);
        assert_eq!(m["background"]["service_worker"], "background.js");
        assert!(m["background"].get("scripts").is_none());
        assert_eq!(m["side_panel"]["default_path"], "panel.html");
        assert_eq!(
            m["permissions"],
            serde_json::json!(["storage", "activeTab", "sidePanel"])
        );
        assert!(m.get("browser_specific_settings").is_none());
        assert!(m.get("sidebar_action").is_none());
        assert_eq!(m["version"], "1.2.3");
    }

    #[test]
    fn firefox_manifest_has_scripts_gecko_and_sidebar() {
        let m = rendered(Browser::Firefox);
        assert_eq!(
            m["background"]["scripts"],
            serde_json::json!(["background.js"])
        );
        assert!(m["background"].get("service_worker").is_none());
        assert_eq!(m["sidebar_action"]["default_panel"], "panel.html");
        assert_eq!(
            m["permissions"],
            serde_json::json!(["storage", "activeTab"])
        );
        let gecko = &m["browser_specific_settings"]["gecko"];
        assert_eq!(gecko["strict_min_version"], "142.0");
        assert_eq!(
            gecko["data_collection_permissions"]["required"],
            serde_json::json!(["none"])
        );
        assert!(m.get("side_panel").is_none());
    }

    #[test]
    fn content_scripts_never_match_sign_in_pages() {
        for b in Browser::ALL {
            let m = rendered(b);
            let cs = m["content_scripts"].as_array().unwrap();
            assert_eq!(cs.len(), 1);
            for pat in cs[0]["matches"].as_array().unwrap() {
                let pat = pat.as_str().unwrap();
                assert!(pat.starts_with("https://"), "{pat}");
                assert!(!pat.contains("login."), "{pat}");
            }
            assert!(m.get("host_permissions").is_none());
        }
    }

    #[test]
    fn both_plain_and_prefixed_key_is_an_error() {
        let t = r#"{"a": 1, "chrome:a": 2}"#;
        assert!(
            render_value(&serde_json::from_str(t).unwrap(), Browser::Chrome, "1", "$").is_err()
        );
    }

    #[test]
    fn urls_are_not_mistaken_for_prefixes() {
        let v: Value = serde_json::from_str(r#"["https://x/*", "firefox:y", "chrome:z"]"#).unwrap();
        let out = render_value(&v, Browser::Firefox, "1", "$").unwrap();
        assert_eq!(out, serde_json::json!(["https://x/*", "y"]));
    }
}
