//! The engine: one instance for the whole browser. It receives messages from
//! content scripts (with the browser-supplied tab and frame ids) and from the
//! side panel, and returns effects for the web layer to carry out. It never
//! touches the DOM, the network or storage itself.
//!
//! Every message runs the same cycle: update state from the message, settle
//! the flow (complete steps whose evidence is now present), then bring every
//! frame up to date: a new `Watch` where its questions changed, a `Paint`
//! where its overlay changed, the panel's state when it changed, and a
//! `Persist` snapshot when anything did.

use crate::guide::{EvidenceKind, Guide, GuideKind, Page, Step, BUILT_IN_IDS};
use crate::json::{self, json_names, json_struct};
use crate::protocol::{
    AccountView, ActiveGuideView, Callout, ElementFacts, FromPage, FromPanel, GuideSummary, Mark,
    MarkKind, Overlay, PanelView, Query, QueryResult, Rejected, StepView, Target, ToPage, ToPanel,
    VerdictView, MAX_QUERY_ITEMS, PROTOCOL_VERSION,
};
use crate::recognise::{marker_queries, page_state, query_for, url_matches, PageState};
use crate::roles::AccountSourceKind;
use crate::score::{locator_match, present, score, Verdict};
use crate::text::clip;
use crate::url::{self, host_matches, Parts};

mod roles;
// Share codes, recording and export (issue 5).
mod share;

#[cfg(test)]
mod roles_tests;
#[cfg(test)]
mod share_tests;
#[cfg(test)]
mod tests;

/// Something the web layer must do on the engine's behalf.
// Effects live for one call and are few; boxing `ToPage` would only add an
// allocation per message and change the web layer's pattern matches.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Send to one frame's content script (`tabs.sendMessage(tab, msg, {frameId})`).
    ToFrame { tab: i64, frame: i64, msg: ToPage },
    /// Send to the side panel(s).
    ToPanel(ToPanel),
    /// Save this snapshot (`storage.session`); restored with `Engine::restore`.
    Persist(String),
    /// Write to the console: a rejected message, a recovered error.
    Log(String),
}

/// Where a page message came from, as the browser reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub tab: i64,
    pub frame: i64,
    /// The frame's URL as the browser reports it (`sender.url`).
    pub url: String,
}

/// The built-in guides, validated by build.rs and embedded as JSON.
pub(crate) const GUIDES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/guides.json"));

/// Parse the embedded guides. build.rs validated them, so this only fails
/// if the build itself is broken; the engine then runs with no guides and
/// says so in the log rather than panicking.
pub fn built_in_guides() -> Result<Vec<Guide>, String> {
    json::from_str(GUIDES_JSON).map_err(|e| format!("embedded guides unreadable: {e}"))
}

/// Snapshot format version: a snapshot of another version is discarded.
/// 2: frames without their queries, answers and paint.
const SNAPSHOT_VERSION: u32 = 2;

// The Azure portal's account menu: its hosts and selectors are defined once,
// in roles/sources.rs (`AccountSourceKind::AzurePortalAvatarMenu`); the
// engine asks them under its own ids, one item each (`account_menu_queries`).
const ACCOUNT_USER_QUERY: &str = "acct/user";
const ACCOUNT_TENANT_QUERY: &str = "acct/tenant";
/// The account menu's flyout (MeControl inside `.fxs-mecontrol-flyout`):
/// display name and e-mail. clarkio/azure-mask blurs
/// `.fxs-mecontrol-flyout` and `#mectrl_currentAccount_secondary` ("user
/// account dropdown email address"); MeControl puts the display name in
/// `#mectrl_currentAccount_primary` above it. Read whether the flyout is
/// open or not (a closed flyout's text is still its text); absent until the
/// portal renders it, and then the profile match says it could not tell.
const ACCOUNT_FLYOUT_NAME_QUERY: &str = "acct/flyout-name";
const ACCOUNT_FLYOUT_EMAIL_QUERY: &str = "acct/flyout-email";

/// Items kept per query result: enough to score, small enough to persist.
const KEPT_ITEMS: usize = MAX_QUERY_ITEMS as usize;
/// At most this many frames are tracked (a hostile page could open many).
const MAX_FRAMES: usize = 200;

