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

use crate::protocol::{
    language_tag, FromPage, FromPanel, Overlay, Rejected, Text, ToPage, ToPanel, PROTOCOL_VERSION,
};

mod flow;
// Get help: the "where I am stuck" code and the contact-support guide (issue 9).
mod help;
// Guide E's verdict from "My role" (issue 9).
mod rbac;
mod roles;
// Share codes, recording and export (issue 5).
mod share;
mod state;
mod view;

pub use state::{built_in_guides, Effect, Engine, Sender};
use state::{is_sign_in, trim_results, trusted_url, Click, State, SNAPSHOT_VERSION};

#[cfg(test)]
mod frames_tests;
#[cfg(test)]
mod help_tests;
#[cfg(test)]
mod localized_tests;
#[cfg(test)]
mod roles_tests;
#[cfg(test)]
mod share_tests;
#[cfg(test)]
mod tests;

/// The regions whose clicks a recording never hears of (`Watch.private`).
fn private_regions(record: bool) -> String {
    if record {
        crate::share::CODE_EDITORS.to_string()
    } else {
        String::new()
    }
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
            match serde_json::from_str::<State>(text) {
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
                        private: private_regions(record),
                    },
                });
            }
        }
    }

    /// Handle one content-script message given as JSON text.
    pub fn from_page(&mut self, sender: &Sender, json: &str, now_ms: f64) -> Vec<Effect> {
        self.from_page_read(sender, FromPage::parse(json), now_ms)
    }

    /// Handle one content-script message as read and checked
    /// (`FromPage::parse`): a rejected one only gives its reason in the log.
    pub fn from_page_read(
        &mut self,
        sender: &Sender,
        msg: Result<FromPage, Rejected>,
        now_ms: f64,
    ) -> Vec<Effect> {
        let msg = match msg {
            Ok(msg) => msg,
            Err(Rejected(reason)) => {
                return vec![Effect::Log(format!("page message rejected: {reason}"))]
            }
        };
        self.tick(now_ms);
        let mut effects = Vec::new();
        let mut force_paint = None;
        match msg {
            FromPage::Hello { url, top, lang, .. } => {
                let url = trusted_url(&sender.url, &url);
                if is_sign_in(&url) {
                    // content.js refuses to run there; never answer one anyway.
                    return vec![Effect::Log("hello from a sign-in page ignored".to_string())];
                }
                let idx = self.arrive(sender, url, top, true);
                if let Some(f) = self.state.frames.get_mut(idx) {
                    f.lang = language_tag(&lang);
                }
                force_paint = Some((sender.tab, sender.frame));
                self.settle(None);
            }
            FromPage::Bye { .. } => return self.frame_gone(sender.tab, sender.frame),
            FromPage::Observed {
                watch,
                results,
                url,
                ..
            } => {
                let Some(idx) = self.frame_index(sender.tab, sender.frame) else {
                    return self.adopt(sender, &url, "observed");
                };
                if self.state.frames.get(idx).map(|f| f.watch) != Some(watch) {
                    return vec![Effect::Log(format!("stale watch {watch} ignored"))];
                }
                self.state.seq += 1;
                let results = trim_results(results);
                if let Some(f) = self.state.frames.get_mut(idx) {
                    f.results = Some(results);
                    f.heard = self.state.seq;
                }
                self.read_account(idx, now_ms);
                self.learn_page_names(idx);
                self.read_roles(sender.tab, now_ms);
                self.settle(None);
            }
            FromPage::Clicked {
                watch,
                query,
                element,
                url,
                ..
            } => {
                let Some(idx) = self.frame_index(sender.tab, sender.frame) else {
                    return self.adopt(sender, &url, "click");
                };
                if self.state.frames.get(idx).map(|f| f.watch) != Some(watch) {
                    return vec![Effect::Log(format!(
                        "click for stale watch {watch} ignored"
                    ))];
                }
                self.state.seq += 1;
                if let Some(f) = self.state.frames.get_mut(idx) {
                    f.heard = self.state.seq;
                }
                self.record_clicked(idx, &query, &element, &mut effects);
                self.settle(Some(Click {
                    tab: sender.tab,
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

    /// A frame says hello (or is taken back): track it, newest last (the
    /// newest frame of a blade wins ties, `score`), and reset its watch.
    /// Only a hello is an arrival (evidence of navigation): a frame taken
    /// back arrived at some unknown earlier time.
    fn arrive(&mut self, sender: &Sender, url: String, top: bool, hello: bool) -> usize {
        self.state.seq += 1;
        let seq = self.state.seq;
        // A top frame on another site is a new document: the old one's
        // subframes went with it, even if their goodbyes were lost.
        if top {
            let host = crate::url::parse(&url).host;
            let moved = self
                .frame_index(sender.tab, sender.frame)
                .and_then(|i| self.state.frames.get(i))
                .is_some_and(|f| crate::url::parse(&f.url).host != host);
            if moved {
                let tab = sender.tab;
                self.state.frames.retain(|f| f.tab != tab || f.top);
            }
        }
        let idx = self.upsert_frame(sender.tab, sender.frame);
        let mut f = self.state.frames.remove(idx);
        // The blade title shown when the address changed is the previous
        // page's (a recording must not learn it as the new one's name);
        // with no answer since the last change, the screen may still show
        // the one before.
        if f.url == url {
            f.title_before.clear();
        } else if let Some(results) = &f.results {
            f.title_before = share::active_blade_title(results)
                .unwrap_or_default()
                .to_string();
        }
        f.url = url;
        f.top = top;
        if hello {
            f.arrived = seq;
        }
        f.heard = seq;
        f.results = None;
        f.queries = Vec::new();
        f.queries_key = None;
        f.watch = 0;
        f.painted = None;
        self.state.frames.push(f);
        self.state.frames.len() - 1
    }

    /// A message from a frame the engine does not know (its `hello` was
    /// lost, or it was forgotten as least recent while still alive): take it
    /// back as if it had said hello, so it gets a watch at once. The message
    /// itself answered no watch of ours and is dropped.
    fn adopt(&mut self, sender: &Sender, reported: &str, what: &str) -> Vec<Effect> {
        let url = trusted_url(&sender.url, reported);
        let mut effects = vec![Effect::Log(format!(
            "{what} from unknown frame {}:{}: taken back with a new watch",
            sender.tab, sender.frame
        ))];
        if is_sign_in(&url) {
            return effects;
        }
        self.arrive(sender, url, sender.frame == 0, false);
        self.settle(None);
        self.refresh(Some((sender.tab, sender.frame)), &mut effects);
        effects
    }

    /// A frame's document went: its `bye` (pagehide), or a message to it
    /// could not be delivered. The top frame takes its tab's subframes.
    pub fn frame_gone(&mut self, tab: i64, frame: i64) -> Vec<Effect> {
        if !self.forget_frame(tab, frame) {
            return Vec::new();
        }
        let mut effects = Vec::new();
        self.refresh(None, &mut effects);
        effects
    }

    /// Tab `tab` was opened from tab `opener` (the browser's
    /// `sender.tab.openerTabId`, told before the tab's `hello`): a tab
    /// opened from the guided journey is part of it.
    pub fn opened_from(&mut self, tab: i64, opener: i64) {
        if let Some(a) = self.state.active.as_mut() {
            if a.journey.contains(&opener) && !a.journey.contains(&tab) {
                a.journey.push(tab);
            }
        }
    }

    /// A tab was closed or navigated away from a supported site. It
    /// leaves the guided journey too: it can show nothing more, and once
    /// no journey tab is left the guide goes on in whichever tab the admin
    /// takes up (evidence counts from any tab, as before anything was shown).
    pub fn tab_gone(&mut self, tab: i64) -> Vec<Effect> {
        let left = self.state.active.as_mut().is_some_and(|a| {
            let before = a.journey.len();
            a.journey.retain(|&t| t != tab);
            a.journey.len() != before
        });
        if !self.forget_frame(tab, 0) && !left {
            return Vec::new();
        }
        let mut effects = Vec::new();
        self.refresh(None, &mut effects);
        effects
    }

    /// Handle one side-panel message given as JSON text.
    pub fn from_panel(&mut self, json: &str, now_ms: f64) -> Vec<Effect> {
        self.from_panel_read(FromPanel::parse(json), now_ms)
    }

    /// Handle one side-panel message as read and checked (see
    /// `from_page_read`).
    pub fn from_panel_read(
        &mut self,
        msg: Result<FromPanel, Rejected>,
        now_ms: f64,
    ) -> Vec<Effect> {
        let msg = match msg {
            Ok(msg) => msg,
            Err(Rejected(reason)) => {
                return vec![Effect::Log(format!("panel message rejected: {reason}"))]
            }
        };
        self.tick(now_ms);
        let done = Ok(None);
        let result = match msg {
            FromPanel::GetState { .. } => {
                self.panel_sent = None;
                done
            }
            FromPanel::Start { guide, .. } => self.start_from_panel(&guide).and(done),
            FromPanel::Back { .. } => self.back().and(done),
            FromPanel::Skip { .. } => self.skip().and(done),
            FromPanel::Restart { .. } => self.restart_from_panel().and(done),
            FromPanel::Stop { .. } => self.stop_from_panel().and(done),
            FromPanel::ChooseRoute { route, .. } => self.pick_route(&route).and(done),
            // Role reading lives in roles.rs.
            FromPanel::RecheckRole { .. } => {
                self.recheck_role(now_ms);
                done
            }
            // Get help lives in help.rs.
            FromPanel::GetHelp {
                browser, version, ..
            } => self.get_help(&browser, &version).and(done),
            // Share codes, recording and export may answer with an output
            // besides the state: share.rs.
            msg @ (FromPanel::OpenCode { .. }
            | FromPanel::StartShared { .. }
            | FromPanel::Share { .. }
            | FromPanel::RecordStart { .. }
            | FromPanel::RecordStop { .. }
            | FromPanel::RecordEdit { .. }
            | FromPanel::Export { .. }) => self.share_message(msg),
        };
        self.answer_panel(result)
    }

    /// A panel request's result as effects: on success the state brought up
    /// to date (watches, paints, panel, snapshot), then the request's own
    /// output if it has one; on refusal only an `error` for the panel (the
    /// handlers check everything before they change anything).
    fn answer_panel(&mut self, result: Result<Option<ToPanel>, Text>) -> Vec<Effect> {
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

    /// Send new watches, paints, panel state and snapshot as needed.
    fn refresh(&mut self, force_paint: Option<(i64, i64)>, effects: &mut Vec<Effect>) {
        // Watches.
        for i in 0..self.state.frames.len() {
            let Some(f) = self.state.frames.get(i) else {
                continue;
            };
            let is_new = f.watch == 0;
            if !is_new && self.queries_kept(f) {
                continue;
            }
            let queries = self.queries_for(f);
            let key = self.queries_key(f);
            if !is_new && queries == f.queries {
                if let Some(f) = self.state.frames.get_mut(i) {
                    f.queries_key = key;
                }
                continue;
            }
            let id = self.state.next_watch.max(1);
            self.state.next_watch = id.wrapping_add(1).max(1);
            if let Some(f) = self.state.frames.get_mut(i) {
                f.queries_key = key;
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
                        private: private_regions(self.state.share.recording()),
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
            self.add_rbac_marks(&mut overlays);
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
            effects.push(Effect::Persist(
                serde_json::to_string(&self.state).unwrap_or_default(),
            ));
        }
    }
}
