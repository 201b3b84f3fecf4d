//! Role names: normalising page text and matching it, as a whole name, against
//! the two roles that qualify (brief §2).
//!
//! # What is stripped, exactly
//!
//! `parse_label` turns one role label into `(core name, assignment hint)`.
//! It never searches for a role name inside longer text: after the steps
//! below the remaining core must be *equal* to a name in [`NAMES`].
//!
//! 1. **Normalise** (`normalize`): only the first [`MAX_SCAN_CHARS`] chars are
//!    looked at; zero-width and bidi format characters (U+200B–U+200F,
//!    U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF, U+00AD, U+061C,
//!    U+180E, variation selectors U+FE00–U+FE0F) are removed; every white
//!    space (NBSP, thin/figure/ideographic spaces, line/paragraph separators)
//!    and every control character becomes one space; dash look-alikes
//!    (U+2010–U+2015, U+2212, U+FE58, U+FE63, U+FF0D) become `-`; the text is
//!    lower-cased, runs of spaces collapse, ends are trimmed. A normalised
//!    label longer than [`MAX_LABEL_CHARS`] is not a role name.
//! 2. Repeat until nothing changes (at most 24 rounds):
//!    a. **Edge glyphs**: leading/trailing characters that are not letters or
//!    digits, or that are icon glyphs even if Unicode calls them letters
//!    (private-use area U+E000–U+F8FF, which Fluent UI icon fonts render;
//!    arrows, misc technical, enclosed alphanumerics such as ⓘ, box/geometric
//!    shapes, misc symbols, dingbats U+2190–U+27BF; emoji U+1F000–U+1FAFF).
//!    So `✔ Global Administrator`, `Global Administrator *` and
//!    `"Global Administrator".` lose their ends; `Global Administrator-ish`
//!    does not (the `-` is inside).
//!    b. **A bracketed tail** `(…)` / `[…]` whose content is a known
//!    decoration (list [`STATE_WORDS`] and [`NEUTRAL_WORDS`], or text
//!    starting with `expires`, `expiring`, `ends`, `until`).
//!    `Global Administrator (Active)` → state Active; `(custom)` is NOT a
//!    decoration, so a custom role named `Global Administrator (custom)`
//!    never qualifies.
//!    c. **A separated head or tail**: text before/after one of
//!    ` · ` ` • ` ` - ` ` – ` ` — ` ` : ` `: ` that is a known decoration:
//!    `Global Administrator · Directory role`, `Active - Global Administrator`.
//!    d. **A label prefix** ([`PREFIXES`], followed by `:`, `-`, or a space):
//!    `Role: Billing administrator`, `ORGANIZATIONAL ROLE Global
//!    administrator`, `Azure AD Global Administrator`; list glue `and `.
//!    e. **The 2017 nesting**: `limited administrator` (or `limited admin`)
//!    followed by `>`, `›`, `»`, `→`, `/`, `:` or `-` and a sub-role: the
//!    sub-role is kept and must itself be a whole name.
//!    f. **A trailing or leading bare word** that is a state word, a date
//!    (`expires …`) or an icon word ([`BARE_WORDS`]: `permanent`, `info`,
//!    `icon`, …): `Global Administrator Eligible`. Not `role` or `built-in`:
//!    a custom role's own name may end in them.
//! 3. The core must equal a name in [`NAMES`] (or a template id). Otherwise
//!    the label is "some other role". **Custom roles** (issue 13 item 9): a
//!    custom Entra role can be named like a built-in ("Global Admin",
//!    "Global Administrator role", "Global Administrator (custom)"), so only
//!    the built-ins' exact names (and their legacy names) count by name.
//!    The short forms of brief §2 ("Global admin", "Billing admin") and a
//!    name plus " role" are [`LOOK_ALIKES`]: they count only where the row
//!    shows the role type "Built-in role". Where a row shows "Custom role",
//!    nothing in it qualifies, whatever its name; where it shows a template
//!    id (a link's `roleTemplateId`, a GUID cell), the id decides
//!    (`sources.rs`, `built_in_check`). The explicit no-role values ("User",
//!    "No administrator access", "None", "No role assignments", …) are
//!    recognised separately (they mean "read, and there is no admin role").
//!
//! Known risk, accepted because the brief asks for it: a *custom* role whose
//! display name is literally `Global Administrator (Active)` would be read as
//! Global Administrator (custom roles cannot reuse a built-in name, but can
//! add a decoration-looking tail).

