//! Share codes, recording by demonstration and export, wired into the engine
//! (issue 5). The pure share API (`core::share`) encodes, decodes, records
//! and redacts; this module owns the engine-side state and the panel
//! messages `open-code`, `start-shared`, `share`, `record-start`,
//! `record-stop`, `record-edit` and `export`.
//!
//! It is a child module of `engine` (declared there with `#[path]`) so that
//! it can reuse the flow's private machinery (`start`, `settle`, `refresh`)
//! instead of duplicating it: a shared guide runs through exactly the same
//! code as a built-in one.
//!
//! Guide ids the panel uses:
//! - `recording` (`RECORDING_ID`): the recording, for `share` and `export`.
//! - `shared` (`SHARED_ID`): a running guide opened from a code of recorded
//!   steps. Its steps are `s1`, `s2`, ... so the page markers read
//!   `shared/s1`. A code of a built-in guide runs under the built-in id
//!   itself (`azure-for-office365/a3`), flagged `shared` in the panel view.
//!
//! Recording and guiding are exclusive: `record-start` is refused while a
//! guide runs, and starting a guide is refused while recording. This keeps
//! every frame's watch simple (account queries plus `record: true`).
//!
//! Inert by construction: a recorded step becomes a `Guide` step whose only
//! powers are the built-in ones (find an element by role+name, aria-label,
//! text or a stable attribute, on a page of a supported site; complete on a
//! click on it or on arriving at the next step's page). There is no field
//! through which a code could navigate, fill, click or submit.

use crate::engine::{clip, site_of, Effect, Engine, StepStatus};
use crate::guide::{
    self, Evidence, EvidenceKind, FrameRule, Guide, GuideKind, Locator, Page, Step, Strategy,
};
use crate::json::{self, json_struct, Fields, FromJson, Json, ObjWriter, ToJson};
use crate::protocol::{
    ElementFacts, ExportFormat, FromPanel, RecordEdit, RecordingView, SharePreview, StepView,
    ToPanel, PROTOCOL_VERSION,
};
use crate::share::{
    self, model::is_forbidden_char, model::MAX_NOTE, redact, ExportGuide, ExportStep, KnownSecrets,
    RecordedGuide, RecordedStep, Recording, Redaction, RedactionKind, ShareError, SharedGuide,
};

/// The id the panel uses for the recording (`share`, `export`).
pub const RECORDING_ID: &str = "recording";
/// The guide id of a running guide opened from a code of recorded steps.
pub const SHARED_ID: &str = "shared";

/// How many names (accounts, directories) are kept for redaction: the
/// account menu rarely changes; a cap keeps a hostile page from growing it.
const MAX_SECRETS: usize = 8;

/// Everything issue 5 adds to the engine's state. Persisted with the rest of
/// `State`; the `Guide` built from a recorded code is derived, not stored,
/// so a snapshot can never hold a guide that did not come through the
/// conversion below.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShareState {
    /// A decoded, checked code waiting for `start-shared`.
    preview: Option<SharedGuide>,
    /// The shared guide that is (or was last) running.
    run: Option<SharedRun>,
    recording: Option<Recording>,
    recording_active: bool,
    /// Names already given to the recording for redaction.
    secrets: KnownSecrets,
    /// `run`'s recorded steps as a `Guide` (id `SHARED_ID`).
    guide: Option<Guide>,
}

/// Read back field by field; `guide` is not stored but derived again from
/// `run`, as `start-shared` derived it.
impl FromJson for ShareState {
    fn from_json(v: Json) -> Result<Self, String> {
        let mut f = Fields::of(v)?;
        let run: Option<SharedRun> = f.or("run", Default::default)?;
        let guide = run.as_ref().and_then(|r| match &r.source {
            SharedGuide::Recorded(g) => recorded_to_guide(g).ok(),
            SharedGuide::Builtin { .. } => None,
        });
        let state = ShareState {
            preview: f.or("preview", Default::default)?,
            run,
            recording: f.or("recording", Default::default)?,
            recording_active: f.or("recording_active", Default::default)?,
            secrets: f.or("secrets", Default::default)?,
            guide,
        };
        f.done()?;
        Ok(state)
    }
}

