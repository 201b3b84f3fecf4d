//! The guide schema (version 1) and its validation.
//!
//! This crate is the ONE definition of a guide. The engine's `build.rs` uses
//! it (a build-dependency) to read `crate/guides/*.toml` (through these serde
//! derives), validate them and write them as JSON; the engine (`waymark-core`)
//! reads that JSON into the same types through its `guide_json.rs`. Its only
//! dependency is `serde`. See `crate/guides/SCHEMA.md`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The schema version this code reads. A guide file states it as `schema = 1`.
pub const SCHEMA_VERSION: u32 = 1;

/// Guide ids that are part of the public contract (panel start controls,
/// `data-waymark-target` values): exactly these are built in, in the
/// panel's order.
pub const BUILT_IN_IDS: [&str; 6] = [
    "azure-for-office365",
    "office365-for-azure-ad",
    "add-subscription-to-directory",
    "find-your-role",
    "directories",
    "contact-support",
];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub schema: u32,
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub precondition: String,
    #[serde(default)]
    pub caveats: Vec<String>,
    /// Free explanation paragraphs (explanation D); procedures may have none.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// `procedure` (default) or `explanation`: an explanation may have no steps.
    #[serde(default)]
    pub kind: GuideKind,
    #[serde(default)]
    pub pages: Vec<Page>,
    #[serde(default)]
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuideKind {
    #[default]
    Procedure,
    Explanation,
}

/// A page a guide visits: URL rules plus markers of page state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub id: String,
    /// Host names; a leading `*.` matches any subdomain (not the bare domain).
    pub hosts: Vec<String>,
    /// Path globs (`*` matches anything, case-insensitive). Empty: any path.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Hash-route globs, written with the leading `#`. Empty: any hash.
    #[serde(default)]
    pub hashes: Vec<String>,
    /// `top` (default: `any`) restricts the page to top frames, `sub` to iframes.
    #[serde(default)]
    pub frame: FrameRule,
    /// Elements that must be present (visible) for the page to be in this state.
    #[serde(default)]
    pub present: Vec<Locator>,
    /// Elements that must be absent for the page to be in this state.
    #[serde(default)]
    pub absent: Vec<Locator>,
    /// A sign-in page: never injected, so steps on it must be `panel_only`.
    #[serde(default)]
    pub sign_in: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FrameRule {
    #[default]
    Any,
    Top,
    Sub,
}

/// One way of finding an element: a CSS selector (optionally inside a
/// container) plus what a good match looks like for the chosen strategy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locator {
    pub by: Strategy,
    pub selector: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    /// Expected ARIA role (by = "name"); empty: any role.
    #[serde(default)]
    pub role: String,
    /// Names / texts / aria-labels / attribute values / href fragments, both
    /// the seed's 2017 wording and today's.
    #[serde(default)]
    pub values: Vec<String>,
    /// The attribute compared with `values` (by = "attr").
    #[serde(default)]
    pub attr: String,
    /// The expected 0-based position among the selector's matches (by = "position").
    #[serde(default)]
    pub nth: u32,
    /// Send the values as the query's `text_any` prefilter (default true for
    /// name/text/aria-label; never for attr/href/position/css).
    #[serde(default = "yes")]
    pub prefilter: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// Accessible role + name.
    #[default]
    Name,
    AriaLabel,
    Text,
    /// A stable attribute such as `data-automation-id`.
    Attr,
    Href,
    /// Position within a known container (`within` + `nth`).
    Position,
    /// Presence only: the selector matches (markers, row counts).
    Css,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub instruction: String,
    /// The seed's (2017) wording of the step.
    #[serde(default)]
    pub seed: String,
    /// Today's wording.
    #[serde(default)]
    pub today: String,
    /// Pages where the step happens: the first is the main one (shown as the
    /// site); target, marks and evidence are sought in frames of all of them.
    pub pages: Vec<String>,
    /// Told in the side panel only (sign-in pages are never touched).
    #[serde(default)]
    pub panel_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// What to look for when no locator matches ("a button named ...").
    #[serde(default)]
    pub look_for: String,
    #[serde(default)]
    pub target: Vec<Locator>,
    #[serde(default)]
    pub marks: Vec<MarkSpec>,
    /// Any one of these completes the step.
    pub done: Vec<Evidence>,
    /// What the step waits for, as shown in the panel.
    #[serde(default)]
    pub waits_for: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkSpec {
    pub kind: MarkSpecKind,
    pub text: String,
    pub locator: Locator,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkSpecKind {
    #[default]
    DoNotUse,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub on: EvidenceKind,
    /// navigate: the page reached (URL rules and markers).
    #[serde(default)]
    pub page: String,
    /// navigate / leave: the hosts reached (`*.` wildcards allowed).
    #[serde(default)]
    pub hosts: Vec<String>,
    /// appear / disappear / rows: what to look for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<Locator>,
    /// appear / disappear / rows: pages whose frames are searched (default:
    /// the step's pages).
    #[serde(default)]
    pub pages: Vec<String>,
    /// rows: at least this many rows (default 1).
    #[serde(default)]
    pub min: u32,
    /// rows: what the rows are ("users").
    #[serde(default)]
    pub noun: String,
    /// A person's description of the evidence ("the Entra ID blade is open").
    #[serde(default)]
    pub describe: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    /// A click on the step's target.
    #[default]
    Click,
    /// A frame arrives on `page` or one of `hosts`.
    Navigate,
    /// The locator matches a visible element.
    Appear,
    /// The locator matched and now matches nothing.
    Disappear,
    /// The locator matches at least `min` elements (rows of a list).
    Rows,
    /// A tab that showed the step's page arrives on one of `hosts`.
    Leave,
}

impl Guide {
    pub fn page(&self, id: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.id == id)
    }
}

