//! Waymark's engine: the guide logic, plain Rust, tested natively with
//! `cargo test -p waymark-core`. This crate's dependencies (see Cargo.toml)
//! include no wasm crate (wasm-bindgen, web-sys, js-sys, gloo): the wasm
//! layer is the separate `waymark` crate in `crate/web`.

pub mod aria;
pub mod eligibility;
pub mod engine;
/// The guide schema: its own crate, shared with `build.rs`.
pub use waymark_guide as guide;
pub mod protocol;
pub mod recognise;
pub mod roles;
pub mod score;
pub mod share;
pub mod text;
pub mod url;
