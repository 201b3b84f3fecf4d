//! Recording a guide by demonstration: pure functions the engine calls with
//! each click reported in record mode, plus the edits the panel offers.
//!
//! What is never recorded:
//! - anything on a sign-in page or a site Waymark does not support;
//! - typed values: `ElementFacts` has no value field, and for text-entry
//!   elements (inputs, text areas, search boxes, combo boxes) the visible
//!   text and `title` are dropped too, because for a `contenteditable` box
//!   the "visible text" *is* what was typed, and Fluent UI mirrors a field's
//!   value into its `title`. Their accessible name is kept only when it
//!   equals their `aria-label`, i.e. when it provably came from an attribute;
//! - query strings of the page address or of links (tokens, per-user state);
//! - e-mail addresses, GUIDs, tenant domains and the tenant and user names
//!   the engine knows (see `redact`): replaced by tokens, with a record of
//!   what kind of thing and how long, never the original;
//! - a user, subscription, resource group, resource or domain clicked on a
//!   page that lists them (`redact::PRIVATE_LISTS`, judged by the top
//!   page's address): the clicked link or cell becomes its token whatever
//!   its text (`[user]`; a link to Microsoft's documentation, such as the
//!   list's "Learn more", is the page's own and kept), and its name is
//!   learned, so it is redacted in
//!   every step; resource group and resource names in resource ids of the
//!   address are learned the same way, and so is the name the active
//!   blade's title gives on a page about one subscription, resource group,
//!   resource or user (`Recording::learn`, `redact::titled_page`): a
//!   subscription opened by its address has its name nowhere else.

use super::codec::encode;
use super::error::ShareError;
use super::model::{
    href_is_safe, is_forbidden_char, RecordedGuide, RecordedLocator, RecordedStep, SharedGuide,
    ALLOWED_ATTRS, MAX_ATTR_VALUE, MAX_LOCATOR_TEXT, MAX_NOTE, MAX_PATH, MAX_STEPS, MAX_STEP_TEXT,
    MAX_TAG, MAX_TITLE,
};
use super::redact::{
    private_list, redact_path, redact_text, resource_names, value_key, Found, KnownSecrets,
    Redaction, RedactionKind,
};
use super::sites::{parse_page_url, site_kind, Site};
use crate::protocol::{msg, Text};
use crate::protocol::{ElementFacts, RecordEdit};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Page text longer than this is cut before redaction (the content script
/// already caps names and texts at 200 characters; this bounds the work on
/// attribute values).
const MAX_RAW_INPUT: usize = 2000;

/// The recording in progress. The engine keeps it (and persists it with
/// its state); everything that changes it is a method here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recording {
    title: String,
    note: String,
    title_redactions: Vec<Redaction>,
    note_redactions: Vec<Redaction>,
    steps: Vec<StoredStep>,
    /// Held so that steps recorded later are redacted too. They are names
    /// already on the engineer's own screen, kept in session storage only.
    secrets: KnownSecrets,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredStep {
    step: RecordedStep,
    redactions: Vec<Redaction>,
}

/// One recorded step as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedStepView {
    pub index: usize,
    pub step: RecordedStep,
    /// What was removed from this step, for the panel to show.
    pub redactions: Vec<Redaction>,
}

/// Why a click was not recorded. Display is for the engineer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRefusal {
    /// Not an https page address Waymark can read.
    NotAPage,
    SignInPage,
    UnsupportedSite(String),
    TooManySteps,
    /// The code for the guide would exceed the size limit.
    TooLarge,
    /// The element has nothing to find it by (no tag, role, name, text or
    /// allowed attribute left after redaction).
    NothingToRecord,
    /// Same page, same element as the previous step (a double click).
    Duplicate,
}

impl fmt::Display for RecordRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordRefusal::NotAPage => write!(f, "Not recorded: this page's address can't be used in a guide."),
            RecordRefusal::SignInPage => write!(f, "Not recorded: Waymark never records on Microsoft sign-in pages. Describe the sign-in in a step's text instead."),
            RecordRefusal::UnsupportedSite(host) => write!(f, "Not recorded: Waymark doesn't work on {}.", host.chars().take(60).collect::<String>().escape_debug()),
            RecordRefusal::TooManySteps => write!(f, "Not recorded: a shared guide holds at most {MAX_STEPS} steps."),
            RecordRefusal::TooLarge => write!(f, "Not recorded: the guide's share code would be too long. Shorten some step texts or split the guide."),
            RecordRefusal::NothingToRecord => write!(f, "Not recorded: this element has nothing Waymark could find it by again."),
            RecordRefusal::Duplicate => write!(f, "Not recorded: it is the same as the previous step."),
        }
    }
}

