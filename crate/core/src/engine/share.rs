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
//! every frame's watch simple (account queries plus `record: true`, and in
//! a portal top frame its blade titles, `recording_queries`).
//!
//! Inert by construction: a recorded step becomes a `Guide` step whose only
//! powers are the built-in ones (find an element by role+name, aria-label,
//! text or a stable attribute, on a page of a supported site; complete on a
//! click on it or on arriving at the next step's page). There is no field
//! through which a code could navigate, fill, click or submit.

use super::state::{Effect, Engine, Frame, ShareState, SharedRun, StepStatus};
use super::view::step_hosts;
use crate::guide::Guide;
use crate::protocol::{
    msg, ElementFacts, ExportFormat, ExportWords, FromPanel, OutputFormat, Query, QueryResult,
    RecordEdit, RecordingView, SharePreview, StepView, StepViewStatus, Text, ToPanel,
    PROTOCOL_VERSION,
};
use crate::share::error::field_text;
use crate::share::to_guide::{recorded_to_guide, step_id, step_index, SHARED_ID};
use crate::share::{
    self, model::is_forbidden_char, model::MAX_NOTE, ExportGuide, ExportStep, KnownSecrets,
    RecordedGuide, RecordedStep, Recording, Redaction, RedactionKind, ShareError, SharedGuide,
};
use crate::text::clip;

/// The id the panel uses for the recording (`share`, `export`).
pub const RECORDING_ID: &str = "recording";

/// How many names (accounts, directories) are kept for redaction: the
/// account menu rarely changes; a cap keeps a hostile page from growing it.
const MAX_SECRETS: usize = 8;

/// While recording, the titles of a portal page's blades
/// (`learn_page_names`).
pub(super) const BLADE_TITLES_QUERY: &str = "rec/blade-titles";

/// The blades open in the portal's journey (`.fxs-journey`, public page
/// structure; brief §3), in document order: the last is the active blade.
/// Context panes (`.fxs-contextpane`, a "Notifications" or "Change the
/// directory" pane) are blades too, with titles that name no resource: only
/// the journey's count.
const BLADE_TITLES: &str = ".fxs-journey .fxs-blade-title-titleText";

/// Where the portal shell (its blades and their titles) runs.
const SHELL_HOSTS: [&str; 2] = ["portal.azure.com", "entra.microsoft.com"];