/// One content script we talk to. Only who and where it is, and its watch
/// id, are persisted: its queries, answers and paint are the page's, which
/// still has them after the service worker restarts, so `restore` asks for
/// them again instead of writing every answer to storage on every message.
#[derive(Debug, Clone, Default, PartialEq)]
struct Frame {
    tab: i64,
    frame: i64,
    url: String,
    top: bool,
    /// The current watch's id; answers to other ids are stale.
    watch: u32,
    queries: Vec<Query>,
    /// Latest answers to the current watch (`None` until the first one).
    results: Option<Vec<QueryResult>>,
    /// `seq` of the last Hello: evidence of arrival counts only for frames
    /// that arrived after the step became current.
    arrived: u64,
    /// The overlay last painted, so unchanged overlays are not re-sent.
    painted: Option<Overlay>,
    /// Restored: what the page shows is unknown, so the next overlay is
    /// sent even when it is empty.
    repaint: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StepStatus {
    Todo,
    Done,
    Skipped,
}

#[derive(Debug, Clone, PartialEq)]
struct StepRecord {
    status: StepStatus,
    /// The evidence that proved it ("rows present: 34 users").
    evidence: String,
}

#[derive(Debug, Clone, PartialEq)]
struct Active {
    guide: String,
    current: usize,
    /// `seq` when the current step became current.
    started: u64,
    steps: Vec<StepRecord>,
    /// For `disappear` evidence: the element was seen while current.
    seen: bool,
    /// The latest "why" (chosen target, or what to look for).
    why: String,
    /// Whether a frame showed the current step's page at the last paint.
    on_page: bool,
}

json_struct!(Frame {
    tab,
    frame,
    url,
    top,
    watch,
    queries: transient,
    results: transient,
    arrived,
    painted: transient,
    repaint: transient,
});
json_names!(StepStatus { Todo = "todo", Done = "done", Skipped = "skipped" });
json_struct!(StepRecord { status, evidence });
json_struct!(Active {
    guide,
    current,
    started,
    steps,
    seen,
    why,
    on_page
});

impl Active {
    fn finished(&self) -> bool {
        self.current >= self.steps.len()
    }
}

/// Everything that survives the service worker being stopped.
#[derive(Debug, Clone, Default, PartialEq)]
struct State {
    version: u32,
    /// Counts incoming messages: orders arrivals against step starts.
    seq: u64,
    next_watch: u32,
    frames: Vec<Frame>,
    active: Option<Active>,
    account: Option<AccountView>,
    /// The signed-in account's role verdict (never someone else's).
    verdict: Option<VerdictView>,
    notice: Option<String>,
    /// Remembered verdicts per account, someone else's reading (roles.rs).
    roles: crate::engine::roles::RoleMemory,
    /// Share preview, shared run and recording (share.rs).
    share: share::ShareState,
}

json_struct!(State {
    version,
    seq,
    next_watch,
    frames,
    active,
    account,
    verdict: default,
    notice,
    roles: default,
    share: default,
});

#[derive(Debug, Clone, Default)]
pub struct Engine {
    guides: Vec<Guide>,
    state: State,
    /// The snapshot last handed out, written with `seq` 0 (see
    /// `unstamped_snapshot`), so unchanged state is not re-persisted.
    persisted: String,
    /// The panel view last sent, so an unchanged view is not re-sent.
    panel_sent: Option<PanelView>,
}

/// What happened in a frame, for evidence checks that need the event itself.
struct Click<'a> {
    query: &'a str,
    element: &'a ElementFacts,
}

impl Engine {
    /// A fresh engine, or one restored from a `Persist` snapshot. A snapshot
    /// that cannot be read gives a fresh engine and a `Log` explaining why.
    pub fn restore(snapshot: Option<&str>) -> (Engine, Vec<Effect>) {
        let mut effects = Vec::new();
        let guides = match built_in_guides() {
            Ok(g) => g,
            Err(e) => {
                effects.push(Effect::Log(e));
                Vec::new()
            }
        };
        let fresh = State {
            version: SNAPSHOT_VERSION,
            next_watch: 1,
            ..Default::default()
        };
        let mut engine = Engine {
            guides,
            state: fresh.clone(),
            persisted: String::new(),
            panel_sent: None,
        };
        if let Some(text) = snapshot {
            match json::from_str::<State>(text) {
                Ok(s) if s.version == SNAPSHOT_VERSION && engine.state_is_sane(&s) => {
                    engine.state = s;
                    engine.persisted = engine.unstamped_snapshot();
                    engine.rewatch(&mut effects);
                }
                Ok(s) if s.version != SNAPSHOT_VERSION => effects.push(Effect::Log(format!(
                    "snapshot version {} ignored (expected {SNAPSHOT_VERSION}); starting fresh",
                    s.version
                ))),
                Ok(_) => effects.push(Effect::Log(
                    "snapshot refers to an unknown guide or step; starting fresh".to_string(),
                )),
                Err(e) => effects.push(Effect::Log(format!(
                    "snapshot unreadable ({e}); starting fresh"
                ))),
            }
        }
        (engine, effects)
    }

    /// After a restore: ask every frame again for its answers, under the
    /// watch id it already has, so that an answer or a click sent before the
    /// restart still counts; its overlay is sent afresh once it answers.
    fn rewatch(&mut self, effects: &mut Vec<Effect>) {
        let record = self.state.share.recording();
        for i in 0..self.state.frames.len() {
            let queries = self.queries_for(&self.state.frames[i]);
            let f = &mut self.state.frames[i];
            f.repaint = true;
            f.queries = queries.clone();
            if f.watch != 0 {
                effects.push(Effect::ToFrame {
                    tab: f.tab,
                    frame: f.frame,
                    msg: ToPage::Watch {
                        waymark: PROTOCOL_VERSION,
                        id: f.watch,
                        queries,
                        record,
                    },
                });
            }
        }
    }

    /// The snapshot as if `seq` were 0: what decides whether to persist.
    /// `seq` ticks on every message, but only the values stamped with it
    /// (`arrived`, `started`) need saving, and they change the snapshot
    /// themselves; a restored engine counts on from the saved `seq`, which
    /// is at least every saved stamp. So a message that changed nothing
    /// else writes nothing to storage.
    fn unstamped_snapshot(&mut self) -> String {
        let seq = std::mem::take(&mut self.state.seq);
        let text = json::to_string(&self.state);
        self.state.seq = seq;
        text
    }