impl std::error::Error for RecordRefusal {}

impl RecordRefusal {
    /// Why, as a message of the catalogue (`recordRefused<Kind>`).
    pub fn message(&self) -> Text {
        match self {
            RecordRefusal::NotAPage => msg("recordRefusedNotAPage", []),
            RecordRefusal::SignInPage => msg("recordRefusedSignIn", []),
            RecordRefusal::UnsupportedSite(host) => msg(
                "recordRefusedSite",
                [host.chars().take(60).collect::<String>().into()],
            ),
            RecordRefusal::TooManySteps => msg("recordRefusedTooMany", [MAX_STEPS.into()]),
            RecordRefusal::TooLarge => msg("recordRefusedTooLarge", []),
            RecordRefusal::NothingToRecord => msg("recordRefusedNothing", []),
            RecordRefusal::Duplicate => msg("recordRefusedDuplicate", []),
        }
    }
}

/// Why an edit was refused; the recording is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    NoSuchStep { index: usize, len: usize },
    EmptyText,
    TooLong { limit: usize },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchStep { index, len } => write!(
                f,
                "There is no step {} (the recording has {len} step{}).",
                index + 1,
                if *len == 1 { "" } else { "s" }
            ),
            EditError::EmptyText => write!(f, "A step needs some text."),
            EditError::TooLong { limit } => {
                write!(f, "That is too long: at most {limit} characters.")
            }
        }
    }
}

impl std::error::Error for EditError {}

impl EditError {
    /// Why, as a message of the catalogue.
    pub fn message(&self) -> Text {
        match self {
            EditError::NoSuchStep { index, len } => {
                msg("editErrNoSuchStep", [(*len).into(), (index + 1).into()])
            }
            EditError::EmptyText => msg("editErrEmptyText", []),
            EditError::TooLong { limit } => msg("editErrTooLong", [(*limit).into()]),
        }
    }
}

/// Page text made safe to keep: forbidden characters (and, unless allowed,
/// line breaks) become spaces, runs of spaces collapse, ends are trimmed.
fn sanitize(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_RAW_INPUT));
    let mut pending_space = false;
    for c in s.chars().take(MAX_RAW_INPUT) {
        let c = if is_forbidden_char(c, keep_newlines) {
            ' '
        } else {
            c
        };
        if c == '\n' {
            // Keep the line break, drop the spaces around it.
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
            pending_space = false;
        } else if c.is_whitespace() {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Cut to `max` characters, ending with "…", never inside a redaction token
/// (a half token would read like page text).
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(max.saturating_sub(1)).collect();
    if let Some(open) = cut.rfind('[') {
        if !cut[open..].contains(']') {
            cut.truncate(open);
        }
    }
    cut.push('…');
    cut
}

fn note(found: Vec<Found>, field: &str, into: &mut Vec<Redaction>) {
    into.extend(
        found
            .into_iter()
            .map(|(kind, original_len, key)| Redaction {
                key,
                kind,
                original_len,
                field: field.to_string(),
            }),
    );
}

fn redacted(
    s: &str,
    field: &str,
    max: usize,
    secrets: &KnownSecrets,
    into: &mut Vec<Redaction>,
) -> String {
    let (text, found) = redact_text(&sanitize(s, false), secrets);
    note(found, field, into);
    truncate(&text, max)
}

fn is_text_entry(facts: &ElementFacts) -> bool {
    let ty = facts
        .attrs
        .get("type")
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let input_text = facts.tag.eq_ignore_ascii_case("input")
        && matches!(
            ty.as_str(),
            "" | "text" | "search" | "email" | "tel" | "url" | "password" | "number"
        );
    input_text
        || facts.tag.eq_ignore_ascii_case("textarea")
        || matches!(
            facts.aria_role().to_ascii_lowercase().as_str(),
            "textbox" | "searchbox" | "combobox" | "spinbutton"
        )
}

fn ident(s: &str) -> String {
    let s = s.trim().to_ascii_lowercase();
    if s.len() <= MAX_TAG
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        s
    } else {
        String::new()
    }
}

