//! The message protocol between the engine (background), the content script
//! (one per frame) and the side panel. Every message is a JSON object with a
//! `"waymark"` protocol version and a `"kind"`. The JavaScript sides only ever
//! build or read these shapes; the engine is the only place that gives them
//! meaning. See ARCHITECTURE.md, "Message protocol".
//!
//! Design rules:
//! - The content script holds no guide knowledge. The engine tells it which
//!   generic queries to keep answering (`Watch`), and what to paint (`Paint`).
//! - Element facts never carry form values: no `value`, no typed text.
//! - Unknown kinds, unknown fields and oversized input are rejected with a
//!   reason; a rejected message changes no state.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped whenever a message shape changes incompatibly.
pub const PROTOCOL_VERSION: u32 = 1;

/// The largest message the engine accepts from a page or the panel (bytes of
/// JSON). Anything larger is rejected before parsing.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;

/// The largest `export` message with screenshots the engine accepts from the
/// panel (bytes of JSON). Only an `export` may be larger than
/// `MAX_MESSAGE_BYTES`.
pub const MAX_EXPORT_MESSAGE_BYTES: usize = 24 * 1024 * 1024;

/// At most this many screenshots in one `export`.
pub const MAX_SCREENSHOTS: usize = 64;
/// Largest screenshot embedded (bytes of data URL); larger ones are left out
/// so that an export stays a reasonable ticket attachment.
pub const MAX_SCREENSHOT_BYTES: usize = 4 * 1024 * 1024;

/// Maximum items a query may ask the content script to describe.
pub const MAX_QUERY_ITEMS: u32 = 50;

// ---------------------------------------------------------------------------
// Content script -> engine
// ---------------------------------------------------------------------------

/// What a content script tells the engine. The browser-supplied sender (tab
/// id, frame id, frame URL) travels beside the message, never inside it: a
/// page cannot claim to be another tab or frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum FromPage {
    /// The content script started in a frame, or the frame's URL changed
    /// (hash route, history API, reload). The engine answers with `Watch`.
    #[serde(rename = "hello")]
    Hello {
        waymark: u32,
        url: String,
        title: String,
        /// true in the tab's top frame.
        top: bool,
        /// The document's `lang` attribute ("de", "en-US"; "" when unset):
        /// Waymark speaks the page's language (`language_tag` keeps only a
        /// well-formed tag).
        #[serde(default)]
        lang: String,
    },
    /// The frame's document is going (`pagehide`): forget the frame (and,
    /// for a top frame, the tab's subframes). A page restored from the
    /// back/forward cache says hello again.
    #[serde(rename = "bye")]
    Bye { waymark: u32 },
    /// Answers to the current `Watch`, sent on start and whenever a batched
    /// DOM change alters any answer. `watch` echoes `Watch::id`, so answers
    /// to an outdated watch are ignored.
    #[serde(rename = "observed")]
    Observed {
        waymark: u32,
        watch: u32,
        url: String,
        results: Vec<QueryResult>,
    },
    /// The user clicked (or activated with the keyboard) an element matching
    /// one of the watched queries that had `report_clicks`, or any element
    /// when recording. `query` is the matching query id ("" when recording).
    #[serde(rename = "clicked")]
    Clicked {
        waymark: u32,
        watch: u32,
        url: String,
        query: String,
        element: ElementFacts,
    },
    /// The content script could (or could no longer) place the target the
    /// engine asked for. Sent after `Paint` and when a highlighted element is
    /// replaced or removed by the page.
    #[serde(rename = "paint-status")]
    PaintStatus {
        waymark: u32,
        step: String,
        status: PaintOutcome,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaintOutcome {
    /// Highlighted the element that matches the fingerprint.
    #[serde(rename = "shown")]
    Shown,
    /// The element was re-rendered; an equal element was found again and
    /// highlighted without a round trip.
    #[serde(rename = "followed")]
    Followed,
    /// No element in this frame matches the fingerprint (any more).
    #[serde(rename = "lost")]
    Lost,
}

/// A generic question about the page: "which elements match this selector
/// (and, optionally, whose name or text contains one of these words)?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// Engine-chosen id, echoed in `QueryResult::id`.
    pub id: String,
    /// A CSS selector evaluated with `querySelectorAll` on the frame's document.
    pub selector: String,
    /// Optional container selector: only matches inside the first element
    /// matching `within` count.
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub within: Option<String>,
    /// Optional prefilter: keep only elements whose accessible name or visible
    /// text contains one of these, both sides lower-cased and with white
    /// space collapsed by the content script (the engine sends the guide's
    /// values as written).
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub text_any: Vec<String>,
    /// How many matches to describe in full (the count is always total).
    pub limit: u32,
    /// Report clicks on matching elements (click evidence).
    #[serde(default)]
    pub report_clicks: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryResult {
    pub id: String,
    /// Total number of matching elements (after `text_any`).
    pub count: u32,
    /// The first `limit` matches, in document order.
    pub items: Vec<ElementFacts>,
}

/// Tests build a query's answer from its elements: `count` is how many
/// there are (none cut off by `limit`).
#[cfg(test)]
impl QueryResult {
    pub fn of(id: &str, items: Vec<ElementFacts>) -> QueryResult {
        QueryResult {
            id: id.into(),
            count: items.len() as u32,
            items,
        }
    }

    /// The same, each element's `index` its place in the list (as
    /// content.js numbers the matches of a query).
    pub fn numbered(id: &str, items: Vec<ElementFacts>) -> QueryResult {
        let items = items
            .into_iter()
            .enumerate()
            .map(|(i, e)| ElementFacts {
                index: i as u32,
                ..e
            })
            .collect();
        QueryResult::of(id, items)
    }
}

/// What the content script may say about one element. Never a form value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementFacts {
    /// Lower-case tag name.
    #[serde(default)]
    pub tag: String,
    /// The explicit `role` attribute's first token, lower-case, or "". The
    /// implicit role of the tag ("button", "link", "textbox", ...) is the
    /// engine's to work out: `ElementFacts::aria_role` (`aria.rs`).
    #[serde(default)]
    pub role: String,
    /// Accessible name: aria-labelledby text, aria-label, alt, title,
    /// placeholder (inputs), or visible text, white space collapsed, ≤ 200 chars.
    #[serde(default)]
    pub name: String,
    /// Visible text (innerText-like), white space collapsed, ≤ 200 chars.
    #[serde(default)]
    pub text: String,
    /// A fixed allow-list of attributes: aria-label, title, href, type, name,
    /// data-automation-id, data-testid, aria-expanded, aria-selected,
    /// aria-current, class (first 200 chars). Never `value`.
    #[serde(default, deserialize_with = "unique_keys")]
    pub attrs: Attrs,
    /// Rendered (non-zero box, not display:none / visibility:hidden).
    #[serde(default)]
    pub visible: bool,
    /// Bounding box in the frame's viewport: [x, y, width, height].
    #[serde(default)]
    pub rect: [f64; 4],
    /// Position of this element among the query's matches (0-based).
    #[serde(default)]
    pub index: u32,
}