    fn state_is_sane(&self, s: &State) -> bool {
        match &s.active {
            None => true,
            Some(a) => match self.guide(&a.guide).or_else(|| s.share.guide(&a.guide)) {
                Some(g) => a.steps.len() == g.steps.len() && a.current <= a.steps.len(),
                None => false,
            },
        }
    }

    fn guide(&self, id: &str) -> Option<&Guide> {
        self.guides
            .iter()
            .find(|g| g.id == id)
            .or_else(|| self.state.share.guide(id))
    }

    /// The active guide and its current step, if a step is current.
    fn current(&self) -> Option<(&Guide, &Active, &Step)> {
        let a = self.state.active.as_ref()?;
        let g = self.guide(&a.guide)?;
        let s = g.steps.get(a.current)?;
        Some((g, a, s))
    }

    // ------------------------------------------------------------------
    // Content scripts
    // ------------------------------------------------------------------

    /// Handle one content-script message (already size-checked JSON text).
    pub fn from_page(&mut self, sender: &Sender, json: &str, now_ms: f64) -> Vec<Effect> {
        let msg = match FromPage::parse(json) {
            Ok(msg) => msg,
            Err(Rejected(reason)) => {
                return vec![Effect::Log(format!("page message rejected: {reason}"))]
            }
        };
        self.tick(now_ms);
        let mut effects = Vec::new();
        let mut force_paint = None;
        match msg {
            FromPage::Hello { url, top, .. } => {
                let url = trusted_url(&sender.url, &url);
                if is_sign_in(&url) {
                    // content.js refuses to run there; never answer one anyway.
                    return vec![Effect::Log("hello from a sign-in page ignored".to_string())];
                }
                self.state.seq += 1;
                let seq = self.state.seq;
                let idx = self.upsert_frame(sender.tab, sender.frame);
                let Some(idx) = idx else {
                    return vec![Effect::Log(format!(
                        "too many frames tracked ({MAX_FRAMES}); hello ignored"
                    ))];
                };
                if let Some(f) = self.state.frames.get_mut(idx) {
                    f.url = url;
                    f.top = top;
                    f.arrived = seq;
                    f.results = None;
                    f.queries = Vec::new();
                    f.watch = 0;
                    f.painted = None;
                }
                force_paint = Some((sender.tab, sender.frame));
                self.settle(None);
            }
            FromPage::Observed { watch, results, .. } => {
                let Some(idx) = self.frame_index(sender.tab, sender.frame) else {
                    return vec![Effect::Log(format!(
                        "observed from unknown frame {}:{} ignored",
                        sender.tab, sender.frame
                    ))];
                };
                if self.state.frames.get(idx).map(|f| f.watch) != Some(watch) {
                    return vec![Effect::Log(format!("stale watch {watch} ignored"))];
                }
                self.state.seq += 1;
                let results = trim_results(results);
                if let Some(f) = self.state.frames.get_mut(idx) {
                    f.results = Some(results);
                }
                self.read_account(idx, now_ms);
                self.read_roles(sender.tab, now_ms);
                self.settle(None);
            }
            FromPage::Clicked {
                watch,
                query,
                element,
                ..
            } => {
                let Some(idx) = self.frame_index(sender.tab, sender.frame) else {
                    return vec![Effect::Log(format!(
                        "click from unknown frame {}:{} ignored",
                        sender.tab, sender.frame
                    ))];
                };
                if self.state.frames.get(idx).map(|f| f.watch) != Some(watch) {
                    return vec![Effect::Log(format!(
                        "click for stale watch {watch} ignored"
                    ))];
                }
                self.state.seq += 1;
                self.record_clicked(idx, &query, &element, &mut effects);
                self.settle(Some(Click {
                    query: &query,
                    element: &element,
                }));
            }
            FromPage::PaintStatus { .. } => {
                // Informational: the content script follows re-rendered
                // targets itself; a lost target is re-found by the next
                // Observed, which carries the new facts.
                return Vec::new();
            }
        }
        self.refresh(force_paint, &mut effects);
        effects
    }

    fn frame_index(&self, tab: i64, frame: i64) -> Option<usize> {
        self.state
            .frames
            .iter()
            .position(|f| f.tab == tab && f.frame == frame)
    }

    fn upsert_frame(&mut self, tab: i64, frame: i64) -> Option<usize> {
        if let Some(i) = self.frame_index(tab, frame) {
            return Some(i);
        }
        if self.state.frames.len() >= MAX_FRAMES {
            return None;
        }
        self.state.frames.push(Frame {
            tab,
            frame,
            ..Default::default()
        });
        Some(self.state.frames.len() - 1)
    }