/// The same fields, written (`guide` is derived, see above).
impl ToJson for ShareState {
    fn to_json(&self, out: &mut String) {
        let mut o = ObjWriter::new(out);
        o.field("preview", &self.preview);
        o.field("run", &self.run);
        o.field("recording", &self.recording);
        o.field("recording_active", &self.recording_active);
        o.field("secrets", &self.secrets);
        o.end();
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct SharedRun {
    /// The guide id it runs under: a built-in id, or `SHARED_ID`.
    guide: String,
    /// The code's content: note, starting step, recorded steps.
    source: SharedGuide,
}

json_struct!(SharedRun { guide, source });

/// Shared guides are persisted as their share code (a string), read back
/// with the same decoder as a pasted code: the codec is in the wasm anyway,
/// and a second JSON shape for them would be code that could disagree with
/// it. Only decoded (hence encodable) guides are stored, so the round trip
/// is exact; a code that no longer decodes makes the snapshot unreadable,
/// and the engine starts fresh.
impl ToJson for SharedGuide {
    fn to_json(&self, out: &mut String) {
        let code = share::codec::frame_unchecked(
            share::codec::FORMAT_VERSION,
            &share::codec::encode_body_unchecked(self),
        );
        json::write_str(out, &code);
    }
}

impl FromJson for SharedGuide {
    fn from_json(v: Json) -> Result<Self, String> {
        share::codec::decode(&String::from_json(v)?).map_err(|e| e.to_string())
    }
}

impl ShareState {
    /// The guide built from a recorded code, when `id` is `SHARED_ID`.
    pub fn guide(&self, id: &str) -> Option<&Guide> {
        self.guide.as_ref().filter(|g| g.id == id)
    }

    /// Record mode: every frame reports its clicks.
    pub fn recording(&self) -> bool {
        self.recording_active
    }

    /// Whether guide `id` runs from a share code.
    pub fn is_shared(&self, id: &str) -> bool {
        self.run.as_ref().is_some_and(|r| r.guide == id)
    }

    /// The sender's note of the shared guide `id` ("" if none).
    pub fn note(&self, id: &str) -> String {
        match self
            .run
            .as_ref()
            .filter(|r| r.guide == id)
            .map(|r| &r.source)
        {
            Some(SharedGuide::Builtin { note, .. }) => note.clone(),
            Some(SharedGuide::Recorded(g)) => g.note.clone(),
            None => String::new(),
        }
    }

    fn end_run(&mut self) {
        self.run = None;
        self.guide = None;
    }

    /// The panel's view of the recording.
    pub fn recording_view(&self) -> Option<RecordingView> {
        let rec = self.recording.as_ref()?;
        let mut all: Vec<(Option<usize>, Redaction)> = rec
            .guide_redactions()
            .into_iter()
            .map(|r| (None, r))
            .collect();
        let steps = rec
            .steps()
            .into_iter()
            .map(|v| {
                all.extend(v.redactions.iter().cloned().map(|r| (Some(v.index), r)));
                StepView {
                    id: step_id(v.index),
                    title: v.step.text.clone(),
                    instruction: v.step.label.clone(),
                    site: v.step.host.clone(),
                    status: "done".to_string(),
                    evidence: v.step.path.clone(),
                    panel_only: false,
                    warning: None,
                }
            })
            .collect();
        Some(RecordingView {
            active: self.recording_active,
            steps,
            redactions: redaction_summary(&all),
        })
    }
}

/// Step ids of recorded and shared steps: `s1`, `s2`, ...
fn step_id(index: usize) -> String {
    format!("s{}", index + 1)
}

/// The index of step id `sN` among `len` steps.
fn step_index(id: &str, len: usize) -> Option<usize> {
    let n: usize = id.strip_prefix('s')?.parse().ok()?;
    (n >= 1 && n <= len).then(|| n - 1)
}

/// "2 email addresses redacted (step 1 name, step 3 path)", one line per kind.
fn redaction_summary(all: &[(Option<usize>, Redaction)]) -> Vec<String> {
    let kinds = [
        (RedactionKind::Email, "email address", "email addresses"),
        (RedactionKind::Guid, "ID (GUID)", "IDs (GUIDs)"),
        (
            RedactionKind::TenantDomain,
            "tenant domain",
            "tenant domains",
        ),
        (
            RedactionKind::Tenant,
            "directory (tenant) name",
            "directory (tenant) names",
        ),
        (RedactionKind::UserName, "user name", "user names"),
    ];
    let mut out = Vec::new();
    for (kind, one, many) in kinds {
        let hits: Vec<&(Option<usize>, Redaction)> =
            all.iter().filter(|(_, r)| r.kind == kind).collect();
        if hits.is_empty() {
            continue;
        }
        let mut places: Vec<String> = Vec::new();
        for (step, r) in &hits {
            let place = match step {
                Some(i) => format!("step {} {}", i + 1, r.field),
                None => r.field.clone(),
            };
            if !places.contains(&place) {
                places.push(place);
            }
        }
        let more = places.len().saturating_sub(4);
        places.truncate(4);
        let mut where_ = places.join(", ");
        if more > 0 {
            where_.push_str(&format!(" and {more} more"));
        }
        let n = hits.len();
        out.push(format!(
            "{n} {} redacted ({where_})",
            if n == 1 { one } else { many }
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// A recorded guide as a `Guide`
// ---------------------------------------------------------------------------

const TOKENS: [&str; 4] = [
    redact::TOKEN_EMAIL,
    redact::TOKEN_ID,
    redact::TOKEN_TENANT,
    redact::TOKEN_USER,
];

/// Parent domains of the portal's blade frames: a step recorded in
/// `sandbox-3.reactblade...` applies in whatever sandbox the admin gets
/// (the same rule as `share::host_matches`).
const REACTBLADE_PARENTS: [&str; 3] = [
    "reactblade.portal.azure.net",
    "reactblade-ms.portal.azure.net",
    "reactblade-rc.portal.azure.net",
];

/// Tags that are containers more often than controls: their visible text
/// includes every descendant's, so selecting by them floods the query.
const GENERIC_TAGS: [&str; 12] = [
    "div", "span", "li", "td", "tr", "th", "section", "p", "ul", "label", "table", "i",
];

fn has_token(s: &str) -> bool {
    TOKENS.iter().any(|t| s.contains(t))
}

/// A redacted text as a glob: each token stands for any text.
fn tokens_to_glob(s: &str) -> String {
    TOKENS
        .iter()
        .fold(s.to_string(), |acc, t| acc.replace(t, "*"))
}

/// The value to match a recorded (maybe redacted) name or text by. Without
/// tokens: the text itself (exact match scores best). With tokens: the
/// longest literal piece, which the locator finds by "contains" (a lower
/// score), since the admin's page shows their own names where the tokens
/// are. `None` when nothing distinctive is left.
fn match_value(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if !has_token(s) {
        return Some(s.to_string());
    }
    let marked = TOKENS
        .iter()
        .fold(s.to_string(), |acc, t| acc.replace(t, "\u{0}"));
    marked
        .split('\u{0}')
        .map(str::trim)
        .filter(|p| p.chars().count() >= 3)
        .max_by_key(|p| p.chars().count())
        .map(str::to_string)
}

/// `[a-z][a-z0-9-]*`: safe to put in a selector as a tag name.
fn is_tag_ident(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A CSS string literal: quotes and backslashes escaped. Shared-guide text
/// holds no control characters (validated), so nothing else needs escaping.
fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The selectors an element of this tag and role is sought by.
fn selector_bases(tag: &str, role: &str) -> Vec<String> {
    let role_sel = (is_tag_ident(role)).then(|| format!("[role={}]", css_string(role)));
    let tag_ok = is_tag_ident(tag);
    match (tag_ok, role_sel) {
        // A div acting as a menu item: its role identifies it, its tag
        // would match every container around it.
        (true, Some(r)) if GENERIC_TAGS.contains(&tag) => vec![r],
        (true, Some(r)) => vec![tag.to_string(), r],
        (true, None) => vec![tag.to_string()],
        (false, Some(r)) => vec![r],
        (false, None) => Vec::new(),
    }
}

fn selector(bases: &[String], suffix: &str) -> String {
    if bases.is_empty() {
        return if suffix.is_empty() {
            "*".to_string()
        } else {
            suffix.to_string()
        };
    }
    bases
        .iter()
        .map(|b| format!("{b}{suffix}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The target locators of a recorded step, best first, mirroring the
/// built-in guides' strategies: role + name, aria-label, stable attributes,
/// visible text, then attributes that identify less.
fn locators_for(step: &RecordedStep) -> Vec<Locator> {
    let loc = &step.locator;
    let bases = selector_bases(&loc.tag, &loc.role);
    let any = selector(&bases, "");
    let mut out = Vec::new();
    let name = match_value(&loc.name);
    if let Some(v) = &name {
        out.push(Locator {
            by: Strategy::Name,
            selector: any.clone(),
            role: if is_tag_ident(&loc.role) {
                loc.role.clone()
            } else {
                String::new()
            },
            values: vec![v.clone()],
            prefilter: true,
            ..Locator::default()
        });
    }
    let attr = |k: &str| loc.attrs.get(k).filter(|v| !v.trim().is_empty());
    if let Some(v) = attr("aria-label") {
        out.push(Locator {
            by: Strategy::AriaLabel,
            selector: selector(&bases, &format!("[aria-label={}]", css_string(v))),
            values: vec![v.clone()],
            prefilter: false,
            ..Locator::default()
        });
    }
    for k in ["data-automation-id", "data-testid"] {
        if let Some(v) = attr(k) {
            out.push(attr_locator(&bases, k, v));
        }
    }
    if let Some(v) = match_value(&loc.text).filter(|t| name.as_ref() != Some(t)) {
        out.push(Locator {
            by: Strategy::Text,
            selector: any.clone(),
            values: vec![v],
            prefilter: true,
            ..Locator::default()
        });
    }
    for k in ["name", "title", "href"] {
        if let Some(v) = attr(k) {
            out.push(attr_locator(&bases, k, v));
        }
    }
    if out.is_empty() {
        // Only a tag or role was recorded: presence is all there is to go
        // by, and the callout says so.
        out.push(Locator {
            by: Strategy::Css,
            selector: any,
            prefilter: false,
            ..Locator::default()
        });
    }
    out
}

/// An exact attribute match, with the attribute in the selector so that the
/// query returns the element itself rather than the first few of its tag.
fn attr_locator(bases: &[String], k: &str, v: &str) -> Locator {
    Locator {
        by: Strategy::Attr,
        selector: selector(bases, &format!("[{k}={}]", css_string(v))),
        attr: k.to_string(),
        values: vec![v.to_string()],
        prefilter: false,
        ..Locator::default()
    }
}

/// Is the first path segment a locale ("en-us", "de-de", "zh-hans")?
/// Microsoft's marketing pages put one there; the admin's may differ.
fn is_locale(seg: &str) -> bool {
    let mut parts = seg.split('-');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    a.len() == 2
        && (2..=4).contains(&b.len())
        && a.bytes().all(|c| c.is_ascii_alphabetic())
        && b.bytes().all(|c| c.is_ascii_alphabetic())
}

/// URL rules for the page a step was recorded on. Redaction tokens match
/// anything (the admin's own tenant or id stands there); a locale segment
/// matches any locale; a trailing slash is optional; the portal's
/// `#@tenant/` hash prefix is optional.
fn page_for(id: String, step: &RecordedStep) -> Page {
    let host = step.host.to_ascii_lowercase();
    let host_rule = REACTBLADE_PARENTS
        .iter()
        .find(|p| host.ends_with(&format!(".{p}")))
        .map(|p| format!("*.{p}"))
        .unwrap_or(host);
    let (path, hash) = match step.path.split_once('#') {
        Some((p, h)) => (p, Some(h)),
        None => (step.path.as_str(), None),
    };
    let mut segs: Vec<String> = path.split('/').map(tokens_to_glob).collect();
    if segs.get(1).is_some_and(|s| is_locale(s)) {
        segs[1] = "*".to_string();
    }
    let path = segs.join("/");
    let mut paths = vec![path.clone()];
    if path.len() > 1 {
        let other = match path.strip_suffix('/') {
            Some(p) => p.to_string(),
            None => format!("{path}/"),
        };
        paths.push(other);
    }
    let mut hashes = Vec::new();
    if let Some(h) = hash.filter(|h| !h.is_empty()) {
        let h = tokens_to_glob(h);
        let mut bodies = vec![h.clone()];
        match h.strip_prefix('@') {
            // Recorded with a tenant prefix: also match without one.
            Some(rest) => {
                if let Some((_, after)) = rest.split_once('/') {
                    bodies.push(after.to_string());
                }
            }
            None => bodies.push(format!("@*/{h}")),
        }
        for b in bodies {
            hashes.push(format!("#{b}"));
            // A query inside the hash route was dropped when recording.
            hashes.push(format!("#{b}?*"));
        }
    }
    Page {
        id,
        hosts: vec![host_rule],
        paths,
        hashes,
        frame: FrameRule::Any,
        present: Vec::new(),
        absent: Vec::new(),
        sign_in: false,
    }
}

/// A recorded guide as the same `Guide` data the built-in guides are, so it
/// runs through the same recognition, scoring, painting and evidence code.
/// Checked by the same validator as the built-in guides.
pub fn recorded_to_guide(r: &RecordedGuide) -> Result<Guide, String> {
    r.validate().map_err(|e| e.to_string())?;
    let pages: Vec<Page> = r
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| page_for(format!("p{}", i + 1), s))
        .collect();
    let mut steps = Vec::with_capacity(r.steps.len());
    for (i, s) in r.steps.iter().enumerate() {
        let label = s.label.trim();
        let shown = if label.is_empty() {
            "the element the sender clicked".to_string()
        } else {
            format!("\u{201c}{label}\u{201d}")
        };
        let mut done = vec![Evidence {
            on: EvidenceKind::Click,
            describe: "Done".to_string(),
            ..Evidence::default()
        }];
        // Arriving at the next step's page proves this one too (the click
        // may have happened before the highlight appeared) — unless the
        // next step is on the same page, where a reload would prove nothing,
        // or in a blade frame: every portal blade loads from the same
        // `/ReactView/Index` (the query that names the view is not kept),
        // so any blade opening would count.
        let next = pages.get(i + 1);
        let this = pages.get(i);
        let differs = match (this, next) {
            (Some(a), Some(b)) => {
                (a.hosts != b.hosts || a.paths != b.paths || a.hashes != b.hashes)
                    && !b.hosts.iter().any(|h| h.starts_with("*."))
            }
            _ => false,
        };
        if differs {
            if let Some(n) = next {
                done.push(Evidence {
                    on: EvidenceKind::Navigate,
                    page: n.id.clone(),
                    describe: "the next step's page opened".to_string(),
                    ..Evidence::default()
                });
            }
        }
        let title = if label.is_empty() {
            clip(s.text.lines().next().unwrap_or("").trim(), 80)
        } else {
            clip(label, 80)
        };
        steps.push(Step {
            id: step_id(i),
            title,
            instruction: s.text.clone(),
            seed: String::new(),
            today: String::new(),
            pages: vec![format!("p{}", i + 1)],
            panel_only: false,
            warning: None,
            look_for: format!("Look for {shown} on {}.", s.host),
            target: locators_for(s),
            marks: Vec::new(),
            done,
            waits_for: if differs {
                format!("a click on {shown}, or the next step's page")
            } else {
                format!("a click on {shown}")
            },
        });
    }
    let title = if r.title.trim().is_empty() {
        "Shared steps".to_string()
    } else {
        r.title.clone()
    };
    let g = Guide {
        schema: guide::SCHEMA_VERSION,
        id: SHARED_ID.to_string(),
        title,
        summary: "Steps shared with you as a Waymark code.".to_string(),
        precondition: String::new(),
        caveats: Vec::new(),
        paragraphs: Vec::new(),
        kind: GuideKind::Procedure,
        pages,
        steps,
    };
    // Defensive: the conversion keeps the schema's rules; a guide that
    // broke one would not run as the built-ins do, so refuse it.
    match guide::validate("share code", &g).first() {
        Some(e) => Err(format!("This code could not be turned into a guide ({e}).")),
        None => Ok(g),
    }
}

/// The note as the panel sent it: trimmed, within the limit, and without
/// characters a code may not carry.
fn checked_note(note: &str) -> Result<String, String> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE {
        return Err(format!(
            "The note is too long: at most {MAX_NOTE} characters."
        ));
    }
    if note.chars().any(|c| is_forbidden_char(c, true)) {
        return Err(
            "The note contains control or text-direction characters: remove them and try again."
                .to_string(),
        );
    }
    Ok(note.to_string())
}

fn export_builtin(g: &Guide, note: &str) -> ExportGuide {
    let mut lines: Vec<String> = Vec::new();
    if !note.trim().is_empty() {
        lines.push(note.to_string());
    }
    if !g.precondition.is_empty() {
        lines.push(format!("Before you start: {}", g.precondition));
    }
    lines.extend(g.caveats.iter().cloned());
    lines.extend(g.paragraphs.iter().cloned());
    ExportGuide {
        title: g.title.clone(),
        note: lines.join("\n"),
        steps: g
            .steps
            .iter()
            .map(|s| ExportStep {
                title: s.title.clone(),
                where_: if s.panel_only {
                    format!(
                        "{} (sign-in: follow it yourself; Waymark never touches sign-in pages)",
                        site_of(g, s)
                    )
                } else {
                    site_of(g, s)
                },
                instruction: s.instruction.clone(),
                warning: s.warning.clone(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------
// The engine side
// ---------------------------------------------------------------------------

impl Engine {
    /// Handle `open-code`, `start-shared`, `share`, `record-*` and `export`.
    /// A refused request answers `error` and changes nothing: every check
    /// runs before the first change.
    pub(super) fn share_message(&mut self, msg: FromPanel) -> Vec<Effect> {
        let result = match msg {
            FromPanel::OpenCode { code, .. } => self.open_code(&code).map(|()| None),
            FromPanel::StartShared { .. } => self.start_shared().map(|()| None),
            FromPanel::Share {
                guide,
                from_step,
                note,
                ..
            } => self
                .share_code(&guide, from_step.as_deref(), &note)
                .map(Some),
            FromPanel::RecordStart { .. } => self.record_start().map(|()| None),
            FromPanel::RecordStop { .. } => self.record_stop().map(|()| None),
            FromPanel::RecordEdit { edit, .. } => self.record_edit(&edit).map(|()| None),
            FromPanel::Export {
                guide,
                format,
                screenshots,
                ..
            } => self.export_output(&guide, format, &screenshots).map(Some),
            // Only the kinds above are routed here.
            _ => Err("That request is not about sharing.".to_string()),
        };
        let mut effects = Vec::new();
        match result {
            Ok(output) => {
                self.refresh(None, &mut effects);
                effects.extend(output.map(Effect::ToPanel));
            }
            Err(message) => effects.push(Effect::ToPanel(ToPanel::Error {
                waymark: PROTOCOL_VERSION,
                message,
            })),
        }
        effects
    }

    /// The seam for screenshots: the web layer (or panel) may capture the
    /// highlighted steps itself and pass them here as PNG data URLs, one per
    /// step (`None` where there is none). The engine never takes any.
    pub fn export(
        &mut self,
        guide: &str,
        format: ExportFormat,
        screenshots: &[Option<String>],
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        match self.export_output(guide, format, screenshots) {
            Ok(out) => {
                self.refresh(None, &mut effects);
                effects.push(Effect::ToPanel(out));
            }
            Err(message) => effects.push(Effect::ToPanel(ToPanel::Error {
                waymark: PROTOCOL_VERSION,
                message,
            })),
        }
        effects
    }

    /// The snapshot the engine would persist now (tests compare it).
    #[cfg(test)]
    pub fn snapshot(&self) -> String {
        json::to_string(&self.state)
    }

    fn not_recording(&self) -> Result<(), String> {
        if self.state.share.recording_active {
            Err("Stop recording first: Waymark records or guides, not both at once.".to_string())
        } else {
            Ok(())
        }
    }

    /// `start` from the panel: a built-in guide ends any shared run (it is
    /// no longer "shared"); `shared` restarts the shared guide.
    pub(super) fn start_from_panel(&mut self, id: &str) -> Result<(), String> {
        self.not_recording()?;
        if id == SHARED_ID {
            let Some(run) = self.state.share.run.clone().filter(|r| r.guide == id) else {
                return Err("No shared guide is open: paste its code first.".to_string());
            };
            return self.start_run(run);
        }
        self.start(id)?;
        self.state.share.end_run();
        Ok(())
    }

    /// `restart`: a shared guide restarts where its code starts.
    pub(super) fn restart_from_panel(&mut self) -> Result<(), String> {
        self.not_recording()?;
        let active = self.state.active.as_ref().map(|a| a.guide.clone());
        match self.state.share.run.clone() {
            Some(run) if Some(&run.guide) == active.as_ref() => self.start_run(run),
            _ => self.restart(),
        }
    }

    /// `stop`: a stopped shared guide is no longer running; its preview is gone.
    pub(super) fn stop_from_panel(&mut self) -> Result<(), String> {
        self.stop()?;
        self.state.share.end_run();
        Ok(())
    }

    fn builtin(&self, id: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.id == id)
    }

    /// A decoded code's built-in guide and starting step must exist here.
    fn check_builtin(&self, id: &str, from_step: Option<&str>) -> Result<usize, ShareError> {
        let g = self
            .builtin(id)
            .ok_or_else(|| ShareError::UnknownGuide(id.to_string()))?;
        match from_step {
            None => Ok(0),
            Some(s) => g
                .steps
                .iter()
                .position(|st| st.id == s)
                .ok_or_else(|| ShareError::UnknownGuide(format!("{id}/{s}"))),
        }
    }

    fn open_code(&mut self, code: &str) -> Result<(), String> {
        let shared = share::decode(code).map_err(|e| e.to_string())?;
        match &shared {
            SharedGuide::Builtin {
                guide_id,
                from_step,
                ..
            } => {
                self.check_builtin(guide_id, from_step.as_deref())
                    .map_err(|e| e.to_string())?;
            }
            SharedGuide::Recorded(r) => {
                recorded_to_guide(r)?;
            }
        }
        self.state.share.preview = Some(shared);
        self.state.notice = None;
        Ok(())
    }

    fn start_shared(&mut self) -> Result<(), String> {
        self.not_recording()?;
        let Some(preview) = self.state.share.preview.clone() else {
            return Err("Open a share code first: paste it and press Open.".to_string());
        };
        let guide = match &preview {
            SharedGuide::Builtin { guide_id, .. } => guide_id.clone(),
            SharedGuide::Recorded(_) => SHARED_ID.to_string(),
        };
        self.start_run(SharedRun {
            guide,
            source: preview,
        })?;
        self.state.share.preview = None;
        Ok(())
    }

    /// Start (or restart) a shared guide: a built-in one at the code's
    /// starting step, a recorded one at its first step.
    fn start_run(&mut self, run: SharedRun) -> Result<(), String> {
        let from = match &run.source {
            SharedGuide::Builtin {
                guide_id,
                from_step,
                ..
            } => self
                .check_builtin(guide_id, from_step.as_deref())
                .map_err(|e| e.to_string())?,
            SharedGuide::Recorded(_) => 0,
        };
        let derived = match &run.source {
            SharedGuide::Recorded(r) => Some(recorded_to_guide(r)?),
            SharedGuide::Builtin { .. } => None,
        };
        let before = self.state.share.clone();
        self.state.share.guide = derived;
        self.state.share.run = Some(run.clone());
        if let Err(e) = self.start(&run.guide) {
            self.state.share = before;
            return Err(e);
        }
        if from > 0 {
            // Steps before the code's starting step are shown as skipped, so
            // progress reads "Step 3 of 6" exactly as in the built-in guide.
            if let Some(a) = self.state.active.as_mut() {
                for (i, r) in a.steps.iter_mut().enumerate() {
                    r.status = if i < from {
                        StepStatus::Skipped
                    } else {
                        StepStatus::Todo
                    };
                    r.evidence.clear();
                }
                a.current = from.min(a.steps.len());
            }
            self.state.seq += 1;
            self.state.notice = None;
            self.begin_step();
            self.settle(None);
        }
        Ok(())
    }

    /// The names on the engineer's screen that a recording must not carry:
    /// everything read from the account menu so far.
    fn sync_secrets(&mut self) {
        let mut s = self.state.share.secrets.clone();
        if let Some(acc) = &self.state.account {
            let account = acc.account.trim();
            let directory = acc.directory.trim();
            if !account.is_empty() && !s.users.iter().any(|u| u == account) {
                s.users.push(account.to_string());
            }
            if !directory.is_empty() && !s.tenants.iter().any(|t| t == directory) {
                s.tenants.push(directory.to_string());
            }
        }
        let keep_last = |v: &mut Vec<String>| {
            let extra = v.len().saturating_sub(MAX_SECRETS);
            v.drain(..extra);
        };
        keep_last(&mut s.users);
        keep_last(&mut s.tenants);
        if s == self.state.share.secrets {
            return;
        }
        if let Some(rec) = self.state.share.recording.as_mut() {
            rec.set_secrets(s.clone());
        }
        self.state.share.secrets = s;
    }

    fn record_start(&mut self) -> Result<(), String> {
        if self.state.active.is_some() {
            return Err(
                "Stop the running guide first: Waymark records or guides, not both at once."
                    .to_string(),
            );
        }
        if self.state.share.recording_active {
            return Err("Already recording.".to_string());
        }
        // A new recording replaces the previous one: "Record" means start over.
        self.state.share.secrets = KnownSecrets::default();
        self.state.share.recording = Some(Recording::default());
        self.sync_secrets();
        self.state.share.recording_active = true;
        self.state.notice =
            Some("Recording: click through the portal; each click becomes a step.".to_string());
        self.rewatch_all();
        Ok(())
    }

    fn record_stop(&mut self) -> Result<(), String> {
        if !self.state.share.recording_active {
            return Err("Waymark is not recording.".to_string());
        }
        self.sync_secrets();
        self.state.share.recording_active = false;
        let n = self
            .state
            .share
            .recording
            .as_ref()
            .map_or(0, Recording::len);
        self.state.notice = Some(format!(
            "Recording stopped: {n} step{}. Share it as a code or export it.",
            if n == 1 { "" } else { "s" }
        ));
        self.rewatch_all();
        Ok(())
    }

    /// Make every frame get a fresh watch (record mode on or off).
    fn rewatch_all(&mut self) {
        for f in &mut self.state.frames {
            f.watch = 0;
        }
    }

    fn record_edit(&mut self, edit: &RecordEdit) -> Result<(), String> {
        let Some(rec) = self.state.share.recording.as_mut() else {
            return Err("There is no recording to edit: record some steps first.".to_string());
        };
        // Edit a copy: a refused edit leaves the recording as it was.
        let mut copy = rec.clone();
        copy.apply(edit).map_err(|e| e.to_string())?;
        *rec = copy;
        Ok(())
    }

    /// A click reported in record mode (query "") becomes a step. A refusal
    /// (sign-in page, unsupported site, the same step twice) is logged and
    /// shown as the notice; recording goes on.
    pub(super) fn record_clicked(
        &mut self,
        frame: usize,
        query: &str,
        element: &ElementFacts,
        effects: &mut Vec<Effect>,
    ) {
        if !self.state.share.recording_active || !query.is_empty() {
            return;
        }
        let Some(url) = self.state.frames.get(frame).map(|f| f.url.clone()) else {
            return;
        };
        self.sync_secrets();
        let Some(rec) = self.state.share.recording.as_mut() else {
            return;
        };
        match share::record_click(rec, &url, element) {
            Ok(v) => {
                self.state.notice = Some(format!(
                    "Recorded step {}: {}",
                    v.index + 1,
                    clip(&v.step.text, 80)
                ));
            }
            Err(refusal) => {
                let why = refusal.to_string();
                effects.push(Effect::Log(format!("record: {why}")));
                self.state.notice = Some(why);
            }
        }
    }

    fn share_code(
        &mut self,
        guide: &str,
        from_step: Option<&str>,
        note: &str,
    ) -> Result<ToPanel, String> {
        let note = checked_note(note)?;
        let from_step = from_step.filter(|s| !s.is_empty());
        let mut new_recording = None;
        let shared = if guide == RECORDING_ID {
            self.sync_secrets();
            let Some(rec) = self
                .state
                .share
                .recording
                .as_ref()
                .filter(|r| !r.is_empty())
            else {
                return Err("There is no recording to share: record some steps first.".to_string());
            };
            let mut rec = rec.clone();
            if !note.is_empty() {
                // Redacted like every recorded text; kept with the recording
                // so that the panel shows what was removed.
                rec.set_note(&note).map_err(|e| e.to_string())?;
            }
            let mut g = rec.to_guide();
            if let Some(s) = from_step {
                let i = step_index(s, g.steps.len())
                    .ok_or_else(|| format!("The recording has no step '{}'.", clip(s, 40)))?;
                g.steps.drain(..i);
            }
            new_recording = Some(rec);
            SharedGuide::Recorded(g)
        } else if guide == SHARED_ID {
            let Some(SharedGuide::Recorded(mut g)) = self
                .state
                .share
                .run
                .as_ref()
                .filter(|r| r.guide == SHARED_ID)
                .map(|r| r.source.clone())
            else {
                return Err("No shared guide is open.".to_string());
            };
            if !note.is_empty() {
                g.note = note;
            }
            if let Some(s) = from_step {
                let i = step_index(s, g.steps.len())
                    .ok_or_else(|| format!("The shared guide has no step '{}'.", clip(s, 40)))?;
                g.steps.drain(..i);
            }
            SharedGuide::Recorded(g)
        } else {
            let Some(g) = self.builtin(guide) else {
                return Err(format!("There is no guide '{}'.", clip(guide, 60)));
            };
            if let Some(s) = from_step {
                if !g.steps.iter().any(|st| st.id == s) {
                    return Err(format!(
                        "The guide '{}' has no step '{}'.",
                        g.id,
                        clip(s, 40)
                    ));
                }
            }
            SharedGuide::Builtin {
                guide_id: g.id.clone(),
                from_step: from_step.map(str::to_string),
                note,
            }
        };
        let code =
            share::encode(&shared).map_err(|e| format!("Waymark could not make a code: {e}"))?;
        if let Some(rec) = new_recording {
            self.state.share.recording = Some(rec);
        }
        Ok(ToPanel::Output {
            waymark: PROTOCOL_VERSION,
            format: "code".to_string(),
            filename: String::new(),
            content: code,
        })
    }

    fn export_output(
        &mut self,
        guide: &str,
        format: ExportFormat,
        screenshots: &[Option<String>],
    ) -> Result<ToPanel, String> {
        let export = if guide == RECORDING_ID {
            self.sync_secrets();
            let Some(rec) = self
                .state
                .share
                .recording
                .as_ref()
                .filter(|r| !r.is_empty())
            else {
                return Err("There is no recording to export: record some steps first.".to_string());
            };
            ExportGuide::from_recorded(&rec.to_guide())
        } else if guide == SHARED_ID {
            match self.state.share.run.as_ref().map(|r| &r.source) {
                Some(SharedGuide::Recorded(g)) => ExportGuide::from_recorded(g),
                Some(SharedGuide::Builtin { guide_id, note, .. }) => {
                    let Some(g) = self.builtin(guide_id) else {
                        return Err("No shared guide is open.".to_string());
                    };
                    export_builtin(g, note)
                }
                None => return Err("No shared guide is open.".to_string()),
            }
        } else {
            let Some(g) = self.builtin(guide) else {
                return Err(format!("There is no guide '{}'.", clip(guide, 60)));
            };
            export_builtin(g, &self.state.share.note(guide))
        };
        let (format, ext, content) = match format {
            ExportFormat::Markdown => ("markdown", "md", share::to_markdown(&export)),
            ExportFormat::Html => ("html", "html", share::to_html(&export, screenshots)),
        };
        Ok(ToPanel::Output {
            waymark: PROTOCOL_VERSION,
            format: format.to_string(),
            filename: format!("waymark-{guide}.{ext}"),
            content,
        })
    }

    /// The panel's preview of the opened code.
    pub(super) fn share_preview(&self) -> Option<SharePreview> {
        match self.state.share.preview.as_ref()? {
            SharedGuide::Builtin {
                guide_id,
                from_step,
                note,
            } => {
                let g = self.builtin(guide_id)?;
                let from = self
                    .check_builtin(guide_id, from_step.as_deref())
                    .unwrap_or(0);
                Some(SharePreview {
                    title: g.title.clone(),
                    note: note.clone(),
                    steps: g
                        .steps
                        .iter()
                        .enumerate()
                        .map(|(i, s)| StepView {
                            id: s.id.clone(),
                            title: s.title.clone(),
                            instruction: s.instruction.clone(),
                            site: site_of(g, s),
                            status: if i < from { "skipped" } else { "todo" }.to_string(),
                            evidence: format!("Waiting for: {}", s.waits_for),
                            panel_only: s.panel_only,
                            warning: s.warning.clone(),
                        })
                        .collect(),
                })
            }
            SharedGuide::Recorded(r) => Some(SharePreview {
                title: if r.title.trim().is_empty() {
                    "Shared steps".to_string()
                } else {
                    r.title.clone()
                },
                note: r.note.clone(),
                steps: r
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| StepView {
                        id: step_id(i),
                        title: s.text.clone(),
                        instruction: if s.label.is_empty() {
                            "Will highlight the element the sender clicked.".to_string()
                        } else {
                            format!("Will highlight \u{201c}{}\u{201d}.", s.label)
                        },
                        site: clip(&format!("{}{}", s.host, s.path), 120),
                        status: "todo".to_string(),
                        evidence: String::new(),
                        panel_only: false,
                        warning: None,
                    })
                    .collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::RecordedLocator;

    fn step(host: &str, path: &str, name: &str) -> RecordedStep {
        RecordedStep {
            host: host.into(),
            path: path.into(),
            text: share::default_step_text(name),
            label: name.into(),
            locator: RecordedLocator {
                tag: "a".into(),
                role: "link".into(),
                name: name.into(),
                text: name.into(),
                attrs: Default::default(),
            },
        }
    }

    #[test]
    fn match_values_keep_literal_pieces_of_redacted_text() {
        assert_eq!(match_value("Start free").as_deref(), Some("Start free"));
        assert_eq!(
            match_value("Open [user] profile settings").as_deref(),
            Some("profile settings")
        );
        assert_eq!(match_value("[user]"), None);
        assert_eq!(match_value("  "), None);
    }

    #[test]
    fn pages_match_other_sandboxes_locales_and_tenant_prefixes() {
        use crate::recognise::url_matches;
        use crate::url::parse;
        let p = page_for(
            "p1".into(),
            &step("sandbox-3.reactblade.portal.azure.net", "/", "Users"),
        );
        assert!(url_matches(
            &p,
            &parse("https://sandbox-9.reactblade.portal.azure.net/?x=1"),
            false
        ));
        assert!(!url_matches(
            &p,
            &parse("https://sandbox-9.reactblade-ms.portal.azure.net/"),
            false
        ));
        let p = page_for(
            "p1".into(),
            &step("azure.microsoft.com", "/en-us/free/", "Start free"),
        );
        assert!(url_matches(
            &p,
            &parse("https://azure.microsoft.com/de-de/free"),
            true
        ));
        assert!(!url_matches(
            &p,
            &parse("https://azure.microsoft.com/en-us/pricing/"),
            true
        ));
        let p = page_for(
            "p1".into(),
            &step(
                "portal.azure.com",
                "/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview",
                "Users",
            ),
        );
        for ok in [
            "https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview",
            "https://portal.azure.com/#@fabrikam.onmicrosoft.com/view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview",
        ] {
            assert!(url_matches(&p, &parse(ok), true), "{ok}");
        }
        assert!(!url_matches(
            &p,
            &parse("https://portal.azure.com/#home"),
            true
        ));
        let p = page_for(
            "p1".into(),
            &step(
                "portal.azure.com",
                "/#@[tenant]/resource/subscriptions/[id]/overview",
                "Overview",
            ),
        );
        assert!(url_matches(
            &p,
            &parse("https://portal.azure.com/#@fabrikam.onmicrosoft.com/resource/subscriptions/0000/overview"),
            true
        ));
    }

    #[test]
    fn selectors_are_escaped_and_avoid_container_tags() {
        let mut s = step("portal.azure.com", "/", "Users");
        s.locator.tag = "div".into();
        s.locator.role = "menuitem".into();
        s.locator
            .attrs
            .insert("data-automation-id".into(), "a\"b\\c".into());
        let l = locators_for(&s);
        assert_eq!(l[0].selector, "[role=\"menuitem\"]");
        assert_eq!(l[0].role, "menuitem");
        assert_eq!(
            l[1].selector,
            "[role=\"menuitem\"][data-automation-id=\"a\\\"b\\\\c\"]"
        );
        let mut s = step("portal.azure.com", "/", "");
        s.locator.name.clear();
        s.locator.text.clear();
        s.locator.tag = "1x".into();
        s.locator.role.clear();
        let l = locators_for(&s);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].by, Strategy::Css);
        assert_eq!(l[0].selector, "*");
    }

    #[test]
    fn a_recorded_guide_converts_into_a_valid_guide() {
        let r = RecordedGuide {
            title: String::new(),
            note: "n".into(),
            steps: vec![
                step("portal.azure.com", "/#home", "Microsoft Entra ID"),
                step("portal.azure.com", "/#home", "Users"),
                step("sandbox-1.reactblade.portal.azure.net", "/", "New user"),
                step("portal.azure.com", "/#view/UserProfileMenuBlade", "Roles"),
            ],
        };
        let g = recorded_to_guide(&r).unwrap();
        assert!(guide::validate("t", &g).is_empty());
        assert_eq!(g.id, SHARED_ID);
        assert_eq!(g.title, "Shared steps");
        assert_eq!(g.steps[0].done.len(), 1, "same page next: click only");
        assert_eq!(g.steps[1].done.len(), 1, "a blade next: click only");
        assert_eq!(g.steps[2].done.len(), 2, "next page differs: or arrival");
        assert_eq!(g.steps[2].done[1].page, "p4");
        assert_eq!(g.steps[3].done.len(), 1, "the last step: click only");
        assert_eq!(g.steps[2].id, "s3");
        // No step of the converted guide can do anything but highlight and
        // wait for evidence: no marks, no panel-only tricks, no warnings.
        assert!(g.steps.iter().all(|s| s.marks.is_empty() && !s.panel_only));
        // A recorded guide that breaks the share rules is refused.
        let mut bad = r.clone();
        bad.steps[0].host = "login.microsoftonline.com".into();
        assert!(recorded_to_guide(&bad).is_err());
    }

    #[test]
    fn step_ids_parse_within_bounds() {
        assert_eq!(step_index("s1", 3), Some(0));
        assert_eq!(step_index("s3", 3), Some(2));
        assert_eq!(step_index("s4", 3), None);
        assert_eq!(step_index("s0", 3), None);
        assert_eq!(step_index("x1", 3), None);
        assert_eq!(step_index("s99999999999999999999999", 3), None);
    }
}