/// An element's allow-listed attributes by name (at most the eleven of
/// `ElementFacts::attrs`), written as a JSON object.
pub type Attrs = BTreeMap<String, String>;

/// Whether a value holds its default: such optional fields are left out
/// when written (`skip_serializing_if`).
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Reads a JSON object into a map, rejecting a key given twice (serde's
/// map reader would keep the last): `deserialize_with` for map fields.
pub fn unique_keys<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = map.next_entry::<String, V>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format!("duplicate key `{k}`")));
                }
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(std::marker::PhantomData))
}

// ---------------------------------------------------------------------------
// Engine -> content script
// ---------------------------------------------------------------------------

/// What the engine tells one frame's content script.
// Short-lived, serialised at once: boxing the overlay would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum ToPage {
    /// Replace the set of queries this frame answers. An empty list means
    /// "stop observing": the content script disconnects its observer.
    #[serde(rename = "watch")]
    Watch {
        waymark: u32,
        id: u32,
        queries: Vec<Query>,
        /// Record mode: report every click's nearest interactive element.
        #[serde(default)]
        record: bool,
        /// In record mode: a selector of regions whose clicks are never
        /// reported, code editors (Monaco and the like), whose text is the
        /// code itself (issue 13 item 5; `share::CODE_EDITORS`). Empty when
        /// not recording, and never empty in record mode: the content
        /// script reads record mode from it (a few bytes fewer).
        #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
        private: String,
    },
    /// The complete overlay this frame should show (declarative: whatever
    /// was painted before and is not listed here is removed).
    #[serde(rename = "paint")]
    Paint { waymark: u32, overlay: Overlay },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// The element to highlight, if this frame holds it.
    #[serde(default)]
    pub target: Option<Target>,
    /// The callout; anchored to `target` when there is one, otherwise shown
    /// floating (for instance "look for ... instead").
    #[serde(default)]
    pub callout: Option<Callout>,
    /// Extra annotations anchored to other elements: a "do not fill this in"
    /// banner over a form, a role verdict badge next to a role list.
    #[serde(default)]
    pub marks: Vec<Mark>,
    /// The paint plan (issue 12, first-frame highlight): sent with the
    /// callout while the step's target is nowhere to be seen. These are the
    /// step's target queries; the first time they yield exactly one
    /// visible element, the content script marks and paints it at once,
    /// without waiting for the engine, and reports as usual; the engine's
    /// next paint confirms or corrects it. Never sent while a visible
    /// candidate is known, so a candidate the engine turned down is not
    /// marked again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan: Vec<String>,
}

/// Identifies an element by the query that found it and the facts it had, so
/// that the content script can find it again after a re-render without a
/// round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// "<guide-id>/<step-id>": becomes `data-waymark-target`.
    pub step: String,
    pub query: String,
    pub fingerprint: Fingerprint,
}

/// The facts an element must still have to be "the same" element.
/// Empty fields are not compared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fingerprint {
    #[serde(default)]
    pub tag: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, deserialize_with = "unique_keys")]
    pub attrs: Attrs,
    /// Which of several equal matches (0-based, among equal ones).
    #[serde(default)]
    pub nth: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Callout {
    /// "<guide-id>/<step-id>": becomes `data-waymark-step`.
    pub step: String,
    /// The step's title: a guide's prose (data), or a recorded step's label
    /// or message.
    pub title: Text,
    /// The instruction, shown as text (never HTML): a guide's prose, the
    /// sender's own words, or Waymark's message for a recorded step.
    pub text: Text,
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub warning: Option<Text>,
    /// "Step 3 of 6".
    pub progress: Text,
    /// Why this element was chosen, for the curious ("accessible name
    /// 'Start free', visible, 1 of 2 candidates"), or what to look for: a
    /// message background.js words before it sends the paint.
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub why: Text,
    /// Whether Back has a step to go to: false on the route's first step,
    /// where the callout shows no Back (the engine would refuse it).
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub back: bool,
    /// Above the title, for a step of a guide opened from a share code:
    /// "Shared step · opened from a share code" (issue 13 item 4), so that a
    /// shared step never looks like one of Waymark's own.
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub badge: Text,
    /// Lines under the instruction, each shown as text in a paragraph whose
    /// class is its kind (styled in `overlay.css`).
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub lines: Vec<CalloutLine>,
    /// The language of the page it is painted on (its frame's `lang`, else
    /// its tab's top frame's): background.js words the callout in it and
    /// sets the callout's `lang` and `dir`.
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub lang: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalloutLine {
    pub kind: CalloutLineKind,
    pub text: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CalloutLineKind {
    /// What the highlight picks: the element's role and accessible name as
    /// the page reports them ("Highlights the button “Delete”").
    Picks,
    /// The sender's note, quoted: text only (no link, nothing clickable).
    Quote,
}

/// Words for the user. Waymark's own sentences travel as a `Message`, an id
/// of the extension's catalogue (`extension/_locales/<locale>/messages.json`)
/// and its arguments, which the panel and background.js word in the page's
/// language (`extension/i18n.js`); numbers travel as numbers (formatted with
/// `Intl.NumberFormat`, and choosing plural forms); `Data` is text that is
/// not Waymark's to translate (a guide's prose, a page's label, a name), or
/// a sentence the engine still words in English (ARCHITECTURE.md
/// "Languages" lists which). `List` is several texts read as one list ("a,
/// b and c", `Intl.ListFormat`). On the wire: a string, a number, an array,
/// or `{"id": ..., "args": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Number(u64),
    Data(String),
    List(Vec<Text>),
    Message(Message),
}

/// A message of the catalogue and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Text>,
}

