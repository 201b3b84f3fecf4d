//! The message protocol between the engine (background), the content script
//! (one per frame) and the side panel. Every message is a JSON object with a
//! `"waymark"` protocol version and a `"kind"`. The JavaScript sides only ever
//! build or read these shapes; the engine is the only place that gives them
//! meaning. See ARCHITECTURE.md, "Message protocol".
//!
//! Design rules:
//! - The content script holds no guide knowledge. The engine tells it which
//!   generic queries to keep answering (`Watch`), and what to paint (`Paint`).
//! - Element facts never carry form values: no `value`, no typed text.
//! - Unknown kinds, unknown fields and oversized input are rejected with a
//!   reason; a rejected message changes no state.

use super::json::{self, json_names, json_struct, json_tagged};

/// Bumped whenever a message shape changes incompatibly.
pub const PROTOCOL_VERSION: u32 = 1;

/// The largest message the engine accepts from a page or the panel (bytes of
/// JSON). Anything larger is rejected before parsing.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;

/// The largest `export` message with screenshots the engine accepts from the
/// panel (bytes of JSON). Only an `export` may be larger than
/// `MAX_MESSAGE_BYTES`.
pub const MAX_EXPORT_MESSAGE_BYTES: usize = 24 * 1024 * 1024;

/// At most this many screenshots in one `export`.
pub const MAX_SCREENSHOTS: usize = 64;
/// Largest screenshot embedded (bytes of data URL); larger ones are left out
/// so that an export stays a reasonable ticket attachment.
pub const MAX_SCREENSHOT_BYTES: usize = 4 * 1024 * 1024;

/// Maximum items a query may ask the content script to describe.
pub const MAX_QUERY_ITEMS: u32 = 50;

// ---------------------------------------------------------------------------
// Content script -> engine
// ---------------------------------------------------------------------------

