//! Fuzz what pages, the panel and storage hand the engine as JSON text: the
//! JSON parser (`core::json`), the message readers, and the engine behind
//! them. The input is split into lines; a line starting with `>` goes to
//! the engine as a panel message, any other as a page message from the
//! portal's top frame, and an input that starts with `{` is also tried as a
//! saved snapshot.
//!
//! Properties:
//! - nothing panics;
//! - JSON that parses is written back as text that parses to the same
//!   value (numbers within 1e-12: the writer keeps three decimals);
//! - a page or panel message that is accepted is written back as text that
//!   reads as a message of the same JSON value;
//! - a message the engine rejects changes nothing: it gets log lines only,
//!   no message to a frame or the panel and no snapshot.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use waymark_core::engine::{Effect, Engine, Sender};
use waymark_core::json::{self, FromJson, Json, ToJson};
use waymark_core::protocol::{FromPage, FromPanel};

/// Equal values, numbers within a relative 1e-12.
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Num(x), Json::Num(y)) => (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0),
        (Json::Arr(x), Json::Arr(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Json::Obj(x), Json::Obj(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, a), (l, b))| k == l && same(a, b))
        }
        _ => a == b,
    }
}

fn written_back(v: &Json) {
    let once = json::to_string(v);
    let again = json::parse(&once).expect("what the writer writes, the parser reads");
    if written_exactly(v) {
        assert!(same(v, &again), "{once}");
    }
}

/// Whether every number is one the writer keeps: below 2^53 and a whole
/// number of thousandths (others are rounded, by design).
fn written_exactly(v: &Json) -> bool {
    match v {
        Json::Num(n) => n.abs() < 9e15 && (n * 1000.0).fract() == 0.0,
        Json::Arr(items) => items.iter().all(written_exactly),
        Json::Obj(members) => members.iter().all(|(_, v)| written_exactly(v)),
        _ => true,
    }
}

fn message_written_back<T: FromJson + ToJson>(msg: &T) {
    let once = json::to_string(msg);
    let back: T = json::from_str(&once).expect("a message written is read back");
    let (a, b) = (
        json::parse(&once).unwrap(),
        json::parse(&json::to_string(&back)).unwrap(),
    );
    assert!(same(&a, &b), "{once}");
}

fn only_logs(effects: &[Effect]) -> bool {
    effects.iter().all(|e| matches!(e, Effect::Log(_)))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(v) = json::parse(&text) {
        written_back(&v);
    }
    if text.starts_with('{') {
        let _ = Engine::restore(Some(&text));
    }
    // A fresh engine per input (so a crash reproduces from its input alone),
    // cloned rather than rebuilt: building one parses the embedded guides.
    static FRESH: OnceLock<Engine> = OnceLock::new();
    let mut engine = FRESH.get_or_init(|| Engine::restore(None).0).clone();
    let top = Sender {
        tab: 1,
        frame: 0,
        url: "https://portal.azure.com/#home".to_string(),
    };
    for (i, line) in text.lines().enumerate() {
        let now = 1_000.0 + i as f64;
        if let Some(panel) = line.strip_prefix('>') {
            let parsed = FromPanel::parse(panel);
            let effects = engine.from_panel(panel, now);
            match parsed {
                Ok(msg) => message_written_back(&msg),
                Err(_) => assert!(only_logs(&effects), "{effects:?}"),
            }
        } else {
            let parsed = FromPage::parse(line);
            let effects = engine.from_page(&top, line, now);
            match parsed {
                Ok(msg) => message_written_back(&msg),
                Err(_) => assert!(only_logs(&effects), "{effects:?}"),
            }
        }
    }
});
