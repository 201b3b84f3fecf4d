//! Waymark's engine. `core` is the guide logic, plain Rust tested natively;
//! `web` is the thin wasm-bindgen layer that the extension's background and
//! side panel load.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;
