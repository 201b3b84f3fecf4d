//! The shared-guide model and its validation.
//!
//! The same `validate` runs before encoding and after decoding, so the engine
//! can never produce a code that another Waymark would refuse, and a decoded
//! guide always satisfies every rule below.

use super::error::{Flaw, ShareError};
use super::sites::{site_kind, Site};
use crate::protocol::{msg, Text};
use serde::{Deserialize, Serialize};

/// Most steps a recorded guide may hold.
pub const MAX_STEPS: usize = 50;

/// Field caps, in characters (Unicode scalar values). Chosen so that a
/// 50-step guide of typical portal steps stays under the code size limit, and
/// so that no single field can hide a wall of text in the panel.
pub const MAX_ID: usize = 64;
pub const MAX_TITLE: usize = 100;
pub const MAX_NOTE: usize = 300;
pub const MAX_HOST: usize = 100;
pub const MAX_PATH: usize = 400;
pub const MAX_STEP_TEXT: usize = 300;
pub const MAX_LABEL: usize = 120;
pub const MAX_TAG: usize = 32;
/// Same as the content script's cap on accessible name and text.
pub const MAX_LOCATOR_TEXT: usize = 200;
pub const MAX_ATTR_VALUE: usize = 300;

/// Attributes a recorded locator may keep. The index (+1) is the attribute's
/// one-byte id in the share-code format, so this list is append-only.
/// Deliberately missing: `class` (changes per build), `aria-expanded` and
/// friends (state, not identity), and of course `value`.
pub const ALLOWED_ATTRS: [&str; 7] = [
    "aria-label",
    "title",
    "href",
    "type",
    "name",
    "data-automation-id",
    "data-testid",
];

/// A guide shared as a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharedGuide {
    /// One of the guides shipped with Waymark, optionally from a given step.
    /// The engine checks that the id (and step) exist.
    Builtin {
        guide_id: String,
        from_step: Option<String>,
        note: String,
        /// The route (`[[routes]]` id) the guide was shared on, for a guide
        /// with routes (Guide B: `admin-center`, `sign-up-site`): the run
        /// replays on it. `None` in codes made before routes, and for
        /// guides without them.
        route: Option<String>,
    },
    /// Steps recorded by demonstration.
    Recorded(RecordedGuide),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordedGuide {
    pub title: String,
    pub note: String,
    pub steps: Vec<RecordedStep>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedStep {
    /// Lower-case host; always a supported site (never a sign-in host).
    pub host: String,
    /// Path and hash route, query strings dropped, redacted. Starts with '/'.
    pub path: String,
    /// The sender's own instruction (text, never HTML), once they wrote
    /// one; `None`: Waymark's, "Click \u{201c}<label>\u{201d}", which each
    /// reader words in its own language (`RecordedStep::instruction`). A
    /// fresh recording has none; a code carries none (`SHARE_FORMAT.md`,
    /// flag 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The element's visible label, for the preview and the callout.
    pub label: String,
    pub locator: RecordedLocator,
}

/// How to find the element again: the same facts the content script reports
/// (`ElementFacts`), minus anything positional or stateful.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedLocator {
    pub tag: String,
    pub role: String,
    pub name: String,
    pub text: String,
    /// Only the keys in `ALLOWED_ATTRS`.
    pub attrs: crate::protocol::Attrs,
}

/// Characters no field may contain. Control characters can break the
/// layout of the panel and exports; bidirectional overrides and isolates
/// can make text read differently from what it is ("Trojan Source"); line
/// and paragraph separators and the BOM are invisible.
pub fn is_forbidden_char(c: char, allow_newline: bool) -> bool {
    match c {
        '\n' => !allow_newline,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{200e}' | '\u{200f}' | '\u{061c}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        '\u{2028}' | '\u{2029}' | '\u{feff}' => true,
        '\u{fff9}'..='\u{fffb}' | '\u{fffe}' | '\u{ffff}' => true,
        _ => false,
    }
}

fn check_text(
    field: &'static str,
    s: &str,
    max: usize,
    allow_newline: bool,
) -> Result<(), ShareError> {
    if s.chars().count() > max {
        return Err(ShareError::FieldTooLong { field, limit: max });
    }
    if s.chars().any(|c| is_forbidden_char(c, allow_newline)) {
        return Err(ShareError::ForbiddenCharacter { field });
    }
    Ok(())
}