    /// Read the signed-in account and directory from the portal's account
    /// menu answers of frame `idx`.
    fn read_account(&mut self, idx: usize, now_ms: f64) {
        let Some(f) = self.state.frames.get(idx) else {
            return;
        };
        let Some(results) = &f.results else {
            return;
        };
        let read = |id: &str| -> String {
            results
                .iter()
                .find(|r| r.id == id)
                .and_then(|r| r.items.first())
                .map(|e| {
                    if e.text.trim().is_empty() {
                        e.name.trim()
                    } else {
                        e.text.trim()
                    }
                })
                .unwrap_or("")
                .to_string()
        };
        let account = read(ACCOUNT_USER_QUERY);
        let directory = read(ACCOUNT_TENANT_QUERY);
        if account.is_empty() && directory.is_empty() {
            return;
        }
        // The flyout's display name counts only when its e-mail is the
        // account the top bar shows (never another account's name).
        let flyout_email = read(ACCOUNT_FLYOUT_EMAIL_QUERY);
        let flyout_name = read(ACCOUNT_FLYOUT_NAME_QUERY);
        let display_name = if !flyout_email.is_empty()
            && flyout_email.to_lowercase() == account.to_lowercase()
            && flyout_name != flyout_email
        {
            flyout_name
        } else {
            String::new()
        };
        let host = url::parse(&f.url).host;
        let unchanged = self.state.account.as_ref().is_some_and(|a| {
            a.account == account && a.directory == directory && a.display_name == display_name
        });
        if !unchanged {
            self.state.account = Some(AccountView {
                account,
                directory,
                display_name,
                read_on: host,
                read_at_ms: now_ms,
            });
        }
    }

    /// A tab was closed or navigated away from a supported site.
    pub fn tab_gone(&mut self, tab: i64) -> Vec<Effect> {
        let before = self.state.frames.len();
        self.state.frames.retain(|f| f.tab != tab);
        if self.state.frames.len() == before {
            return Vec::new();
        }
        let mut effects = Vec::new();
        self.refresh(None, &mut effects);
        effects
    }

    // ------------------------------------------------------------------
    // Side panel
    // ------------------------------------------------------------------

    /// Handle one side-panel message.
    pub fn from_panel(&mut self, json: &str, now_ms: f64) -> Vec<Effect> {
        let msg = match FromPanel::parse(json) {
            Ok(msg) => msg,
            Err(Rejected(reason)) => {
                return vec![Effect::Log(format!("panel message rejected: {reason}"))]
            }
        };
        self.tick(now_ms);
        let result = match msg {
            FromPanel::GetState { .. } => {
                self.panel_sent = None;
                Ok(())
            }
            FromPanel::Start { guide, .. } => self.start_from_panel(&guide),
            FromPanel::Back { .. } => self.back(),
            FromPanel::Skip { .. } => self.skip(),
            FromPanel::Restart { .. } => self.restart_from_panel(),
            FromPanel::Stop { .. } => self.stop_from_panel(),
            // Role reading lives in roles.rs.
            FromPanel::RecheckRole { .. } => {
                self.recheck_role(now_ms);
                Ok(())
            }
            // Share codes, recording and export answer with their own
            // effects (an `output` besides the state): share.rs.
            msg @ (FromPanel::OpenCode { .. }
            | FromPanel::StartShared { .. }
            | FromPanel::Share { .. }
            | FromPanel::RecordStart { .. }
            | FromPanel::RecordStop { .. }
            | FromPanel::RecordEdit { .. }
            | FromPanel::Export { .. }) => return self.share_message(msg),
        };
        let mut effects = Vec::new();
        match result {
            Ok(()) => self.refresh(None, &mut effects),
            Err(message) => effects.push(Effect::ToPanel(ToPanel::Error {
                waymark: PROTOCOL_VERSION,
                message,
            })),
        }
        effects
    }

    fn start(&mut self, id: &str) -> Result<(), String> {
        let Some(g) = self.guide(id) else {
            return Err(format!("There is no guide '{}'.", clip(id, 60)));
        };
        let steps = vec![
            StepRecord {
                status: StepStatus::Todo,
                evidence: String::new(),
            };
            g.steps.len()
        ];
        let guide = g.id.clone();
        self.state.seq += 1;
        self.state.active = Some(Active {
            guide,
            current: 0,
            started: self.state.seq,
            steps,
            seen: false,
            why: String::new(),
            on_page: false,
        });
        self.state.notice = None;
        self.settle(None);
        Ok(())
    }

    fn back(&mut self) -> Result<(), String> {
        let Some(a) = self.state.active.as_mut() else {
            return Err("No guide is running.".to_string());
        };
        if a.current == 0 {
            return Err("This is already the first step.".to_string());
        }
        a.current -= 1;
        if let Some(r) = a.steps.get_mut(a.current) {
            r.status = StepStatus::Todo;
            r.evidence.clear();
        }
        self.state.seq += 1;
        self.begin_step();
        self.state.notice = None;
        Ok(())
    }

    fn skip(&mut self) -> Result<(), String> {
        let Some(a) = self.state.active.as_mut() else {
            return Err("No guide is running.".to_string());
        };
        if a.finished() {
            return Err("The guide is finished: nothing to skip.".to_string());
        }
        if let Some(r) = a.steps.get_mut(a.current) {
            r.status = StepStatus::Skipped;
            r.evidence.clear();
        }
        a.current += 1;
        self.state.seq += 1;
        self.begin_step();
        self.settle(None);
        Ok(())
    }

    fn restart(&mut self) -> Result<(), String> {
        let Some(id) = self.state.active.as_ref().map(|a| a.guide.clone()) else {
            return Err("No guide is running.".to_string());
        };
        self.start(&id)
    }

    fn stop(&mut self) -> Result<(), String> {
        if self.state.active.take().is_none() {
            return Err("No guide is running.".to_string());
        }
        self.state.notice = Some("Guide stopped.".to_string());
        Ok(())
    }