/// Redact an already stored field again (new secrets); returns the count.
fn reredact(
    text: &mut String,
    (field, max): (&str, usize),
    secrets: &KnownSecrets,
    into: &mut Vec<Redaction>,
) -> usize {
    let (t, found) = if field == "path" {
        redact_path(text, secrets)
    } else {
        redact_text(text, secrets)
    };
    let n = found.len();
    note(found, field, into);
    *text = truncate(&t, max);
    n
}

/// A link, row or cell: what a list's rows are made of (not its commands,
/// headers or check boxes, nor a link to Microsoft's documentation, such as
/// the "Learn more" under a list's title).
fn is_list_entry(facts: &ElementFacts) -> bool {
    matches!(
        facts.aria_role(),
        "link" | "row" | "gridcell" | "cell" | "rowheader"
    ) && !links_to_docs(facts)
}

/// Where the portals' "Learn more" links go. A list entry opens a blade of
/// the portal itself (a `#view/...` route), never one of these hosts.
const DOCS_HOSTS: [&str; 4] = [
    "learn.microsoft.com",
    "docs.microsoft.com",
    "go.microsoft.com",
    "aka.ms",
];

fn links_to_docs(facts: &ElementFacts) -> bool {
    let Some(href) = facts.attrs.get("href") else {
        return false;
    };
    let parts = crate::url::parse(href.trim());
    parts.scheme.eq_ignore_ascii_case("https") && DOCS_HOSTS.contains(&parts.host.as_str())
}

/// Build the locator from what the content script reported. `private`: the
/// element is an entry of a list of private names of that kind, so its
/// name, text and naming attributes become the kind's token.
fn build_locator(
    facts: &ElementFacts,
    host: &str,
    secrets: &KnownSecrets,
    private: Option<RedactionKind>,
    redactions: &mut Vec<Redaction>,
) -> RecordedLocator {
    if let Some(kind) = private {
        let mut facts = facts.clone();
        for (field, value) in [("name", &mut facts.name), ("element text", &mut facts.text)] {
            if !value.trim().is_empty() {
                note(
                    vec![(kind, value.chars().count(), value_key(value))],
                    field,
                    redactions,
                );
                *value = kind.token().to_string();
            }
        }
        for key in ["aria-label", "title", "name"] {
            if let Some(v) = facts.attrs.remove(key) {
                note(
                    vec![(kind, v.chars().count(), value_key(&v))],
                    &format!("attribute {key}"),
                    redactions,
                );
            }
        }
        return build_locator(&facts, host, secrets, None, redactions);
    }
    let entry = is_text_entry(facts);
    let mut attrs = crate::protocol::Attrs::new();
    for (key, value) in &facts.attrs {
        let key = key.to_ascii_lowercase();
        if !ALLOWED_ATTRS.contains(&key.as_str()) || (entry && key == "title") {
            continue;
        }
        // Locators compare attribute values exactly, so a value that would
        // need changing (redaction, sanitizing, cutting) is dropped whole.
        if value.is_empty()
            || value.chars().count() > MAX_ATTR_VALUE
            || value.chars().any(|c| is_forbidden_char(c, false))
            || (key == "href" && (!href_is_safe(value, host) || value.contains('?')))
        {
            continue;
        }
        let (_, found) = if key == "href" {
            redact_path(value, secrets)
        } else {
            redact_text(value, secrets)
        };
        if !found.is_empty() {
            note(found, &format!("attribute {key}"), redactions);
            continue;
        }
        attrs.insert(key, value.clone());
    }
    let mut name = redacted(&facts.name, "name", MAX_LOCATOR_TEXT, secrets, redactions);
    let mut text = redacted(
        &facts.text,
        "element text",
        MAX_LOCATOR_TEXT,
        secrets,
        redactions,
    );
    if entry {
        text.clear();
        if attrs.get("aria-label") != Some(&name) {
            name.clear();
        }
    }
    RecordedLocator {
        tag: ident(&facts.tag),
        role: ident(facts.aria_role()),
        name,
        text,
        attrs,
    }
}