fn check_id(field: &'static str, s: &str) -> Result<(), ShareError> {
    let ok = !s.is_empty()
        && s.len() <= MAX_ID
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(ShareError::BadId { field })
    }
}

/// A path as recorded: starts with a single '/', no white space, no
/// backslash (some browsers read it as '/'), no control characters.
fn check_path(path: &str) -> Result<(), ShareError> {
    check_text("path", path, MAX_PATH, false)?;
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.chars().any(|c| c.is_whitespace() || c == '\\');
    if ok {
        Ok(())
    } else {
        Err(ShareError::BadPath)
    }
}

fn check_host(host: &str, path: &str) -> Result<(), ShareError> {
    check_text("host", host, MAX_HOST, false)?;
    match site_kind(host, path) {
        Site::Supported => Ok(()),
        Site::SignIn => Err(ShareError::SignInHost(host.to_string())),
        Site::Unsupported => Err(ShareError::UnsupportedSite(host.to_string())),
    }
}

/// An href a locator may keep: a path on the same host, a hash route, or an
/// https URL on exactly the step's host. Everything else (javascript:, data:,
/// other hosts, protocol-relative `//host`) is refused.
pub fn href_is_safe(href: &str, step_host: &str) -> bool {
    if href.chars().any(|c| c.is_whitespace() || c == '\\') {
        return false;
    }
    if href.starts_with('#') || (href.starts_with('/') && !href.starts_with("//")) {
        return true;
    }
    let Some(rest) = href
        .get(..8)
        .filter(|p| p.eq_ignore_ascii_case("https://"))
        .map(|_| &href[8..])
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    rest[..end] == *step_host
}

fn check_locator(loc: &RecordedLocator, host: &str) -> Result<(), ShareError> {
    for (field, v) in [("tag", &loc.tag), ("role", &loc.role)] {
        if v.len() > MAX_TAG
            || !v
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(ShareError::BadId { field });
        }
    }
    check_text("element name", &loc.name, MAX_LOCATOR_TEXT, false)?;
    check_text("element text", &loc.text, MAX_LOCATOR_TEXT, false)?;
    for (k, v) in &loc.attrs {
        if !ALLOWED_ATTRS.contains(&k.as_str()) {
            return Err(ShareError::Malformed(Flaw::AttributeNotAllowed));
        }
        check_text("attribute", v, MAX_ATTR_VALUE, false)?;
        if k == "href" && !href_is_safe(v, host) {
            return Err(ShareError::UnsafeLink);
        }
    }
    if loc.tag.is_empty()
        && loc.role.is_empty()
        && loc.name.is_empty()
        && loc.text.is_empty()
        && loc.attrs.is_empty()
    {
        return Err(ShareError::Malformed(Flaw::NoElement));
    }
    Ok(())
}

impl RecordedLocator {
    /// The texts a label may be taken from, in the order a recording takes
    /// them: the accessible name, the visible text, `aria-label`, `title`.
    pub fn label_sources(&self) -> [&str; 4] {
        let attr = |k: &str| self.attrs.get(k).map_or("", String::as_str);
        [
            self.name.as_str(),
            self.text.as_str(),
            attr("aria-label"),
            attr("title"),
        ]
    }

    /// The label a recording gives a step with this locator: its first
    /// non-empty label source, cut to `MAX_LABEL` characters.
    pub fn label(&self) -> String {
        let source = self
            .label_sources()
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or("");
        cut_label(source)
    }

    /// Does `label` say what this locator finds? Empty (the preview then
    /// names the locator's role and name itself), or one of the locator's
    /// own texts, whole or cut with an ellipsis (long names are cut to
    /// `MAX_LABEL`). Case and white space at the ends aside. So a code
    /// cannot preview "Overview" and highlight "Delete": the label is a
    /// fact of the locator, not free text (issue 13 item 4).
    pub fn label_fits(&self, label: &str) -> bool {
        let label = label.trim().to_lowercase();
        if label.is_empty() {
            return true;
        }
        let cut = label.strip_suffix('\u{2026}');
        self.label_sources()
            .into_iter()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .any(|s| s == label || cut.is_some_and(|c| !c.trim().is_empty() && s.starts_with(c)))
    }
}