/// What a content script tells the engine. The browser-supplied sender (tab
/// id, frame id, frame URL) travels beside the message, never inside it: a
/// page cannot claim to be another tab or frame.
#[derive(Debug, Clone, PartialEq)]
pub enum FromPage {
    /// The content script started in a frame, or the frame's URL changed
    /// (hash route, history API, reload). The engine answers with `Watch`.
    Hello {
        waymark: u32,
        url: String,
        title: String,
        /// true in the tab's top frame.
        top: bool,
    },
    /// The frame's document is going (`pagehide`): forget the frame (and,
    /// for a top frame, the tab's subframes). A page restored from the
    /// back/forward cache says hello again.
    Bye { waymark: u32 },
    /// Answers to the current `Watch`, sent on start and whenever a batched
    /// DOM change alters any answer. `watch` echoes `Watch::id`, so answers
    /// to an outdated watch are ignored.
    Observed {
        waymark: u32,
        watch: u32,
        url: String,
        results: Vec<QueryResult>,
    },
    /// The user clicked (or activated with the keyboard) an element matching
    /// one of the watched queries that had `report_clicks`, or any element
    /// when recording. `query` is the matching query id ("" when recording).
    Clicked {
        waymark: u32,
        watch: u32,
        url: String,
        query: String,
        element: ElementFacts,
    },
    /// The content script could (or could no longer) place the target the
    /// engine asked for. Sent after `Paint` and when a highlighted element is
    /// replaced or removed by the page.
    PaintStatus {
        waymark: u32,
        step: String,
        status: PaintOutcome,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaintOutcome {
    /// Highlighted the element that matches the fingerprint.
    Shown,
    /// The element was re-rendered; an equal element was found again and
    /// highlighted without a round trip.
    Followed,
    /// No element in this frame matches the fingerprint (any more).
    Lost,
}

/// A generic question about the page: "which elements match this selector
/// (and, optionally, whose name or text contains one of these words)?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Engine-chosen id, echoed in `QueryResult::id`.
    pub id: String,
    /// A CSS selector evaluated with `querySelectorAll` on the frame's document.
    pub selector: String,
    /// Optional container selector: only matches inside the first element
    /// matching `within` count.
    pub within: Option<String>,
    /// Optional prefilter: keep only elements whose accessible name or visible
    /// text, lower-cased and with white space collapsed, contains one of these.
    pub text_any: Vec<String>,
    /// How many matches to describe in full (the count is always total).
    pub limit: u32,
    /// Report clicks on matching elements (click evidence).
    pub report_clicks: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueryResult {
    pub id: String,
    /// Total number of matching elements (after `text_any`).
    pub count: u32,
    /// The first `limit` matches, in document order.
    pub items: Vec<ElementFacts>,
}

/// What the content script may say about one element. Never a form value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ElementFacts {
    /// Lower-case tag name.
    pub tag: String,
    /// The explicit `role` attribute's first token, lower-case, or "". The
    /// implicit role of the tag ("button", "link", "textbox", ...) is the
    /// engine's to work out: `ElementFacts::aria_role` (`aria.rs`).
    pub role: String,
    /// Accessible name: aria-labelledby text, aria-label, alt, title,
    /// placeholder (inputs), or visible text, white space collapsed, ≤ 200 chars.
    pub name: String,
    /// Visible text (innerText-like), white space collapsed, ≤ 200 chars.
    pub text: String,
    /// A fixed allow-list of attributes: aria-label, title, href, type, name,
    /// data-automation-id, data-testid, aria-expanded, aria-selected,
    /// aria-current, class (first 200 chars). Never `value`.
    pub attrs: Attrs,
    /// Rendered (non-zero box, not display:none / visibility:hidden).
    pub visible: bool,
    /// Bounding box in the frame's viewport: [x, y, width, height].
    pub rect: [f64; 4],
    /// Position of this element among the query's matches (0-based).
    pub index: u32,
}

/// An element's allow-listed attributes by name (at most the eleven of
/// `ElementFacts::attrs`), written as a JSON object.
pub type Attrs = super::sorted_map::SortedMap<String>;

// ---------------------------------------------------------------------------
// Engine -> content script
// ---------------------------------------------------------------------------

/// What the engine tells one frame's content script.
// Short-lived, serialised at once: boxing the overlay would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ToPage {
    /// Replace the set of queries this frame answers. An empty list means
    /// "stop observing": the content script disconnects its observer.
    Watch {
        waymark: u32,
        id: u32,
        queries: Vec<Query>,
        /// Record mode: report every click's nearest interactive element.
        record: bool,
    },
    /// The complete overlay this frame should show (declarative: whatever
    /// was painted before and is not listed here is removed).
    Paint { waymark: u32, overlay: Overlay },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overlay {
    /// The element to highlight, if this frame holds it.
    pub target: Option<Target>,
    /// The callout; anchored to `target` when there is one, otherwise shown
    /// floating (for instance "look for ... instead").
    pub callout: Option<Callout>,
    /// Extra annotations anchored to other elements: a "do not fill this in"
    /// banner over a form, a role verdict badge next to a role list.
    pub marks: Vec<Mark>,
}

/// Identifies an element by the query that found it and the facts it had, so
/// that the content script can find it again after a re-render without a
/// round trip.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// "<guide-id>/<step-id>": becomes `data-waymark-target`.
    pub step: String,
    pub query: String,
    pub fingerprint: Fingerprint,
}

/// The facts an element must still have to be "the same" element.
/// Empty fields are not compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    pub tag: String,
    pub role: String,
    pub name: String,
    pub text: String,
    pub attrs: Attrs,
    /// Which of several equal matches (0-based, among equal ones).
    pub nth: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callout {
    /// "<guide-id>/<step-id>": becomes `data-waymark-step`.
    pub step: String,
    pub title: String,
    /// The instruction, shown as text (never HTML).
    pub text: String,
    pub warning: Option<String>,
    /// "Step 3 of 6".
    pub progress: String,
    /// Why this element was chosen, for the curious ("accessible name
    /// 'Start free', visible, 1 of 2 candidates"), or what to look for.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub query: String,
    pub fingerprint: Fingerprint,
    pub kind: MarkKind,
    pub text: String,
    /// For `MarkKind::Verdict`: qualifies | does-not-qualify | eligible | unknown
    /// (becomes `data-waymark-verdict`).
    pub verdict: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// A loud outline and banner: "Do not fill in this form".
    DoNotUse,
    /// A role verdict badge.
    Verdict,
}