    /// The current step has just changed: reset per-step bookkeeping.
    fn begin_step(&mut self) {
        let seq = self.state.seq;
        let finished = match self.state.active.as_mut() {
            Some(a) => {
                a.started = seq;
                a.seen = false;
                a.why.clear();
                a.finished()
            }
            None => false,
        };
        if finished {
            self.state.notice = Some("Guide finished.".to_string());
        }
    }

    // ------------------------------------------------------------------
    // Flow: complete steps on evidence
    // ------------------------------------------------------------------

    /// Complete the current step while its evidence is present, advancing
    /// through as many steps as one event proves (A1's "the sign-up site
    /// opened" is also A2's "signed in: back on the sign-up site").
    fn settle(&mut self, click: Option<Click<'_>>) {
        let mut click = click;
        let limit = self
            .state
            .active
            .as_ref()
            .map(|a| a.steps.len())
            .unwrap_or(0);
        for _ in 0..=limit {
            let Some(evidence) = self.evidence_for_current(click.as_ref()) else {
                break;
            };
            // A click proves one step only; the next step needs its own.
            click = None;
            let Some(a) = self.state.active.as_mut() else {
                break;
            };
            if let Some(r) = a.steps.get_mut(a.current) {
                r.status = StepStatus::Done;
                r.evidence = evidence;
            }
            a.current += 1;
            self.begin_step();
        }
    }

    /// The evidence text if the current step is proven now, else `None`.
    fn evidence_for_current(&mut self, click: Option<&Click<'_>>) -> Option<String> {
        let (g, a, step) = self.current()?;
        let started = a.started;
        let mut seen = a.seen;
        let mut proof = None;
        for (i, e) in step.done.iter().enumerate() {
            let describe = if e.describe.is_empty() {
                step.waits_for.clone()
            } else {
                e.describe.clone()
            };
            let found = match e.on {
                EvidenceKind::Click => {
                    click.and_then(|c| self.click_matches(step, c)).map(|name| {
                        if name.is_empty() {
                            describe.clone()
                        } else {
                            format!("{describe}: clicked '{name}'")
                        }
                    })
                }
                EvidenceKind::Navigate => self
                    .arrival(g, e, started, None)
                    .map(|host| format!("{describe} ({host})")),
                EvidenceKind::Leave => {
                    let own: Vec<&str> = step
                        .pages
                        .iter()
                        .filter_map(|p| g.page(p))
                        .flat_map(|p| p.hosts.iter().map(String::as_str))
                        .collect();
                    self.arrival(g, e, started, Some(&own))
                        .map(|host| format!("{describe} ({host})"))
                }
                EvidenceKind::Appear => {
                    (self.evidence_count(g, step, i, e, true) > 0).then(|| describe.clone())
                }
                EvidenceKind::Disappear => {
                    let n = self.evidence_count(g, step, i, e, true);
                    if n > 0 {
                        seen = true;
                        None
                    } else if seen {
                        Some(describe.clone())
                    } else {
                        None
                    }
                }
                EvidenceKind::Rows => {
                    let n = self.evidence_count(g, step, i, e, false);
                    let min = e.min.max(1) as usize;
                    (n >= min).then(|| {
                        let noun = if e.noun.is_empty() { "rows" } else { &e.noun };
                        format!("{describe}: {n} {noun}")
                    })
                }
            };
            if found.is_some() {
                proof = found;
                break;
            }
        }
        if let Some(a) = self.state.active.as_mut() {
            a.seen = seen;
        }
        proof
    }

    /// A click proves the step when it hit one of the step's own target
    /// queries and the element still matches that locator. Returns the
    /// element's name (for the evidence text).
    fn click_matches(&self, step: &Step, c: &Click<'_>) -> Option<String> {
        let prefix = format!("t/{}/", step.id);
        let i: usize = c.query.strip_prefix(&prefix)?.parse().ok()?;
        let l = step.target.get(i)?;
        locator_match(l, c.element)?;
        let label = if c.element.name.is_empty() {
            &c.element.text
        } else {
            &c.element.name
        };
        Some(clip(label, 80))
    }

    /// A frame that arrived since the step started and is on `e.page`
    /// (markers confirmed) or one of `e.hosts`: returns its host.
    fn arrival(
        &self,
        g: &Guide,
        e: &crate::guide::Evidence,
        started: u64,
        not_hosts: Option<&[&str]>,
    ) -> Option<String> {
        self.state.frames.iter().find_map(|f| {
            if f.arrived < started {
                return None;
            }
            let parts = url::parse(&f.url);
            let page_ok = !e.page.is_empty()
                && g.page(&e.page).is_some_and(|p| {
                    page_state(p, &parts, f.top, f.results.as_deref()) == PageState::Confirmed
                });
            let host_ok = e.hosts.iter().any(|h| host_matches(h, &parts.host))
                && not_hosts.is_none_or(|own| !own.iter().any(|h| host_matches(h, &parts.host)));
            (page_ok || host_ok).then_some(parts.host)
        })
    }