impl RecordedLocator {
    /// What this locator finds, as a person reads it: its ARIA role and
    /// the name a recording labels it by ("the button \u{201c}Delete\u{201d}").
    pub fn phrase(&self) -> Text {
        crate::text::element_phrase(&self.role, self.name())
    }

    /// The name a recording labels it by (the first of its texts).
    pub fn name(&self) -> &str {
        self.label_sources()
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or("")
    }
}

impl RecordedStep {
    /// A warning when the step's instruction (free text the sender may
    /// edit) quotes a name its locator does not have: "Click \u{201c}Overview\u{201d}"
    /// on a step that highlights "Delete". Shown in the preview and the
    /// callout (issue 13 item 4); the label itself is checked at decoding.
    pub fn text_warning(&self) -> Option<Text> {
        let quoted = quoted_phrases(self.text.as_deref()?);
        // A quote of the role or the name ("the button", "Delete") is fine.
        let named = format!("{} {}", self.locator.role, self.locator.name());
        let wrong = quoted
            .iter()
            .find(|q| !self.locator.label_fits(q) && !named.contains(*q))?;
        Some(msg(
            "shareTextWarning",
            [crate::text::clip(wrong, 60).into(), self.locator.phrase()],
        ))
    }
}

/// The phrases in \u{201c}curly\u{201d} or "straight" double quotes of `text`.
fn quoted_phrases(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('\u{201c}', '\u{201d}'), ('"', '"')] {
        let mut rest = text;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else {
                break;
            };
            let q = after[..j].trim();
            if !q.is_empty() {
                out.push(q.to_string());
            }
            rest = &after[j + close.len_utf8()..];
        }
    }
    out
}

/// A label cut to `MAX_LABEL` characters: an ellipsis ends a cut one, and a
/// redaction token is never cut in half.
pub fn cut_label(s: &str) -> String {
    if s.chars().count() <= MAX_LABEL {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(MAX_LABEL - 1).collect();
    if let Some(open) = cut.rfind('[') {
        if open > 0 && !cut[open..].contains(']') {
            cut.truncate(open);
        }
    }
    cut.push('\u{2026}');
    cut
}

impl RecordedStep {
    /// Every rule of a step; `number` (1-based) names it in an error.
    pub fn validate_as(&self, number: usize) -> Result<(), ShareError> {
        check_host(&self.host, &self.path)?;
        check_path(&self.path)?;
        if let Some(text) = &self.text {
            check_text("step text", text, MAX_STEP_TEXT, true)?;
            if text.trim().is_empty() {
                return Err(ShareError::Malformed(Flaw::NoStepText));
            }
        }
        check_text("label", &self.label, MAX_LABEL, false)?;
        check_locator(&self.locator, &self.host)?;
        if !self.locator.label_fits(&self.label) {
            return Err(ShareError::LabelMismatch {
                step: number,
                label: self.label.clone(),
            });
        }
        Ok(())
    }

    pub fn validate(&self) -> Result<(), ShareError> {
        self.validate_as(1)
    }
}

impl RecordedGuide {
    pub fn validate(&self) -> Result<(), ShareError> {
        check_text("title", &self.title, MAX_TITLE, false)?;
        check_text("note", &self.note, MAX_NOTE, true)?;
        if self.steps.is_empty() {
            return Err(ShareError::NoSteps);
        }
        if self.steps.len() > MAX_STEPS {
            return Err(ShareError::TooManySteps { limit: MAX_STEPS });
        }
        self.steps
            .iter()
            .enumerate()
            .try_for_each(|(i, s)| s.validate_as(i + 1))
    }
}

impl SharedGuide {
    /// Every rule a shared guide must satisfy; see SHARE_FORMAT.md.
    pub fn validate(&self) -> Result<(), ShareError> {
        match self {
            SharedGuide::Builtin {
                guide_id,
                from_step,
                note,
                route,
            } => {
                check_id("guide id", guide_id)?;
                if let Some(step) = from_step {
                    check_id("step id", step)?;
                }
                if let Some(route) = route {
                    check_id("route id", route)?;
                }
                check_text("note", note, MAX_NOTE, true)
            }
            SharedGuide::Recorded(g) => g.validate(),
        }
    }
}

// A recording is persisted with the engine's state (`Recording`); a
// `SharedGuide` travels only as its share code (see codec.rs).
