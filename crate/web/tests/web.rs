//! wasm-bindgen-test tests for the web layer (headless Chromium through
//! wasm-bindgen-test-runner and chromedriver): effects become plain JS
//! objects, bad input gives a log effect and changes nothing, a persisted
//! snapshot restores the same state.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use waymark::{effects_to_js, WebEngine};
use waymark_core::engine::Effect;
use waymark_core::protocol::{Overlay, ToPage, ToPanel};

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn kinds(effects: &Array) -> Vec<String> {
    effects
        .iter()
        .map(|e| get(&e, "to").as_string().unwrap_or_default())
        .collect()
}

fn json(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

/// The panel messages (as JSON text) among some effects.
fn panel_msgs(effects: &Array) -> Vec<String> {
    effects
        .iter()
        .filter(|e| get(e, "to").as_string().as_deref() == Some("panel"))
        .map(|e| json(&get(&e, "msg")))
        .collect()
}

fn snapshots(effects: &Array) -> Vec<String> {
    effects
        .iter()
        .filter(|e| get(e, "to").as_string().as_deref() == Some("persist"))
        .map(|e| get(&e, "snapshot").as_string().unwrap())
        .collect()
}

/// Whether a log effect says a message was rejected.
fn rejected(effects: &Array) -> bool {
    effects.iter().any(|e| {
        get(&e, "to").as_string().as_deref() == Some("log")
            && get(&e, "text")
                .as_string()
                .unwrap_or_default()
                .contains("rejected")
    })
}

fn get_state() -> JsValue {
    JsValue::from_str(r#"{"waymark":1,"kind":"get-state"}"#)
}

#[wasm_bindgen_test]
fn effects_become_plain_objects() {
    let effects = vec![
        Effect::ToFrame {
            tab: 12,
            frame: 3,
            msg: ToPage::Paint {
                waymark: 1,
                overlay: Overlay::default(),
            },
        },
        Effect::ToPanel(ToPanel::Error {
            waymark: 1,
            message: "nope".into(),
        }),
        Effect::Persist("{\"s\":1}".into()),
        Effect::Log("hello".into()),
    ];
    let arr = effects_to_js(effects);
    assert_eq!(kinds(&arr), ["frame", "panel", "persist", "log"]);
    let frame = arr.get(0);
    assert_eq!(get(&frame, "tab").as_f64(), Some(12.0));
    assert_eq!(get(&frame, "frame").as_f64(), Some(3.0));
    let msg = get(&frame, "msg");
    assert_eq!(get(&msg, "kind").as_string().as_deref(), Some("paint"));
    assert_eq!(get(&msg, "waymark").as_f64(), Some(1.0));
    // serde-wasm-bindgen's JSON-compatible objects: `None` is null (as in
    // JSON text), lists are arrays, no Map objects.
    let overlay = get(&msg, "overlay");
    assert!(overlay.is_object() && !overlay.is_instance_of::<js_sys::Map>());
    assert!(get(&overlay, "target").is_null());
    assert!(Array::is_array(&get(&overlay, "marks")));
    let panel = get(&arr.get(1), "msg");
    assert_eq!(get(&panel, "kind").as_string().as_deref(), Some("error"));
    assert_eq!(get(&panel, "message").as_string().as_deref(), Some("nope"));
    assert_eq!(
        get(&arr.get(2), "snapshot").as_string().as_deref(),
        Some("{\"s\":1}")
    );
    assert_eq!(
        get(&arr.get(3), "text").as_string().as_deref(),
        Some("hello")
    );
}

#[wasm_bindgen_test]
fn malformed_messages_give_a_log_and_change_nothing() {
    let mut engine = WebEngine::new(None);
    let before = panel_msgs(&engine.from_panel(get_state()));
    let bad: Vec<JsValue> = vec![
        JsValue::from_str("not json"),
        JsValue::from_str(r#"{"waymark":2,"kind":"get-state"}"#),
        JsValue::from_str(r#"{"waymark":1,"kind":"launch-missiles"}"#),
        JsValue::from_str(r#"{"waymark":1,"kind":"start","guide":"x","extra":1}"#),
        JsValue::from_str(&format!(
            r#"{{"waymark":1,"kind":"open-code","code":"{}"}}"#,
            "A".repeat(300 * 1024)
        )),
        JsValue::UNDEFINED,
        js_sys::BigInt::from(5u32).into(),
        // The same refusals for JS objects: an unknown field, the size
        // limit, nesting deeper than serde_json's limit.
        JSON::parse(r#"{"waymark":1,"kind":"start","guide":"x","extra":1}"#).unwrap(),
        JSON::parse(&format!(
            r#"{{"waymark":1,"kind":"open-code","code":"{}"}}"#,
            "A".repeat(300 * 1024)
        ))
        .unwrap(),
        JSON::parse(&format!(
            r#"{{"waymark":1,"kind":"start","x":{}{}}}"#,
            "[".repeat(1000),
            "]".repeat(1000)
        ))
        .unwrap(),
    ];
    for msg in &bad {
        let fx = engine.from_panel(msg.clone());
        assert_eq!(kinds(&fx), ["log"], "panel message {msg:?}");
        let fx = engine.from_page(1.0, 0.0, "https://portal.azure.com/", msg.clone());
        assert_eq!(kinds(&fx), ["log"], "page message {msg:?}");
    }
    // A page message carrying a form value is malformed, not ignored.
    let value = JsValue::from_str(
        r#"{"waymark":1,"kind":"clicked","watch":1,"url":"u","query":"q","element":{"tag":"input","value":"secret"}}"#,
    );
    assert_eq!(
        kinds(&engine.from_page(1.0, 0.0, "https://portal.azure.com/", value)),
        ["log"]
    );
    let after = panel_msgs(&engine.from_panel(get_state()));
    assert_eq!(before, after);
}

#[wasm_bindgen_test]
fn js_objects_are_accepted_like_json_text() {
    let mut a = WebEngine::new(None);
    let mut b = WebEngine::new(None);
    let obj = JSON::parse(r#"{"waymark":1,"kind":"get-state"}"#).unwrap();
    let fa = a.from_panel(obj);
    assert!(!rejected(&fa));
    assert_eq!(panel_msgs(&fa), panel_msgs(&b.from_panel(get_state())));
    let hello = JSON::parse(
        r#"{"waymark":1,"kind":"hello","url":"https://portal.azure.com/#home","title":"Home","top":true}"#,
    )
    .unwrap();
    assert!(!rejected(&a.from_page(
        4.0,
        0.0,
        "https://portal.azure.com/#home",
        hello
    )));
}

#[wasm_bindgen_test]
fn snapshot_restores_the_same_state() {
    let mut engine = WebEngine::new(None);
    let fx = engine.from_panel(JsValue::from_str(
        r#"{"waymark":1,"kind":"start","guide":"find-your-role"}"#,
    ));
    let mut snaps = snapshots(&fx);
    let hello = JsValue::from_str(
        r#"{"waymark":1,"kind":"hello","url":"https://portal.azure.com/#home","title":"Home","top":true}"#,
    );
    snaps.extend(snapshots(&engine.from_page(
        7.0,
        0.0,
        "https://portal.azure.com/#home",
        hello,
    )));
    let original = panel_msgs(&engine.from_panel(get_state()));
    // Starting a guide changes state, so the engine persists it; the last
    // snapshot gives an engine that shows the same panel.
    let snapshot = snaps.last().cloned();
    assert!(snapshot.is_some(), "starting a guide persists a snapshot");
    let mut restored = WebEngine::new(snapshot.clone());
    // The snapshot holds the frame but not its answers: the restored engine
    // asks it again (a watch to tab 7, frame 0), and logs nothing.
    let startup = restored.startup_effects();
    assert_eq!(kinds(&startup), ["frame"]);
    assert_eq!(get(&startup.get(0), "tab").as_f64(), Some(7.0));
    let watch = get(&startup.get(0), "msg");
    assert_eq!(get(&watch, "kind").as_string().as_deref(), Some("watch"));
    let restored_view = panel_msgs(&restored.from_panel(get_state()));
    assert!(restored_view[0].contains("find-your-role"));
    assert_eq!(restored_view, original);
    // An unreadable snapshot gives a working fresh engine, never a panic.
    let mut fresh = WebEngine::new(Some("{definitely not a snapshot".into()));
    let _ = fresh.startup_effects();
    let mut clean = WebEngine::new(None);
    assert_eq!(
        panel_msgs(&fresh.from_panel(get_state())),
        panel_msgs(&clean.from_panel(get_state()))
    );
    assert_eq!(kinds(&fresh.tab_gone(7.0)), kinds(&clean.tab_gone(7.0)));
}