use super::locales;

/// Only this many characters of any one input are looked at.
pub const MAX_SCAN_CHARS: usize = 4096;
/// A single role label longer than this (normalised) is not a role name.
pub const MAX_LABEL_CHARS: usize = 160;
/// At most this many items are taken from one role list.
pub const MAX_LIST_ITEMS: usize = 64;

/// The roles that qualify for the guides' precondition (brief §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CanonicalRole {
    GlobalAdministrator,
    BillingAdministrator,
}

impl CanonicalRole {
    pub const ALL: [CanonicalRole; 2] = [
        CanonicalRole::GlobalAdministrator,
        CanonicalRole::BillingAdministrator,
    ];

    /// Today's display name in Microsoft Entra ID.
    pub fn display_name(self) -> &'static str {
        match self {
            CanonicalRole::GlobalAdministrator => "Global Administrator",
            CanonicalRole::BillingAdministrator => "Billing Administrator",
        }
    }

    /// Role template id (MicrosoftDocs/entra-docs, permissions-reference.md).
    pub fn template_id(self) -> &'static str {
        match self {
            CanonicalRole::GlobalAdministrator => "62e90394-69f5-4237-9190-012177145e10",
            CanonicalRole::BillingAdministrator => "b0f54661-2d74-4c50-afa3-1ec803f12efe",
        }
    }
}

/// How a role is held (Privileged Identity Management distinguishes these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Assignment {
    /// Active (permanently assigned, or an activated eligible assignment).
    Active,
    /// Eligible: usable only after activation in PIM.
    Eligible,
    /// Shown under "Expired assignments": not usable.
    Expired,
    /// The page did not say. Without PIM every assignment is active, so the
    /// verdict treats this like `Active` (and says the state was not shown).
    Unspecified,
}

impl Assignment {
    pub fn as_str(self) -> &'static str {
        match self {
            Assignment::Active => "active",
            Assignment::Eligible => "eligible",
            Assignment::Expired => "expired",
            Assignment::Unspecified => "state not shown",
        }
    }

    /// The state in words ("active"), a message.
    pub fn message(self) -> crate::protocol::Text {
        crate::protocol::msg(
            match self {
                Assignment::Active => "assignmentActive",
                Assignment::Eligible => "assignmentEligible",
                Assignment::Expired => "assignmentExpired",
                Assignment::Unspecified => "assignmentNotShown",
            },
            [],
        )
    }
}

/// Whole names (normalised) of the qualifying roles. Sources: brief §2;
/// "Company Administrator" is the MSOnline / Graph legacy name of Global
/// Administrator (Get-MsolRole); template ids from permissions-reference.md.
pub const NAMES: &[(&str, CanonicalRole)] = &[
    ("global administrator", CanonicalRole::GlobalAdministrator),
    ("company administrator", CanonicalRole::GlobalAdministrator),
    (
        "62e90394-69f5-4237-9190-012177145e10",
        CanonicalRole::GlobalAdministrator,
    ),
    ("billing administrator", CanonicalRole::BillingAdministrator),
    (
        "b0f54661-2d74-4c50-afa3-1ec803f12efe",
        CanonicalRole::BillingAdministrator,
    ),
];

/// Names that look like a built-in's but are not its name: a custom Entra
/// role can be called so (issue 13 item 9). They never qualify by their
/// name; they do where the page shows the row's role type as built-in
/// (`sources.rs`). A core that is a built-in's name plus ` role` ("Global
/// Administrator role") is a look-alike too.
pub const LOOK_ALIKES: &[(&str, CanonicalRole)] = &[
    ("global admin", CanonicalRole::GlobalAdministrator),
    ("billing admin", CanonicalRole::BillingAdministrator),
];

/// Bare words (no brackets, no separator) that may be stripped from the
/// ends of a label besides the state words: icon and control words only.
/// Words a role's own name could end in ("role", "admin role", "built-in")
/// are not stripped bare, so "Global Administrator role" stays a custom
/// role's name.
const BARE_WORDS: &[&str] = &[
    "permanent",
    "info",
    "information",
    "more info",
    "more information",
    "learn more",
    "icon",
    "role icon",
    "checkmark",
    "check mark",
    "selected",
    "checked",
    "tooltip",
];