/// The active blade's title among a frame's answers: the last visible one.
pub(super) fn active_blade_title(results: &[QueryResult]) -> Option<&str> {
    results
        .iter()
        .find(|r| r.id == BLADE_TITLES_QUERY)?
        .items
        .iter()
        .rev()
        .find(|e| e.visible)
        .map(|e| {
            if e.text.trim().is_empty() {
                e.name.trim()
            } else {
                e.text.trim()
            }
        })
        .filter(|t| !t.is_empty())
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

    /// The running shared guide `id`'s recorded steps, if it was recorded.
    pub fn recorded(&self, id: &str) -> Option<&RecordedGuide> {
        match self
            .run
            .as_ref()
            .filter(|r| r.guide == id)
            .map(|r| &r.source)
        {
            Some(SharedGuide::Recorded(g)) => Some(g),
            _ => None,
        }
    }

    /// Step `index` of the running shared guide `id`, if it was recorded.
    pub fn recorded_step(&self, id: &str, index: usize) -> Option<&RecordedStep> {
        self.recorded(id)?.steps.get(index)
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
                    // The step's instruction, which the panel lets the
                    // engineer rewrite; the label is what it highlights.
                    title: v.step.instruction(),
                    instruction: v.step.label.as_str().into(),
                    site: v.step.host.clone(),
                    status: StepViewStatus::Done,
                    evidence: v.step.path.clone().into(),
                    panel_only: false,
                    warning: None,
                    source: String::new(),
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

/// What the panel lists about redaction: a headline that counts the values
/// removed ("Redacted: 2 user names, 1 resource group": each value once,
/// however many fields and steps held it), then one line per kind
/// with where ("Email addresses removed from step 1 name, step 3 path").
fn redaction_summary(all: &[(Option<usize>, Redaction)]) -> Vec<Text> {
    let mut counts: Vec<Text> = Vec::new();
    for (kind, id) in REDACTION_WORDS {
        // Each value once, however many fields and steps showed it (a
        // recording from before value keys counts each field).
        let mut keys: Vec<u32> = Vec::new();
        let mut unkeyed = 0;
        for (_, r) in all.iter().filter(|(_, r)| r.kind == kind) {
            if r.key == 0 {
                unkeyed += 1;
            } else if !keys.contains(&r.key) {
                keys.push(r.key);
            }
        }
        let n = keys.len() + unkeyed;
        if n > 0 {
            counts.push(msg(&format!("redactCount{id}"), [n.into()]));
        }
    }
    let mut out = Vec::new();
    if !counts.is_empty() {
        out.push(msg("redactedHeadline", [Text::List(counts)]));
    }
    out.extend(redaction_lines(all));
    out
}

/// Each kind of redaction and its messages' suffix (`redactCount<suffix>`:
/// "2 email addresses", `redactFrom<suffix>`: "Email addresses removed
/// from ...").
const REDACTION_WORDS: [(RedactionKind, &str); 8] = [
    (RedactionKind::Email, "Email"),
    (RedactionKind::Guid, "Guid"),
    (RedactionKind::TenantDomain, "TenantDomain"),
    (RedactionKind::Tenant, "Tenant"),
    (RedactionKind::UserName, "UserName"),
    (RedactionKind::Subscription, "Subscription"),
    (RedactionKind::ResourceGroup, "ResourceGroup"),
    (RedactionKind::Resource, "Resource"),
];

/// One line per kind: where it was removed ("Email addresses removed from
/// step 4 name, step 4 element text").
fn redaction_lines(all: &[(Option<usize>, Redaction)]) -> Vec<Text> {
    let mut out = Vec::new();
    for (kind, id) in REDACTION_WORDS {
        let hits: Vec<&(Option<usize>, Redaction)> =
            all.iter().filter(|(_, r)| r.kind == kind).collect();
        if hits.is_empty() {
            continue;
        }
        let mut places: Vec<(Option<usize>, &str)> = Vec::new();
        for (step, r) in &hits {
            let place = (*step, r.field.as_str());
            if !places.contains(&place) {
                places.push(place);
            }
        }
        let more = places.len().saturating_sub(4);
        places.truncate(4);
        let mut where_: Vec<Text> = places
            .iter()
            .map(|(step, field)| match step {
                Some(i) => msg("redactPlaceStep", [(i + 1).into(), field_text(field)]),
                None => field_text(field),
            })
            .collect();
        if more > 0 {
            where_.push(msg("andMore", [more.into()]));
        }
        out.push(msg(&format!("redactFrom{id}"), [Text::List(where_)]));
    }
    out
}

/// The note as the panel sent it: trimmed, within the limit, and without
/// characters a code may not carry.
fn checked_note(note: &str) -> Result<String, Text> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE {
        return Err(msg("errNoteTooLong", [MAX_NOTE.into()]));
    }
    if note.chars().any(|c| is_forbidden_char(c, true)) {
        return Err(msg("errNoteForbidden", []));
    }
    Ok(note.to_string())
}

fn export_builtin(g: &Guide, note: &str, words: &ExportWords) -> ExportGuide {
    let mut lines: Vec<String> = Vec::new();
    if !note.trim().is_empty() {
        lines.push(note.to_string());
    }
    if !g.precondition.is_empty() {
        lines.push(if words.before.is_empty() {
            g.precondition.clone()
        } else {
            format!("{} {}", words.before, g.precondition)
        });
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
                        step_hosts(g, s)
                    )
                } else {
                    step_hosts(g, s)
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
    /// Handle `open-code`, `start-shared`, `share`, `record-*` and `export`:
    /// the request's output (a code, an export), if any, or the reason it
    /// was refused. A refused request changes nothing: every check runs
    /// before the first change.
    pub(super) fn share_message(&mut self, msg: FromPanel) -> Result<Option<ToPanel>, Text> {
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
                words,
                ..
            } => self
                .export_output(&guide, format, &screenshots, &words)
                .map(Some),
            // Only the kinds above are routed here.
            _ => Err(Text::msg("errNotSharing", [])),
        };
        result
    }

    /// The seam for screenshots: the web layer (or panel) may capture the
    /// highlighted steps itself and pass them here as PNG data URLs, one per
    /// step (`None` where there is none). The engine never takes any.
    pub fn export(
        &mut self,
        guide: &str,
        format: ExportFormat,
        screenshots: &[Option<String>],
        words: &ExportWords,
    ) -> Vec<Effect> {
        let result = self
            .export_output(guide, format, screenshots, words)
            .map(Some);
        self.answer_panel(result)
    }

    /// The snapshot the engine would persist now (tests compare it).
    #[cfg(test)]
    pub fn snapshot(&self) -> String {
        serde_json::to_string(&self.state).unwrap_or_default()
    }

    fn not_recording(&self) -> Result<(), Text> {
        if self.state.share.recording_active {
            Err(msg("errStopRecordingFirst", []))
        } else {
            Ok(())
        }
    }

    /// `start` from the panel: a built-in guide ends any shared run (it is
    /// no longer "shared"); `shared` restarts the shared guide.
    pub(super) fn start_from_panel(&mut self, id: &str) -> Result<(), Text> {
        self.not_recording()?;
        if id == SHARED_ID {
            let Some(run) = self.state.share.run.clone().filter(|r| r.guide == id) else {
                return Err(msg("errNoSharedGuidePaste", []));
            };
            return self.start_run(run);
        }
        self.start(id)?;
        self.state.share.end_run();
        Ok(())
    }

    /// `restart`: a shared guide restarts where its code starts.
    pub(super) fn restart_from_panel(&mut self) -> Result<(), Text> {
        self.not_recording()?;
        let active = self.state.active.as_ref().map(|a| a.guide.clone());
        match self.state.share.run.clone() {
            Some(run) if Some(&run.guide) == active.as_ref() => self.start_run(run),
            _ => self.restart(),
        }
    }

    /// `stop`: a stopped shared guide is no longer running; its preview is gone.
    pub(super) fn stop_from_panel(&mut self) -> Result<(), Text> {
        self.stop()?;
        self.state.share.end_run();
        Ok(())
    }

    fn builtin(&self, id: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.id == id)
    }

    /// The route a shared built-in guide replays on: its starting step's
    /// own route, else the code's route, else none (the guide's first route,
    /// or the pages choose). A route the guide lacks, or one that differs
    /// from the starting step's, is refused.
    pub(super) fn shared_route(
        &self,
        id: &str,
        from_step: Option<&str>,
        route: Option<&str>,
    ) -> Result<Option<String>, ShareError> {
        let g = self
            .builtin(id)
            .ok_or_else(|| ShareError::UnknownGuide(id.to_string()))?;
        let unknown = |r: &str| ShareError::UnknownGuide(format!("{id} (route {r})"));
        if let Some(r) = route {
            if !g.routes.iter().any(|x| x.id == r) {
                return Err(unknown(r));
            }
        }
        let step_route = from_step
            .and_then(|s| g.steps.iter().find(|st| st.id == s))
            .map(|st| st.route.as_str())
            .filter(|r| !r.is_empty());
        match (step_route, route) {
            (Some(s), Some(r)) if s != r => Err(unknown(r)),
            (Some(s), _) => Ok(Some(s.to_string())),
            (None, r) => Ok(r.map(str::to_string)),
        }
    }

    /// A decoded code's built-in guide and starting step must exist here.
    pub(super) fn check_builtin(
        &self,
        id: &str,
        from_step: Option<&str>,
    ) -> Result<usize, ShareError> {
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

    fn open_code(&mut self, code: &str) -> Result<(), Text> {
        let shared = match share::decode_any(code).map_err(|e| e.message())? {
            share::Code::Guide(g) => g,
            // A "where I am stuck" code (help.rs).
            share::Code::Stuck(r) => return self.open_stuck(r),
        };
        match &shared {
            SharedGuide::Builtin {
                guide_id,
                from_step,
                route,
                ..
            } => {
                self.check_builtin(guide_id, from_step.as_deref())
                    .map_err(|e| e.message())?;
                self.shared_route(guide_id, from_step.as_deref(), route.as_deref())
                    .map_err(|e| e.message())?;
            }
            SharedGuide::Recorded(r) => {
                recorded_to_guide(r)?;
            }
        }
        self.state.share.preview = Some(shared);
        self.state.notice = None;
        Ok(())
    }

    /// Show `preview` as the opened code's preview (help.rs: the step a
    /// "where I am stuck" code names).
    pub(super) fn show_preview(&mut self, preview: Option<SharedGuide>) {
        self.state.share.preview = preview;
    }

    fn start_shared(&mut self) -> Result<(), Text> {
        self.not_recording()?;
        let Some(preview) = self.state.share.preview.clone() else {
            return Err(msg("errOpenCodeFirst", []));
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
    fn start_run(&mut self, run: SharedRun) -> Result<(), Text> {
        let from = match &run.source {
            SharedGuide::Builtin {
                guide_id,
                from_step,
                ..
            } => self
                .check_builtin(guide_id, from_step.as_deref())
                .map_err(|e| e.message())?,
            SharedGuide::Recorded(_) => 0,
        };
        let route = match &run.source {
            SharedGuide::Builtin {
                guide_id,
                from_step,
                route,
                ..
            } => self
                .shared_route(guide_id, from_step.as_deref(), route.as_deref())
                .map_err(|e| e.message())?,
            SharedGuide::Recorded(_) => None,
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
        // The code's route is the run's, whatever page is open: the pages
        // do not choose it (as when the admin picks it in the panel).
        if let Some(route) = route {
            if let Some(a) = self.state.active.as_mut() {
                a.route = route;
                a.route_picked = true;
                if from == 0 {
                    a.current = 0;
                }
            }
            if from == 0 {
                self.state.seq += 1;
                self.begin_step();
                self.settle(None);
            }
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
                    r.evidence = Text::default();
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
            // The display name too ("Kelley Wall" above the e-mail address
            // in the account menu), and the account's own domain: a
            // verified domain of the tenant ("contoso.com").
            for user in [account, acc.display_name.trim()] {
                if !user.is_empty() && !s.users.iter().any(|u| u == user) {
                    s.users.push(user.to_string());
                }
            }
            if !directory.is_empty() && !s.tenants.iter().any(|t| t == directory) {
                s.tenants.push(directory.to_string());
            }
            s.learn_account_domain(account);
        }
        let keep_last = |v: &mut Vec<String>| {
            let extra = v.len().saturating_sub(MAX_SECRETS);
            v.drain(..extra);
        };
        keep_last(&mut s.users);
        keep_last(&mut s.tenants);
        keep_last(&mut s.domains);
        if s == self.state.share.secrets {
            return;
        }
        if let Some(rec) = self.state.share.recording.as_mut() {
            rec.set_secrets(s.clone());
        }
        self.state.share.secrets = s;
    }

    /// The queries a recording adds to frame `f`: a portal top frame's
    /// blade titles, asked on every page so that the title a page showed
    /// before the address changed is known (`Frame::title_before`).
    pub(super) fn recording_queries(&self, f: &Frame) -> Option<Query> {
        let host = crate::url::parse(&f.url).host;
        (self.state.share.recording_active && f.top && SHELL_HOSTS.contains(&host.as_str())).then(
            || Query {
                id: BLADE_TITLES_QUERY.to_string(),
                selector: BLADE_TITLES.to_string(),
                within: None,
                text_any: Vec::new(),
                limit: 10,
                report_clicks: false,
            },
        )
    }

    /// While recording: the name a page about one subscription, resource
    /// group, resource or user gives in its active blade's title
    /// (`share::titled_page`) is learned, so that it is redacted in every
    /// step (a subscription opened by its address has its name nowhere
    /// else). A title still showing from the previous address is not the
    /// new page's.
    pub(super) fn learn_page_names(&mut self, idx: usize) {
        if !self.state.share.recording_active {
            return;
        }
        let Some(f) = self.state.frames.get(idx).filter(|f| f.top) else {
            return;
        };
        let Some(title) = f.results.as_deref().and_then(active_blade_title) else {
            return;
        };
        if title == f.title_before {
            return;
        }
        let Some(page) = share::sites::parse_page_url(&f.url) else {
            return;
        };
        let Some((kind, name)) = share::titled_page(&page.path)
            .and_then(|kind| Some((kind, share::name_in_title(kind, title)?.to_string())))
        else {
            return;
        };
        if let Some(rec) = self.state.share.recording.as_mut() {
            rec.learn(kind, &name);
        }
    }

    fn record_start(&mut self) -> Result<(), Text> {
        if self.state.active.is_some() {
            return Err(msg("errStopGuideFirst", []));
        }
        if self.state.share.recording_active {
            return Err(msg("errAlreadyRecording", []));
        }
        // A new recording replaces the previous one: "Record" means start over.
        self.state.share.secrets = KnownSecrets::default();
        self.state.share.recording = Some(Recording::default());
        self.sync_secrets();
        self.state.share.recording_active = true;
        // Titles read before are of pages this recording did not see change.
        for f in &mut self.state.frames {
            f.title_before.clear();
        }
        self.state.notice = Some(Text::msg("noticeRecording", []));
        self.rewatch_all();
        Ok(())
    }

    fn record_stop(&mut self) -> Result<(), Text> {
        if !self.state.share.recording_active {
            return Err(msg("errNotRecording", []));
        }
        self.sync_secrets();
        self.state.share.recording_active = false;
        let n = self
            .state
            .share
            .recording
            .as_ref()
            .map_or(0, Recording::len);
        self.state.notice = Some(Text::msg("noticeRecordingStopped", [n.into()]));
        self.rewatch_all();
        Ok(())
    }

    /// Make every frame get a fresh watch (record mode on or off).
    fn rewatch_all(&mut self) {
        for f in &mut self.state.frames {
            f.watch = 0;
        }
    }

    fn record_edit(&mut self, edit: &RecordEdit) -> Result<(), Text> {
        let Some(rec) = self.state.share.recording.as_mut() else {
            return Err(msg("errNoRecordingEdit", []));
        };
        // Edit a copy: a refused edit leaves the recording as it was.
        let mut copy = rec.clone();
        copy.apply(edit).map_err(|e| e.message())?;
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
        let Some((url, tab, top)) = self
            .state
            .frames
            .get(frame)
            .map(|f| (f.url.clone(), f.tab, f.top))
        else {
            return;
        };
        // A blade's frame has no route of its own: the list it shows is
        // named by its tab's top page.
        let top_url = (!top)
            .then(|| {
                self.state
                    .frames
                    .iter()
                    .find(|f| f.tab == tab && f.top)
                    .map(|f| f.url.clone())
            })
            .flatten();
        self.sync_secrets();
        let Some(rec) = self.state.share.recording.as_mut() else {
            return;
        };
        match share::record_click_on(rec, &url, top_url.as_deref(), element) {
            Ok(v) => {
                let said = match &v.step.text {
                    Some(own) => clip(own, 80).into(),
                    None => v.step.instruction(),
                };
                self.state.notice = Some(Text::msg(
                    "noticeRecordedStep",
                    [(v.index + 1).into(), said],
                ));
            }
            Err(refusal) => {
                effects.push(Effect::Log(format!("record: {refusal:?}")));
                self.state.notice = Some(refusal.message());
            }
        }
    }

    fn share_code(
        &mut self,
        guide: &str,
        from_step: Option<&str>,
        note: &str,
    ) -> Result<ToPanel, Text> {
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
                return Err(msg("errNoRecordingShare", []));
            };
            let mut rec = rec.clone();
            if !note.is_empty() {
                // Redacted like every recorded text; kept with the recording
                // so that the panel shows what was removed.
                rec.set_note(&note).map_err(|e| e.message())?;
            }
            let mut g = rec.to_guide();
            if let Some(s) = from_step {
                let i = step_index(s, g.steps.len())
                    .ok_or_else(|| msg("errRecordingNoStep", [clip(s, 40).into()]))?;
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
                return Err(msg("errNoSharedGuide", []));
            };
            if !note.is_empty() {
                g.note = note;
            }
            if let Some(s) = from_step {
                let i = step_index(s, g.steps.len())
                    .ok_or_else(|| msg("errSharedNoStep", [clip(s, 40).into()]))?;
                g.steps.drain(..i);
            }
            SharedGuide::Recorded(g)
        } else {
            let Some(g) = self.builtin(guide) else {
                return Err(msg("errNoGuide", [clip(guide, 60).into()]));
            };
            if let Some(s) = from_step {
                if !g.steps.iter().any(|st| st.id == s) {
                    return Err(msg("errNoStep", [g.id.as_str().into(), clip(s, 40).into()]));
                }
            }
            // The route the sender follows (or the starting step's own).
            let running = self
                .state
                .active
                .as_ref()
                .filter(|a| a.guide == g.id && !a.route.is_empty())
                .map(|a| a.route.as_str());
            let route = self
                .shared_route(&g.id, from_step, None)
                .ok()
                .flatten()
                .or(running.map(str::to_string));
            SharedGuide::Builtin {
                guide_id: g.id.clone(),
                from_step: from_step.map(str::to_string),
                note,
                route,
            }
        };
        let code = share::encode(&shared).map_err(|e| msg("errMakeCode", [e.message()]))?;
        if let Some(rec) = new_recording {
            self.state.share.recording = Some(rec);
        }
        Ok(ToPanel::Output {
            waymark: PROTOCOL_VERSION,
            format: OutputFormat::Code,
            filename: String::new(),
            content: code,
        })
    }

    fn export_output(
        &mut self,
        guide: &str,
        format: ExportFormat,
        screenshots: &[Option<String>],
        words: &ExportWords,
    ) -> Result<ToPanel, Text> {
        let export = if guide == RECORDING_ID {
            self.sync_secrets();
            let Some(rec) = self
                .state
                .share
                .recording
                .as_ref()
                .filter(|r| !r.is_empty())
            else {
                return Err(msg("errNoRecordingExport", []));
            };
            ExportGuide::from_recorded(&rec.to_guide(), words)
        } else if guide == SHARED_ID {
            match self.state.share.run.as_ref().map(|r| &r.source) {
                Some(SharedGuide::Recorded(g)) => ExportGuide::from_recorded(g, words),
                Some(SharedGuide::Builtin { guide_id, note, .. }) => {
                    let Some(g) = self.builtin(guide_id) else {
                        return Err(msg("errNoSharedGuide", []));
                    };
                    export_builtin(g, note, words)
                }
                None => return Err(msg("errNoSharedGuide", [])),
            }
        } else {
            let Some(g) = self.builtin(guide) else {
                return Err(msg("errNoGuide", [clip(guide, 60).into()]));
            };
            export_builtin(g, &self.state.share.note(guide), words)
        };
        let (format, ext, content) = match format {
            ExportFormat::Markdown => (
                OutputFormat::Markdown,
                "md",
                share::to_markdown(&export, words),
            ),
            ExportFormat::Html => (
                OutputFormat::Html,
                "html",
                share::to_html(&export, screenshots, words),
            ),
        };
        Ok(ToPanel::Output {
            waymark: PROTOCOL_VERSION,
            format,
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
                route,
            } => {
                let g = self.builtin(guide_id)?;
                let from = self
                    .check_builtin(guide_id, from_step.as_deref())
                    .unwrap_or(0);
                // The steps of the route it replays on.
                let route = self
                    .shared_route(guide_id, from_step.as_deref(), route.as_deref())
                    .ok()
                    .flatten()
                    .or_else(|| g.routes.first().map(|r| r.id.clone()))
                    .unwrap_or_default();
                Some(SharePreview {
                    title: g.title.as_str().into(),
                    note: note.clone(),
                    steps: g
                        .steps
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| super::flow::on_route(g, &route, *i))
                        .map(|(i, s)| StepView {
                            id: s.id.clone(),
                            title: s.title.as_str().into(),
                            instruction: s.instruction.as_str().into(),
                            site: step_hosts(g, s),
                            status: if i < from {
                                StepViewStatus::Skipped
                            } else {
                                StepViewStatus::Todo
                            },
                            evidence: Text::msg("waitingFor", [s.waits_for.as_str().into()]),
                            panel_only: s.panel_only,
                            warning: s.warning.as_deref().map(Text::from),
                            source: super::view::sources_text(g, &s.source),
                        })
                        .collect(),
                })
            }
            SharedGuide::Recorded(r) => Some(SharePreview {
                title: if r.title.trim().is_empty() {
                    msg("sharedStepsTitle", [])
                } else {
                    r.title.as_str().into()
                },
                note: r.note.clone(),
                steps: r
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| StepView {
                        id: step_id(i),
                        title: s.instruction(),
                        // What the locator finds (role and name), not the
                        // sender's words: the label is checked against it
                        // at decoding, the instruction warned about here.
                        instruction: msg("previewWillHighlight", [s.locator.phrase()]),
                        site: clip(&format!("{}{}", s.host, s.path), 120),
                        status: StepViewStatus::Todo,
                        evidence: Text::default(),
                        panel_only: false,
                        warning: s.text_warning(),
                        source: String::new(),
                    })
                    .collect(),
            }),
        }
    }
}