impl Text {
    /// The message `id` with `args`.
    pub fn msg<const N: usize>(id: &str, args: [Text; N]) -> Text {
        Text::Message(Message {
            id: id.to_string(),
            args: args.into(),
        })
    }

    /// The message id, if this is a message.
    pub fn id(&self) -> Option<&str> {
        match self {
            Text::Message(m) => Some(&m.id),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Text::Data(s) if s.is_empty())
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Data(String::new())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Data(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Data(s.to_string())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text::Data(s.clone())
    }
}

impl From<usize> for Text {
    fn from(n: usize) -> Self {
        Text::Number(n as u64)
    }
}

impl From<u64> for Text {
    fn from(n: u64) -> Self {
        Text::Number(n)
    }
}

/// The message `id` with `args` (`Text::msg`, shorter at the many call sites).
pub fn msg<const N: usize>(id: &str, args: [Text; N]) -> Text {
    Text::msg(id, args)
}

#[cfg(test)]
impl Text {
    /// The words in English, from the extension's English catalogue, by
    /// `extension/i18n.js`'s rules (named placeholders, then `$1`..`$9`;
    /// `<id>_one` / `<id>_other` chosen by the first number): the engine's
    /// tests read what the admin reads, and an id the catalogue lacks
    /// fails them.
    pub fn en(&self) -> String {
        thread_local! {
            static EN: serde_json::Value = serde_json::from_str(include_str!(
                "../../../extension/_locales/en/messages.json"
            ))
            .expect("the English catalogue is JSON");
        }
        match self {
            Text::Number(n) => n.to_string(),
            Text::Data(s) => s.clone(),
            // As Intl.ListFormat("en") says it: "a, b, and c".
            Text::List(items) => {
                let words: Vec<String> = items.iter().map(Text::en).collect();
                match words.as_slice() {
                    [] => String::new(),
                    [one] => one.clone(),
                    [a, b] => format!("{a} and {b}"),
                    [init @ .., last] => format!("{}, and {last}", init.join(", ")),
                }
            }
            // i18n.js words it with Intl.RelativeTimeFormat; in English:
            // Intl.ListFormat's disjunction in English: "a or b", "a, b, or c".
            Text::Message(m) if m.id == "anyOf" => {
                let words: Vec<String> = m.args.iter().map(Text::en).collect();
                match words.as_slice() {
                    [init @ .., a, b] if !init.is_empty() => {
                        format!("{}, {a}, or {b}", init.join(", "))
                    }
                    [a, b] => format!("{a} or {b}"),
                    _ => words.join(""),
                }
            }
            Text::Message(m) if m.id == "minutesAgo" => match m.args.first() {
                Some(Text::Number(0)) => "just now".to_string(),
                Some(Text::Number(1)) => "1 minute ago".to_string(),
                Some(Text::Number(n)) if *n < 60 => format!("{n} minutes ago"),
                Some(Text::Number(n)) if *n < 120 => "1 hour ago".to_string(),
                Some(Text::Number(n)) => format!("{} hours ago", n / 60),
                _ => panic!("minutesAgo takes a number"),
            },
            Text::Message(m) => EN.with(|en| {
                let n = m.args.iter().find_map(|a| match a {
                    Text::Number(n) => Some(*n),
                    _ => None,
                });
                let plural =
                    n.map(|n| format!("{}_{}", m.id, if n == 1 { "one" } else { "other" }));
                let entry = plural
                    .and_then(|p| en.get(&p))
                    .or_else(|| en.get(&m.id))
                    .unwrap_or_else(|| panic!("no message {:?} in the English catalogue", m.id));
                let mut out = entry["message"].as_str().expect("a message").to_string();
                if let Some(names) = entry.get("placeholders").and_then(|p| p.as_object()) {
                    for (name, p) in names {
                        let content = p["content"].as_str().expect("placeholder content");
                        out = out.replace(&format!("${}$", name.to_uppercase()), content);
                    }
                }
                let args: Vec<String> = m.args.iter().map(Text::en).collect();
                for (i, a) in args.iter().enumerate().rev() {
                    out = out.replace(&format!("${}", i + 1), a);
                }
                out
            }),
        }
    }
}

/// Tests read a text as the admin reads it in English (`Text::en`).
#[cfg(test)]
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

#[cfg(test)]
impl Text {
    pub fn contains(&self, pat: &str) -> bool {
        self.en().contains(pat)
    }

    pub fn starts_with(&self, pat: &str) -> bool {
        self.en().starts_with(pat)
    }
}

#[cfg(test)]
impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.en() == *other
    }
}

#[cfg(test)]
impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.en() == other
    }
}