/// A path as kept: redacted, with anything a path may not hold
/// percent-encoded, a single leading slash, at most `MAX_PATH` characters.
fn clean_path(path: &str, secrets: &KnownSecrets, redactions: &mut Vec<Redaction>) -> String {
    let (p, found) = redact_path(path, secrets);
    note(found, "path", redactions);
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        if c.is_whitespace() || c == '\\' || is_forbidden_char(c, false) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    let trimmed = format!("/{}", out.trim_start_matches('/'));
    // Cut at a segment boundary so a half id never remains.
    if trimmed.chars().count() <= MAX_PATH {
        return trimmed;
    }
    let cut: String = trimmed.chars().take(MAX_PATH).collect();
    match cut.rfind(['/', '#']) {
        Some(i) if i > 0 => cut[..i].to_string(),
        _ => "/".to_string(),
    }
}

/// Record one click. On success the step is appended and returned as the
/// panel shows it; on refusal the recording is unchanged.
pub fn record_click(
    recording: &mut Recording,
    page_url: &str,
    element: &ElementFacts,
) -> Result<RecordedStepView, RecordRefusal> {
    record_click_on(recording, page_url, None, element)
}

/// `record_click` in a frame of a page whose top frame shows `top_url`
/// (a portal blade's frame has no route of its own: the list it shows is
/// named by the top page's address).
pub fn record_click_on(
    recording: &mut Recording,
    page_url: &str,
    top_url: Option<&str>,
    element: &ElementFacts,
) -> Result<RecordedStepView, RecordRefusal> {
    if recording.steps.len() >= MAX_STEPS {
        return Err(RecordRefusal::TooManySteps);
    }
    let page = parse_page_url(page_url).ok_or(RecordRefusal::NotAPage)?;
    match site_kind(&page.host, &page.path) {
        Site::Supported => {}
        Site::SignIn => return Err(RecordRefusal::SignInPage),
        Site::Unsupported => return Err(RecordRefusal::UnsupportedSite(page.host)),
    }
    // Names this click shows: resource ids in the addresses, and the entry
    // clicked on a list of private names.
    let top_path = top_url
        .and_then(parse_page_url)
        .map_or_else(|| page.path.clone(), |p| p.path);
    let mut learned = recording.secrets.clone();
    for (kind, name) in resource_names(&page.path)
        .into_iter()
        .chain(resource_names(&top_path))
    {
        learned.learn(kind, &name);
    }
    let private = private_list(&top_path).filter(|_| is_list_entry(element));
    if let Some(kind) = private {
        // A row's text is the whole row; a link or cell names one entry.
        if element.aria_role() != "row" {
            let name = if element.name.trim().is_empty() {
                &element.text
            } else {
                &element.name
            };
            learned.learn(kind, name);
        }
    }
    let secrets = &learned;
    let mut redactions = Vec::new();
    let path = clean_path(&page.path, secrets, &mut redactions);
    let locator = build_locator(element, &page.host, secrets, private, &mut redactions);
    if locator.tag.is_empty()
        && locator.role.is_empty()
        && locator.name.is_empty()
        && locator.text.is_empty()
        && locator.attrs.is_empty()
    {
        return Err(RecordRefusal::NothingToRecord);
    }
    // The label is a fact of the locator (the preview and the callout say
    // what it finds), never free text: decoding refuses one that is not.
    let label = locator.label();
    let step = RecordedStep {
        host: page.host,
        path,
        // Waymark's own instruction, worded by each reader (`instruction`).
        text: None,
        label,
        locator,
    };
    if let Some(last) = recording.steps.last() {
        if last.step.host == step.host
            && last.step.path == step.path
            && last.step.locator == step.locator
        {
            return Err(RecordRefusal::Duplicate);
        }
    }
    // Defensive: everything above keeps the rules, but a step that would
    // make the guide unshareable must not enter the recording.
    let mut guide = recording.to_guide();
    guide.steps.push(step.clone());
    match encode(&SharedGuide::Recorded(guide)) {
        Ok(_) => {}
        Err(ShareError::TooLarge { .. }) => return Err(RecordRefusal::TooLarge),
        Err(_) => return Err(RecordRefusal::NothingToRecord),
    }
    if learned != recording.secrets {
        // Earlier steps may show the names learned now.
        recording.set_secrets(learned);
    }
    recording.steps.push(StoredStep {
        step: step.clone(),
        redactions: redactions.clone(),
    });
    Ok(RecordedStepView {
        index: recording.steps.len() - 1,
        step,
        redactions,
    })
}

