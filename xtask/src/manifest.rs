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
        // The organisation policy's schema (storage.managed); Firefox reads
        // its "3rdparty" policy without one.
        assert_eq!(m["storage"]["managed_schema"], "managed_schema.json");
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
        assert!(m.get("storage").is_none());
        let gecko = &m["browser_specific_settings"]["gecko"];
        assert_eq!(gecko["strict_min_version"], "142.0");
        assert_eq!(
            gecko["data_collection_permissions"]["required"],
            serde_json::json!(["none"])
        );
        assert!(m.get("side_panel").is_none());
    }

    /// The keyboard (issue 10 item 2): one shortcut opens the panel (the
    /// toolbar button's action in Chrome and Edge, the sidebar in Firefox),
    /// one moves the focus into the page's callout. Commands ask for no
    /// permission.
    #[test]
    fn commands_open_the_panel_and_focus_the_callout() {
        for b in Browser::ALL {
            let m = rendered(b);
            let commands = m["commands"].as_object().expect("commands");
            let open = match b {
                Browser::Chrome => "_execute_action",
                Browser::Firefox => "_execute_sidebar_action",
            };
            let mut names: Vec<&str> = commands.keys().map(String::as_str).collect();
            names.sort();
            let mut want = vec![open, "focus-callout"];
            want.sort();
            assert_eq!(names, want, "{b:?}");
            assert_eq!(
                commands[open]["suggested_key"]["default"], "Alt+Shift+G",
                "{b:?}"
            );
            let focus = &commands["focus-callout"];
            assert_eq!(focus["suggested_key"]["default"], "Alt+Shift+K", "{b:?}");
            assert_eq!(focus["description"], "__MSG_commandFocusCallout__", "{b:?}");
        }
        let messages: Value = serde_json::from_str(
            &std::fs::read_to_string(
                crate::util::root().join("extension/_locales/en/messages.json"),
            )
            .unwrap(),
        )
        .unwrap();
        assert!(messages["commandFocusCallout"]["message"].is_string());
    }

    /// Least privilege, exactly (issue 13 item 8), in both rendered
    /// manifests: the permissions, the CSP, and the two content script
    /// entries with their patterns, exclusions and frames.
    #[test]
    fn least_privilege_exactly() {
        let sign_in = [
            "https://login.microsoftonline.com/*",
            "https://login.live.com/*",
            "https://login.microsoft.com/*",
        ];
        for b in Browser::ALL {
            let m = rendered(b);
            let mut perms = vec!["storage", "activeTab"];
            if b == Browser::Chrome {
                perms.push("sidePanel");
            }
            assert_eq!(m["permissions"], serde_json::json!(perms), "{b:?}");
            for key in [
                "host_permissions",
                "optional_permissions",
                "optional_host_permissions",
                "web_accessible_resources",
                "externally_connectable",
            ] {
                assert!(m.get(key).is_none(), "{b:?}: {key}");
            }
            let text = m.to_string();
            for word in ["\"tabs\"", "scripting", "webRequest", "<all_urls>", "://*/"] {
                assert!(!text.contains(word), "{b:?}: {word}");
            }
            assert_eq!(
                m["content_security_policy"],
                serde_json::json!({
                    "extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"
                }),
                "{b:?}"
            );
            let framed = serde_json::json!({
                "matches": [
                    "https://portal.azure.com/*",
                    "https://*.reactblade.portal.azure.net/*",
                    "https://*.reactblade-ms.portal.azure.net/*",
                    "https://*.reactblade-rc.portal.azure.net/*",
                    "https://entra.microsoft.com/*"
                ],
                "exclude_matches": sign_in,
                "js": ["content.js"],
                "run_at": "document_idle",
                "all_frames": true
            });
            let mut exclude: Vec<&str> = sign_in.to_vec();
            exclude.extend([
                "https://www.microsoft.com/*?*/microsoft-365/business*",
                "https://www.microsoft.com/*/*/microsoft-365/business*",
            ]);
            let top_only = serde_json::json!({
                "matches": [
                    "https://azure.microsoft.com/*",
                    "https://signup.azure.com/*",
                    "https://account.azure.com/*",
                    "https://www.microsoft.com/*/microsoft-365/business",
                    "https://www.microsoft.com/*/microsoft-365/business/*",
                    "https://www.microsoft.com/*/microsoft-365/business?*",
                    "https://products.office.com/*",
                    "https://signup.microsoft.com/*",
                    "https://admin.microsoft.com/*",
                    "https://admin.cloud.microsoft/*"
                ],
                "exclude_matches": exclude,
                "js": ["content.js"],
                "run_at": "document_idle",
                "all_frames": false
            });
            assert_eq!(
                m["content_scripts"],
                serde_json::json!([framed, top_only]),
                "{b:?}"
            );
        }
    }

    /// A match pattern as Chrome and Firefox read it (Chrome's "Match
    /// patterns" page, MDN "Match patterns"): the host exactly or, after
    /// `*.`, itself and its subdomains; the path part, where `*` is the only
    /// wildcard, is matched against the URL's path *and query string*; the
    /// fragment is not part of it.
    fn pattern_matches(pattern: &str, url: &str) -> bool {
        fn glob(p: &[u8], s: &[u8]) -> bool {
            match p.split_first() {
                None => s.is_empty(),
                Some((b'*', rest)) => (0..=s.len()).any(|i| glob(rest, &s[i..])),
                Some((c, rest)) => s.first() == Some(c) && glob(rest, &s[1..]),
            }
        }
        let (pscheme, prest) = pattern.split_once("://").unwrap();
        let (uscheme, urest) = url.split_once("://").unwrap();
        let urest = urest.split('#').next().unwrap();
        let (phost, ppath) = prest.split_at(prest.find('/').unwrap());
        let cut = urest.find(['/', '?']).unwrap_or(urest.len());
        let (uhost, upath) = urest.split_at(cut);
        let upath = if upath.starts_with('?') || upath.is_empty() {
            format!("/{upath}")
        } else {
            upath.to_string()
        };
        let host_ok = phost == "*"
            || match phost.strip_prefix("*.") {
                Some(base) => uhost == base || uhost.ends_with(&format!(".{base}")),
                None => uhost == phost,
            };
        pscheme == uscheme && host_ok && glob(ppath.as_bytes(), upath.as_bytes())
    }

    /// Does the browser inject content.js into a frame at `url`?
    fn injected(m: &Value, url: &str, top: bool) -> bool {
        let any = |list: &Value| {
            list.as_array()
                .into_iter()
                .flatten()
                .any(|p| pattern_matches(p.as_str().unwrap(), url))
        };
        m["content_scripts"].as_array().unwrap().iter().any(|cs| {
            (top || cs["all_frames"] == true) && any(&cs["matches"]) && !any(&cs["exclude_matches"])
        })
    }

    #[test]
    fn the_pattern_reader_follows_the_documented_rules() {
        // Chrome's documentation examples.
        assert!(pattern_matches(
            "https://*/foo*",
            "https://www.google.com/foo/baz/bar"
        ));
        assert!(pattern_matches(
            "https://*.google.com/foo*bar",
            "https://docs.google.com/foobar"
        ));
        assert!(pattern_matches(
            "https://example.org/foo/bar.html",
            "https://example.org/foo/bar.html"
        ));
        assert!(!pattern_matches(
            "https://example.org/foo/bar.html",
            "https://example.org/foo/bar.htm"
        ));
        // The query string is part of the path; the fragment is not.
        assert!(pattern_matches("https://a.com/*x", "https://a.com/p?q=x"));
        assert!(pattern_matches("https://a.com/p", "https://a.com/p#x"));
        assert!(!pattern_matches("https://a.com/p", "https://a.com/p?x"));
        assert!(!pattern_matches(
            "https://*.a.com/*",
            "https://a.com.evil.net/"
        ));
    }

    /// The content script runs on the guided sites, in every frame only
    /// where the portal's blades need it, and nowhere else.
    #[test]
    fn content_script_runs_only_where_needed() {
        for b in Browser::ALL {
            let m = rendered(b);
            let top_and_frames = [
                "https://portal.azure.com/#home",
                "https://portal.azure.com/?feature.x=1#view/Microsoft_AAD_IAM",
                "https://sandbox-1.reactblade.portal.azure.net/Microsoft_AAD_UsersAndTenants/x",
                "https://sandbox-1.reactblade-ms.portal.azure.net/",
                "https://sandbox-1.reactblade-rc.portal.azure.net/",
                "https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants",
            ];
            for url in top_and_frames {
                assert!(injected(&m, url, true), "{b:?} top {url}");
                assert!(injected(&m, url, false), "{b:?} frame {url}");
            }
            let top_only = [
                "https://azure.microsoft.com/en-us/pricing/purchase-options/azure-account",
                "https://signup.azure.com/signup?offer=ms-azr-0044p",
                "https://account.azure.com/signup",
                "https://www.microsoft.com/en-us/microsoft-365/business",
                "https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products",
                "https://www.microsoft.com/de-de/microsoft-365/business?market=de",
                "https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products?tab=2#plans",
                "https://products.office.com/en-us/business/compare-office-365-for-business-plans",
                "https://signup.microsoft.com/get-started/signup?products=abc",
                "https://admin.microsoft.com/Adminportal/Home#/users",
                "https://admin.cloud.microsoft/?#/homepage",
            ];
            for url in top_only {
                assert!(injected(&m, url, true), "{b:?} top {url}");
                assert!(!injected(&m, url, false), "{b:?} frame {url}");
            }
            let never = [
                // Sign-in pages.
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "https://login.live.com/login.srf",
                "https://login.microsoft.com/",
                // Other pages of the shared host, whatever their query says.
                "https://www.microsoft.com/en-us/search?q=/microsoft-365/business",
                "https://www.microsoft.com/en-us/search/explore?q=x/microsoft-365/business",
                "https://www.microsoft.com/?r=/en-us/microsoft-365/business",
                "https://www.microsoft.com/en-us/windows",
                "https://www.microsoft.com/en-us/store/b/microsoft-365/business",
                "https://www.microsoft.com/en-us/microsoft-365/business-insights-ideas",
                "https://www.microsoft.com/en-us/microsoft-365/enterprise",
                // Look-alike hosts.
                "https://portal.azure.com.example.net/",
                "https://reactblade.portal.azure.net.example.net/",
                "https://portal.azure.net/",
                "http://portal.azure.com/",
            ];
            for url in never {
                assert!(!injected(&m, url, true), "{b:?} top {url}");
                assert!(!injected(&m, url, false), "{b:?} frame {url}");
            }
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
