//! Share codes: encode and decode shared guides as inert plain text.