    /// appear / disappear / rows: visible matches (or the total count, for
    /// rows) of evidence `i` across frames on the evidence's pages.
    fn evidence_count(
        &self,
        g: &Guide,
        step: &Step,
        i: usize,
        e: &crate::guide::Evidence,
        visible_only: bool,
    ) -> usize {
        let Some(l) = &e.locator else {
            return 0;
        };
        let pages = if e.pages.is_empty() {
            &step.pages
        } else {
            &e.pages
        };
        let id = evidence_id(step, i);
        let mut total = 0usize;
        for f in &self.state.frames {
            let parts = url::parse(&f.url);
            let on = pages
                .iter()
                .filter_map(|p| g.page(p))
                .any(|p| url_matches(p, &parts, f.top));
            if !on {
                continue;
            }
            let Some(r) = f
                .results
                .as_ref()
                .and_then(|rs| rs.iter().find(|r| r.id == id))
            else {
                continue;
            };
            total += if visible_only {
                usize::from(present(l, r))
            } else {
                r.count as usize
            };
        }
        total
    }

    // ------------------------------------------------------------------
    // Bringing frames and the panel up to date
    // ------------------------------------------------------------------

    /// The questions frame `f` should keep answering.
    fn queries_for(&self, f: &Frame) -> Vec<Query> {
        let parts = url::parse(&f.url);
        let mut out = Vec::new();
        if f.top && account_menu_queries(&parts.host, &mut out) {
            for (id, selector) in [
                (
                    ACCOUNT_FLYOUT_NAME_QUERY,
                    ".fxs-mecontrol-flyout #mectrl_currentAccount_primary",
                ),
                (
                    ACCOUNT_FLYOUT_EMAIL_QUERY,
                    ".fxs-mecontrol-flyout #mectrl_currentAccount_secondary",
                ),
            ] {
                out.push(Query {
                    id: id.to_string(),
                    selector: selector.to_string(),
                    within: None,
                    text_any: Vec::new(),
                    limit: 1,
                    report_clicks: false,
                });
            }
        }
        // Role pages are read whether or not a guide runs (roles.rs).
        out.extend(self.role_queries(f));
        let Some((g, _, step)) = self.current() else {
            return out;
        };
        let matching: Vec<&Page> = g
            .pages
            .iter()
            .filter(|p| !p.sign_in && url_matches(p, &parts, f.top))
            .collect();
        for p in &matching {
            out.extend(marker_queries(p));
        }
        if step.panel_only {
            return out;
        }
        let on_step = matching.iter().any(|p| step.pages.contains(&p.id));
        if on_step {
            for (i, l) in step.target.iter().enumerate() {
                out.push(query_for(target_id(step, i), l, 10, true));
            }
            for (i, m) in step.marks.iter().enumerate() {
                out.push(query_for(mark_id(step, i), &m.locator, 3, false));
            }
        }
        for (i, e) in step.done.iter().enumerate() {
            let Some(l) = &e.locator else {
                continue;
            };
            let pages = if e.pages.is_empty() {
                &step.pages
            } else {
                &e.pages
            };
            if matching.iter().any(|p| pages.contains(&p.id)) {
                let limit = if e.on == EvidenceKind::Rows { 1 } else { 3 };
                out.push(query_for(evidence_id(step, i), l, limit, false));
            }
        }
        out
    }

    /// Is frame `f` showing one of the current step's pages (URL matches and
    /// markers do not say otherwise)?
    fn on_step(g: &Guide, step: &Step, f: &Frame) -> bool {
        let parts = url::parse(&f.url);
        step.pages.iter().filter_map(|p| g.page(p)).any(|p| {
            !p.sign_in
                && matches!(
                    page_state(p, &parts, f.top, f.results.as_deref()),
                    PageState::Confirmed | PageState::Pending
                )
        })
    }

    /// The overlay of every frame, tab by tab; also returns the "why".
    fn overlays(&self) -> (Vec<Overlay>, String, bool) {
        let mut out = vec![Overlay::default(); self.state.frames.len()];
        let Some((g, a, step)) = self.current() else {
            return (out, String::new(), false);
        };
        if step.panel_only {
            return (out, String::new(), false);
        }
        let mut tabs: Vec<i64> = self.state.frames.iter().map(|f| f.tab).collect();
        crate::sort::sort_by(&mut tabs, |a, b| a < b);
        tabs.dedup();
        let step_key = format!("{}/{}", g.id, step.id);
        let progress = format!("Step {} of {}", a.current + 1, a.steps.len());
        let mut why_all = String::new();
        let mut any_on_page = false;
        for tab in tabs {
            let on: Vec<usize> = self
                .state
                .frames
                .iter()
                .enumerate()
                .filter(|(_, f)| f.tab == tab && Self::on_step(g, step, f))
                .map(|(i, _)| i)
                .collect();
            if on.is_empty() {
                continue;
            }
            any_on_page = true;
            let results: Vec<(usize, &QueryResult)> = on
                .iter()
                .filter_map(|&i| self.state.frames.get(i).map(|f| (i, f)))
                .flat_map(|(i, f)| f.results.iter().flatten().map(move |r| (i, r)))
                .collect();
            let Verdict { winner, why } = score(
                &step.target,
                &results,
                |i| target_id(step, i),
                &step.look_for,
            );
            let callout = Callout {
                step: step_key.clone(),
                title: step.title.clone(),
                text: step.instruction.clone(),
                warning: step.warning.clone(),
                progress: progress.clone(),
                why: why.clone(),
            };
            let callout_frame = match &winner {
                Some(w) => w.source,
                None => on
                    .iter()
                    .copied()
                    .find(|&i| self.state.frames.get(i).is_some_and(|f| f.top))
                    .or_else(|| on.first().copied())
                    .unwrap_or(0),
            };
            if let Some(o) = out.get_mut(callout_frame) {
                o.callout = Some(callout);
                if let Some(w) = &winner {
                    o.target = Some(Target {
                        step: step_key.clone(),
                        query: w.query.clone(),
                        fingerprint: w.fingerprint.clone(),
                    });
                }
            }
            // Marks (B2's "do not fill in this form") wherever found.
            for &i in &on {
                let Some(f) = self.state.frames.get(i) else {
                    continue;
                };
                for (mi, m) in step.marks.iter().enumerate() {
                    let id = mark_id(step, mi);
                    let Some(r) = f.results.iter().flatten().find(|r| r.id == id) else {
                        continue;
                    };
                    let Some(e) = r
                        .items
                        .iter()
                        .find(|e| e.visible && locator_match(&m.locator, e).is_some())
                    else {
                        continue;
                    };
                    if let Some(o) = out.get_mut(i) {
                        o.marks.push(Mark {
                            query: id.clone(),
                            fingerprint: crate::score::fingerprint(&m.locator, e, &r.items),
                            kind: MarkKind::DoNotUse,
                            text: m.text.clone(),
                            verdict: None,
                        });
                    }
                }
            }
            if why_all.is_empty() || winner.is_some() {
                why_all = why;
            }
        }
        (out, why_all, any_on_page)
    }

