//! Why a share code (or a step of one) was refused.

use super::version::{FORMAT_VERSION, PREFIX};
use crate::protocol::{msg, Text};
use std::fmt;

/// Why a code was refused. `Display` is a sentence for the person who pasted
/// it; `kind()` is a stable name for tests and logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing but white space was pasted.
    Empty,
    /// The text does not start with `WAYMARK<n>-`.
    NotACode,
    /// `WAYMARK<n>-` with a version this Waymark does not read.
    UnknownVersion(u32),
    /// A character that never appears in a code.
    InvalidCharacter(char),
    /// Over the size limit (input bytes, code characters or payload bytes).
    TooLarge {
        limit: usize,
    },
    /// The code ends early: part of it was not copied.
    Truncated,
    /// The checksum does not match: a character was changed or lost.
    Damaged,
    /// The checksum matches but the content is not a valid guide: the code
    /// was not made by Waymark (or by a broken one).
    Malformed(&'static str),
    NoSteps,
    TooManySteps {
        limit: usize,
    },
    FieldTooLong {
        field: &'static str,
        limit: usize,
    },
    /// Control characters, bidirectional overrides and the like.
    ForbiddenCharacter {
        field: &'static str,
    },
    BadId {
        field: &'static str,
    },
    BadPath,
    /// A step on a Microsoft sign-in page.
    SignInHost(String),
    /// A step on a site Waymark does not support.
    UnsupportedSite(String),
    /// A link that is not on the step's own site (javascript:, data:, ...).
    UnsafeLink,
    /// A step's label is not what its locator finds: the preview would say
    /// one element and the highlight pick another (issue 13 item 4). The
    /// step's number (1-based) and its label.
    LabelMismatch {
        step: usize,
        label: String,
    },
    /// For the engine: a built-in guide (or step) this Waymark does not have.
    UnknownGuide(String),
}

impl ShareError {
    /// A stable, short name for the error (used by the bad-code corpus).
    pub fn kind(&self) -> &'static str {
        match self {
            ShareError::Empty => "empty",
            ShareError::NotACode => "not-a-code",
            ShareError::UnknownVersion(_) => "unknown-version",
            ShareError::InvalidCharacter(_) => "invalid-character",
            ShareError::TooLarge { .. } => "too-large",
            ShareError::Truncated => "truncated",
            ShareError::Damaged => "damaged",
            ShareError::Malformed(_) => "malformed",
            ShareError::NoSteps => "no-steps",
            ShareError::TooManySteps { .. } => "too-many-steps",
            ShareError::FieldTooLong { .. } => "field-too-long",
            ShareError::ForbiddenCharacter { .. } => "forbidden-character",
            ShareError::BadId { .. } => "bad-id",
            ShareError::BadPath => "bad-path",
            ShareError::SignInHost(_) => "sign-in-host",
            ShareError::UnsupportedSite(_) => "unsupported-site",
            ShareError::UnsafeLink => "unsafe-link",
            ShareError::LabelMismatch { .. } => "label-mismatch",
            ShareError::UnknownGuide(_) => "unknown-guide",
        }
    }
}

/// Quote untrusted text (a host from a code) for a message: bounded and with
/// anything unusual escaped.
impl ShareError {
    /// Why, as a message of the catalogue (`shareErr<Kind>`), for the panel.
    /// `Malformed`'s detail stays an English diagnostic (data): it names a
    /// decoder's reason, for the sender's engineer rather than the admin.
    pub fn message(&self) -> Text {
        match self {
            ShareError::Empty => msg("shareErrEmpty", []),
            ShareError::NotACode => msg("shareErrNotACode", [PREFIX.into()]),
            ShareError::UnknownVersion(v) => msg(
                "shareErrUnknownVersion",
                [u64::from(*v).into(), u64::from(FORMAT_VERSION).into()],
            ),
            ShareError::InvalidCharacter(c) => {
                msg("shareErrInvalidCharacter", [shown(&c.to_string()).into()])
            }
            ShareError::TooLarge { limit } => msg("shareErrTooLarge", [(*limit).into()]),
            ShareError::Truncated => msg("shareErrTruncated", []),
            ShareError::Damaged => msg("shareErrDamaged", []),
            ShareError::Malformed(what) => msg("shareErrMalformed", [(*what).into()]),
            ShareError::NoSteps => msg("shareErrNoSteps", []),
            ShareError::TooManySteps { limit } => msg("shareErrTooManySteps", [(*limit).into()]),
            ShareError::FieldTooLong { field: f, limit } => {
                msg("shareErrFieldTooLong", [field_text(f), (*limit).into()])
            }
            ShareError::ForbiddenCharacter { field: f } => {
                msg("shareErrForbiddenCharacter", [field_text(f)])
            }
            ShareError::BadId { field: f } => msg("shareErrBadId", [field_text(f)]),
            ShareError::BadPath => msg("shareErrBadPath", []),
            ShareError::SignInHost(host) => msg("shareErrSignInHost", [shown(host).into()]),
            ShareError::UnsupportedSite(host) => {
                msg("shareErrUnsupportedSite", [shown(host).into()])
            }
            ShareError::UnsafeLink => msg("shareErrUnsafeLink", []),
            ShareError::LabelMismatch { step, label } => msg(
                "shareErrLabelMismatch",
                [(*step).into(), shown(label).into()],
            ),
            ShareError::UnknownGuide(id) => msg("shareErrUnknownGuide", [shown(id).into()]),
        }
    }
}