/// A page's `lang` as a language tag Waymark may look up ("de", "en-US",
/// "zh-Hant-TW"), or "" for anything else (empty, too long, not letters,
/// digits and hyphens in BCP 47's shape).
pub fn language_tag(raw: &str) -> String {
    let raw = raw.trim();
    let well_formed = raw.len() <= 35
        && raw.split(['-', '_']).enumerate().all(|(i, part)| {
            let alpha = part.chars().all(|c| c.is_ascii_alphabetic());
            let alnum = part.chars().all(|c| c.is_ascii_alphanumeric());
            if i == 0 {
                (2..=3).contains(&part.len()) && alpha
            } else {
                (1..=8).contains(&part.len()) && alnum
            }
        });
    if well_formed {
        raw.replace('_', "-")
    } else {
        String::new()
    }
}

/// A role verdict: whether the roles read qualify for a guide. Sent as
/// `qualifies` | `does-not-qualify` | `eligible` | `unknown`, the value of
/// `data-waymark-verdict` in the page and the panel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Qualifies,
    DoesNotQualify,
    Eligible,
    #[default]
    Unknown,
}

impl Verdict {
    /// The value of `data-waymark-verdict` (and the word in a verdict line).
    pub fn as_attr(self) -> &'static str {
        match self {
            Verdict::Qualifies => "qualifies",
            Verdict::DoesNotQualify => "does-not-qualify",
            Verdict::Eligible => "eligible",
            Verdict::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub query: String,
    pub fingerprint: Fingerprint,
    pub kind: MarkKind,
    /// Shown on the page: background.js words a message in `lang` before
    /// it sends the paint, so the content script receives a string.
    pub text: Text,
    /// For `MarkKind::Verdict`: becomes `data-waymark-verdict`.
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub verdict: Option<Verdict>,
    /// The language of the page it is painted on (as `Callout::lang`).
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub lang: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkKind {
    /// A loud outline and banner: "Do not fill in this form".
    #[serde(rename = "do-not-use")]
    DoNotUse,
    /// A role verdict badge.
    #[serde(rename = "verdict")]
    Verdict,
}

// ---------------------------------------------------------------------------
// Side panel <-> engine
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum FromPanel {
    /// Ask for the current `PanelView` (sent when the panel opens).
    #[serde(rename = "get-state")]
    GetState { waymark: u32 },
    #[serde(rename = "start")]
    Start { waymark: u32, guide: String },
    #[serde(rename = "back")]
    Back { waymark: u32 },
    #[serde(rename = "skip")]
    Skip { waymark: u32 },
    #[serde(rename = "restart")]
    Restart { waymark: u32 },
    #[serde(rename = "stop")]
    Stop { waymark: u32 },
    /// Forget the remembered role verdict and read it again.
    #[serde(rename = "recheck-role")]
    RecheckRole { waymark: u32 },
    /// Follow another of the running guide's routes (`[[routes]]` id),
    /// chosen by the admin: the pages no longer choose it.
    #[serde(rename = "choose-route")]
    ChooseRoute { waymark: u32, route: String },
    /// Get help: make the "where I am stuck" code (browser and extension
    /// version as the panel knows them) and start the contact-support guide.
    #[serde(rename = "get-help")]
    GetHelp {
        waymark: u32,
        #[serde(default)]
        browser: String,
        #[serde(default)]
        version: String,
    },
    /// Decode a share code and show its preview (does not start it).
    #[serde(rename = "open-code")]
    OpenCode { waymark: u32, code: String },
    /// Start the previewed shared guide.
    #[serde(rename = "start-shared")]
    StartShared { waymark: u32 },
    /// Make a share code for a built-in or recorded guide.
    #[serde(rename = "share")]
    Share {
        waymark: u32,
        guide: String,
        #[serde(default)]
        from_step: Option<String>,
        #[serde(default)]
        note: String,
    },
    #[serde(rename = "record-start")]
    RecordStart { waymark: u32 },
    #[serde(rename = "record-stop")]
    RecordStop { waymark: u32 },
    /// Edit the recording: set a step's text, delete or move a step.
    #[serde(rename = "record-edit")]
    RecordEdit { waymark: u32, edit: RecordEdit },
    /// Export a guide as Markdown or HTML. `screenshots[i]` is an optional
    /// screenshot of step i that the user took from the panel
    /// (`data:image/png;base64,...`); used by the HTML export only.
    #[serde(rename = "export")]
    Export {
        waymark: u32,
        guide: String,
        format: ExportFormat,
        #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
        screenshots: Vec<Option<String>>,
        /// The export's own words in the panel's language (the engine
        /// speaks none): headings and labels around the guide's text.
        /// Boxed: the largest field, which the other kinds need not carry.
        #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
        words: Box<ExportWords>,
    },
}

/// The words an export puts around a guide's text, from the panel's
/// catalogue (`exportWhere`...). An empty word leaves its label out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExportWords {
    /// The language they are in (the HTML page's `lang`).
    pub lang: String,
    /// "Where:" before a step's site.
    pub where_: String,
    /// "Warning:" before a step's warning.
    pub warning: String,
    /// "Before you start:" before a guide's precondition.
    pub before: String,
    /// The title of an untitled recording ("Recorded steps").
    pub recorded: String,
    /// A screenshot's alt text, "$1" the step's number, "$2" its title.
    pub shot: String,
    /// In place of a screenshot that is not a PNG image.
    pub shot_missing: String,
    /// The last line ("Exported from Waymark.").
    pub footer: String,
    /// A recorded step's own instruction, "$1" its label ("Click
    /// \u{201c}$1\u{201d}"), for a step whose sender wrote none.
    pub click: String,
    /// The same for an element without a label ("Click the highlighted
    /// element").
    pub click_unnamed: String,
}

impl ExportWords {
    /// The English words, as the English catalogue has them: for tests
    /// (the engine itself never uses them, so they are not in the wasm).
    pub fn english() -> ExportWords {
        ExportWords {
            lang: "en".to_string(),
            where_: "Where:".to_string(),
            warning: "Warning:".to_string(),
            before: "Before you start:".to_string(),
            recorded: "Recorded steps".to_string(),
            shot: "Screenshot of step $1: $2".to_string(),
            shot_missing: "(Screenshot left out: it was not a PNG image.)".to_string(),
            footer: "Exported from Waymark.".to_string(),
            click: "Click \u{201c}$1\u{201d}".to_string(),
            click_unnamed: "Click the highlighted element".to_string(),
        }
    }