    /// Send new watches, paints, panel state and snapshot as needed.
    fn refresh(&mut self, force_paint: Option<(i64, i64)>, effects: &mut Vec<Effect>) {
        // Watches.
        for i in 0..self.state.frames.len() {
            let Some(f) = self.state.frames.get(i) else {
                continue;
            };
            let queries = self.queries_for(f);
            let is_new = f.watch == 0;
            if !is_new && queries == f.queries {
                continue;
            }
            let id = self.state.next_watch.max(1);
            self.state.next_watch = id.wrapping_add(1).max(1);
            if let Some(f) = self.state.frames.get_mut(i) {
                f.watch = id;
                f.queries = queries.clone();
                f.results = None;
                effects.push(Effect::ToFrame {
                    tab: f.tab,
                    frame: f.frame,
                    msg: ToPage::Watch {
                        waymark: PROTOCOL_VERSION,
                        id,
                        queries,
                        record: self.state.share.recording(),
                    },
                });
            }
        }
        // Paints.
        let (mut overlays, why, on_page) = self.overlays();
        // Roles are read on role pages whether or not a guide runs (the panel
        // shows the verdict), but the page itself is only annotated while a
        // guide runs: a page Waymark does not guide carries no Waymark marker
        // (the foundation's public contract).
        if self.state.active.is_some() {
            self.add_verdict_marks(&mut overlays);
        }
        if let Some(a) = self.state.active.as_mut() {
            a.why = why;
            a.on_page = on_page;
        }
        for (f, overlay) in self.state.frames.iter_mut().zip(overlays) {
            // A restored frame is repainted once its answers are back.
            let forced =
                force_paint == Some((f.tab, f.frame)) || (f.repaint && f.results.is_some());
            if forced {
                f.repaint = false;
            }
            if !forced && f.painted.as_ref() == Some(&overlay) {
                continue;
            }
            // A frame that never had anything painted needs no empty paint.
            if !forced && f.painted.is_none() && overlay == Overlay::default() {
                f.painted = Some(overlay);
                continue;
            }
            f.painted = Some(overlay.clone());
            effects.push(Effect::ToFrame {
                tab: f.tab,
                frame: f.frame,
                msg: ToPage::Paint {
                    waymark: PROTOCOL_VERSION,
                    overlay,
                },
            });
        }
        // Panel.
        let view = self.view();
        if self.panel_sent.as_ref() != Some(&view) {
            self.panel_sent = Some(view.clone());
            effects.push(Effect::ToPanel(ToPanel::State {
                waymark: PROTOCOL_VERSION,
                view: Box::new(view),
            }));
        }
        // Snapshot.
        let unstamped = self.unstamped_snapshot();
        if unstamped != self.persisted {
            self.persisted = unstamped;
            effects.push(Effect::Persist(json::to_string(&self.state)));
        }
    }

    /// The side panel's whole view.
    pub fn view(&self) -> PanelView {
        let guides = BUILT_IN_IDS
            .iter()
            .filter_map(|id| self.guide(id))
            .map(|g| GuideSummary {
                id: g.id.clone(),
                title: g.title.clone(),
                summary: g.summary.clone(),
            })
            .collect();
        let active = self.state.active.as_ref().and_then(|a| {
            let g = self.guide(&a.guide)?;
            Some(self.active_view(g, a))
        });
        PanelView {
            guides,
            active,
            account: self.state.account.clone(),
            verdict: self.state.verdict.clone(),
            other_verdict: self.other_verdict(),
            preview: self.share_preview(),
            recording: self.state.share.recording_view(),
            notice: self.state.notice.clone(),
        }
    }

