//! The engine: one instance for the whole browser. It receives messages from
//! content scripts (with the browser-supplied tab and frame ids) and from the
//! side panel, and returns effects for the web layer to carry out. It never
//! touches the DOM, the network or storage itself.

use super::protocol::{FromPage, FromPanel, Rejected, ToPage, ToPanel};

/// Something the web layer must do on the engine's behalf.
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

#[derive(Debug, Default)]
pub struct Engine {}

impl Engine {
    /// A fresh engine, or one restored from a `Persist` snapshot. A snapshot
    /// that cannot be read gives a fresh engine and a `Log` explaining why.
    pub fn restore(snapshot: Option<&str>) -> (Engine, Vec<Effect>) {
        let _ = snapshot;
        (Engine::default(), Vec::new())
    }

    /// Handle one content-script message (already size-checked JSON text).
    pub fn from_page(&mut self, sender: &Sender, json: &str, now_ms: f64) -> Vec<Effect> {
        let _ = (sender, now_ms);
        match FromPage::parse(json) {
            Ok(_msg) => Vec::new(),
            Err(Rejected(reason)) => vec![Effect::Log(format!("page message rejected: {reason}"))],
        }
    }

    /// Handle one side-panel message.
    pub fn from_panel(&mut self, json: &str, now_ms: f64) -> Vec<Effect> {
        let _ = now_ms;
        match FromPanel::parse(json) {
            Ok(_msg) => Vec::new(),
            Err(Rejected(reason)) => vec![Effect::Log(format!("panel message rejected: {reason}"))],
        }
    }

    /// A tab was closed or navigated away from a supported site.
    pub fn tab_gone(&mut self, tab: i64) -> Vec<Effect> {
        let _ = tab;
        Vec::new()
    }
}
