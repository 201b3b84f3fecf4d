//! extension/protocol.js names every message kind for the JavaScript side;
//! the engine's serde types define them for Rust. esbuild already fails the
//! build on a name protocol.js does not export, but nothing tied the two
//! lists together: a kind renamed in protocol.rs would only fail when a user
//! sent it. This test reads protocol.js and compares.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use waymark_core::protocol::{FromPage, FromPanel, ToPage, ToPanel, PROTOCOL_VERSION};

/// Names protocol.js exports that are not engine message kinds, and why.
const JS_ONLY: &[(&str, &str)] = &[
    // The background sends it straight to the content script (the keyboard
    // command); the engine never sees it.
    ("FOCUS_CALLOUT", "focus-callout"),
    // The runtime.connect port name, not a message kind.
    ("PANEL_PORT", "panel"),
];

/// `export const NAME = <value>;` lines of protocol.js, as (NAME, value
/// without quotes).
fn js_exports() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../extension/protocol.js");
    let source = std::fs::read_to_string(path).expect("extension/protocol.js is readable");
    source
        .lines()
        .filter_map(|line| line.strip_prefix("export const "))
        .filter_map(|rest| {
            let (name, value) = rest.split_once('=')?;
            let value = value.trim().trim_end_matches(';').trim();
            Some((name.trim().to_owned(), value.trim_matches('\'').to_owned()))
        })
        .collect()
}

/// The `kind` tags serde accepts for `T`: the back-quoted names after
/// "expected" in the error for a kind no enum has ("expected `a` or `b`",
/// "expected one of `a`, `b`, `c`").
fn serde_kinds<T: DeserializeOwned>() -> BTreeSet<String> {
    let error = serde_json::from_str::<T>(r#"{"kind":"no-such-kind"}"#)
        .err()
        .expect("an unknown kind is rejected")
        .to_string();
    let (_, expected) = error
        .split_once("expected ")
        .unwrap_or_else(|| panic!("serde names the accepted kinds: {error}"));
    // Between back-quotes: every odd piece.
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn protocol_js_names_exactly_the_engine_message_kinds() {
    let exports = js_exports();
    let js: BTreeSet<String> = exports
        .iter()
        .filter(|(name, _)| name != "PROTOCOL_VERSION")
        .filter(|(name, value)| !JS_ONLY.contains(&(name.as_str(), value.as_str())))
        .map(|(_, value)| value.clone())
        .collect();
    let mut rust = serde_kinds::<FromPage>();
    rust.extend(serde_kinds::<ToPage>());
    rust.extend(serde_kinds::<FromPanel>());
    rust.extend(serde_kinds::<ToPanel>());

    let missing_in_js: Vec<_> = rust.difference(&js).collect();
    let unknown_to_rust: Vec<_> = js.difference(&rust).collect();
    assert!(
        missing_in_js.is_empty() && unknown_to_rust.is_empty(),
        "protocol.js and protocol.rs disagree: kinds only in Rust {missing_in_js:?}, only in protocol.js {unknown_to_rust:?}"
    );
    // Sanity: both lists are the real ones, not two empty sets agreeing.
    assert!(rust.contains("hello") && rust.contains("paint") && rust.contains("state"));
}

#[test]
fn protocol_js_carries_the_engine_protocol_version() {
    let version = js_exports()
        .into_iter()
        .find(|(name, _)| name == "PROTOCOL_VERSION")
        .map(|(_, value)| value)
        .expect("protocol.js exports PROTOCOL_VERSION");
    assert_eq!(version, PROTOCOL_VERSION.to_string());
}
