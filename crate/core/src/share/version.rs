//! The share-code format's version, as a code writes it.

/// The format version written after `WAYMARK`.
pub const FORMAT_VERSION: u32 = 1;
/// The code's prefix as written by `encode`.
pub const PREFIX: &str = "WAYMARK1-";