impl Recording {
    pub fn new(secrets: KnownSecrets) -> Recording {
        Recording {
            secrets,
            ..Recording::default()
        }
    }

    /// Tell the recording about names learned later (the account menu was
    /// read after the first clicks). Steps already recorded are redacted
    /// again; returns how many new redactions that made.
    pub fn set_secrets(&mut self, secrets: KnownSecrets) -> usize {
        // Names learned while recording stay: the engine hands over only
        // the account's.
        let mut merged = secrets;
        merged.merge(&self.secrets);
        self.secrets = merged;
        let s = &self.secrets;
        let mut added = reredact(
            &mut self.title,
            ("title", MAX_TITLE),
            s,
            &mut self.title_redactions,
        );
        added += reredact(
            &mut self.note,
            ("note", MAX_NOTE),
            s,
            &mut self.note_redactions,
        );
        for st in &mut self.steps {
            let r = &mut st.redactions;
            added += reredact(&mut st.step.path, ("path", MAX_PATH), s, r);
            if let Some(text) = st.step.text.as_mut() {
                added += reredact(text, ("text", MAX_STEP_TEXT), s, r);
            }
            added += reredact(&mut st.step.locator.name, ("name", MAX_LOCATOR_TEXT), s, r);
            added += reredact(
                &mut st.step.locator.text,
                ("element text", MAX_LOCATOR_TEXT),
                s,
                r,
            );
            let mut dropped = Vec::new();
            for (k, v) in &st.step.locator.attrs {
                let (_, found) = redact_text(v, s);
                if !found.is_empty() {
                    added += found.len();
                    note(found, &format!("attribute {k}"), r);
                    dropped.push(k.clone());
                }
            }
            for k in dropped {
                st.step.locator.attrs.remove(&k);
            }
            // Taken from the locator again, not redacted on its own: a cut
            // label redacted apart could stop being a prefix of its name.
            st.step.label = st.step.locator.label();
        }
        added
    }