    fn active_view(&self, g: &Guide, a: &Active) -> ActiveGuideView {
        let steps: Vec<StepView> = g
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let record = a.steps.get(i);
                let status = match record.map(|r| r.status) {
                    Some(StepStatus::Done) => "done",
                    Some(StepStatus::Skipped) => "skipped",
                    _ if i == a.current => "current",
                    _ => "todo",
                };
                let evidence = match record {
                    Some(r) if r.status == StepStatus::Done => r.evidence.clone(),
                    _ => format!("Waiting for: {}", s.waits_for),
                };
                StepView {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    instruction: s.instruction.clone(),
                    site: site_of(g, s),
                    status: status.to_string(),
                    evidence,
                    panel_only: s.panel_only,
                    warning: s.warning.clone(),
                }
            })
            .collect();
        let finished = a.finished();
        let progress = if finished {
            "Done".to_string()
        } else {
            format!("Step {} of {}", a.current + 1, a.steps.len())
        };
        let status = match g.steps.get(a.current) {
            None => "Guide finished.".to_string(),
            Some(s) if s.panel_only => format!(
                "Follow this step in the panel: Waymark does not touch {}. Waiting for: {}",
                site_of(g, s),
                s.waits_for
            ),
            Some(s) if !a.on_page => format!(
                "Open {} to continue. Waiting for: {}",
                site_of(g, s),
                s.waits_for
            ),
            Some(s) if a.why == s.look_for => format!("Not found on this page: {}", s.look_for),
            Some(s) => format!("Waiting for: {}", s.waits_for),
        };
        let mut paragraphs = g.paragraphs.clone();
        if g.kind == GuideKind::Explanation {
            paragraphs.push(match &self.state.account {
                Some(acc) if !acc.directory.is_empty() => format!(
                    "Right now you are signed in as {} in the directory \"{}\" (read on {}): a subscription you create now lands in \"{}\".",
                    if acc.account.is_empty() { "(unknown account)" } else { &acc.account },
                    acc.directory,
                    acc.read_on,
                    acc.directory
                ),
                _ => "Open the Azure portal (portal.azure.com) and Waymark shows which directory you are signed in to: that is where a new subscription lands.".to_string(),
            });
        }
        let (role_check, role_check_verdict) = self.role_check(g);
        ActiveGuideView {
            id: g.id.clone(),
            title: g.title.clone(),
            shared: self.state.share.is_shared(&g.id),
            note: self.state.share.note(&g.id),
            precondition: g.precondition.clone(),
            role_check,
            role_check_verdict,
            caveats: g.caveats.clone(),
            paragraphs,
            steps,
            current: a.current.min(a.steps.len()) as u32,
            progress,
            finished,
            status,
        }
    }
}

fn target_id(step: &Step, i: usize) -> String {
    format!("t/{}/{i}", step.id)
}

fn mark_id(step: &Step, i: usize) -> String {
    format!("k/{}/{i}", step.id)
}

fn evidence_id(step: &Step, i: usize) -> String {
    format!("e/{}/{i}", step.id)
}

/// The Azure portal's account menu queries (user, tenant) under the
/// engine's ids, if `host` shows that menu; true when it does.
fn account_menu_queries(host: &str, out: &mut Vec<Query>) -> bool {
    let Some(menu) = crate::roles::account_sources()
        .iter()
        .find(|a| a.kind == AccountSourceKind::AzurePortalAvatarMenu)
        .filter(|m| m.hosts.iter().any(|h| host_matches(h, host)))
    else {
        return false;
    };
    for spec in menu.queries {
        let id = match spec.id {
            crate::roles::query_ids::Q_ACCOUNT_AZURE_USER => ACCOUNT_USER_QUERY,
            crate::roles::query_ids::Q_ACCOUNT_AZURE_TENANT => ACCOUNT_TENANT_QUERY,
            _ => continue,
        };
        out.push(Query {
            id: id.to_string(),
            limit: 1,
            ..spec.to_query()
        });
    }
    true
}

/// The hosts of a step's main page, for the panel ("portal.azure.com").
fn site_of(g: &Guide, s: &Step) -> String {
    s.pages
        .first()
        .and_then(|p| g.page(p))
        .map(|p| p.hosts.join(", "))
        .unwrap_or_default()
}

/// A frame on any subdomain of the portal's blade-frame parents
/// (`share::REACTBLADE_PARENTS`, the one list of them).
fn is_blade_frame(u: &str) -> bool {
    let host = url::parse(u).host;
    crate::share::REACTBLADE_PARENTS
        .iter()
        .any(|parent| host_matches(&format!("*.{parent}"), &host))
}

fn is_sign_in(u: &str) -> bool {
    // Subdomains of a sign-in host are sign-in pages too.
    crate::guide::is_sign_in_host(&url::parse(u).host)
}

/// The URL to believe: the browser's, unless the page reports a URL of the
/// same scheme and host (hash routes may move before `sender.url` does). A
/// page can never claim another host.
fn trusted_url(sender_url: &str, reported: &str) -> String {
    if sender_url.is_empty() {
        return reported.to_string();
    }
    let s: Parts = url::parse(sender_url);
    let r: Parts = url::parse(reported);
    if !s.host.is_empty() && s.host == r.host && s.scheme == r.scheme {
        reported.to_string()
    } else {
        sender_url.to_string()
    }
}

/// Keep results small enough to score and persist.
fn trim_results(mut results: Vec<QueryResult>) -> Vec<QueryResult> {
    results.truncate(64);
    for r in &mut results {
        r.items.truncate(KEPT_ITEMS);
    }
    results
}
