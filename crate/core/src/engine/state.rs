//! The engine's state: what it keeps between messages (`State`: frames,
//! the running guide and its step records, the account, role memory, share
//! state), the `Engine` that holds it with the guides, and the messages'
//! way out (`Effect`). Everything here is data plus lookups; the flow
//! (`flow.rs`), what frames and the panel are shown (`view.rs`), roles
//! (`roles.rs`) and share codes (`share.rs`) act on it.

use crate::guide::{Guide, Step};
use crate::protocol::{
    AccountView, ElementFacts, HelpView, Overlay, PanelView, Query, QueryResult, Text, ToPage,
    ToPanel, VerdictView, MAX_QUERY_ITEMS,
};
use crate::share::{self, recorded_to_guide, KnownSecrets, Recording, SharedGuide};
use crate::url::{self, host_matches, Parts};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

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
    serde_json::from_str(GUIDES_JSON).map_err(|e| format!("embedded guides unreadable: {e}"))
}

/// Snapshot format version: a snapshot of another version is discarded.
/// 2: frames without their queries, answers and paint.
pub(super) const SNAPSHOT_VERSION: u32 = 2;

/// Items kept per query result: enough to score, small enough to persist.
pub(super) const KEPT_ITEMS: usize = MAX_QUERY_ITEMS as usize;

/// At most this many frames are tracked per tab, and in all. A frame is
/// forgotten when its document goes (its `bye`, a new top document, a
/// failed delivery, its tab closing); past a limit the frame heard from
/// least recently is forgotten, never the newcomer: a live frame that was
/// forgotten is taken back on its next message (`from_page`). The portal
/// opens a new iframe for every blade, so a long session opens hundreds.
pub(super) const MAX_FRAMES_PER_TAB: usize = 32;
pub(super) const MAX_FRAMES: usize = 256;

/// One content script we talk to. Only who and where it is, and its watch
/// id, are persisted: its queries, answers and paint are the page's, which
/// still has them after the service worker restarts, so `restore` asks for
/// them again instead of writing every answer to storage on every message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Frame {
    pub(super) tab: i64,
    pub(super) frame: i64,
    pub(super) url: String,
    pub(super) top: bool,
    /// The document's language (`protocol::language_tag` of its `lang`;
    /// "" when it said none): what the callout and panel speak there.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(super) lang: String,
    /// The current watch's id; answers to other ids are stale.
    pub(super) watch: u32,
    #[serde(skip)]
    pub(super) queries: Vec<Query>,
    /// What `queries` were built from (`Engine::queries_key`): while it is
    /// the same, so are they, and `refresh` does not build them again on
    /// every message (issue 12: the engine's time per message).
    #[serde(skip)]
    pub(super) queries_key: Option<QueriesKey>,
    /// Latest answers to the current watch (`None` until the first one).
    #[serde(skip)]
    pub(super) results: Option<Vec<QueryResult>>,
    /// `seq` of the last Hello: evidence of arrival counts only for frames
    /// that arrived after the step became current.
    pub(super) arrived: u64,
    /// The overlay last painted, so unchanged overlays are not re-sent.
    #[serde(skip)]
    pub(super) painted: Option<Overlay>,
    /// Restored: what the page shows is unknown, so the next overlay is
    /// sent even when it is empty.
    #[serde(skip)]
    pub(super) repaint: bool,
    /// `seq` of the last message from this frame (not persisted: it would
    /// change the snapshot on every answer; `arrived` stands in after a
    /// restore). The least recent frame is forgotten first.
    #[serde(skip)]
    pub(super) heard: u64,
    /// The active blade's title this frame showed before its address last
    /// changed: until the new page's blade replaces it, that title names
    /// the previous page, and a recording must not learn it as the new
    /// page's name (`share.rs`, `learn_page_names`).
    #[serde(skip)]
    pub(super) title_before: String,
}