    /// Each word is short, one line, and free of control and direction
    /// characters; the language a tag.
    fn check(&self) -> Result<(), Rejected> {
        let words = [
            &self.where_,
            &self.warning,
            &self.before,
            &self.recorded,
            &self.shot,
            &self.shot_missing,
            &self.footer,
            &self.click,
            &self.click_unnamed,
        ];
        let bad = words.iter().any(|w| {
            w.chars().count() > MAX_EXPORT_WORD
                || w.chars()
                    .any(|c| crate::share::model::is_forbidden_char(c, false))
        });
        if bad || (!self.lang.is_empty() && language_tag(&self.lang) != self.lang) {
            return Err(Rejected(
                "export words: too long or not plain text".to_string(),
            ));
        }
        Ok(())
    }
}

/// The longest export word, in characters.
pub const MAX_EXPORT_WORD: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", deny_unknown_fields)]
pub enum RecordEdit {
    #[serde(rename = "set-text")]
    SetText { index: u32, text: String },
    #[serde(rename = "delete")]
    Delete { index: u32 },
    #[serde(rename = "move")]
    Move { from: u32, to: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    #[serde(rename = "markdown")]
    Markdown,
    #[serde(rename = "html")]
    Html,
}

/// What an `output` holds: a share code, or an export's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutputFormat {
    Code,
    Markdown,
    Html,
}

/// What the engine sends the side panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum ToPanel {
    /// The whole view; the panel re-renders from it (with textContent only).
    #[serde(rename = "state")]
    State { waymark: u32, view: Box<PanelView> },
    /// A request failed; nothing changed. `message` is for a person.
    #[serde(rename = "error")]
    Error { waymark: u32, message: Text },
    /// A share code or an export the panel should offer to copy / save.
    #[serde(rename = "output")]
    Output {
        waymark: u32,
        format: OutputFormat,
        filename: String,
        content: String,
    },
}

/// Everything the side panel shows, computed by the engine. The panel renders
/// it with `textContent` only; it adds no knowledge of its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PanelView {
    /// Built-in guides, each rendered with a `data-waymark-start="<id>"` control.
    pub guides: Vec<GuideSummary>,
    pub active: Option<ActiveGuideView>,
    /// The account and directory (tenant) signed in, read from a portal page.
    pub account: Option<AccountView>,
    /// The remembered role verdict for the signed-in account, if any.
    pub verdict: Option<VerdictView>,
    /// The latest reading about someone else's roles (a profile that is not
    /// the signed-in account's, or one Waymark could not match with the
    /// account menu). Never "your" verdict: shown apart, labelled with whose.
    #[serde(default)]
    pub other_verdict: Option<VerdictView>,
    /// A decoded share code waiting for the user to start it.
    pub preview: Option<SharePreview>,
    /// The recording in progress or just stopped.
    pub recording: Option<RecordingView>,
    /// A one-line message for the user ("Guide finished", a recovered error).
    pub notice: Option<Text>,
    /// The "where I am stuck" code made by Get help, or opened from a code.
    #[serde(default)]
    pub help: Option<HelpView>,
    /// The language of the portal page the admin works on (`language_tag`
    /// of its `lang`; "" when no page said): the panel speaks it when
    /// Waymark has it, else the browser's language.
    #[serde(default)]
    pub lang: String,
}

