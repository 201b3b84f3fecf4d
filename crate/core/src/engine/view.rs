//! What each frame and the panel are shown: the questions a frame keeps
//! answering (its watch), every frame's overlay (callout, target, marks),
//! and the panel's whole view.

use super::flow::on_route;
use super::roles::{account_menu_queries, ACCOUNT_FLYOUT_EMAIL_QUERY, ACCOUNT_FLYOUT_NAME_QUERY};
use super::state::{Active, Engine, Frame, QueriesKey, StepStatus};
use crate::guide::{Ending, Evidence, EvidenceKind, Guide, GuideKind, Page, Step, BUILT_IN_IDS};
use crate::protocol::{
    msg, ActiveGuideView, Callout, CalloutLine, CalloutLineKind, EndingView, GuideSummary, Mark,
    MarkKind, Overlay, PanelView, Query, QueryResult, RouteView, StepView, StepViewStatus, Target,
    Text,
};
use crate::recognise::{marker_queries, page_state, query_for, url_matches, PageState};
use crate::score::{locator_match, score, Candidate, Choice};
use crate::share::to_guide::recorded_evidence;
use crate::text::element_phrase;
use crate::url;

impl Engine {
    /// What frame `f`'s queries are built from now (see `QueriesKey`), or
    /// `None` when they cannot be kept (a shared guide runs).
    pub(super) fn queries_key(&self, f: &Frame) -> Option<QueriesKey> {
        let (guide, current) = match &self.state.active {
            Some(a) if !self.guides.iter().any(|g| g.id == a.guide) => return None,
            Some(a) => (a.guide.as_str(), a.current),
            None => ("", 0),
        };
        Some(QueriesKey {
            url: f.url.clone(),
            top: f.top,
            top_url: self.tab_top_url(f.tab).unwrap_or_default().to_string(),
            guide: guide.to_string(),
            current,
        })
    }

    /// Are frame `f`'s kept queries still the ones `queries_for` would
    /// build? Compared in place, without building a key.
    pub(super) fn queries_kept(&self, f: &Frame) -> bool {
        let Some(k) = &f.queries_key else {
            return false;
        };
        let flow_same = match &self.state.active {
            Some(a) => k.guide == a.guide && k.current == a.current,
            None => k.guide.is_empty(),
        };
        flow_same
            && k.url == f.url
            && k.top == f.top
            && k.top_url == self.tab_top_url(f.tab).unwrap_or_default()
    }