/// Adds `id` to `seen`; false if it was there already.
fn first_time<'a>(seen: &mut Vec<&'a str>, id: &'a str) -> bool {
    let new = !seen.contains(&id);
    if new {
        seen.push(id);
    }
    new
}

/// One validation error, naming where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideError {
    pub file: String,
    pub guide: String,
    pub step: String,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for GuideError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: guide '{}'", self.file, self.guide)?;
        if !self.step.is_empty() {
            write!(f, ", step '{}'", self.step)?;
        }
        write!(f, ", field '{}': {}", self.field, self.message)
    }
}

/// Parse errors and validation errors are reported alike.
pub fn error(file: &str, guide: &str, step: &str, field: &str, message: &str) -> GuideError {
    GuideError {
        file: file.to_string(),
        guide: guide.to_string(),
        step: step.to_string(),
        field: field.to_string(),
        message: message.to_string(),
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
}

fn valid_host_rule(h: &str) -> bool {
    let bare = h.strip_prefix("*.").unwrap_or(h);
    !bare.is_empty()
        && bare.contains('.')
        && bare
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
}

/// Hosts that never get a content script: a page on them must be `sign_in`.
pub const SIGN_IN_HOSTS: [&str; 3] = [
    "login.microsoftonline.com",
    "login.live.com",
    "login.microsoft.com",
];

/// True for the sign-in hosts and any host under them.
pub fn is_sign_in_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    SIGN_IN_HOSTS
        .iter()
        .any(|s| host == *s || host.ends_with(&format!(".{s}")))
}

struct Ctx<'a> {
    file: &'a str,
    guide: &'a str,
    errors: Vec<GuideError>,
}

impl Ctx<'_> {
    fn err(&mut self, step: &str, field: &str, message: impl AsRef<str>) {
        let e = error(self.file, self.guide, step, field, message.as_ref());
        self.errors.push(e);
    }

    fn locator(&mut self, step: &str, field: &str, l: &Locator) {
        if l.selector.trim().is_empty() {
            self.err(step, &format!("{field}.selector"), "must not be empty");
        }
        if l.selector.len() > 500 {
            self.err(
                step,
                &format!("{field}.selector"),
                "longer than 500 characters",
            );
        }
        if let Some(w) = &l.within {
            if w.trim().is_empty() {
                self.err(
                    step,
                    &format!("{field}.within"),
                    "must not be empty when given",
                );
            }
        }
        let needs_values = matches!(
            l.by,
            Strategy::Name | Strategy::AriaLabel | Strategy::Text | Strategy::Attr | Strategy::Href
        );
        if needs_values && l.values.iter().all(|v| v.trim().is_empty()) {
            self.err(
                step,
                &format!("{field}.values"),
                format!("strategy '{:?}' needs at least one value", l.by),
            );
        }
        if l.by == Strategy::Attr && l.attr.trim().is_empty() {
            self.err(
                step,
                &format!("{field}.attr"),
                "strategy 'attr' needs the attribute name",
            );
        }
        if l.by == Strategy::Position && l.within.is_none() {
            self.err(
                step,
                &format!("{field}.within"),
                "strategy 'position' needs a container",
            );
        }
    }
}

