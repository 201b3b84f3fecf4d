//! The wasm-bindgen layer (package `waymark`, the cdylib): the only crate
//! that depends on wasm crates (wasm-bindgen, js-sys, web-sys,
//! serde-wasm-bindgen). It wraps `waymark_core::engine::Engine` for
//! `background.js`:
//!
//! - messages from JavaScript reach the engine as JSON text
//!   (`JSON.stringify`; the core reads text with serde_json, with its size
//!   limit checked on the text first and serde_json's depth limit), whatever
//!   shape JS handed us. Reading the JS object with serde-wasm-bindgen
//!   instead was measured slower (an `observed` of 9.4 KB: 1.5 ms against
//!   0.9 ms; one property read across the boundary per field), and it has no
//!   depth limit of its own;
//! - effects go back as a JS array of plain objects, written by
//!   serde-wasm-bindgen (`Serializer::json_compatible`: maps as objects,
//!   `None` as null) straight from the core's serde types, no JSON text in
//!   between: `{to: "frame", tab, frame, msg}`, `{to: "panel", msg}`,
//!   `{to: "persist", snapshot}`, `{to: "log", text}`;
//! - a panic is reported to the console (and to `globalThis.waymarkPanic`
//!   if background.js set one) and schedules a fresh wasm instance, so that
//!   background.js can catch the trap and rebuild a `WebEngine` from the
//!   last persisted snapshot. The release profile is `panic = "abort"`, so a
//!   panic traps; the instance must never be used again, and the reinit
//!   machinery of wasm-bindgen gives the next call a new one.
//!
//! Everything here is for wasm32 only; on other targets the crate is empty.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Reflect, JSON};
use serde::Serialize;
use std::sync::Once;
use wasm_bindgen::prelude::*;
use waymark_core::engine::{Effect, Engine, Sender};
use waymark_core::protocol::{ToPage, ToPanel};

static HOOK: Once = Once::new();

/// Report panics to the console and to `globalThis.waymarkPanic(message)`,
/// then ask wasm-bindgen for a fresh instance on the next call.
pub fn install_panic_hook() {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let text = format!("waymark engine panic: {info}");
            web_sys::console::error_1(&JsValue::from_str(&text));
            let global = js_sys::global();
            if let Ok(f) = Reflect::get(&global, &JsValue::from_str("waymarkPanic")) {
                if let Some(f) = f.dyn_ref::<Function>() {
                    let _ = f.call1(&JsValue::UNDEFINED, &JsValue::from_str(&text));
                }
            }
            wasm_bindgen::handler::schedule_reinit();
        }));
    });
}

/// The engine, as `background.js` sees it.
#[wasm_bindgen]
pub struct WebEngine {
    inner: Engine,
    startup: Vec<Effect>,
}

#[wasm_bindgen]
impl WebEngine {
    /// A fresh engine, or one restored from a persisted snapshot. An
    /// unreadable snapshot gives a fresh engine; the reason is among
    /// `startup_effects()`.
    #[wasm_bindgen(constructor)]
    pub fn new(snapshot: Option<String>) -> WebEngine {
        install_panic_hook();
        let (inner, startup) = Engine::restore(snapshot.as_deref());
        WebEngine { inner, startup }
    }

    /// Effects produced while restoring (logs); returned once.
    pub fn startup_effects(&mut self) -> Array {
        effects_to_js(std::mem::take(&mut self.startup))
    }

    /// A message from a content script. `tab`, `frame` and `sender_url` come
    /// from the browser (`runtime.onMessage` sender), never from the message.
    pub fn from_page(&mut self, tab: f64, frame: f64, sender_url: &str, msg: JsValue) -> Array {
        let json = match to_json(&msg) {
            Ok(json) => json,
            Err(reason) => return log(format!("page message rejected: {reason}")),
        };
        let sender = Sender {
            tab: tab as i64,
            frame: frame as i64,
            url: sender_url.to_string(),
        };
        effects_to_js(self.inner.from_page(&sender, &json, js_sys::Date::now()))
    }

    /// A message from the side panel.
    pub fn from_panel(&mut self, msg: JsValue) -> Array {
        let json = match to_json(&msg) {
            Ok(json) => json,
            Err(reason) => return log(format!("panel message rejected: {reason}")),
        };
        effects_to_js(self.inner.from_panel(&json, js_sys::Date::now()))
    }

    /// Tab `tab` was opened from tab `opener` (`sender.tab.openerTabId`),
    /// told before the tab's `hello`: a tab opened from the guided journey
    /// is part of it.
    pub fn opened_from(&mut self, tab: f64, opener: f64) {
        self.inner.opened_from(tab as i64, opener as i64);
    }

    /// A frame's document went: a message to it could not be delivered.
    pub fn frame_gone(&mut self, tab: f64, frame: f64) -> Array {
        effects_to_js(self.inner.frame_gone(tab as i64, frame as i64))
    }

    /// A tab was closed.
    pub fn tab_gone(&mut self, tab: f64) -> Array {
        effects_to_js(self.inner.tab_gone(tab as i64))
    }
}

/// The protocol version this engine speaks. Also the cheapest export to call
/// after a trap: wasm-bindgen swaps in the fresh instance on the first call,
/// and it must do so before a call that passes strings into wasm memory.
#[wasm_bindgen]
pub fn protocol_version() -> u32 {
    waymark_core::protocol::PROTOCOL_VERSION
}

/// Panics on purpose, so that tests can prove background.js recovers.
#[wasm_bindgen]
pub fn crash_for_test() {
    panic!("crash_for_test");
}

/// The message as JSON text: a string is taken as JSON already, anything
/// else goes through `JSON.stringify` (which may throw on cycles/BigInt).
fn to_json(msg: &JsValue) -> Result<String, String> {
    if let Some(s) = msg.as_string() {
        return Ok(s);
    }
    match JSON::stringify(msg) {
        Ok(s) => s.as_string().ok_or_else(|| "not a JSON value".to_string()),
        Err(_) => Err("not serialisable as JSON".to_string()),
    }
}

fn log(text: String) -> Array {
    effects_to_js(vec![Effect::Log(text)])
}

/// One effect as `background.js` receives it.
#[derive(Serialize)]
#[serde(tag = "to", rename_all = "kebab-case")]
enum Out<'a> {
    Frame {
        tab: f64,
        frame: f64,
        msg: &'a ToPage,
    },
    Panel {
        msg: &'a ToPanel,
    },
    Persist {
        snapshot: &'a str,
    },
    Log {
        text: &'a str,
    },
}

/// One effect as a `{to, ...}` plain object.
fn effect_to_js(effect: &Effect) -> Result<JsValue, String> {
    let out = match effect {
        Effect::ToFrame { tab, frame, msg } => Out::Frame {
            tab: *tab as f64,
            frame: *frame as f64,
            msg,
        },
        Effect::ToPanel(msg) => Out::Panel { msg },
        Effect::Persist(snapshot) => Out::Persist { snapshot },
        Effect::Log(text) => Out::Log { text },
    };
    out.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| e.to_string())
}

/// Converts engine effects to `{to, ...}` plain objects. An effect that
/// cannot be converted becomes a log effect instead.
pub fn effects_to_js(effects: Vec<Effect>) -> Array {
    effects
        .iter()
        .map(|effect| {
            effect_to_js(effect)
                .or_else(|e| effect_to_js(&Effect::Log(format!("effect dropped: {e}"))))
                .unwrap_or_default()
        })
        .collect()
}
