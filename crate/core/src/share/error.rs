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
    /// was not made by Waymark (or by a broken one). What is wrong inside.
    Malformed(Flaw),
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

/// What is wrong inside a code whose checksum is right (`Malformed`): the
/// reader's diagnostic, for the engineer who sent the code. A message of
/// the catalogue (`malformed<Flaw>`, `Flaw::message`), so that the panel
/// says it in its own language like the sentence around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// The content ends before what its bytes announce.
    EndsEarly,
    /// A number takes more than four bytes.
    NumberTooLong,
    /// A text's length runs past the end.
    TextPastEnd,
    /// A text is not UTF-8.
    NotUtf8,
    /// The first byte names no kind of code this reader knows.
    UnknownKind,
    /// Bytes after the guide or report.
    ExtraData,
    /// A built-in guide's flags have a bit this reader does not know.
    UnknownStepMarker,
    /// A recorded step's flags have a bit this reader does not know.
    UnknownStepFlags,
    /// The first step says "same host/path as the previous one".
    FirstStepRefersBack,
    /// A site number the host table lacks.
    UnknownSite,
    TooManyAttributes,
    /// An attribute number the table lacks.
    UnknownAttribute,
    RepeatedAttribute,
    /// An attribute outside `ALLOWED_ATTRS`.
    AttributeNotAllowed,
    /// A step whose locator names no element fact.
    NoElement,
    /// A step whose own text is empty.
    NoStepText,
    /// A stuck code with more frames than it may hold.
    TooManyFrames,
    /// A stuck code with more locators than it may hold.
    TooManyLocators,
    /// A stuck code's counts out of order (visible <= matched <= found).
    LocatorCounts,
    /// A stuck code's text over its limit.
    FieldTooLong,
    UnknownFrameFlags,
    UnknownPageState,
}

impl Flaw {
    /// Every flaw, for the test that each has its message.
    pub const ALL: [Flaw; 22] = [
        Flaw::EndsEarly,
        Flaw::NumberTooLong,
        Flaw::TextPastEnd,
        Flaw::NotUtf8,
        Flaw::UnknownKind,
        Flaw::ExtraData,
        Flaw::UnknownStepMarker,
        Flaw::UnknownStepFlags,
        Flaw::FirstStepRefersBack,
        Flaw::UnknownSite,
        Flaw::TooManyAttributes,
        Flaw::UnknownAttribute,
        Flaw::RepeatedAttribute,
        Flaw::AttributeNotAllowed,
        Flaw::NoElement,
        Flaw::NoStepText,
        Flaw::TooManyFrames,
        Flaw::TooManyLocators,
        Flaw::LocatorCounts,
        Flaw::FieldTooLong,
        Flaw::UnknownFrameFlags,
        Flaw::UnknownPageState,
    ];

    /// The flaw as a message of the catalogue ("the content ends early").
    pub fn message(self) -> Text {
        let id = match self {
            Flaw::EndsEarly => "malformedEndsEarly",
            Flaw::NumberTooLong => "malformedNumberTooLong",
            Flaw::TextPastEnd => "malformedTextPastEnd",
            Flaw::NotUtf8 => "malformedNotUtf8",
            Flaw::UnknownKind => "malformedUnknownKind",
            Flaw::ExtraData => "malformedExtraData",
            Flaw::UnknownStepMarker => "malformedUnknownStepMarker",
            Flaw::UnknownStepFlags => "malformedUnknownStepFlags",
            Flaw::FirstStepRefersBack => "malformedFirstStepRefersBack",
            Flaw::UnknownSite => "malformedUnknownSite",
            Flaw::TooManyAttributes => "malformedTooManyAttributes",
            Flaw::UnknownAttribute => "malformedUnknownAttribute",
            Flaw::RepeatedAttribute => "malformedRepeatedAttribute",
            Flaw::AttributeNotAllowed => "malformedAttributeNotAllowed",
            Flaw::NoElement => "malformedNoElement",
            Flaw::NoStepText => "malformedNoStepText",
            Flaw::TooManyFrames => "malformedTooManyFrames",
            Flaw::TooManyLocators => "malformedTooManyLocators",
            Flaw::LocatorCounts => "malformedLocatorCounts",
            Flaw::FieldTooLong => "malformedFieldTooLong",
            Flaw::UnknownFrameFlags => "malformedUnknownFrameFlags",
            Flaw::UnknownPageState => "malformedUnknownPageState",
        };
        msg(id, [])
    }
}

impl ShareError {
    /// Why, as a message of the catalogue (`shareErr<Kind>`), for the panel;
    /// `Malformed`'s detail too (`Flaw::message`).
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
            ShareError::Malformed(flaw) => msg("shareErrMalformed", [flaw.message()]),
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

/// Quote untrusted text (a host from a code) for a message: bounded and with
/// anything unusual escaped.
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
            // The flaw by its name: its words are the catalogue's.
            ShareError::Malformed(flaw) => write!(
                f,
                "This code's checksum is right but its content is not a valid guide ({flaw:?}). It was not made by this version of Waymark."
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flaw_is_a_message_of_the_catalogue() {
        // `Text::en` fails on an id the English catalogue lacks; the locale
        // test holds German to the same ids.
        let mut seen = Vec::new();
        for flaw in Flaw::ALL {
            let words = flaw.message().en();
            assert!(!words.is_empty() && !seen.contains(&words), "{flaw:?}");
            let refusal = ShareError::Malformed(flaw).message();
            assert_eq!(refusal.id(), Some("shareErrMalformed"));
            assert!(refusal.en().contains(&format!("({words})")), "{refusal}");
            seen.push(words);
        }
        assert_eq!(
            ShareError::Malformed(Flaw::EndsEarly).message(),
            "This code's checksum is right but its content is not a valid guide (the content ends early). It was not made by this version of Waymark."
        );
    }
}