/// Validate one guide read from `file`. Returns every error found.
pub fn validate(file: &str, g: &Guide) -> Vec<GuideError> {
    let mut cx = Ctx {
        file,
        guide: if g.id.is_empty() { "?" } else { &g.id },
        errors: Vec::new(),
    };
    if g.schema != SCHEMA_VERSION {
        cx.err(
            "",
            "schema",
            format!(
                "schema {} is not supported (expected {SCHEMA_VERSION})",
                g.schema
            ),
        );
    }
    if !is_slug(&g.id) {
        cx.err("", "id", "must be lower-case letters, digits and '-'");
    }
    for (field, v) in [("title", &g.title), ("summary", &g.summary)] {
        if v.trim().is_empty() {
            cx.err("", field, "must not be empty");
        }
    }
    if g.kind == GuideKind::Procedure && g.steps.is_empty() {
        cx.err("", "steps", "a procedure needs at least one step");
    }
    if g.kind == GuideKind::Explanation && g.paragraphs.is_empty() {
        cx.err(
            "",
            "paragraphs",
            "an explanation needs at least one paragraph",
        );
    }
    // Lists, not sets: a guide has a handful of pages and steps, and the
    // engine validates recorded guides too (a BTreeSet is ~4 KB of wasm).
    let mut page_ids: Vec<&str> = Vec::new();
    for (i, p) in g.pages.iter().enumerate() {
        let field = format!("pages[{i}]");
        if !is_slug(&p.id) {
            cx.err(
                "",
                &format!("{field}.id"),
                "must be lower-case letters, digits and '-'",
            );
        }
        if !first_time(&mut page_ids, &p.id) {
            cx.err(
                "",
                &format!("{field}.id"),
                format!("duplicate page id '{}'", p.id),
            );
        }
        if p.hosts.is_empty() {
            cx.err("", &format!("{field}.hosts"), "needs at least one host");
        }
        for h in &p.hosts {
            if !valid_host_rule(h) {
                cx.err(
                    "",
                    &format!("{field}.hosts"),
                    format!("'{h}' is not a host name"),
                );
            }
            let bare = h.strip_prefix("*.").unwrap_or(h);
            if SIGN_IN_HOSTS.contains(&bare) && !p.sign_in {
                cx.err(
                    "",
                    &format!("{field}.sign_in"),
                    format!("'{h}' is a sign-in host"),
                );
            }
        }
        for h in &p.hashes {
            if !h.starts_with('#') {
                cx.err(
                    "",
                    &format!("{field}.hashes"),
                    format!("'{h}' must start with '#'"),
                );
            }
        }
        for path in &p.paths {
            if !path.starts_with('/') && !path.starts_with('*') {
                cx.err(
                    "",
                    &format!("{field}.paths"),
                    format!("'{path}' must start with '/'"),
                );
            }
        }
        if p.sign_in && (!p.present.is_empty() || !p.absent.is_empty()) {
            cx.err(
                "",
                &format!("{field}.present"),
                "a sign-in page is never read: no markers",
            );
        }
        for (j, l) in p.present.iter().enumerate() {
            cx.locator("", &format!("{field}.present[{j}]"), l);
        }
        for (j, l) in p.absent.iter().enumerate() {
            cx.locator("", &format!("{field}.absent[{j}]"), l);
        }
    }
    let mut step_ids: Vec<&str> = Vec::new();
    for s in &g.steps {
        let sid = if s.id.is_empty() { "?" } else { s.id.as_str() };
        if !is_slug(&s.id) {
            cx.err(sid, "id", "must be lower-case letters, digits and '-'");
        }
        if !first_time(&mut step_ids, &s.id) {
            cx.err(sid, "id", "duplicate step id");
        }
        for (field, v) in [("title", &s.title), ("instruction", &s.instruction)] {
            if v.trim().is_empty() {
                cx.err(sid, field, "must not be empty");
            }
        }
        if s.pages.is_empty() {
            cx.err(sid, "pages", "needs at least one page");
        }
        let mut on_sign_in = false;
        for p in &s.pages {
            match g.page(p) {
                None => cx.err(sid, "pages", format!("unknown page '{p}'")),
                Some(page) => on_sign_in |= page.sign_in,
            }
        }
        if on_sign_in && !s.panel_only {
            cx.err(
                sid,
                "panel_only",
                "a step on a sign-in page must be panel_only",
            );
        }
        if s.panel_only && (!s.target.is_empty() || !s.marks.is_empty()) {
            cx.err(sid, "target", "a panel_only step highlights nothing");
        }
        if !s.panel_only && s.target.is_empty() {
            cx.err(sid, "target", "needs at least one locator (or panel_only)");
        }
        if !s.panel_only && s.look_for.trim().is_empty() {
            cx.err(
                sid,
                "look_for",
                "must say what to look for when nothing matches",
            );
        }
        for (j, l) in s.target.iter().enumerate() {
            cx.locator(sid, &format!("target[{j}]"), l);
        }
        for (j, m) in s.marks.iter().enumerate() {
            if m.text.trim().is_empty() {
                cx.err(sid, &format!("marks[{j}].text"), "must not be empty");
            }
            cx.locator(sid, &format!("marks[{j}].locator"), &m.locator);
        }
        if s.done.is_empty() {
            cx.err(
                sid,
                "done",
                "needs at least one kind of evidence (never a timer)",
            );
        }
        for (j, e) in s.done.iter().enumerate() {
            let field = format!("done[{j}]");
            match e.on {
                EvidenceKind::Click => {
                    if s.target.is_empty() {
                        cx.err(sid, &field, "click evidence needs a target");
                    }
                }
                EvidenceKind::Navigate | EvidenceKind::Leave => {
                    if e.page.is_empty() && e.hosts.is_empty() {
                        cx.err(sid, &format!("{field}.hosts"), "needs a page or hosts");
                    }
                    if !e.page.is_empty() && g.page(&e.page).is_none() {
                        cx.err(
                            sid,
                            &format!("{field}.page"),
                            format!("unknown page '{}'", e.page),
                        );
                    }
                    for h in &e.hosts {
                        if !valid_host_rule(h) {
                            cx.err(
                                sid,
                                &format!("{field}.hosts"),
                                format!("'{h}' is not a host name"),
                            );
                        }
                    }
                }
                EvidenceKind::Appear | EvidenceKind::Disappear | EvidenceKind::Rows => {
                    match &e.locator {
                        None => cx.err(sid, &format!("{field}.locator"), "needs a locator"),
                        Some(l) => cx.locator(sid, &format!("{field}.locator"), l),
                    }
                    for p in &e.pages {
                        if g.page(p).is_none() {
                            cx.err(
                                sid,
                                &format!("{field}.pages"),
                                format!("unknown page '{p}'"),
                            );
                        }
                    }
                }
            }
        }
    }
    cx.errors
}

/// Validate the set of built-in guides: each valid, ids unique and exactly
/// the public ones.
pub fn validate_set(guides: &[(String, Guide)]) -> Vec<GuideError> {
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for (file, g) in guides {
        errors.extend(validate(file, g));
        if !seen.insert(g.id.clone()) {
            errors.push(error(file, &g.id, "", "id", "duplicate guide id"));
        }
        if !BUILT_IN_IDS.contains(&g.id.as_str()) {
            errors.push(error(
                file,
                &g.id,
                "",
                "id",
                "not one of the built-in guide ids",
            ));
        }
    }
    for id in BUILT_IN_IDS {
        if !seen.contains(id) {
            errors.push(error(
                "crate/guides",
                id,
                "",
                "id",
                "built-in guide is missing",
            ));
        }
    }
    errors
}