    /// A name read from the page while recording (the engine reads blade
    /// titles, `redact::titled_page`): learned, and every step recorded so
    /// far redacted again. Returns whether it was new.
    pub fn learn(&mut self, kind: RedactionKind, name: &str) -> bool {
        let mut secrets = self.secrets.clone();
        if !secrets.learn(kind, name) {
            return false;
        }
        self.set_secrets(secrets);
        true
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn note(&self) -> &str {
        &self.note
    }

    /// Redactions made in the title and the note.
    pub fn guide_redactions(&self) -> Vec<Redaction> {
        let mut v = self.title_redactions.clone();
        v.extend(self.note_redactions.iter().cloned());
        v
    }

    pub fn steps(&self) -> Vec<RecordedStepView> {
        self.steps
            .iter()
            .enumerate()
            .map(|(index, s)| RecordedStepView {
                index,
                step: s.step.clone(),
                redactions: s.redactions.clone(),
            })
            .collect()
    }

    /// The guide to share or export.
    pub fn to_guide(&self) -> RecordedGuide {
        RecordedGuide {
            title: self.title.clone(),
            note: self.note.clone(),
            steps: self.steps.iter().map(|s| s.step.clone()).collect(),
        }
    }

    fn check_index(&self, index: usize) -> Result<(), EditError> {
        if index < self.steps.len() {
            Ok(())
        } else {
            Err(EditError::NoSuchStep {
                index,
                len: self.steps.len(),
            })
        }
    }

    fn user_text(
        &self,
        text: &str,
        limit: usize,
        multiline: bool,
        field: &str,
    ) -> Result<(String, Vec<Redaction>), EditError> {
        let clean = sanitize(text, multiline);
        if clean.chars().count() > limit {
            return Err(EditError::TooLong { limit });
        }
        let (t, found) = redact_text(&clean, &self.secrets);
        let mut r = Vec::new();
        note(found, field, &mut r);
        // A token can be longer than what it replaced ("[id]" for "Al").
        Ok((truncate(&t, limit), r))
    }

    /// Set the guide's title (one line, redacted). Returns what was removed.
    pub fn set_title(&mut self, title: &str) -> Result<Vec<Redaction>, EditError> {
        let (t, r) = self.user_text(title, MAX_TITLE, false, "title")?;
        self.title = t;
        self.title_redactions = r.clone();
        Ok(r)
    }

    /// Set the note shown before the steps (may span lines, redacted).
    pub fn set_note(&mut self, note: &str) -> Result<Vec<Redaction>, EditError> {
        let (t, r) = self.user_text(note, MAX_NOTE, true, "note")?;
        self.note = t;
        self.note_redactions = r.clone();
        Ok(r)
    }

    /// Replace a step's instruction (may span lines, redacted).
    pub fn set_step_text(
        &mut self,
        index: usize,
        text: &str,
    ) -> Result<RecordedStepView, EditError> {
        self.check_index(index)?;
        let (t, r) = self.user_text(text, MAX_STEP_TEXT, true, "text")?;
        if t.is_empty() {
            return Err(EditError::EmptyText);
        }
        let st = &mut self.steps[index];
        st.step.text = Some(t);
        st.redactions.retain(|x| x.field != "text");
        st.redactions.extend(r);
        Ok(RecordedStepView {
            index,
            step: st.step.clone(),
            redactions: st.redactions.clone(),
        })
    }

    pub fn delete_step(&mut self, index: usize) -> Result<(), EditError> {
        self.check_index(index)?;
        self.steps.remove(index);
        Ok(())
    }

    /// Move the step at `from` so that it ends up at index `to`.
    pub fn move_step(&mut self, from: usize, to: usize) -> Result<(), EditError> {
        self.check_index(from)?;
        self.check_index(to)?;
        let st = self.steps.remove(from);
        self.steps.insert(to, st);
        Ok(())
    }

    /// Apply an edit from the panel (`record-edit`).
    pub fn apply(&mut self, edit: &RecordEdit) -> Result<(), EditError> {
        let ix = |i: u32| usize::try_from(i).unwrap_or(usize::MAX);
        match edit {
            RecordEdit::SetText { index, text } => self.set_step_text(ix(*index), text).map(|_| ()),
            RecordEdit::Delete { index } => self.delete_step(ix(*index)),
            RecordEdit::Move { from, to } => self.move_step(ix(*from), ix(*to)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(tag: &str, role: &str, name: &str) -> ElementFacts {
        ElementFacts {
            tag: tag.into(),
            role: role.into(),
            name: name.into(),
            text: name.into(),
            ..ElementFacts::default()
        }
    }

    #[test]
    fn records_a_click_with_default_text() {
        let mut r = Recording::default();
        let v = record_click(
            &mut r,
            "https://azure.microsoft.com/en-us/pricing/purchase-options/azure-account?icid=x",
            &facts("a", "link", "Start free"),
        )
        .unwrap();
        // No English sentence is stored: the instruction is a message.
        assert_eq!(v.step.text, None);
        assert_eq!(v.step.instruction().id(), Some("recordedStepClick"));
        assert_eq!(v.step.instruction(), "Click \u{201c}Start free\u{201d}");
        assert_eq!(v.step.path, "/en-us/pricing/purchase-options/azure-account");
        assert_eq!(r.len(), 1);
        assert_eq!(
            record_click(
                &mut r,
                "https://azure.microsoft.com/en-us/pricing/purchase-options/azure-account",
                &facts("a", "link", "Start free")
            ),
            Err(RecordRefusal::Duplicate)
        );
    }

    #[test]
    fn refuses_sign_in_and_unsupported_pages() {
        let mut r = Recording::default();
        let f = facts("input", "textbox", "Email");
        assert_eq!(
            record_click(
                &mut r,
                "https://login.microsoftonline.com/common/oauth2",
                &f
            ),
            Err(RecordRefusal::SignInPage)
        );
        assert!(matches!(
            record_click(&mut r, "https://example.com/", &f),
            Err(RecordRefusal::UnsupportedSite(_))
        ));
        assert_eq!(
            record_click(&mut r, "javascript:alert(1)", &f),
            Err(RecordRefusal::NotAPage)
        );
        assert!(r.is_empty());
    }
}

// Persisted with the engine's state while a recording exists.
