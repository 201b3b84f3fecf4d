//! Guide logic: plain Rust, no web-sys, tested natively with `cargo test`.
//! Nothing in here may depend on wasm-bindgen, web-sys, js-sys or gloo.

pub mod engine;
mod engine_roles;
pub mod guide;
mod guide_json;
pub mod json;
pub mod protocol;
pub mod recognise;
pub mod roles;
pub mod score;
pub mod share;
pub mod sort;
pub mod sorted_map;
pub mod url;

#[cfg(test)]
mod engine_roles_tests;
#[cfg(test)]
mod engine_share_tests;
#[cfg(test)]
mod engine_tests;