/// The fields a code's checks and the redaction name ("step text",
/// "attribute title"), as messages (`field_step_text`); one not listed
/// stays as written.
pub fn field_text(f: &str) -> Text {
    const KNOWN: [&str; 16] = [
        "attribute",
        "browser name",
        "element name",
        "element text",
        "extension version",
        "guide id",
        "host",
        "label",
        "name",
        "note",
        "page id",
        "path",
        "step id",
        "step text",
        "text",
        "title",
    ];
    if let Some(attr) = f.strip_prefix("attribute ") {
        return msg("fieldAttributeNamed", [attr.into()]);
    }
    if KNOWN.contains(&f) {
        msg(&format!("field_{}", f.replace(' ', "_")), [])
    } else {
        f.into()
    }
}

fn shown(s: &str) -> String {
    let short: String = s.chars().take(60).collect();
    let mut out = short.escape_debug().to_string();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const AGAIN: &str = "Ask the sender to copy it again.";
        match self {
            ShareError::Empty => write!(f, "Paste a Waymark code first: the box is empty."),
            ShareError::NotACode => write!(
                f,
                "This is not a Waymark code: Waymark codes start with \u{201c}{PREFIX}\u{201d}."
            ),
            ShareError::UnknownVersion(v) => write!(
                f,
                "This code was made by a different version of Waymark (format {v}; this one reads format {FORMAT_VERSION}). Update Waymark, or ask the sender for a code from the same version."
            ),
            ShareError::InvalidCharacter(c) => write!(
                f,
                "This code contains \u{201c}{}\u{201d}, which never appears in a Waymark code. Check that nothing was added to it, or {}",
                shown(&c.to_string()),
                AGAIN.to_lowercase()
            ),
            ShareError::TooLarge { limit } => write!(
                f,
                "This code is too long: Waymark opens codes of up to {limit} characters (or bytes). It was not read."
            ),
            ShareError::Truncated => write!(
                f,
                "This code is incomplete: its end is missing. {AGAIN}"
            ),
            ShareError::Damaged => write!(
                f,
                "This code is damaged: its checksum doesn't match. {AGAIN}"
            ),
            ShareError::Malformed(what) => write!(
                f,
                "This code's checksum is right but its content is not a valid guide ({what}). It was not made by this version of Waymark."
            ),
            ShareError::NoSteps => write!(f, "This code holds no steps."),
            ShareError::TooManySteps { limit } => write!(
                f,
                "This code holds more than {limit} steps, the most a shared guide may have."
            ),
            ShareError::FieldTooLong { field, limit } => write!(
                f,
                "A {field} in this code is longer than {limit} characters, the most Waymark allows."
            ),
            ShareError::ForbiddenCharacter { field } => write!(
                f,
                "A {field} in this code contains control or text-direction characters, which Waymark never shows."
            ),
            ShareError::BadId { field } => write!(
                f,
                "A {field} in this code is not a valid name (letters, digits, '-', '_' and '.' only)."
            ),
            ShareError::BadPath => write!(
                f,
                "A page address in this code is not a plain path on its site."
            ),
            ShareError::SignInHost(host) => write!(
                f,
                "This code names a Microsoft sign-in page ({}). Waymark never touches sign-in pages, so it will not open this code.",
                shown(host)
            ),
            ShareError::UnsupportedSite(host) => write!(
                f,
                "This code names a site Waymark does not work on ({}). It will not open this code.",
                shown(host)
            ),
            ShareError::UnsafeLink => write!(
                f,
                "This code contains a link that leads off the step's own site (or is not a web link at all). It will not be opened."
            ),
            ShareError::LabelMismatch { step, label } => write!(
                f,
                "Step {step} of this code is labelled \u{201c}{}\u{201d}, but the element it highlights has another name. Waymark will not open a code whose labels do not say what it highlights. {AGAIN}",
                shown(label)
            ),
            ShareError::UnknownGuide(id) => write!(
                f,
                "This code refers to a guide this version of Waymark doesn't have ({}). Update Waymark, or ask the sender to record the steps instead.",
                shown(id)
            ),
        }
    }
}

impl std::error::Error for ShareError {}