/// Everything a frame's queries depend on (`view.rs`, `queries_for`): its
/// URL and whether it is a top frame, its tab's top URL (role pages), and
/// the running built-in guide's step (or ending). A shared guide's run has
/// no key: its guide can be replaced under the same id, so its queries are
/// built every time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct QueriesKey {
    pub(super) url: String,
    pub(super) top: bool,
    pub(super) top_url: String,
    pub(super) guide: String,
    pub(super) current: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum StepStatus {
    #[serde(rename = "todo")]
    Todo,
    #[serde(rename = "done")]
    Done,
    #[serde(rename = "skipped")]
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StepRecord {
    pub(super) status: StepStatus,
    /// The evidence that proved it ("rows present: 34 users").
    pub(super) evidence: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Active {
    pub(super) guide: String,
    pub(super) current: usize,
    /// `seq` when the current step became current.
    pub(super) started: u64,
    pub(super) steps: Vec<StepRecord>,
    /// For `disappear` evidence: the element was seen while current.
    pub(super) seen: bool,
    /// The latest "why" (chosen target, or what to look for).
    pub(super) why: Text,
    /// Whether a frame showed the current step's page at the last paint.
    pub(super) on_page: bool,
    /// The chosen route (`[[routes]]` id); empty when the guide has none.
    #[serde(default)]
    pub(super) route: String,
    /// The admin chose the route in the panel (`choose-route`): the pages
    /// no longer choose it.
    #[serde(default)]
    pub(super) route_picked: bool,
    /// The guided journey's tabs: where the run's steps were shown or done,
    /// and tabs opened from those. Navigation and arrival evidence counts
    /// from these tabs only (from any tab while it is empty), so a stale,
    /// unrelated tab's route change proves nothing.
    #[serde(default)]
    pub(super) journey: Vec<i64>,
}

impl Active {
    pub(super) fn finished(&self) -> bool {
        self.current >= self.steps.len()
    }
}

/// Everything that survives the service worker being stopped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct State {
    pub(super) version: u32,
    /// Counts incoming messages: orders arrivals against step starts.
    pub(super) seq: u64,
    pub(super) next_watch: u32,
    pub(super) frames: Vec<Frame>,
    pub(super) active: Option<Active>,
    pub(super) account: Option<AccountView>,
    /// The signed-in account's role verdict (never someone else's).
    #[serde(default)]
    pub(super) verdict: Option<VerdictView>,
    pub(super) notice: Option<Text>,
    /// Remembered verdicts per account, someone else's reading (roles.rs).
    #[serde(default)]
    pub(super) roles: RoleMemory,
    /// Share preview, shared run and recording (share.rs).
    #[serde(default)]
    pub(super) share: ShareState,
    /// The "where I am stuck" code made or opened last, with its lines
    /// (help.rs). Persisted, so the Get help view survives the service
    /// worker being stopped; a restored code must still decode.
    #[serde(default)]
    pub(super) help: Option<HelpView>,
}

#[derive(Debug, Clone, Default)]
pub struct Engine {
    pub(super) guides: Vec<Guide>,
    pub(super) state: State,
    /// The snapshot last handed out, written with `seq` 0 (see
    /// `unstamped_snapshot`), so unchanged state is not re-persisted.
    pub(super) persisted: String,
    /// The panel view last sent, so an unchanged view is not re-sent.
    pub(super) panel_sent: Option<PanelView>,
}

/// What happened in a frame, for evidence checks that need the event itself.
pub(super) struct Click<'a> {
    /// The tab the click came from (it joins the guided journey).
    pub(super) tab: i64,
    pub(super) query: &'a str,
    pub(super) element: &'a ElementFacts,
}

/// What the engine keeps about roles (part of the persisted state).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RoleMemory {
    /// The signed-in account's verdict, per `roles::Account::key()`.
    #[serde(default, deserialize_with = "crate::protocol::unique_keys")]
    pub(super) remembered: BTreeMap<String, VerdictView>,
    /// The latest reading about someone else (or someone Waymark could not
    /// match with the account menu).
    #[serde(default)]
    pub(super) other: Option<VerdictView>,
    /// Guide E's Azure RBAC reading ("My role", rbac.rs), per account like
    /// `remembered`: `roles_read` are the roles read, `summary` the line.
    #[serde(default, deserialize_with = "crate::protocol::unique_keys")]
    pub(super) rbac: BTreeMap<String, VerdictView>,
    /// The time of the latest message, for "checked 5 minutes ago". Not
    /// persisted: it would change the snapshot on every message.
    #[serde(skip)]
    pub(super) now_ms: f64,
}

