//! Native tests of the engine through its public API, with ElementFacts
//! built by hand the way content.js reports them.

use super::engine::{Effect, Engine, Sender};
use super::protocol::{ElementFacts, Overlay, PanelView, Query, QueryResult, ToPage, ToPanel};
use serde_json::json;
use std::collections::BTreeMap;

pub struct Harness {
    pub engine: Engine,
    pub now: f64,
}

#[derive(Debug, Default, Clone)]
pub struct FrameView {
    pub watch: u32,
    pub queries: Vec<Query>,
    pub overlay: Option<Overlay>,
}

pub fn el(tag: &str, role: &str, name: &str, visible: bool, index: u32) -> ElementFacts {
    ElementFacts {
        tag: tag.into(),
        role: role.into(),
        name: name.into(),
        text: name.into(),
        attrs: BTreeMap::new(),
        visible,
        rect: [10.0, 10.0 + 30.0 * index as f64, 80.0, 24.0],
        index,
    }
}

pub fn with_attr(mut e: ElementFacts, k: &str, v: &str) -> ElementFacts {
    e.attrs.insert(k.into(), v.into());
    e
}

impl Harness {
    pub fn new() -> Harness {
        let (engine, effects) = Engine::restore(None);
        assert!(effects.is_empty(), "{effects:?}");
        Harness {
            engine,
            now: 1000.0,
        }
    }

    pub fn sender(tab: i64, frame: i64, url: &str) -> Sender {
        Sender {
            tab,
            frame,
            url: url.into(),
        }
    }

    pub fn panel(&mut self, msg: serde_json::Value) -> Vec<Effect> {
        self.now += 1.0;
        self.engine.from_panel(&msg.to_string(), self.now)
    }

    pub fn hello(&mut self, tab: i64, frame: i64, url: &str) -> Vec<Effect> {
        self.now += 1.0;
        let msg =
            json!({"waymark": 1, "kind": "hello", "url": url, "title": "t", "top": frame == 0});
        self.engine
            .from_page(&Self::sender(tab, frame, url), &msg.to_string(), self.now)
    }

    /// Answer the frame's latest watch the way content.js would: for each
    /// query, the elements of `page` that match its selector and `text_any`.
    pub fn observe(
        &mut self,
        tab: i64,
        frame: i64,
        url: &str,
        watch: u32,
        page: &FakePage,
        queries: &[Query],
    ) -> Vec<Effect> {
        let results: Vec<QueryResult> = queries.iter().map(|q| page.answer(q)).collect();
        self.now += 1.0;
        let msg = json!({"waymark": 1, "kind": "observed", "watch": watch, "url": url, "results": results});
        self.engine
            .from_page(&Self::sender(tab, frame, url), &msg.to_string(), self.now)
    }

    pub fn click(
        &mut self,
        tab: i64,
        frame: i64,
        url: &str,
        watch: u32,
        query: &str,
        element: &ElementFacts,
    ) -> Vec<Effect> {
        self.now += 1.0;
        let msg = json!({"waymark": 1, "kind": "clicked", "watch": watch, "url": url, "query": query, "element": element});
        self.engine
            .from_page(&Self::sender(tab, frame, url), &msg.to_string(), self.now)
    }
}

