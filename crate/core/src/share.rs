//! Share codes: encode and decode shared guides as inert plain text, record a
//! guide by demonstration, redact what must not leave the engineer's screen,
//! and export any guide as Markdown or a self-contained HTML page.
//!
//! Everything here is a pure function of its inputs: no I/O, no globals, no
//! DOM. The engine owns the state (`Recording`, the opened `SharedGuide`) and
//! calls in; a rejected code or edit leaves that state untouched.
//!
//! Inert by construction: the model (`SharedGuide`) can only name a built-in
//! guide, or elements and text on the supported sites. There is no field that
//! could ask for an action (navigate, fill, click, submit) or a permission, so
//! no code, however crafted, can carry one. The wire format is in
//! `SHARE_FORMAT.md` next to this file.

pub mod codec;
pub mod error;
pub mod export;
pub mod model;
pub mod recorded;
pub mod redact;
pub mod sites;
pub mod stuck;
pub mod to_guide;
pub mod version;

pub use codec::{decode, encode};

/// Code editors, as a selector: a click inside one is never recorded, since
/// the text there is the code (an ARM template, a policy, a script), not a
/// control's name. Monaco (`.monaco-editor`, the portal's JSON and code
/// views), CodeMirror 6 and 5 (`.cm-editor`, `.CodeMirror`) and Ace
/// (`.ace_editor`). Text areas and `contenteditable` regions need no entry:
/// the content script never reads their text (`describe.js`, `visibleText`),
/// and the engine keeps no text of a text-entry element (`recorded.rs`).
pub const CODE_EDITORS: &str = ".monaco-editor,.cm-editor,.CodeMirror,.ace_editor";
pub use error::{Flaw, ShareError};
pub use export::{to_html, to_markdown, ExportGuide, ExportStep, ExportWords};
pub use model::{RecordedGuide, RecordedLocator, RecordedStep, SharedGuide, ALLOWED_ATTRS};
pub use recorded::{
    record_click, record_click_on, EditError, RecordRefusal, RecordedStepView, Recording,
};
pub use redact::{
    matches_redacted, name_in_title, private_list, titled_page, KnownSecrets, Redaction,
    RedactionKind,
};
pub use sites::{is_sign_in_host, same_host_family, site_kind, Site, REACTBLADE_PARENTS};
pub use stuck::{decode_any, Code, StuckReport};
pub use to_guide::{recorded_to_guide, SHARED_ID};
