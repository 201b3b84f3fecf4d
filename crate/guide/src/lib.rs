//! The guide schema (version 1) and its validation.
//!
//! This crate is the ONE definition of a guide. The engine's `build.rs` uses
//! it (a build-dependency) to read `crate/guides/*.toml` (through these serde
//! derives), validate them and write them as JSON; the engine (`waymark-core`)
//! reads that JSON into the same types with serde_json. Its only
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
    /// Where the guide's facts come from (required for built-in guides).
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Who qualifies for the task and why (required for procedures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Eligibility>,
    /// Alternative ways through the guide; the first is offered first.
    #[serde(default)]
    pub routes: Vec<Route>,
    #[serde(default)]
    pub pages: Vec<Page>,
    #[serde(default)]
    pub steps: Vec<Step>,
    /// What the admin sees once the last step is proven (required for procedures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<Ending>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuideKind {
    #[default]
    Procedure,
    Explanation,
}

/// Where a fact comes from: a Microsoft Learn page (its repository file and
/// `ms.date`) or the 2017 seed article. Steps, eligibility rules, routes and
/// the ending name their sources by `id`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The page's title.
    pub title: String,
    /// The file in its public repository ("MicrosoftDocs/azure-docs:
    /// articles/...md"), or the seed file.
    pub file: String,
    /// The page's date (`ms.date` of its front matter), `YYYY-MM-DD`.
    pub date: String,
}

/// Who qualifies for a guide's task, and why (issue 9, item 1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// One sentence for the panel.
    pub summary: String,
    /// Any one rule qualifies.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Accounts that do not qualify although they might seem to, with why.
    #[serde(default)]
    pub excluded: Vec<Excluded>,
    /// Conditions the pages Waymark reads do not show: told, never guessed.
    #[serde(default)]
    pub unchecked: Vec<Unchecked>,
    /// Guide C: the guides whose rules the panel applies to the roles read.
    #[serde(default)]
    pub explains: Vec<String>,
    pub source: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub kind: RuleKind,
    /// directory-role / azure-rbac-role: whole role names.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Why this qualifies, for the panel.
    pub text: String,
    pub source: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// Any member work account of the directory.
    #[default]
    AnyMember,
    /// One of `roles`, a Microsoft Entra directory role.
    DirectoryRole,
    /// One of `roles`, an Azure RBAC role on the subscription.
    AzureRbacRole,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excluded {
    pub who: String,
    pub why: String,
    pub source: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unchecked {
    pub what: String,
    pub why: String,
    pub source: Vec<String>,
}

/// One way through a guide (issue 9, item 2). Steps name their route; a
/// step without one is on every route. The first route is offered first; a
/// top frame on one of a route's `pages` chooses it while no step is done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: String,
    pub title: String,
    pub pages: Vec<String>,
    pub source: Vec<String>,
}

/// What the admin sees when the last step is proven (issue 9, item 7): a
/// callout on what the guide verified, until dismissed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub title: String,
    pub text: String,
    /// Pages whose frames hold what the ending points at.
    pub pages: Vec<String>,
    /// What the ending points at, best first (none: the callout floats).
    #[serde(default)]
    pub target: Vec<Locator>,
    pub source: Vec<String>,
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
    /// Where the panel's "Open" button goes when the current step is on this
    /// page and no tab shows it: today's address, with its sources. Built-in
    /// guides only: a share code never names an address to open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<OpenLink>,
}

/// An address the panel may open for the admin (`[pages.open]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenLink {
    /// `https://` on one of the page's own hosts (no wildcard, no user info).
    pub url: String,
    /// `[[sources]]` ids that give this address.
    pub source: Vec<String>,
}

impl OpenLink {
    /// The host of `url` when it is an `https://` address without user
    /// info, port or spaces; `None` otherwise.
    pub fn host(&self) -> Option<&str> {
        let rest = self.url.strip_prefix("https://")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let host = &rest[..end];
        let clean = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
            && !self
                .url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control());
        clean.then_some(host)
    }
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
    /// The same element's values as the portal shows them in other languages
    /// (issue 11), each block with its sources. `build.rs` folds them into
    /// `values` (after the English ones, `merge_localized`), so the embedded
    /// guides carry none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub localized: Vec<Localized>,
}