/// Values that say "this account has no administrator role" (the 2017
/// ORGANIZATIONAL ROLE value "User", the Microsoft 365 admin center's
/// "No administrator access", empty-grid messages).
pub const NO_ROLE_VALUES: &[&str] = &[
    "user",
    "none",
    "no roles",
    "no role",
    "no roles assigned",
    "no role assignments",
    "no role assignments found",
    "no assigned roles",
    "no administrator access",
    "no admin access",
    "user (no administrator access)",
    "user (no admin access)",
    "no results",
    "no results found",
];

/// Decoration words that carry the assignment state.
pub const STATE_WORDS: &[(&str, Assignment)] = &[
    ("active", Assignment::Active),
    ("activated", Assignment::Active),
    ("assigned", Assignment::Active),
    ("active assignment", Assignment::Active),
    ("active assignments", Assignment::Active),
    ("permanently active", Assignment::Active),
    ("eligible", Assignment::Eligible),
    ("eligible assignment", Assignment::Eligible),
    ("eligible assignments", Assignment::Eligible),
    ("permanently eligible", Assignment::Eligible),
    ("eligible (not active)", Assignment::Eligible),
    ("not active", Assignment::Eligible),
    ("inactive", Assignment::Eligible),
    ("pending activation", Assignment::Eligible),
    ("pending approval", Assignment::Eligible),
    ("activation required", Assignment::Eligible),
    ("expired", Assignment::Expired),
    ("expired assignment", Assignment::Expired),
    ("expired assignments", Assignment::Expired),
];

/// Decoration words that carry nothing: labels and scopes (and, through
/// `is_neutral`, the icon words of [`BARE_WORDS`]).
pub const NEUTRAL_WORDS: &[&str] = &[
    "role",
    "directory role",
    "directory",
    "azure ad role",
    "microsoft entra role",
    "entra role",
    "entra id role",
    "built-in",
    "builtin",
    "built-in role",
    "admin role",
    "administrator role",
    "tenant",
    "tenant-wide",
    "organization",
    "direct",
    "directly assigned",
    "direct assignment",
    "inherited",
    "via group",
    "scope: directory",
];

/// Label prefixes stripped before a role name (followed by `:`, `-` or space).
pub const PREFIXES: &[&str] = &[
    "organizational role",
    "organisational role",
    "directory roles",
    "directory role",
    "assigned roles",
    "assigned role",
    "admin roles",
    "admin role",
    "administrator role",
    "roles assigned",
    "role assignment",
    "role name",
    "your roles",
    "your role",
    "my roles",
    "my role",
    "current role",
    "roles",
    "role",
    "azure active directory",
    "azure ad",
    "microsoft entra id",
    "microsoft entra",
    "entra id",
];

/// One label after parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLabel {
    /// The normalised core left after stripping decorations.
    pub core: String,
    pub canonical: Option<CanonicalRole>,
    /// Not a built-in's name, but like one (`LOOK_ALIKES`, or a built-in's
    /// name plus " role"): qualifies only where the page says built-in.
    pub look_alike: Option<CanonicalRole>,
    pub assignment: Assignment,
    pub kind: LabelKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// A role name (qualifying or not).
    Role,
    /// An explicit "no administrator role" value.
    NoRole,
    /// Only decorations (for instance a lone "Eligible" list item).
    DecorationOnly,
    /// Nothing readable (empty, or too long to be one role name).
    Empty,
}