// ---------------------------------------------------------------------------
// Side panel <-> engine
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub enum FromPanel {
    /// Ask for the current `PanelView` (sent when the panel opens).
    GetState {
        waymark: u32,
    },
    Start {
        waymark: u32,
        guide: String,
    },
    Back {
        waymark: u32,
    },
    Skip {
        waymark: u32,
    },
    Restart {
        waymark: u32,
    },
    Stop {
        waymark: u32,
    },
    /// Forget the remembered role verdict and read it again.
    RecheckRole {
        waymark: u32,
    },
    /// Follow another of the running guide's routes (`[[routes]]` id),
    /// chosen by the admin: the pages no longer choose it.
    ChooseRoute {
        waymark: u32,
        route: String,
    },
    /// Get help: make the "where I am stuck" code (browser and extension
    /// version as the panel knows them) and start the contact-support guide.
    GetHelp {
        waymark: u32,
        browser: String,
        version: String,
    },
    /// Decode a share code and show its preview (does not start it).
    OpenCode {
        waymark: u32,
        code: String,
    },
    /// Start the previewed shared guide.
    StartShared {
        waymark: u32,
    },
    /// Make a share code for a built-in or recorded guide.
    Share {
        waymark: u32,
        guide: String,
        from_step: Option<String>,
        note: String,
    },
    RecordStart {
        waymark: u32,
    },
    RecordStop {
        waymark: u32,
    },
    /// Edit the recording: set a step's text, delete or move a step.
    RecordEdit {
        waymark: u32,
        edit: RecordEdit,
    },
    /// Export a guide as Markdown or HTML. `screenshots[i]` is an optional
    /// screenshot of step i that the user took from the panel
    /// (`data:image/png;base64,...`); used by the HTML export only.
    Export {
        waymark: u32,
        guide: String,
        format: ExportFormat,
        screenshots: Vec<Option<String>>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordEdit {
    SetText { index: u32, text: String },
    Delete { index: u32 },
    Move { from: u32, to: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Html,
}

/// What the engine sends the side panel.
#[derive(Debug, Clone, PartialEq)]
pub enum ToPanel {
    /// The whole view; the panel re-renders from it (with textContent only).
    State { waymark: u32, view: Box<PanelView> },
    /// A request failed; nothing changed. `message` is for a person.
    Error { waymark: u32, message: String },
    /// A share code or an export the panel should offer to copy / save.
    Output {
        waymark: u32,
        format: String,
        filename: String,
        content: String,
    },
}

/// Everything the side panel shows, computed by the engine. The panel renders
/// it with `textContent` only; it adds no knowledge of its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PanelView {
    /// Built-in guides, each rendered with a `data-waymark-start="<id>"` control.
    pub guides: Vec<GuideSummary>,
    pub active: Option<ActiveGuideView>,
    /// The account and directory (tenant) signed in, read from a portal page.
    pub account: Option<AccountView>,
    /// The remembered role verdict for the signed-in account, if any.
    pub verdict: Option<VerdictView>,
    /// The latest reading about someone else's roles (a profile that is not
    /// the signed-in account's, or one Waymark could not match with the
    /// account menu). Never "your" verdict: shown apart, labelled with whose.
    pub other_verdict: Option<VerdictView>,
    /// A decoded share code waiting for the user to start it.
    pub preview: Option<SharePreview>,
    /// The recording in progress or just stopped.
    pub recording: Option<RecordingView>,
    /// A one-line message for the user ("Guide finished", a recovered error).
    pub notice: Option<String>,
    /// The "where I am stuck" code made by Get help, or opened from a code.
    pub help: Option<HelpView>,
}

/// A "where I am stuck" code and what it says, line by line (shown before
/// it is copied; `from_code` when it was opened rather than made here).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpView {
    pub code: String,
    pub lines: Vec<String>,
    pub from_code: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuideSummary {
    pub id: String,
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActiveGuideView {
    pub id: String,
    pub title: String,
    /// True for a guide opened from a share code or a recording.
    pub shared: bool,
    /// The sender's note for a shared guide.
    pub note: String,
    /// "Sign in as a Global Administrator or Billing Administrator ...".
    pub precondition: String,
    /// The remembered role check for the signed-in account, offered at the
    /// precondition of a guide that needs a role: "Checked 5 minutes ago on
    /// portal.azure.com: Billing Administrator — qualifies", or how to
    /// check. Empty for guides without a role precondition.
    pub role_check: String,
    /// The verdict behind `role_check` (qualifies | does-not-qualify |
    /// eligible | unknown, for `data-waymark-verdict`); empty when nothing
    /// is remembered for this account. Offer "check again" (`recheck-role`).
    pub role_check_verdict: String,
    /// Caveats ("Not for Enterprise Agreement customers", "Already have both?").
    pub caveats: Vec<String>,
    /// Free paragraphs, for explanations (guide D) rather than procedures.
    pub paragraphs: Vec<String>,
    pub steps: Vec<StepView>,
    /// Index into `steps` of the current step (== steps.len() when finished).
    pub current: u32,
    /// Who qualifies for the guide and why, from its data, with the verdict
    /// for the roles read (Guide C: each explained guide's).
    pub eligibility: Option<EligibilityView>,
    /// The guide's routes (empty: one way), the chosen one marked.
    pub routes: Vec<RouteView>,
    /// "Step 3 of 6", or "Done".
    pub progress: String,
    pub finished: bool,
    /// Once finished: what the guide verified, shown until dismissed (`stop`).
    pub ending: Option<EndingView>,
    /// What the engine is doing now: "Waiting for: the users list shows
    /// rows", "Not found on this page: look for 'Start free'".
    pub status: String,
    /// When the current step's page is open in no tab: today's address of
    /// that page (from the built-in guide's `[pages.open]`), for the panel's
    /// "Open" button. Empty otherwise, and always for shared guides.
    pub open_url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepView {
    pub id: String,
    pub title: String,
    pub instruction: String,
    /// Host(s) where the step happens, e.g. "portal.azure.com".
    pub site: String,
    /// done | current | todo | skipped
    pub status: String,
    /// For a done step: the evidence that proved it ("34 rows in the users
    /// list"). For others: what it waits for.
    pub evidence: String,
    /// Told in the panel only (sign-in pages are never touched).
    pub panel_only: bool,
    pub warning: Option<String>,
    /// Where the step's facts come from: "Microsoft Learn page title
    /// (file, date); ..." (built-in guides; empty for recorded steps).
    pub source: String,
}

/// Who qualifies for the running guide (its `[eligibility]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EligibilityView {
    pub summary: String,
    /// Each rule's "why", with its sources.
    pub rules: Vec<String>,
    /// "who: why".
    pub excluded: Vec<String>,
    /// "what: why" (not readable from the pages).
    pub unchecked: Vec<String>,
    /// The summary's sources.
    pub source: String,
    /// The verdict per guide for the signed-in account's roles: the running
    /// guide's own, or (Guide C) each guide it explains.
    pub guides: Vec<GuideVerdictView>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuideVerdictView {
    pub guide: String,
    pub title: String,
    /// qualifies | does-not-qualify | eligible | unknown
    pub verdict: String,
    pub line: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteView {
    pub id: String,
    pub title: String,
    pub chosen: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndingView {
    pub title: String,
    pub text: String,
    /// The last step's evidence ("the users list shows: 7 users ...").
    pub evidence: String,
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountView {
    pub account: String,
    pub directory: String,
    /// The account's display name, when the portal's account menu flyout
    /// (MeControl: display name above the e-mail) names it beside the
    /// sign-in name in `account`. Lets a profile that shows only a display
    /// name be recognised as the signed-in user's own.
    pub display_name: String,
    /// Host of the page it was read on.
    pub read_on: String,
    pub read_at_ms: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct VerdictView {
    /// qualifies | does-not-qualify | eligible | unknown (`data-waymark-verdict`).
    pub verdict: String,
    /// Whose roles were read ("you (kelley@contoso.com)", "Kelley Wall").
    pub whose: String,
    pub about_signed_in_user: bool,
    pub roles_read: Vec<String>,
    pub read_on: String,
    pub read_at_ms: f64,
    pub reason: String,
    pub next_action: String,
    /// One line for a badge or a heading: "Global Administrator — qualifies",
    /// "Kelley Wall: Global Administrator — qualifies (not you)".
    pub summary: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharePreview {
    pub title: String,
    pub note: String,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordingView {
    pub active: bool,
    pub steps: Vec<StepView>,
    /// What was redacted, for the engineer to check ("2 email addresses").
    pub redactions: Vec<String>,
}

// ---------------------------------------------------------------------------
// JSON shapes (see json.rs for the field modes). Unit variants and tags are
// kebab-case; a `skip` field is left out while it holds its default.
// ---------------------------------------------------------------------------

json_tagged!(FromPage, "kind" {
    Hello = "hello" { waymark, url, title, top },
    Bye = "bye" { waymark },
    Observed = "observed" { waymark, watch, url, results },
    Clicked = "clicked" { waymark, watch, url, query, element },
    PaintStatus = "paint-status" { waymark, step, status },
});
json_names!(PaintOutcome { Shown = "shown", Followed = "followed", Lost = "lost" });
json_struct!(Query {
    id,
    selector,
    within: skip,
    text_any: skip,
    limit,
    report_clicks: default
});
json_struct!(QueryResult { id, count, items });
json_struct!(ElementFacts {
    tag: default,
    role: default,
    name: default,
    text: default,
    attrs: default,
    visible: default,
    rect: default,
    index: default,
});

json_tagged!(ToPage, "kind" {
    Watch = "watch" { waymark, id, queries, record: default },
    Paint = "paint" { waymark, overlay },
});
json_struct!(Overlay {
    target: default,
    callout: default,
    marks: default
});
json_struct!(Target {
    step,
    query,
    fingerprint
});
json_struct!(Fingerprint {
    tag: default,
    role: default,
    name: default,
    text: default,
    attrs: default,
    nth: default,
});
json_struct!(Callout {
    step,
    title,
    text,
    warning: skip,
    progress,
    why: skip
});
json_struct!(Mark {
    query,
    fingerprint,
    kind,
    text,
    verdict: skip
});
json_names!(MarkKind { DoNotUse = "do-not-use", Verdict = "verdict" });

json_tagged!(FromPanel, "kind" {
    GetState = "get-state" { waymark },
    Start = "start" { waymark, guide },
    Back = "back" { waymark },
    Skip = "skip" { waymark },
    Restart = "restart" { waymark },
    Stop = "stop" { waymark },
    RecheckRole = "recheck-role" { waymark },
    ChooseRoute = "choose-route" { waymark, route },
    GetHelp = "get-help" { waymark, browser: default, version: default },
    OpenCode = "open-code" { waymark, code },
    StartShared = "start-shared" { waymark },
    Share = "share" { waymark, guide, from_step: default, note: default },
    RecordStart = "record-start" { waymark },
    RecordStop = "record-stop" { waymark },
    RecordEdit = "record-edit" { waymark, edit },
    Export = "export" { waymark, guide, format, screenshots: skip },
});
json_tagged!(RecordEdit, "op" {
    SetText = "set-text" { index, text },
    Delete = "delete" { index },
    Move = "move" { from, to },
});
json_names!(ExportFormat { Markdown = "markdown", Html = "html" });

json_tagged!(ToPanel, "kind" {
    State = "state" { waymark, view },
    Error = "error" { waymark, message },
    Output = "output" { waymark, format, filename, content },
});
json_struct!(PanelView {
    guides,
    active,
    account,
    verdict,
    other_verdict: default,
    preview,
    recording,
    notice,
    help: default,
});
json_struct!(HelpView {
    code,
    lines,
    from_code
});
json_struct!(GuideSummary { id, title, summary });
json_struct!(ActiveGuideView {
    id,
    title,
    shared,
    note,
    precondition,
    role_check: skip,
    role_check_verdict: skip,
    caveats,
    paragraphs,
    steps,
    current,
    eligibility: skip,
    routes: default,
    progress,
    finished,
    ending: skip,
    status,
    open_url: skip,
});
json_struct!(EligibilityView {
    summary,
    rules,
    excluded,
    unchecked,
    source,
    guides
});
json_struct!(GuideVerdictView {
    guide,
    title,
    verdict,
    line
});
json_struct!(RouteView { id, title, chosen });
json_struct!(EndingView {
    title,
    text,
    evidence,
    source
});
json_struct!(StepView {
    id,
    title,
    instruction,
    site,
    status,
    evidence,
    panel_only,
    warning: skip,
    source: default,
});
json_struct!(AccountView {
    account,
    directory,
    display_name: skip,
    read_on,
    read_at_ms
});
json_struct!(VerdictView {
    verdict,
    whose,
    about_signed_in_user,
    roles_read,
    read_on,
    read_at_ms,
    reason,
    next_action,
    summary: default,
});
json_struct!(SharePreview { title, note, steps });
json_struct!(RecordingView {
    active,
    steps,
    redactions
});

// ---------------------------------------------------------------------------
// Parsing with reasons
// ---------------------------------------------------------------------------

/// Why a message was rejected. Logged by the web layer; never panics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected(pub String);

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "message rejected: {}", self.0)
    }
}

fn check_size(json: &str) -> Result<(), Rejected> {
    if json.len() > MAX_MESSAGE_BYTES {
        return Err(Rejected(format!(
            "{} bytes is over the {} byte limit",
            json.len(),
            MAX_MESSAGE_BYTES
        )));
    }
    Ok(())
}

fn check_version(v: u32) -> Result<(), Rejected> {
    if v != PROTOCOL_VERSION {
        return Err(Rejected(format!(
            "protocol version {v}, expected {PROTOCOL_VERSION}"
        )));
    }
    Ok(())
}

impl FromPage {
    pub fn version(&self) -> u32 {
        match self {
            FromPage::Hello { waymark, .. }
            | FromPage::Bye { waymark }
            | FromPage::Observed { waymark, .. }
            | FromPage::Clicked { waymark, .. }
            | FromPage::PaintStatus { waymark, .. } => *waymark,
        }
    }

    /// Parse and validate a content-script message.
    pub fn parse(json: &str) -> Result<FromPage, Rejected> {
        check_size(json)?;
        let msg: FromPage =
            json::from_str(json).map_err(|e| Rejected(format!("not a page message: {e}")))?;
        check_version(msg.version())?;
        Ok(msg)
    }
}

impl FromPanel {
    pub fn version(&self) -> u32 {
        match self {
            FromPanel::GetState { waymark }
            | FromPanel::Start { waymark, .. }
            | FromPanel::Back { waymark }
            | FromPanel::Skip { waymark }
            | FromPanel::Restart { waymark }
            | FromPanel::Stop { waymark }
            | FromPanel::RecheckRole { waymark }
            | FromPanel::ChooseRoute { waymark, .. }
            | FromPanel::GetHelp { waymark, .. }
            | FromPanel::OpenCode { waymark, .. }
            | FromPanel::StartShared { waymark }
            | FromPanel::Share { waymark, .. }
            | FromPanel::RecordStart { waymark }
            | FromPanel::RecordStop { waymark }
            | FromPanel::RecordEdit { waymark, .. }
            | FromPanel::Export { waymark, .. } => *waymark,
        }
    }

    /// Parse and validate a side-panel message. Only an `export` carrying
    /// screenshots may exceed `MAX_MESSAGE_BYTES` (up to
    /// `MAX_EXPORT_MESSAGE_BYTES`); each screenshot must be a PNG data URL
    /// under `MAX_SCREENSHOT_BYTES`.
    pub fn parse(json: &str) -> Result<FromPanel, Rejected> {
        let big = json.len() > MAX_MESSAGE_BYTES;
        if big && (json.len() > MAX_EXPORT_MESSAGE_BYTES || !json.contains("\"screenshots\"")) {
            check_size(json)?;
        }
        let msg: FromPanel =
            json::from_str(json).map_err(|e| Rejected(format!("not a panel message: {e}")))?;
        check_version(msg.version())?;
        match &msg {
            FromPanel::Export { screenshots, .. } => check_screenshots(screenshots)?,
            _ if big => check_size(json)?,
            _ => {}
        }
        Ok(msg)
    }
}

fn check_screenshots(shots: &[Option<String>]) -> Result<(), Rejected> {
    if shots.len() > MAX_SCREENSHOTS {
        return Err(Rejected(format!(
            "{} screenshots, at most {MAX_SCREENSHOTS}",
            shots.len()
        )));
    }
    for (i, s) in shots.iter().enumerate() {
        let Some(s) = s else { continue };
        if !s.starts_with("data:image/png;base64,") {
            return Err(Rejected(format!(
                "screenshot {} is not a PNG data URL",
                i + 1
            )));
        }
        if s.len() > MAX_SCREENSHOT_BYTES {
            return Err(Rejected(format!(
                "screenshot {} is {} bytes, over the {MAX_SCREENSHOT_BYTES} byte limit",
                i + 1,
                s.len()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_round_trips() {
        let json = r#"{"waymark":1,"kind":"hello","url":"https://portal.azure.com/#home","title":"Home","top":true}"#;
        let msg = FromPage::parse(json).unwrap();
        assert!(matches!(msg, FromPage::Hello { top: true, .. }));
    }

    #[test]
    fn rejects_unknown_kind_unknown_field_wrong_version_and_oversize() {
        assert!(FromPage::parse(r#"{"waymark":1,"kind":"nope"}"#).is_err());
        assert!(FromPage::parse(
            r#"{"waymark":1,"kind":"hello","url":"u","title":"t","top":true,"extra":1}"#
        )
        .is_err());
        let e = FromPage::parse(r#"{"waymark":2,"kind":"hello","url":"u","title":"t","top":true}"#)
            .unwrap_err();
        assert!(e.0.contains("version 2"));
        let big = format!(
            "{{\"waymark\":1,\"kind\":\"hello\",\"url\":\"{}\",\"title\":\"\",\"top\":true}}",
            "a".repeat(MAX_MESSAGE_BYTES)
        );
        assert!(FromPage::parse(&big).unwrap_err().0.contains("limit"));
        assert!(FromPanel::parse("[]").is_err());
        assert!(FromPanel::parse(r#"{"waymark":1,"kind":"start"}"#).is_err());
    }

    #[test]
    fn export_screenshots_are_png_data_urls_and_capped() {
        let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==";
        let ok = format!(
            r#"{{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":["{png}",null]}}"#
        );
        match FromPanel::parse(&ok).unwrap() {
            FromPanel::Export { screenshots, .. } => {
                assert_eq!(screenshots, vec![Some(png.to_string()), None])
            }
            m => panic!("{m:?}"),
        }
        // Without screenshots: as before.
        assert!(FromPanel::parse(
            r#"{"waymark":1,"kind":"export","guide":"g","format":"markdown"}"#
        )
        .is_ok());
        let js = r#"{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":["javascript:alert(1)"]}"#;
        assert!(FromPanel::parse(js).unwrap_err().0.contains("PNG"));
        // A big export with screenshots passes the message limit ...
        let big = format!(
            "data:image/png;base64,iVBORw0KGgo{}",
            "A".repeat(MAX_MESSAGE_BYTES)
        );
        let msg = format!(
            r#"{{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":["{big}"]}}"#
        );
        assert!(FromPanel::parse(&msg).is_ok());
        // ... but no other big panel message does, nor an oversized screenshot.
        let note = format!(
            r#"{{"waymark":1,"kind":"share","guide":"screenshots","note":"{}"}}"#,
            "a".repeat(MAX_MESSAGE_BYTES)
        );
        assert!(FromPanel::parse(&note).unwrap_err().0.contains("limit"));
        let huge = format!("data:image/png;base64,{}", "A".repeat(MAX_SCREENSHOT_BYTES));
        let msg = format!(
            r#"{{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":["{huge}"]}}"#
        );
        assert!(FromPanel::parse(&msg).unwrap_err().0.contains("limit"));
        let many = vec!["null"; MAX_SCREENSHOTS + 1].join(",");
        let msg = format!(
            r#"{{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":[{many}]}}"#
        );
        assert!(FromPanel::parse(&msg).is_err());
    }

    #[test]
    fn element_facts_have_no_value_field() {
        // A page message carrying a form value is malformed, not ignored.
        let json = r#"{"waymark":1,"kind":"clicked","watch":1,"url":"u","query":"q","element":{"tag":"input","value":"secret"}}"#;
        assert!(FromPage::parse(json).is_err());
    }
}