/// A locator's values in one language (`[[steps.target.localized]]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    /// A BCP 47 language tag in lower case: `de`, `fr`, `pt-br`.
    pub lang: String,
    /// Names / texts / labels as the page shows them in that language.
    pub values: Vec<String>,
    /// `[[sources]]` ids of the localized pages these values were read in.
    #[serde(default)]
    pub source: Vec<String>,
}

/// A BCP 47 language tag written in lower case: a 2–3 letter language,
/// then optional subtags of 1–8 letters or digits (`de`, `de-de`,
/// `zh-hant`, `es-419`).
pub fn is_lower_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| {
            (1..=8).contains(&p.len())
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Every locator of a guide, with the step (or "") and the field that
/// names it in an error (`target[1]`, `pages[3].present[0]`).
pub fn locators(g: &Guide) -> Vec<(&str, String, &Locator)> {
    let mut out = Vec::new();
    for (i, p) in g.pages.iter().enumerate() {
        for (j, l) in p.present.iter().enumerate() {
            out.push(("", format!("pages[{i}].present[{j}]"), l));
        }
        for (j, l) in p.absent.iter().enumerate() {
            out.push(("", format!("pages[{i}].absent[{j}]"), l));
        }
    }
    for s in &g.steps {
        let sid = if s.id.is_empty() { "?" } else { s.id.as_str() };
        for (j, l) in s.target.iter().enumerate() {
            out.push((sid, format!("target[{j}]"), l));
        }
        for (j, m) in s.marks.iter().enumerate() {
            out.push((sid, format!("marks[{j}].locator"), &m.locator));
        }
        for (j, e) in s.done.iter().enumerate() {
            if let Some(l) = &e.locator {
                out.push((sid, format!("done[{j}].locator"), l));
            }
        }
    }
    if let Some(end) = &g.ending {
        for (j, l) in end.target.iter().enumerate() {
            out.push(("", format!("ending.target[{j}]"), l));
        }
    }
    out
}

/// Fold every locator's localized values into its `values`, after the
/// English ones (a value already listed is not repeated), and drop the
/// blocks. Used by `build.rs` on validated guides: the engine's scoring,
/// page recognition (`present` / `absent`), `text_any` prefilters and help
/// texts then accept the portal's words in every language given, as whole
/// values exactly like the English ones. Which language the page shows does
/// not matter to a match: a German name is a German page's name.
pub fn merge_localized(g: &mut Guide) {
    fn merge(l: &mut Locator) {
        for block in std::mem::take(&mut l.localized) {
            for v in block.values {
                if !l.values.contains(&v) {
                    l.values.push(v);
                }
            }
        }
    }
    for p in &mut g.pages {
        p.present
            .iter_mut()
            .chain(p.absent.iter_mut())
            .for_each(merge);
    }
    for s in &mut g.steps {
        s.target.iter_mut().for_each(merge);
        s.marks.iter_mut().for_each(|m| merge(&mut m.locator));
        s.done
            .iter_mut()
            .filter_map(|e| e.locator.as_mut())
            .for_each(merge);
    }
    if let Some(end) = &mut g.ending {
        end.target.iter_mut().for_each(merge);
    }
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
    /// The route the step belongs to (`[[routes]]` id); empty: every route.
    #[serde(default)]
    pub route: String,
    /// Source ids (`[[sources]]`) of the step's facts.
    #[serde(default)]
    pub source: Vec<String>,
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
    /// click: only clicks on these target locators (0-based) count; empty: any.
    #[serde(default)]
    pub targets: Vec<u32>,
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
        let mut langs: Vec<&str> = Vec::new();
        for (k, block) in l.localized.iter().enumerate() {
            let at = format!("{field}.localized[{k}]");
            if !needs_values {
                self.err(
                    step,
                    &at,
                    format!(
                        "strategy '{:?}' takes no values, so nothing to localize",
                        l.by
                    ),
                );
            }
            if !is_lower_language_tag(&block.lang) {
                self.err(
                    step,
                    &format!("{at}.lang"),
                    format!(
                        "'{}' is not a BCP 47 language tag in lower case (de, fr, pt-br)",
                        block.lang
                    ),
                );
            } else if !first_time(&mut langs, &block.lang) {
                self.err(
                    step,
                    &format!("{at}.lang"),
                    format!("language '{}' given twice", block.lang),
                );
            }
            if block.values.is_empty() || block.values.iter().any(|v| v.trim().is_empty()) {
                self.err(
                    step,
                    &format!("{at}.values"),
                    "needs at least one value, none of them empty",
                );
            }
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
        if let Some(open) = &p.open {
            let on_own_host = open.host().is_some_and(|h| p.hosts.iter().any(|x| x == h));
            if p.sign_in || !on_own_host || open.url.len() > 200 {
                cx.err(
                    "",
                    &format!("{field}.open.url"),
                    format!(
                        "'{}' must be an https:// address on one of the page's hosts (not a sign-in page)",
                        open.url
                    ),
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
                    for t in &e.targets {
                        if *t as usize >= s.target.len() {
                            cx.err(
                                sid,
                                &format!("{field}.targets"),
                                format!("no target locator {t}"),
                            );
                        }
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
    // Routes: declared once, on known pages; each step's route declared.
    let mut route_ids: Vec<&str> = Vec::new();
    for (i, r) in g.routes.iter().enumerate() {
        let field = format!("routes[{i}]");
        if !is_slug(&r.id) {
            cx.err(
                "",
                &format!("{field}.id"),
                "must be lower-case letters, digits and '-'",
            );
        }
        if !first_time(&mut route_ids, &r.id) {
            cx.err(
                "",
                &format!("{field}.id"),
                format!("duplicate route id '{}'", r.id),
            );
        }
        if r.title.trim().is_empty() {
            cx.err("", &format!("{field}.title"), "must not be empty");
        }
        if r.pages.is_empty() {
            cx.err(
                "",
                &format!("{field}.pages"),
                "needs the pages that choose it",
            );
        }
        for p in &r.pages {
            if g.page(p).is_none() {
                cx.err("", &format!("{field}.pages"), format!("unknown page '{p}'"));
            }
        }
        if !g
            .steps
            .iter()
            .any(|s| s.route.is_empty() || s.route == r.id)
        {
            cx.err("", &format!("{field}.id"), "no step is on this route");
        }
    }
    for s in &g.steps {
        if !s.route.is_empty() && !g.routes.iter().any(|r| r.id == s.route) {
            cx.err(&s.id, "route", format!("unknown route '{}'", s.route));
        }
    }
    if let Some(end) = &g.ending {
        for (field, v) in [("ending.title", &end.title), ("ending.text", &end.text)] {
            if v.trim().is_empty() {
                cx.err("", field, "must not be empty");
            }
        }
        if end.pages.is_empty() {
            cx.err("", "ending.pages", "needs at least one page");
        }
        for p in &end.pages {
            if g.page(p).is_none() {
                cx.err("", "ending.pages", format!("unknown page '{p}'"));
            }
        }
        for (j, l) in end.target.iter().enumerate() {
            cx.locator("", &format!("ending.target[{j}]"), l);
        }
    }
    cx.errors
}

impl Ctx<'_> {
    /// Source references: at least one, each declared in `[[sources]]`.
    fn sources(&mut self, g: &Guide, step: &str, field: &str, ids: &[String]) {
        if ids.is_empty() {
            self.err(
                step,
                field,
                "needs at least one source (a [[sources]] id: a Microsoft Learn page or the seed)",
            );
        }
        for id in ids {
            if !g.sources.iter().any(|s| &s.id == id) {
                self.err(step, field, format!("unknown source '{id}'"));
            }
        }
    }
}

/// `YYYY-MM-DD`.
fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Sources, eligibility, routes and ending of a built-in guide (issue 9):
/// every step, eligibility rule, route and ending names its sources.
/// Recorded guides (share codes) carry none: only built-ins are held to it.
pub fn validate_sourced(file: &str, g: &Guide) -> Vec<GuideError> {
    let mut cx = Ctx {
        file,
        guide: if g.id.is_empty() { "?" } else { &g.id },
        errors: Vec::new(),
    };
    if g.sources.is_empty() {
        cx.err("", "sources", "a built-in guide lists its [[sources]]");
    }
    let mut ids: Vec<&str> = Vec::new();
    for (i, s) in g.sources.iter().enumerate() {
        let field = format!("sources[{i}]");
        if !is_slug(&s.id) {
            cx.err(
                "",
                &format!("{field}.id"),
                "must be lower-case letters, digits and '-'",
            );
        }
        if !first_time(&mut ids, &s.id) {
            cx.err(
                "",
                &format!("{field}.id"),
                format!("duplicate source id '{}'", s.id),
            );
        }
        for (f, v) in [("title", &s.title), ("file", &s.file)] {
            if v.trim().is_empty() {
                cx.err("", &format!("{field}.{f}"), "must not be empty");
            }
        }
        if !is_date(&s.date) {
            cx.err(
                "",
                &format!("{field}.date"),
                "must be the page's date, YYYY-MM-DD",
            );
        }
    }
    for s in &g.steps {
        let sid = if s.id.is_empty() { "?" } else { s.id.as_str() };
        cx.sources(g, sid, "source", &s.source);
    }
    if g.kind == GuideKind::Procedure && g.eligibility.is_none() {
        cx.err(
            "",
            "eligibility",
            "a procedure says who qualifies ([eligibility])",
        );
    }
    if g.kind == GuideKind::Procedure && g.ending.is_none() {
        cx.err(
            "",
            "ending",
            "a procedure ends with what it verified ([ending])",
        );
    }
    if let Some(e) = &g.eligibility {
        cx.sources(g, "", "eligibility.source", &e.source);
        if e.rules.is_empty() && e.explains.is_empty() {
            cx.err(
                "",
                "eligibility.rules",
                "needs a rule (or `explains`: the guides it reads roles for)",
            );
        }
        for (i, r) in e.rules.iter().enumerate() {
            let field = format!("eligibility.rules[{i}]");
            cx.sources(g, "", &format!("{field}.source"), &r.source);
            match r.kind {
                RuleKind::AnyMember => {
                    if !r.roles.is_empty() {
                        cx.err("", &format!("{field}.roles"), "any-member names no roles");
                    }
                }
                RuleKind::DirectoryRole | RuleKind::AzureRbacRole => {
                    if r.roles.iter().all(|x| x.trim().is_empty()) {
                        cx.err(
                            "",
                            &format!("{field}.roles"),
                            "needs at least one whole role name",
                        );
                    }
                }
            }
        }
        for (i, x) in e.excluded.iter().enumerate() {
            cx.sources(
                g,
                "",
                &format!("eligibility.excluded[{i}].source"),
                &x.source,
            );
        }
        for (i, x) in e.unchecked.iter().enumerate() {
            cx.sources(
                g,
                "",
                &format!("eligibility.unchecked[{i}].source"),
                &x.source,
            );
        }
    }
    if let Some(end) = &g.ending {
        cx.sources(g, "", "ending.source", &end.source);
    }
    for (i, r) in g.routes.iter().enumerate() {
        cx.sources(g, "", &format!("routes[{i}].source"), &r.source);
    }
    for (i, p) in g.pages.iter().enumerate() {
        if let Some(open) = &p.open {
            cx.sources(g, "", &format!("pages[{i}].open.source"), &open.source);
        }
    }
    // A localized value is a fact about the portal like any other: it
    // names the localized page it was read in.
    for (step, field, l) in locators(g) {
        for (k, block) in l.localized.iter().enumerate() {
            cx.sources(
                g,
                step,
                &format!("{field}.localized[{k}].source"),
                &block.source,
            );
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
        errors.extend(validate_sourced(file, g));
        if let Some(e) = &g.eligibility {
            for id in &e.explains {
                if !guides.iter().any(|(_, o)| &o.id == id) {
                    errors.push(error(
                        file,
                        &g.id,
                        "",
                        "eligibility.explains",
                        &format!("unknown guide '{id}'"),
                    ));
                }
            }
        }
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