/// Lower-cases and cleans page text as described in the module docs.
pub fn normalize(raw: &str) -> String {
    let mut out = String::new();
    for c in collapsed(raw) {
        if is_dash(c) {
            out.push('-');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Page text as a reader sees it: at most `MAX_SCAN_CHARS` read, invisible
/// format characters dropped, each run of white space or control characters
/// one space, none at either end.
pub(super) fn collapsed(raw: &str) -> impl Iterator<Item = char> + '_ {
    let (mut space, mut started) = (false, false);
    raw.chars()
        .take(MAX_SCAN_CHARS)
        .filter(|&c| !is_invisible_format(c))
        .flat_map(move |c| {
            if c.is_whitespace() || c.is_control() {
                space = true;
                return [None, None];
            }
            let separator = (space && started).then_some(' ');
            (space, started) = (false, true);
            [separator, Some(c)]
        })
        .flatten()
}

/// Zero-width, bidi and other format characters that pages sprinkle into
/// names and that carry nothing to read.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{FE00}'..='\u{FE0F}')
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Characters that may be trimmed from the ends of a label: anything but a
/// letter or digit, plus icon glyphs that Unicode classes as letters.
fn is_edge_glyph(c: char) -> bool {
    !c.is_alphanumeric()
        || matches!(c,
            '\u{E000}'..='\u{F8FF}'
            | '\u{2190}'..='\u{27BF}'
            | '\u{1F000}'..='\u{1FAFF}')
}

fn state_word(s: &str) -> Option<Assignment> {
    STATE_WORDS
        .iter()
        .find(|(w, _)| *w == s)
        .map(|(_, a)| *a)
        .or_else(|| locales::state(s))
}

/// An explicit "no administrator role" value, in any language.
fn is_no_role(s: &str) -> bool {
    NO_ROLE_VALUES.contains(&s) || locales::is_no_role(s)
}

fn is_neutral(s: &str) -> bool {
    NEUTRAL_WORDS.contains(&s)
        || BARE_WORDS.contains(&s)
        || ["expires ", "expiring ", "ends ", "until ", "end time "]
            .iter()
            .any(|p| s.starts_with(p))
}

/// A decoration that may stand bare at an end of a label: a state word or
/// an icon word (`BARE_WORDS`).
fn bare_decoration(s: &str) -> Option<Assignment> {
    let s = s.trim_matches(is_edge_glyph);
    let dated = ["expires ", "expiring ", "ends ", "until ", "end time "]
        .iter()
        .any(|p| s.starts_with(p));
    state_word(s).or_else(|| (dated || BARE_WORDS.contains(&s)).then_some(Assignment::Unspecified))
}

/// `Some(state)` if `s` is a decoration; the state is `Unspecified` for
/// neutral decorations.
fn decoration(s: &str) -> Option<Assignment> {
    let s = s.trim_matches(is_edge_glyph);
    if let Some(a) = state_word(s) {
        return Some(a);
    }
    if is_neutral(s) {
        return Some(Assignment::Unspecified);
    }
    None
}

fn merge(current: Assignment, new: Assignment) -> Assignment {
    // The most restrictive explicit state wins: an "Eligible" decoration next
    // to an "Active" tab must not make a role usable.
    use Assignment::*;
    match (current, new) {
        (Expired, _) | (_, Expired) => Expired,
        (Eligible, _) | (_, Eligible) => Eligible,
        (Active, _) | (_, Active) => Active,
        _ => Unspecified,
    }
}

const SEPARATORS: &[&str] = &[" · ", " • ", " - ", " – ", " — ", " : ", ": "];
const NEST_SEPARATORS: &[char] = &['>', '›', '»', '→', '/', ':', '-'];

/// One round of stripping; returns the new core and any state found.
fn strip_once(s: &str) -> (String, Option<Assignment>) {
    // a. edge glyphs (but keep a closing bracket for step b).
    let trimmed = s
        .trim_start_matches(is_edge_glyph)
        .trim_end_matches(|c: char| is_edge_glyph(c) && c != ')' && c != ']');
    if trimmed != s {
        return (trimmed.to_string(), None);
    }
    // b. bracketed tail.
    for (open, close) in [('(', ')'), ('[', ']')] {
        if s.ends_with(close) {
            if let Some(pos) = s.rfind(open) {
                let inner = s
                    .get(pos + open.len_utf8()..s.len() - close.len_utf8())
                    .unwrap_or("");
                if let Some(a) = decoration(inner.trim()) {
                    let head = s.get(..pos).unwrap_or("").trim_end();
                    return (head.to_string(), Some(a));
                }
            }
            // A closing bracket that is not a known decoration is an edge
            // glyph only if it is unbalanced.
            if !s.contains(open) {
                return (s.trim_end_matches(close).to_string(), None);
            }
        }
    }
    // c. separated head or tail.
    for sep in SEPARATORS {
        if let Some(pos) = s.rfind(sep) {
            let tail = s.get(pos + sep.len()..).unwrap_or("");
            if let Some(a) = decoration(tail) {
                return (s.get(..pos).unwrap_or("").to_string(), Some(a));
            }
        }
        if let Some(pos) = s.find(sep) {
            let head = s.get(..pos).unwrap_or("");
            if let Some(a) = decoration(head) {
                return (s.get(pos + sep.len()..).unwrap_or("").to_string(), Some(a));
            }
        }
    }
    // d. label prefixes and list glue.
    for p in PREFIXES.iter().chain(["and"].iter()) {
        if let Some(rest) = s.strip_prefix(p) {
            let rest2 = rest.trim_start();
            let glued = rest2.len() != rest.len() || rest.starts_with(':') || rest.starts_with('-');
            if glued && !rest2.is_empty() {
                let rest3 = rest2.trim_start_matches([':', '-']).trim_start();
                if !rest3.is_empty() {
                    return (rest3.to_string(), None);
                }
            }
        }
    }
    // e. 2017 nesting "Limited administrator > Billing administrator".
    for p in ["limited administrator", "limited admin"] {
        if let Some(rest) = s.strip_prefix(p) {
            let rest = rest.trim_start();
            if let Some(first) = rest.chars().next() {
                if NEST_SEPARATORS.contains(&first) {
                    let sub = rest.get(first.len_utf8()..).unwrap_or("").trim();
                    if !sub.is_empty() {
                        return (sub.to_string(), None);
                    }
                }
            }
        }
    }
    // f. bare leading / trailing decoration words (one or two words).
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() > 1 {
        // One word first, so that "Global Administrator role" loses "role"
        // rather than the two-word decoration "administrator role".
        for n in [1usize, 2] {
            if words.len() > n {
                let tail = words.get(words.len() - n..).unwrap_or(&[]).join(" ");
                if let Some(a) = bare_decoration(&tail) {
                    return (
                        words.get(..words.len() - n).unwrap_or(&[]).join(" "),
                        Some(a),
                    );
                }
                let head = words.get(..n).unwrap_or(&[]).join(" ");
                if let Some(a) = bare_decoration(&head) {
                    return (words.get(n..).unwrap_or(&[]).join(" "), Some(a));
                }
            }
        }
    }
    (s.to_string(), None)
}

/// Parses one role label (see the module docs for what is stripped).
pub fn parse_label(raw: &str) -> ParsedLabel {
    let mut core = normalize(raw);
    let mut assignment = Assignment::Unspecified;
    if core.is_empty() || core.chars().count() > MAX_LABEL_CHARS {
        return ParsedLabel {
            core: String::new(),
            canonical: None,
            look_alike: None,
            assignment,
            kind: LabelKind::Empty,
        };
    }
    // The explicit no-role values are checked before stripping, because
    // "User (no administrator access)" must not lose its tail.
    if is_no_role(core.trim_matches(is_edge_glyph)) {
        return ParsedLabel {
            core: core.trim_matches(is_edge_glyph).to_string(),
            canonical: None,
            look_alike: None,
            assignment,
            kind: LabelKind::NoRole,
        };
    }
    if core.trim_matches(is_edge_glyph).is_empty() {
        // Only punctuation or icon glyphs: nothing to read.
        return ParsedLabel {
            core: String::new(),
            canonical: None,
            look_alike: None,
            assignment,
            kind: LabelKind::Empty,
        };
    }
    if let Some(a) = decoration(&core) {
        return ParsedLabel {
            core: String::new(),
            canonical: None,
            look_alike: None,
            assignment: a,
            kind: LabelKind::DecorationOnly,
        };
    }
    for _ in 0..24 {
        if let Some(c) = lookup(&core) {
            return ParsedLabel {
                core,
                canonical: Some(c),
                look_alike: None,
                assignment,
                kind: LabelKind::Role,
            };
        }
        let (next, state) = strip_once(&core);
        if let Some(a) = state {
            assignment = merge(assignment, a);
        }
        if next == core || next.is_empty() {
            break;
        }
        core = next;
    }
    let canonical = lookup(&core);
    let kind = if is_no_role(&core) {
        LabelKind::NoRole
    } else {
        LabelKind::Role
    };
    let look_alike = if canonical.is_none() && kind == LabelKind::Role {
        look_alike(&core)
    } else {
        None
    };
    ParsedLabel {
        core,
        canonical,
        look_alike,
        assignment,
        kind,
    }
}

/// The built-in a core looks like without being its name.
fn look_alike(core: &str) -> Option<CanonicalRole> {
    let base = core.strip_suffix(" role").unwrap_or(core);
    LOOK_ALIKES
        .iter()
        .find(|(n, _)| *n == base)
        .map(|(_, r)| *r)
        .or_else(|| (base != core).then(|| lookup(base)).flatten())
}

/// A qualifying role's whole name: English ([`NAMES`]), or a localized
/// name that stands for one (`locales.rs`; Global Reader in any language
/// stands for Global Reader, which is not in `NAMES`).
fn lookup(core: &str) -> Option<CanonicalRole> {
    NAMES
        .iter()
        .find(|(n, _)| *n == core)
        .or_else(|| {
            let en = locales::english_role(core)?;
            NAMES.iter().find(|(n, _)| locales::same(en, n))
        })
        .map(|(_, r)| *r)
}

/// The canonical role for one role label, or `None` for any other role,
/// garbage, or text that only *contains* a role name.
pub fn canonical_role(raw: &str) -> Option<CanonicalRole> {
    parse_label(raw).canonical
}

/// Splits text that may hold several roles. Separators: line breaks (`\n`,
/// `\r`, U+2028, U+2029, U+0085), `,`, `;`, `|` (so ` | `), the ideographic
/// comma `、`, and the whole word `and` between spaces. Pieces are trimmed;
/// empty pieces are dropped; at most [`MAX_LIST_ITEMS`] are returned.
pub fn split_role_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    // Separators inside brackets do not split: "Global Administrator
    // (Active, Permanent)" is one item.
    let mut depth: u32 = 0;
    for c in text.chars().take(MAX_SCAN_CHARS * 4) {
        match c {
            '(' | '[' => depth = depth.saturating_add(1),
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let line_break = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}');
        if line_break {
            // A line break always ends an item, even inside an unclosed bracket.
            depth = 0;
        }
        if line_break || (depth == 0 && matches!(c, ',' | ';' | '|' | '、')) {
            push_and_split(&mut items, &current);
            current.clear();
        } else {
            current.push(c);
        }
        if items.len() >= MAX_LIST_ITEMS {
            break;
        }
    }
    push_and_split(&mut items, &current);
    items.truncate(MAX_LIST_ITEMS);
    items
}

fn push_and_split(items: &mut Vec<String>, piece: &str) {
    let mut group: Vec<&str> = Vec::new();
    for word in piece
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if word.eq_ignore_ascii_case("and") && !group.is_empty() {
            items.push(group.join(" "));
            group.clear();
        } else {
            group.push(word);
        }
    }
    if !group.is_empty() {
        let joined = group.join(" ");
        if !joined
            .chars()
            .all(|c| is_invisible_format(c) || c.is_whitespace())
        {
            items.push(joined);
        }
    }
}