/// A "where I am stuck" code and what it says, line by line (shown before
/// it is copied; `from_code` when it was opened rather than made here).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpView {
    pub code: String,
    pub lines: Vec<Text>,
    pub from_code: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideSummary {
    pub id: String,
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActiveGuideView {
    pub id: String,
    /// The guide's title; "Shared steps" (a message) for an untitled
    /// recorded guide opened from a code.
    pub title: Text,
    /// True for a guide opened from a share code or a recording.
    pub shared: bool,
    /// The sender's note for a shared guide.
    pub note: String,
    /// "Sign in as a Global Administrator or Billing Administrator ...".
    pub precondition: String,
    /// The remembered role check for the signed-in account, offered at the
    /// precondition of a guide that needs a role: "Checked 5 minutes ago on
    /// portal.azure.com: Billing Administrator — qualifies", or how to
    /// check. Empty for guides without a role precondition.
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub role_check: Text,
    /// The verdict behind `role_check` (for `data-waymark-verdict`); absent
    /// when nothing is remembered for this account. Offer "check again"
    /// (`recheck-role`).
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub role_check_verdict: Option<Verdict>,
    /// Caveats ("Not for Enterprise Agreement customers", "Already have both?").
    pub caveats: Vec<String>,
    /// Free paragraphs, for explanations (guide D) rather than procedures:
    /// the guide's prose (data), then Waymark's own line on where the
    /// admin is signed in (a message).
    pub paragraphs: Vec<Text>,
    pub steps: Vec<StepView>,
    /// Index into `steps` of the current step (== steps.len() when finished).
    pub current: u32,
    /// Who qualifies for the guide and why, from its data, with the verdict
    /// for the roles read (Guide C: each explained guide's).
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub eligibility: Option<EligibilityView>,
    /// The guide's routes (empty: one way), the chosen one marked.
    #[serde(default)]
    pub routes: Vec<RouteView>,
    /// "Step 3 of 6", or "Done".
    pub progress: Text,
    pub finished: bool,
    /// Once finished: what the guide verified, shown until dismissed (`stop`).
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub ending: Option<EndingView>,
    /// What the engine is doing now: "Waiting for: the users list shows
    /// rows", "Not found on this page: look for 'Start free'".
    pub status: Text,
    /// When the current step's page is open in no tab: today's address of
    /// that page (from the built-in guide's `[pages.open]`), for the panel's
    /// "Open" button. Empty otherwise, and always for shared guides.
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub open_url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepView {
    pub id: String,
    /// A guide's step title (data); a recorded step's label, or its
    /// instruction (the sender's words, or Waymark's message).
    pub title: Text,
    /// The guide's instruction (data), or for a previewed recorded step
    /// what it will highlight (a message).
    pub instruction: Text,
    /// Host(s) where the step happens, e.g. "portal.azure.com".
    pub site: String,
    pub status: StepViewStatus,
    /// For a done step: the evidence that proved it ("34 rows in the users
    /// list"). For others: what it waits for.
    pub evidence: Text,
    /// Told in the panel only (sign-in pages are never touched).
    pub panel_only: bool,
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub warning: Option<Text>,
    /// Where the step's facts come from: "Microsoft Learn page title
    /// (file, date); ..." (built-in guides; empty for recorded steps).
    #[serde(default)]
    pub source: String,
}

/// Where a step stands in the panel's checklist (its `data-status`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepViewStatus {
    Done,
    Current,
    #[default]
    Todo,
    Skipped,
}

/// Who qualifies for the running guide (its `[eligibility]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityView {
    pub summary: String,
    /// Each rule's "why", with its sources.
    pub rules: Vec<Text>,
    /// "who: why".
    pub excluded: Vec<Text>,
    /// "what: why" (not readable from the pages).
    pub unchecked: Vec<Text>,
    /// The summary's sources.
    pub source: String,
    /// The verdict per guide for the signed-in account's roles: the running
    /// guide's own, or (Guide C) each guide it explains.
    pub guides: Vec<GuideVerdictView>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideVerdictView {
    pub guide: String,
    pub title: String,
    pub verdict: Verdict,
    pub line: Text,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteView {
    pub id: String,
    pub title: String,
    pub chosen: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndingView {
    pub title: String,
    pub text: String,
    /// The last step's evidence ("the users list shows: 7 users ...").
    pub evidence: Text,
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountView {
    pub account: String,
    pub directory: String,
    /// The account's display name, when the portal's account menu flyout
    /// (MeControl: display name above the e-mail) names it beside the
    /// sign-in name in `account`. Lets a profile that shows only a display
    /// name be recognised as the signed-in user's own.
    #[serde(default, skip_serializing_if = "crate::protocol::is_default")]
    pub display_name: String,
    /// Host of the page it was read on.
    pub read_on: String,
    pub read_at_ms: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictView {
    /// `data-waymark-verdict`.
    pub verdict: Verdict,
    /// Whose roles were read ("you (kelley@contoso.com)", "Kelley Wall").
    pub whose: Text,
    pub about_signed_in_user: bool,
    pub roles_read: Vec<String>,
    pub read_on: String,
    pub read_at_ms: f64,
    pub reason: Text,
    pub next_action: Text,
    /// One line for a badge or a heading: "Global Administrator — qualifies",
    /// "Kelley Wall: Global Administrator — qualifies (not you)".
    #[serde(default)]
    pub summary: Text,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharePreview {
    pub title: Text,
    pub note: String,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordingView {
    pub active: bool,
    pub steps: Vec<StepView>,
    /// What was redacted, for the engineer to check ("2 email addresses").
    pub redactions: Vec<Text>,
}

// ---------------------------------------------------------------------------
// Parsing with reasons
// ---------------------------------------------------------------------------

/// Why a message was rejected. Logged by the web layer; never panics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected(pub String);

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "message rejected: {}", self.0)
    }
}

fn check_size(len: usize) -> Result<(), Rejected> {
    if len > MAX_MESSAGE_BYTES {
        return Err(Rejected(format!(
            "{len} bytes is over the {MAX_MESSAGE_BYTES} byte limit"
        )));
    }
    Ok(())
}

fn check_version(v: u32) -> Result<(), Rejected> {
    if v != PROTOCOL_VERSION {
        return Err(Rejected(format!(
            "protocol version {v}, expected {PROTOCOL_VERSION}"
        )));
    }
    Ok(())
}

impl FromPage {
    pub fn version(&self) -> u32 {
        match self {
            FromPage::Hello { waymark, .. }
            | FromPage::Bye { waymark }
            | FromPage::Observed { waymark, .. }
            | FromPage::Clicked { waymark, .. }
            | FromPage::PaintStatus { waymark, .. } => *waymark,
        }
    }

    /// Parse and validate a content-script message given as JSON text: the
    /// size limit on the text before parsing, then the version.
    pub fn parse(json: &str) -> Result<FromPage, Rejected> {
        check_size(json.len())?;
        let msg: FromPage =
            serde_json::from_str(json).map_err(|e| Rejected(format!("not a page message: {e}")))?;
        check_version(msg.version())?;
        Ok(msg)
    }
}

impl FromPanel {
    pub fn version(&self) -> u32 {
        match self {
            FromPanel::GetState { waymark }
            | FromPanel::Start { waymark, .. }
            | FromPanel::Back { waymark }
            | FromPanel::Skip { waymark }
            | FromPanel::Restart { waymark }
            | FromPanel::Stop { waymark }
            | FromPanel::RecheckRole { waymark }
            | FromPanel::ChooseRoute { waymark, .. }
            | FromPanel::GetHelp { waymark, .. }
            | FromPanel::OpenCode { waymark, .. }
            | FromPanel::StartShared { waymark }
            | FromPanel::Share { waymark, .. }
            | FromPanel::RecordStart { waymark }
            | FromPanel::RecordStop { waymark }
            | FromPanel::RecordEdit { waymark, .. }
            | FromPanel::Export { waymark, .. } => *waymark,
        }
    }

    /// Parse and validate a side-panel message. Only an `export` carrying
    /// screenshots may exceed `MAX_MESSAGE_BYTES` (up to
    /// `MAX_EXPORT_MESSAGE_BYTES`); each screenshot must be a PNG data URL
    /// under `MAX_SCREENSHOT_BYTES`.
    pub fn parse(json: &str) -> Result<FromPanel, Rejected> {
        let big = json.len() > MAX_MESSAGE_BYTES;
        if big && (json.len() > MAX_EXPORT_MESSAGE_BYTES || !json.contains("\"screenshots\"")) {
            check_size(json.len())?;
        }
        let msg: FromPanel = serde_json::from_str(json)
            .map_err(|e| Rejected(format!("not a panel message: {e}")))?;
        check_version(msg.version())?;
        match &msg {
            FromPanel::Export {
                screenshots, words, ..
            } => {
                check_screenshots(screenshots)?;
                words.check()?;
            }
            _ if big => check_size(json.len())?,
            _ => {}
        }
        Ok(msg)
    }
}

fn check_screenshots(shots: &[Option<String>]) -> Result<(), Rejected> {
    if shots.len() > MAX_SCREENSHOTS {
        return Err(Rejected(format!(
            "{} screenshots, at most {MAX_SCREENSHOTS}",
            shots.len()
        )));
    }
    for (i, s) in shots.iter().enumerate() {
        let Some(s) = s else { continue };
        if !s.starts_with("data:image/png;base64,") {
            return Err(Rejected(format!(
                "screenshot {} is not a PNG data URL",
                i + 1
            )));
        }
        if s.len() > MAX_SCREENSHOT_BYTES {
            return Err(Rejected(format!(
                "screenshot {} is {} bytes, over the {MAX_SCREENSHOT_BYTES} byte limit",
                i + 1,
                s.len()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_words_are_strict_short_plain_text() {
        let with = |words: &str| {
            FromPanel::parse(&format!(
                r#"{{"waymark":1,"kind":"export","guide":"g","format":"markdown","words":{words}}}"#
            ))
        };
        let ok = with(r#"{"lang":"de","where_":"Ort:","footer":"Aus Waymark exportiert."}"#);
        assert!(
            matches!(ok, Ok(FromPanel::Export { ref words, .. }) if words.where_ == "Ort:"),
            "{ok:?}"
        );
        assert!(with(r#"{"extra":"x"}"#).is_err(), "unknown field");
        assert!(with(r#"{"footer":"a\nb"}"#).is_err(), "a line break");
        assert!(
            with(r#"{"footer":"a\u202eb"}"#).is_err(),
            "a direction override"
        );
        assert!(
            with(r#"{"lang":"not a tag"}"#).is_err(),
            "a language that is no tag"
        );
        let long = "x".repeat(MAX_EXPORT_WORD + 1);
        assert!(
            with(&format!(r#"{{"warning":"{long}"}}"#)).is_err(),
            "too long"
        );
    }

    #[test]
    fn hello_round_trips() {
        let json = r#"{"waymark":1,"kind":"hello","url":"https://portal.azure.com/#home","title":"Home","top":true}"#;
        let msg = FromPage::parse(json).unwrap();
        assert!(matches!(msg, FromPage::Hello { top: true, .. }));
    }

    #[test]
    fn rejects_unknown_kind_unknown_field_wrong_version_and_oversize() {
        assert!(FromPage::parse(r#"{"waymark":1,"kind":"nope"}"#).is_err());
        assert!(FromPage::parse(
            r#"{"waymark":1,"kind":"hello","url":"u","title":"t","top":true,"extra":1}"#
        )
        .is_err());
        let e = FromPage::parse(r#"{"waymark":2,"kind":"hello","url":"u","title":"t","top":true}"#)
            .unwrap_err();
        assert!(e.0.contains("version 2"));
        let big = format!(
            "{{\"waymark\":1,\"kind\":\"hello\",\"url\":\"{}\",\"title\":\"\",\"top\":true}}",
            "a".repeat(MAX_MESSAGE_BYTES)
        );
        assert!(FromPage::parse(&big).unwrap_err().0.contains("limit"));
        assert!(FromPanel::parse("[]").is_err());
        assert!(FromPanel::parse(r#"{"waymark":1,"kind":"start"}"#).is_err());
    }

    #[test]
    fn export_screenshots_are_png_data_urls_and_capped() {
        let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==";
        let ok = format!(
            r#"{{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":["{png}",null]}}"#
        );
        match FromPanel::parse(&ok).unwrap() {
            FromPanel::Export { screenshots, .. } => {
                assert_eq!(screenshots, vec![Some(png.to_string()), None])
            }
            m => panic!("{m:?}"),
        }
        // Without screenshots: as before.
        assert!(FromPanel::parse(
            r#"{"waymark":1,"kind":"export","guide":"g","format":"markdown"}"#
        )
        .is_ok());
        let js = r#"{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":["javascript:alert(1)"]}"#;
        assert!(FromPanel::parse(js).unwrap_err().0.contains("PNG"));
        // A big export with screenshots passes the message limit ...
        let big = format!(
            "data:image/png;base64,iVBORw0KGgo{}",
            "A".repeat(MAX_MESSAGE_BYTES)
        );
        let msg = format!(
            r#"{{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":["{big}"]}}"#
        );
        assert!(FromPanel::parse(&msg).is_ok());
        // ... but no other big panel message does, nor an oversized screenshot.
        let note = format!(
            r#"{{"waymark":1,"kind":"share","guide":"screenshots","note":"{}"}}"#,
            "a".repeat(MAX_MESSAGE_BYTES)
        );
        assert!(FromPanel::parse(&note).unwrap_err().0.contains("limit"));
        let huge = format!("data:image/png;base64,{}", "A".repeat(MAX_SCREENSHOT_BYTES));
        let msg = format!(
            r#"{{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":["{huge}"]}}"#
        );
        assert!(FromPanel::parse(&msg).unwrap_err().0.contains("limit"));
        let many = vec!["null"; MAX_SCREENSHOTS + 1].join(",");
        let msg = format!(
            r#"{{"waymark":1,"kind":"export","guide":"g","format":"html","screenshots":[{many}]}}"#
        );
        assert!(FromPanel::parse(&msg).is_err());
    }

    /// The strictness the engine's own JSON reader had, now serde's: every
    /// rejection names its reason.
    #[test]
    fn messages_read_strictly() {
        let page = |text: &str| FromPage::parse(text).unwrap_err().0;
        let panel = |text: &str| FromPanel::parse(text).unwrap_err().0;
        let hello = r#""waymark":1,"kind":"hello","url":"u","title":"t""#;
        assert!(page(&format!("{{{hello}}}")).contains("missing field `top`"));
        assert!(page(&format!(r#"{{{hello},"top":true,"x":1}}"#)).contains("unknown field `x`"));
        assert!(page(&format!(r#"{{{hello},"top":true,"top":false}}"#))
            .contains("duplicate field `top`"));
        assert!(page(&format!(r#"{{{hello},"top":"yes"}}"#)).contains("invalid type"));
        assert!(page(&format!(r#"{{{hello},"top":true}} x"#)).contains("trailing characters"));
        assert!(page(r#"{"waymark":1,"kind":"nope"}"#).contains("unknown variant `nope`"));
        assert!(page(r#"{"waymark":1}"#).contains("missing field `kind`"));
        assert!(page(r#"{"waymark":1,"kind":7}"#).contains("invalid type"));
        assert!(page("[]").contains("not a page message"));
        assert!(panel(r#"{"waymark":1,"kind":"hello"}"#).contains("unknown variant `hello`"));
        // Integers are integers: no fractions, no negatives, no overflow.
        let observed = |watch: &str| {
            format!(r#"{{"waymark":1,"kind":"observed","watch":{watch},"url":"u","results":[]}}"#)
        };
        assert!(FromPage::parse(&observed("7")).is_ok());
        for bad in ["1.5", "-1", "4294967296"] {
            assert!(FromPage::parse(&observed(bad)).is_err(), "{bad}");
        }
        // Element facts: a rect is four numbers, attributes are strings, and
        // an attribute given twice is refused (not silently the last one).
        let clicked = |element: &str| {
            format!(
                r#"{{"waymark":1,"kind":"clicked","watch":1,"url":"u","query":"q","element":{element}}}"#
            )
        };
        assert!(FromPage::parse(&clicked(r#"{"rect":[1,2,3,4],"attrs":{"k":"v"}}"#)).is_ok());
        assert!(page(&clicked(r#"{"rect":[1,2,3]}"#)).contains("invalid length 3"));
        assert!(page(&clicked(r#"{"attrs":{"k":1}}"#)).contains("invalid type"));
        assert!(page(&clicked(r#"{"attrs":{"k":"a","k":"b"}}"#)).contains("duplicate key `k`"));
        // Deep nesting is an error, not a stack overflow.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(page(&clicked(&deep)).contains("recursion limit"));
    }

    #[test]
    fn messages_write_what_they_read() {
        for text in [
            r#"{"kind":"hello","waymark":1,"url":"https://portal.azure.com/#home","title":"Home","top":true}"#,
            r##"{"kind":"clicked","waymark":1,"watch":3,"url":"u","query":"q","element":{"tag":"a","role":"link","name":"N","text":"T","attrs":{"href":"#x"},"visible":true,"rect":[1.0,2.5,3.0,4.0],"index":0}}"##,
        ] {
            let msg = FromPage::parse(text).unwrap();
            let again = serde_json::to_string(&msg).unwrap();
            assert_eq!(FromPage::parse(&again).unwrap(), msg);
        }
    }

    #[test]
    fn element_facts_have_no_value_field() {
        // A page message carrying a form value is malformed, not ignored.
        let json = r#"{"waymark":1,"kind":"clicked","watch":1,"url":"u","query":"q","element":{"tag":"input","value":"secret"}}"#;
        assert!(FromPage::parse(json).is_err());
    }

    /// Words travel as a string (data), a number, or `{id, args}` with
    /// nothing else; page languages are kept only when well formed.
    #[test]
    fn text_shapes_and_language_tags() {
        let t = Text::msg(
            "progressStepOf",
            [3usize.into(), Text::msg("x", ["data".into()])],
        );
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"id":"progressStepOf","args":[3,{"id":"x","args":["data"]}]}"#
        );
        let back: Text = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
        assert_eq!(serde_json::to_string(&Text::from("a")).unwrap(), r#""a""#);
        assert!(serde_json::from_str::<Text>(r#"{"id":"x","extra":1}"#).is_err());
        assert!(serde_json::from_str::<Text>(r#"{"args":[]}"#).is_err());
        assert_eq!(
            Text::msg("progressStepOf", [3usize.into(), 7usize.into()]).en(),
            "Step 3 of 7"
        );
        for (raw, want) in [
            ("de", "de"),
            ("de-DE", "de-DE"),
            (" en_US ", "en-US"),
            ("zh-Hant-TW", "zh-Hant-TW"),
            ("", ""),
            ("d", ""),
            ("deutsch", ""),
            ("de-", ""),
            ("de-DE-<x>", ""),
            ("../de", ""),
        ] {
            assert_eq!(language_tag(raw), want, "{raw:?}");
        }
    }
}