/// Everything issue 5 adds to the engine's state. Persisted with the rest of
/// `State`; the `Guide` built from a recorded code is derived, not stored,
/// so a snapshot can never hold a guide that did not come through the
/// conversion below.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShareState {
    /// A decoded, checked code waiting for `start-shared`.
    pub(super) preview: Option<SharedGuide>,
    /// The shared guide that is (or was last) running.
    pub(super) run: Option<SharedRun>,
    pub(super) recording: Option<Recording>,
    pub(super) recording_active: bool,
    /// Names already given to the recording for redaction.
    pub(super) secrets: KnownSecrets,
    /// `run`'s recorded steps as a `Guide` (id `SHARED_ID`).
    pub(super) guide: Option<Guide>,
}

/// `ShareState` as saved: every field but the derived `guide`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SavedShare<P, R, C, S> {
    #[serde(default)]
    preview: P,
    #[serde(default)]
    run: R,
    #[serde(default)]
    recording: C,
    #[serde(default)]
    recording_active: bool,
    #[serde(default)]
    secrets: S,
}

type SavedShareOwned =
    SavedShare<Option<SharedGuide>, Option<SharedRun>, Option<Recording>, KnownSecrets>;

/// Read back field by field; `guide` is not stored but derived again from
/// `run`, as `start-shared` derived it.
impl From<SavedShareOwned> for ShareState {
    fn from(s: SavedShareOwned) -> Self {
        let guide = s.run.as_ref().and_then(|r| match &r.source {
            SharedGuide::Recorded(g) => recorded_to_guide(g).ok(),
            SharedGuide::Builtin { .. } => None,
        });
        ShareState {
            preview: s.preview,
            run: s.run,
            recording: s.recording,
            recording_active: s.recording_active,
            secrets: s.secrets,
            guide,
        }
    }
}

impl<'de> Deserialize<'de> for ShareState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        SavedShareOwned::deserialize(d).map(ShareState::from)
    }
}

/// The same fields, written (`guide` is derived, see above).
impl Serialize for ShareState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SavedShare {
            preview: &self.preview,
            run: &self.run,
            recording: &self.recording,
            recording_active: self.recording_active,
            secrets: &self.secrets,
        }
        .serialize(s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SharedRun {
    /// The guide id it runs under: a built-in id, or `SHARED_ID`.
    pub(super) guide: String,
    /// The code's content: note, starting step, recorded steps.
    pub(super) source: SharedGuide,
}

/// Shared guides are persisted as their share code (a string), read back
/// with the same decoder as a pasted code: the codec is in the wasm anyway,
/// and a second JSON shape for them would be code that could disagree with
/// it. Only decoded (hence encodable) guides are stored, so the round trip
/// is exact; a code that no longer decodes makes the snapshot unreadable,
/// and the engine starts fresh.
impl Serialize for SharedGuide {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let code = share::codec::frame_unchecked(
            share::codec::FORMAT_VERSION,
            &share::codec::encode_body_unchecked(self),
        );
        s.serialize_str(&code)
    }
}

impl<'de> Deserialize<'de> for SharedGuide {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        // The refusal's kind (`malformed`): its English sentences are for
        // tests, the panel words `message()`, so the log needs no more.
        share::codec::decode(&code).map_err(|e| serde::de::Error::custom(e.kind()))
    }
}

impl Engine {
    /// The snapshot as if `seq` were 0: what decides whether to persist.
    /// `seq` ticks on every message, but only the values stamped with it
    /// (`arrived`, `started`) need saving, and they change the snapshot
    /// themselves; a restored engine counts on from the saved `seq`, which
    /// is at least every saved stamp. So a message that changed nothing
    /// else writes nothing to storage.
    pub(super) fn unstamped_snapshot(&mut self) -> String {
        let seq = std::mem::take(&mut self.state.seq);
        let text = serde_json::to_string(&self.state).unwrap_or_default();
        self.state.seq = seq;
        text
    }

    pub(super) fn state_is_sane(&self, s: &State) -> bool {
        let help_ok = s
            .help
            .as_ref()
            .is_none_or(|h| matches!(share::decode_any(&h.code), Ok(share::Code::Stuck(_))));
        help_ok
            && match &s.active {
                None => true,
                Some(a) => match self.guide(&a.guide).or_else(|| s.share.guide(&a.guide)) {
                    Some(g) => a.steps.len() == g.steps.len() && a.current <= a.steps.len(),
                    None => false,
                },
            }
    }

