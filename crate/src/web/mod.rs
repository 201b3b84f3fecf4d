//! wasm-bindgen layer
