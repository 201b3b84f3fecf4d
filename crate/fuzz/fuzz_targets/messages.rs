//! Fuzz what pages, the panel and storage hand the engine as JSON text: the
//! message readers (the protocol's serde types through serde_json, as the
//! web layer reads JS values into the same types) and the engine behind
//! them. The input is split into lines; a line starting with `>` goes to
//! the engine as a panel message, any other as a page message from the
//! portal's top frame, and an input that starts with `{` is also tried as a
//! saved snapshot.
//!
//! Properties:
//! - nothing panics;
//! - a page or panel message that is accepted is written back as text that
//!   reads as the same message;
//! - a message the engine rejects changes nothing: it gets log lines only,
//!   no message to a frame or the panel and no snapshot.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::OnceLock;
use waymark_core::engine::{Effect, Engine, Sender};
use waymark_core::protocol::{FromPage, FromPanel};

/// An accepted message is written as text that reads back as the same
/// message.
fn message_written_back<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(msg: &T) {
    let once = serde_json::to_string(msg).expect("a message is written");
    let back: T = serde_json::from_str(&once).expect("a message written is read back");
    assert_eq!(&back, msg, "{once}");
}

fn only_logs(effects: &[Effect]) -> bool {
    effects.iter().all(|e| matches!(e, Effect::Log(_)))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
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