    pub(super) fn guide(&self, id: &str) -> Option<&Guide> {
        self.guides
            .iter()
            .find(|g| g.id == id)
            .or_else(|| self.state.share.guide(id))
    }

    /// The running guide, if any (finished or not).
    pub(super) fn running_guide(&self) -> Option<&Guide> {
        self.guide(&self.state.active.as_ref()?.guide)
    }

    /// The active guide and its current step, if a step is current.
    pub(super) fn current(&self) -> Option<(&Guide, &Active, &Step)> {
        let a = self.state.active.as_ref()?;
        let g = self.guide(&a.guide)?;
        let s = g.steps.get(a.current)?;
        Some((g, a, s))
    }

    /// The tabs that have frames, each once, in order.
    pub(super) fn tabs(&self) -> Vec<i64> {
        let mut tabs: Vec<i64> = self.state.frames.iter().map(|f| f.tab).collect();
        tabs.sort_unstable();
        tabs.dedup();
        tabs
    }

    /// The query results of `frames` (indices into `state.frames`), each
    /// with its frame's index, for scoring.
    pub(super) fn results_of(&self, frames: &[usize]) -> Vec<(usize, &QueryResult)> {
        frames
            .iter()
            .filter_map(|&i| self.state.frames.get(i).map(|f| (i, f)))
            .flat_map(|(i, f)| f.results.iter().flatten().map(move |r| (i, r)))
            .collect()
    }

    pub(super) fn frame_index(&self, tab: i64, frame: i64) -> Option<usize> {
        self.state
            .frames
            .iter()
            .position(|f| f.tab == tab && f.frame == frame)
    }

    /// The index of frame (tab, frame), tracking it if it is new. Never
    /// refuses: past a limit the least recently heard frame is forgotten
    /// (a tab's subframes before any top frame).
    pub(super) fn upsert_frame(&mut self, tab: i64, frame: i64) -> usize {
        if let Some(i) = self.frame_index(tab, frame) {
            return i;
        }
        while self.state.frames.iter().filter(|f| f.tab == tab).count() >= MAX_FRAMES_PER_TAB
            && self.evict(Some(tab))
        {}
        while self.state.frames.len() >= MAX_FRAMES && self.evict(None) {}
        self.state.frames.push(Frame {
            tab,
            frame,
            ..Default::default()
        });
        self.state.frames.len() - 1
    }

    /// Forget the least recently heard frame (of `tab`, or of any tab).
    fn evict(&mut self, tab: Option<i64>) -> bool {
        let victim = self
            .state
            .frames
            .iter()
            .enumerate()
            .filter(|(_, f)| tab.is_none_or(|t| f.tab == t))
            .min_by_key(|(_, f)| (f.frame == 0, f.heard.max(f.arrived)))
            .map(|(i, _)| i);
        match victim {
            Some(i) => {
                self.state.frames.remove(i);
                true
            }
            None => false,
        }
    }

    /// Forget a frame whose document went; the top frame's going takes the
    /// tab's subframes with it (they belonged to its document). Returns
    /// whether anything was forgotten.
    pub(super) fn forget_frame(&mut self, tab: i64, frame: i64) -> bool {
        let before = self.state.frames.len();
        self.state
            .frames
            .retain(|f| f.tab != tab || (frame != 0 && f.frame != frame));
        self.state.frames.len() != before
    }
}

/// A frame on any subdomain of the portal's blade-frame parents
/// (`share::REACTBLADE_PARENTS`, the one list of them).
pub(super) fn is_blade_frame(u: &str) -> bool {
    let host = url::parse(u).host;
    crate::share::REACTBLADE_PARENTS
        .iter()
        .any(|parent| host_matches(&format!("*.{parent}"), &host))
}

pub(super) fn is_sign_in(u: &str) -> bool {
    // Subdomains of a sign-in host are sign-in pages too.
    crate::guide::is_sign_in_host(&url::parse(u).host)
}

/// The URL to believe: the browser's, unless the page reports a URL of the
/// same scheme and host (hash routes may move before `sender.url` does). A
/// page can never claim another host.
pub(super) fn trusted_url(sender_url: &str, reported: &str) -> String {
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
pub(super) fn trim_results(mut results: Vec<QueryResult>) -> Vec<QueryResult> {
    results.truncate(64);
    for r in &mut results {
        r.items.truncate(KEPT_ITEMS);
    }
    results
}