    /// The questions frame `f` should keep answering.
    pub(super) fn queries_for(&self, f: &Frame) -> Vec<Query> {
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
        // A recording's blade titles (share.rs).
        out.extend(self.recording_queries(f));
        // Role pages are read whether or not a guide runs (roles.rs).
        out.extend(self.role_queries(f));
        // Guide E's "My role" (rbac.rs), while it runs.
        out.extend(self.rbac_queries(f));
        if let Some((g, _, end)) = self.ending() {
            let on_end: Vec<&Page> = g
                .pages
                .iter()
                .filter(|p| {
                    !p.sign_in && end.pages.contains(&p.id) && url_matches(p, &parts, f.top)
                })
                .collect();
            for p in &on_end {
                out.extend(marker_queries(p));
            }
            if !on_end.is_empty() {
                for (i, l) in end.target.iter().enumerate() {
                    out.push(query_for(ending_id(i), l, 10, false));
                }
            }
            return out;
        }
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
    pub(super) fn on_step(g: &Guide, step: &Step, f: &Frame) -> bool {
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
    pub(super) fn overlays(&self) -> (Vec<Overlay>, Text, bool) {
        if let Some((g, a, end)) = self.ending() {
            return (self.ending_overlays(g, a, end), Text::default(), false);
        }
        let mut out = vec![Overlay::default(); self.state.frames.len()];
        let Some((g, a, step)) = self.current() else {
            return (out, Text::default(), false);
        };
        if step.panel_only {
            return (out, Text::default(), false);
        }
        let step_key = format!("{}/{}", g.id, step.id);
        let (position, of) = route_position(g, a);
        let progress = step_of(position, of);
        let words = self.step_words(g, a.current, step);
        let mut why_all = Text::default();
        let mut any_on_page = false;
        for tab in self.tabs() {
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
            let results = self.results_of(&on);
            let Choice { winner, why } = score(
                &step.target,
                &results,
                |i| target_id(step, i),
                &words.look_for,
            );
            let mut callout = Callout {
                step: step_key.clone(),
                title: words.title.clone(),
                text: words.instruction.clone(),
                warning: self.step_warning(g, a.current, step),
                progress: progress.clone(),
                why: why.clone(),
                back: position > 0,
                ..Callout::default()
            };
            if self.state.share.is_shared(&g.id) {
                self.mark_shared(&g.id, winner.as_ref(), &mut callout);
            }
            let callout_frame = self.callout_frame(winner.as_ref().map(|w| w.source), &on);
            let lang = self
                .state
                .frames
                .get(callout_frame)
                .map(|f| self.frame_lang(f))
                .unwrap_or_default();
            if let Some(o) = out.get_mut(callout_frame) {
                o.callout = Some(Callout { lang, ..callout });
                if let Some(w) = &winner {
                    o.target = Some(Target {
                        step: step_key.clone(),
                        query: w.query.clone(),
                        fingerprint: w.fingerprint.clone(),
                    });
                } else if self.nothing_to_target(step, &on, &results) {
                    o.plan = (0..step.target.len()).map(|i| target_id(step, i)).collect();
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
                            text: m.text.as_str().into(),
                            verdict: None,
                            lang: self.frame_lang(f),
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

    /// Step `i`'s warning: for a recorded step of a shared run, when its
    /// text quotes a name the highlight does not have (a message, from the
    /// recorded step); else the guide's own (data).
    fn step_warning(&self, g: &Guide, i: usize, step: &Step) -> Option<Text> {
        self.state
            .share
            .recorded_step(&g.id, i)
            .and_then(|r| r.text_warning())
            .or_else(|| step.warning.as_deref().map(Text::from))
    }

    /// Have all of the tab's frames on the step (`on`) answered their
    /// watch, and no visible element any of the step's target queries? Only
    /// then does the callout carry the paint plan (`Overlay::plan`): a frame
    /// whose answers are still to come may hold a candidate the engine
    /// would prefer.
    fn nothing_to_target(
        &self,
        step: &Step,
        on: &[usize],
        results: &[(usize, &QueryResult)],
    ) -> bool {
        let answered = on.iter().all(|&i| {
            self.state
                .frames
                .get(i)
                .is_some_and(|f| f.results.is_some())
        });
        answered
            && !results.iter().any(|(_, r)| {
                r.id.starts_with("t/")
                    && (0..step.target.len()).any(|i| r.id == target_id(step, i))
                    && r.items.iter().any(|e| e.visible)
            })
    }

    /// A shared step's callout (issue 13 item 4): marked as coming from a
    /// share code, saying what the highlight picks (the element's role and
    /// accessible name as this page reports them, whatever the sender
    /// wrote), and quoting the sender's note as text.
    fn mark_shared(&self, guide: &str, winner: Option<&Candidate>, callout: &mut Callout) {
        callout.badge = msg("calloutSharedBadge", []);
        if let Some(w) = winner {
            let e = &w.element;
            let name = if e.name.trim().is_empty() {
                &e.text
            } else {
                &e.name
            };
            callout.lines.push(CalloutLine {
                kind: CalloutLineKind::Picks,
                text: msg("calloutPicks", [element_phrase(e.aria_role(), name)]),
            });
        }
        let note = self.state.share.note(guide);
        if !note.trim().is_empty() {
            callout.lines.push(CalloutLine {
                kind: CalloutLineKind::Quote,
                text: msg("noteFromSender", [note.trim().into()]),
            });
        }
    }

    /// The finished guide whose ending is still shown (until dismissed).
    /// The frame that shows a callout: the winner's, else the top frame of
    /// the page the step is on (a floating callout), else the first frame.
    fn callout_frame(&self, winner_frame: Option<usize>, on: &[usize]) -> usize {
        winner_frame.unwrap_or_else(|| {
            on.iter()
                .copied()
                .find(|&i| self.state.frames.get(i).is_some_and(|f| f.top))
                .or_else(|| on.last().copied())
                .unwrap_or(0)
        })
    }

    fn ending(&self) -> Option<(&Guide, &Active, &Ending)> {
        let a = self.state.active.as_ref()?;
        if !a.finished() {
            return None;
        }
        let g = self.guide(&a.guide)?;
        Some((g, a, g.ending.as_ref()?))
    }

    /// The last step of the run's route that was done, and its evidence.
    fn last_done<'g>(g: &'g Guide, a: &Active) -> Option<(&'g Step, Text)> {
        g.steps.iter().enumerate().rev().find_map(|(i, s)| {
            let r = a.steps.get(i)?;
            (r.status == StepStatus::Done && on_route(g, &a.route, i))
                .then(|| (s, r.evidence.clone()))
        })
    }

    /// The ending's overlays: in each tab, a callout on what the guide
    /// verified (the best match of the ending's targets) in frames on the
    /// ending's pages, under the last step's key.
    fn ending_overlays(&self, g: &Guide, a: &Active, end: &Ending) -> Vec<Overlay> {
        let mut out = vec![Overlay::default(); self.state.frames.len()];
        let (last, evidence) = match Self::last_done(g, a) {
            Some((s, e)) => (s.id.as_str(), e),
            None => (
                g.steps.last().map(|s| s.id.as_str()).unwrap_or(""),
                Text::default(),
            ),
        };
        let step_key = format!("{}/{}", g.id, last);
        for tab in self.tabs() {
            let on: Vec<usize> = self
                .state
                .frames
                .iter()
                .enumerate()
                .filter(|(_, f)| {
                    f.tab == tab && {
                        let parts = url::parse(&f.url);
                        end.pages.iter().filter_map(|p| g.page(p)).any(|p| {
                            !p.sign_in
                                && matches!(
                                    page_state(p, &parts, f.top, f.results.as_deref()),
                                    PageState::Confirmed | PageState::Pending
                                )
                        })
                    }
                })
                .map(|(i, _)| i)
                .collect();
            if on.is_empty() {
                continue;
            }
            let results = self.results_of(&on);
            let end_text: Text = end.text.as_str().into();
            let Choice { winner, .. } = score(&end.target, &results, ending_id, &end_text);
            let frame = self.callout_frame(winner.as_ref().map(|w| w.source), &on);
            let lang = self
                .state
                .frames
                .get(frame)
                .map(|f| self.frame_lang(f))
                .unwrap_or_default();
            if let Some(o) = out.get_mut(frame) {
                o.callout = Some(Callout {
                    step: step_key.clone(),
                    title: end.title.as_str().into(),
                    text: end_text,
                    warning: None,
                    progress: Text::msg("progressDone", []),
                    why: evidence.clone(),
                    back: true,
                    lang,
                    ..Callout::default()
                });
                if let Some(w) = &winner {
                    o.target = Some(Target {
                        step: step_key.clone(),
                        query: w.query.clone(),
                        fingerprint: w.fingerprint.clone(),
                    });
                }
            }
        }
        out
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
            verdict: self
                .state
                .verdict
                .clone()
                .map(|v| self.for_running_guide(v)),
            other_verdict: self.other_verdict().map(|v| self.for_running_guide(v)),
            preview: self.share_preview(),
            recording: self.state.share.recording_view(),
            notice: self.state.notice.clone(),
            help: self.state.help.clone(),
            lang: self.page_lang(),
        }
    }

    /// The language of the portal page the admin works on: the `lang` of
    /// the top frame heard from last that has one, among the guided
    /// journey's tabs while a guide runs and has them, else among all.
    fn page_lang(&self) -> String {
        let journey = self
            .state
            .active
            .as_ref()
            .map(|a| a.journey.as_slice())
            .unwrap_or_default();
        let latest = |in_journey: bool| {
            self.state
                .frames
                .iter()
                .rev()
                .filter(|f| f.top && !f.lang.is_empty())
                .find(|f| !in_journey || journey.contains(&f.tab))
                .map(|f| f.lang.clone())
        };
        latest(!journey.is_empty())
            .or_else(|| latest(false))
            .unwrap_or_default()
    }

    /// The language a frame's overlay speaks: its own document's `lang`,
    /// else its tab's top frame's.
    pub(super) fn frame_lang(&self, f: &Frame) -> String {
        if !f.lang.is_empty() {
            return f.lang.clone();
        }
        self.state
            .frames
            .iter()
            .find(|t| t.tab == f.tab && t.top)
            .map(|t| t.lang.clone())
            .unwrap_or_default()
    }

    pub(super) fn active_view(&self, g: &Guide, a: &Active) -> ActiveGuideView {
        // The checklist is the chosen route's steps.
        let (position, of) = route_position(g, a);
        let steps: Vec<StepView> = g
            .steps
            .iter()
            .enumerate()
            .filter(|(i, _)| on_route(g, &a.route, *i))
            .map(|(i, s)| {
                let record = a.steps.get(i);
                let status = match record.map(|r| r.status) {
                    Some(StepStatus::Done) => StepViewStatus::Done,
                    Some(StepStatus::Skipped) => StepViewStatus::Skipped,
                    _ if i == a.current => StepViewStatus::Current,
                    _ => StepViewStatus::Todo,
                };
                let words = self.step_words(g, i, s);
                let evidence = match record {
                    Some(r) if r.status == StepStatus::Done => r.evidence.clone(),
                    _ => Text::msg("waitingFor", [words.waits_for]),
                };
                StepView {
                    id: s.id.clone(),
                    title: words.title,
                    instruction: words.instruction,
                    site: step_hosts(g, s),
                    status,
                    evidence,
                    panel_only: s.panel_only,
                    warning: self.step_warning(g, i, s),
                    source: sources_text(g, &s.source),
                }
            })
            .collect();
        let finished = a.finished();
        let progress = if finished {
            Text::msg("progressDone", [])
        } else {
            step_of(position, of)
        };
        let ending = match (finished, &g.ending) {
            (true, Some(end)) => Some(EndingView {
                title: end.title.clone(),
                text: end.text.clone(),
                evidence: Self::last_done(g, a).map(|(_, e)| e).unwrap_or_default(),
                source: sources_text(g, &end.source),
            }),
            _ => None,
        };
        let routes = g
            .routes
            .iter()
            .map(|r| RouteView {
                id: r.id.clone(),
                title: r.title.clone(),
                chosen: r.id == a.route,
            })
            .collect();
        let status = match g.steps.get(a.current) {
            None if ending.is_some() => Text::msg("statusFinishedEnding", []),
            None => Text::msg("statusFinished", []),
            Some(s) => {
                let words = self.step_words(g, a.current, s);
                if s.panel_only {
                    Text::msg(
                        "statusPanelOnly",
                        [step_hosts(g, s).into(), words.waits_for],
                    )
                } else if !a.on_page {
                    Text::msg("statusOpenPage", [step_hosts(g, s).into(), words.waits_for])
                } else if a.why == words.look_for {
                    Text::msg("statusNotFound", [words.look_for])
                } else {
                    Text::msg("waitingFor", [words.waits_for])
                }
            }
        };
        let mut paragraphs: Vec<Text> = g.paragraphs.iter().map(|p| p.as_str().into()).collect();
        if g.kind == GuideKind::Explanation {
            paragraphs.push(match &self.state.account {
                Some(acc) if !acc.directory.is_empty() => Text::msg(
                    "signedInDirectory",
                    [
                        if acc.account.is_empty() {
                            Text::msg("unknownAccount", [])
                        } else {
                            acc.account.as_str().into()
                        },
                        acc.directory.as_str().into(),
                        acc.read_on.as_str().into(),
                    ],
                ),
                _ => Text::msg("openPortalForDirectory", []),
            });
        }
        let (role_check, role_check_verdict) = self.role_check(g);
        let shared = self.state.share.is_shared(&g.id);
        let open_url = match g.steps.get(a.current) {
            Some(s) if !s.panel_only && !a.on_page && !shared => s
                .pages
                .iter()
                .find_map(|p| g.page(p)?.open.as_ref())
                .map(|o| o.url.clone())
                .unwrap_or_default(),
            _ => String::new(),
        };
        ActiveGuideView {
            id: g.id.clone(),
            title: self.guide_title(g),
            shared,
            note: self.state.share.note(&g.id),
            precondition: g.precondition.clone(),
            role_check,
            role_check_verdict,
            caveats: g.caveats.clone(),
            paragraphs,
            steps,
            current: position as u32,
            eligibility: self.eligibility_view(g),
            routes,
            progress,
            finished,
            ending,
            status,
            open_url,
        }
    }
}

/// A step's words as the admin reads them (`Engine::step_words`).
pub(super) struct StepWords {
    pub title: Text,
    pub instruction: Text,
    /// What to look for when nothing matches.
    pub look_for: Text,
    /// What the step waits for ("Waiting for: ...").
    pub waits_for: Text,
}

impl Engine {
    /// Step `i` (`s`) of guide `g` in words: a guide's own prose (data),
    /// or, for a recorded step of the running shared guide, the
    /// recording's words as messages in the admin's language (the
    /// converted guide's prose fields are never shown, `recorded_to_guide`).
    pub(super) fn step_words(&self, g: &Guide, i: usize, s: &Step) -> StepWords {
        match self.state.share.recorded_step(&g.id, i) {
            Some(r) => StepWords {
                title: r.title(),
                instruction: r.instruction(),
                look_for: r.look_for(),
                waits_for: r.waits_for(s.done.iter().any(|e| e.on == EvidenceKind::Navigate)),
            },
            None => StepWords {
                title: s.title.as_str().into(),
                instruction: s.instruction.as_str().into(),
                look_for: s.look_for.as_str().into(),
                waits_for: s.waits_for.as_str().into(),
            },
        }
    }

    /// What evidence `e` of step `i` (`s`) says once it proved the step:
    /// its own words, else what the step waited for; a recorded step's
    /// are messages (`recorded_evidence`).
    pub(super) fn evidence_words(&self, g: &Guide, i: usize, s: &Step, e: &Evidence) -> Text {
        if self.state.share.recorded_step(&g.id, i).is_some() {
            recorded_evidence(e.on)
        } else if e.describe.is_empty() {
            s.waits_for.as_str().into()
        } else {
            e.describe.as_str().into()
        }
    }

    /// A guide's title: its own, or "Shared steps" for an untitled recorded
    /// guide opened from a code.
    pub(super) fn guide_title(&self, g: &Guide) -> Text {
        match self.state.share.recorded(&g.id) {
            Some(r) if r.title.trim().is_empty() => msg("sharedStepsTitle", []),
            _ => g.title.as_str().into(),
        }
    }
}

/// "Step 3 of 7".
fn step_of(position: usize, of: usize) -> Text {
    Text::msg("progressStepOf", [(position + 1).into(), of.into()])
}

/// The current step's position among the chosen route's steps, and how many
/// steps the route has ("Step 3 of 7").
fn route_position(g: &Guide, a: &Active) -> (usize, usize) {
    let on: Vec<usize> = (0..g.steps.len())
        .filter(|&i| on_route(g, &a.route, i))
        .collect();
    (on.iter().filter(|&&i| i < a.current).count(), on.len())
}

/// "Title (file, date); ..." for source ids of `g`.
pub(super) fn sources_text(g: &Guide, ids: &[String]) -> String {
    ids.iter()
        .filter_map(|id| g.sources.iter().find(|s| &s.id == id))
        .map(|s| format!("{} ({}, {})", s.title, s.file, s.date))
        .collect::<Vec<_>>()
        .join("; ")
}

fn ending_id(i: usize) -> String {
    format!("n/end/{i}")
}

pub(super) fn target_id(step: &Step, i: usize) -> String {
    format!("t/{}/{i}", step.id)
}

pub(super) fn mark_id(step: &Step, i: usize) -> String {
    format!("k/{}/{i}", step.id)
}

pub(super) fn evidence_id(step: &Step, i: usize) -> String {
    format!("e/{}/{i}", step.id)
}

/// The hosts of a step's main page, for the panel ("portal.azure.com").
pub(super) fn step_hosts(g: &Guide, s: &Step) -> String {
    s.pages
        .first()
        .and_then(|p| g.page(p))
        .map(|p| p.hosts.join(", "))
        .unwrap_or_default()
}