/// Vocabulary of the 2017 ORGANIZATIONAL ROLE / Directory role choices,
/// used only to split a run of names whose separators the page's collapsed
/// text lost ("Limited administrator Billing administrator Password
/// administrator"). Source: the 2015–2017 "Assigning administrator roles in
/// Azure AD" articles (technet dn468213, docs active-directory-assign-admin-roles).
pub const LEGACY_VOCABULARY: &[&str] = &[
    "user",
    "global administrator",
    "limited administrator",
    "billing administrator",
    "service administrator",
    "password administrator",
    "user administrator",
    "user account administrator",
    "exchange administrator",
    "exchange service administrator",
    "sharepoint administrator",
    "sharepoint service administrator",
    "skype for business administrator",
    "lync service administrator",
    "compliance administrator",
    "crm service administrator",
    "power bi service administrator",
    "intune service administrator",
    "security administrator",
    "security reader",
    "guest inviter",
    "conditional access administrator",
    "device administrators",
    "directory readers",
    "directory writers",
    "information protection administrator",
    "helpdesk administrator",
    "reports reader",
    "privileged role administrator",
    "application administrator",
    "application developer",
    "cloud application administrator",
    "customer lockbox access approver",
    "dynamics 365 service administrator",
];

/// Splits a space-run of known 2017 role names, longest name first. Returns
/// `None` unless the whole text is consumed by known names (so unknown text
/// is never silently dropped).
pub fn split_known_run(text: &str) -> Option<Vec<String>> {
    let n = normalize(text);
    let words: Vec<&str> = n.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 200 {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut matched = 0;
        for len in (1..=5usize).rev() {
            if i + len <= words.len() {
                let cand = words.get(i..i + len).unwrap_or(&[]).join(" ");
                if LEGACY_VOCABULARY.contains(&cand.as_str()) {
                    matched = len;
                    out.push(cand);
                    break;
                }
            }
        }
        if matched == 0 {
            return None;
        }
        i += matched;
    }
    Some(out)
}
