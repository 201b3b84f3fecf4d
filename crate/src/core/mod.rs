//! Guide logic: plain Rust, no web-sys, tested natively with `cargo test`.
//! Nothing in here may depend on wasm-bindgen, web-sys, js-sys or gloo.

pub mod engine;
pub mod guide;
pub mod recognise;
pub mod score;
pub mod url;
pub mod protocol;
pub mod roles;
pub mod share;

#[cfg(test)]
mod engine_tests;