/// A page as the content script sees it: elements answering to selectors.
/// Each element lists the selectors (exact strings from the guide, or parts
/// of a comma list) it matches.
#[derive(Default, Clone)]
pub struct FakePage {
    pub elements: Vec<(Vec<&'static str>, ElementFacts)>,
}

impl FakePage {
    pub fn with(mut self, matches: &[&'static str], e: ElementFacts) -> FakePage {
        self.elements.push((matches.to_vec(), e));
        self
    }

    pub fn answer(&self, q: &Query) -> QueryResult {
        let parts: Vec<String> = q
            .selector
            .split(',')
            .map(|s| s.trim().to_string())
            .collect();
        let mut items: Vec<ElementFacts> = self
            .elements
            .iter()
            .filter(|(sels, _)| sels.iter().any(|s| parts.iter().any(|p| p == s)))
            .filter(|(_, e)| {
                q.text_any.is_empty()
                    || q.text_any.iter().any(|t| {
                        e.name.to_lowercase().contains(t) || e.text.to_lowercase().contains(t)
                    })
            })
            .map(|(_, e)| e.clone())
            .collect();
        for (i, e) in items.iter_mut().enumerate() {
            e.index = i as u32;
        }
        let count = items.len() as u32;
        items.truncate(q.limit as usize);
        QueryResult {
            id: q.id.clone(),
            count,
            items,
        }
    }
}

/// The latest watch and paint each frame received.
pub fn frames_of(effects: &[Effect]) -> BTreeMap<(i64, i64), FrameView> {
    let mut out: BTreeMap<(i64, i64), FrameView> = BTreeMap::new();
    for e in effects {
        if let Effect::ToFrame { tab, frame, msg } = e {
            let v = out.entry((*tab, *frame)).or_default();
            match msg {
                ToPage::Watch { id, queries, .. } => {
                    v.watch = *id;
                    v.queries = queries.clone();
                }
                ToPage::Paint { overlay, .. } => v.overlay = Some(overlay.clone()),
            }
        }
    }
    out
}

pub fn panel_view(effects: &[Effect]) -> Option<PanelView> {
    effects.iter().rev().find_map(|e| match e {
        Effect::ToPanel(ToPanel::State { view, .. }) => Some((**view).clone()),
        _ => None,
    })
}

pub fn panel_error(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::ToPanel(ToPanel::Error { message, .. }) => Some(message.clone()),
        _ => None,
    })
}

#[test]
fn guide_a_first_step_is_highlighted_and_clicked() {
    let mut h = Harness::new();
    let url = "https://azure.microsoft.com/en-us/free/";
    let fx = h.hello(1, 0, url);
    let f = frames_of(&fx);
    let first = f.get(&(1, 0)).cloned().unwrap();
    assert!(first.queries.is_empty(), "no guide: nothing to ask here");
    let fx = h.panel(json!({"waymark": 1, "kind": "start", "guide": "azure-for-office365"}));
    let view = panel_view(&fx).unwrap();
    assert_eq!(view.active.as_ref().unwrap().progress, "Step 1 of 6");
    let f = frames_of(&fx);
    let w = f.get(&(1, 0)).cloned().unwrap();
    assert!(w
        .queries
        .iter()
        .any(|q| q.id == "t/a1/0" && q.report_clicks));
    let page = FakePage::default()
        .with(&["a"], el("a", "link", "Pricing", true, 0))
        .with(&["a"], el("a", "link", "Start free", true, 1))
        .with(&["button"], el("button", "button", "Start free", false, 2));
    let fx = h.observe(1, 0, url, w.watch, &page, &w.queries);
    let f = frames_of(&fx);
    let overlay = f.get(&(1, 0)).and_then(|v| v.overlay.clone()).unwrap();
    let target = overlay.target.unwrap();
    assert_eq!(target.step, "azure-for-office365/a1");
    assert_eq!(target.fingerprint.name, "Start free");
    assert_eq!(target.fingerprint.tag, "a");
    let callout = overlay.callout.unwrap();
    assert_eq!(callout.progress, "Step 1 of 6");
    assert!(
        callout
            .why
            .contains("accessible name 'Start free', visible"),
        "{}",
        callout.why
    );
    let element = el("a", "link", "Start free", true, 0);
    let fx = h.click(1, 0, url, w.watch, &target.query, &element);
    let view = panel_view(&fx).unwrap();
    let active = view.active.unwrap();
    assert_eq!(active.progress, "Step 2 of 6");
    assert_eq!(active.steps[0].status, "done");
    assert!(active.steps[0].evidence.contains("Start free"));
    assert!(fx.iter().any(|e| matches!(e, Effect::Persist(_))));
}
