//! A recorded guide (a share code of recorded steps) as a `Guide`: the
//! same data as the built-in guides (id `shared`, steps `s1`, `s2`, ...),
//! checked by the same validator, so a shared guide runs through the
//! engine's one flow. The locators mirror the built-in guides' strategies
//! (role + name, aria-label, stable attributes, text); a redacted value is
//! matched by its longest literal piece.

use super::model::{RecordedGuide, RecordedStep};
use super::redact::TOKENS;
use super::sites::REACTBLADE_PARENTS;
use crate::guide::{
    self, Evidence, EvidenceKind, FrameRule, Guide, GuideKind, Locator, Page, Step, Strategy,
};
use crate::protocol::{msg, Text};
use crate::text::clip;

/// The guide id of a running guide opened from a code of recorded steps.
pub const SHARED_ID: &str = "shared";

/// Step ids of recorded and shared steps: `s1`, `s2`, ...
pub fn step_id(index: usize) -> String {
    format!("s{}", index + 1)
}

/// The index of step id `sN` among `len` steps.
pub fn step_index(id: &str, len: usize) -> Option<usize> {
    let n: usize = id.strip_prefix('s')?.parse().ok()?;
    (n >= 1 && n <= len).then(|| n - 1)
}

/// Tags that are containers more often than controls: their visible text
/// includes every descendant's, so selecting by them floods the query.
const GENERIC_TAGS: [&str; 12] = [
    "div", "span", "li", "td", "tr", "th", "section", "p", "ul", "label", "table", "i",
];

fn has_token(s: &str) -> bool {
    TOKENS.iter().any(|t| s.contains(t))
}

/// A redacted text as a glob: each token stands for any text.
fn tokens_to_glob(s: &str) -> String {
    TOKENS
        .iter()
        .fold(s.to_string(), |acc, t| acc.replace(t, "*"))
}

/// The value to match a recorded (maybe redacted) name or text by. Without
/// tokens: the text itself (exact match scores best). With tokens: the
/// longest literal piece, which the locator finds by "contains" (a lower
/// score), since the admin's page shows their own names where the tokens
/// are. `None` when nothing distinctive is left.
fn match_value(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if !has_token(s) {
        return Some(s.to_string());
    }
    let marked = TOKENS
        .iter()
        .fold(s.to_string(), |acc, t| acc.replace(t, "\u{0}"));
    marked
        .split('\u{0}')
        .map(str::trim)
        .filter(|p| p.chars().count() >= 3)
        .max_by_key(|p| p.chars().count())
        .map(str::to_string)
}

/// `[a-z][a-z0-9-]*`: safe to put in a selector as a tag name.
fn is_tag_ident(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A CSS string literal: quotes and backslashes escaped. Shared-guide text
/// holds no control characters (validated), so nothing else needs escaping.
fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The selectors an element of this tag and role is sought by.
fn selector_bases(tag: &str, role: &str) -> Vec<String> {
    let role_sel = (is_tag_ident(role)).then(|| format!("[role={}]", css_string(role)));
    let tag_ok = is_tag_ident(tag);
    match (tag_ok, role_sel) {
        // A div acting as a menu item: its role identifies it, its tag
        // would match every container around it.
        (true, Some(r)) if GENERIC_TAGS.contains(&tag) => vec![r],
        (true, Some(r)) => vec![tag.to_string(), r],
        (true, None) => vec![tag.to_string()],
        (false, Some(r)) => vec![r],
        (false, None) => Vec::new(),
    }
}

fn selector(bases: &[String], suffix: &str) -> String {
    if bases.is_empty() {
        return if suffix.is_empty() {
            "*".to_string()
        } else {
            suffix.to_string()
        };
    }
    bases
        .iter()
        .map(|b| format!("{b}{suffix}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The target locators of a recorded step, best first, mirroring the
/// built-in guides' strategies: role + name, aria-label, stable attributes,
/// visible text, then attributes that identify less.
fn locators_for(step: &RecordedStep) -> Vec<Locator> {
    let loc = &step.locator;
    let mut bases = selector_bases(&loc.tag, &loc.role);
    // An entry of a list whose name was redacted whole ("[user]" clicked in
    // the users list): any entry of a list row stands for it, the admin's
    // own users being different people. Sought inside rows, not anywhere.
    let whole_token = [&loc.name, &loc.text]
        .iter()
        .any(|v| TOKENS.contains(&v.trim()));
    if whole_token && match_value(&loc.name).is_none() && match_value(&loc.text).is_none() {
        bases = bases
            .iter()
            .flat_map(|b| [format!("[role=row] {b}"), format!("tr {b}")])
            .collect();
    }
    let any = selector(&bases, "");
    let mut out = Vec::new();
    let name = match_value(&loc.name);
    if let Some(v) = &name {
        out.push(Locator {
            by: Strategy::Name,
            selector: any.clone(),
            role: if is_tag_ident(&loc.role) {
                loc.role.clone()
            } else {
                String::new()
            },
            values: vec![v.clone()],
            prefilter: true,
            ..Locator::default()
        });
    }
    let attr = |k: &str| loc.attrs.get(k).filter(|v| !v.trim().is_empty());
    if let Some(v) = attr("aria-label") {
        out.push(Locator {
            by: Strategy::AriaLabel,
            selector: selector(&bases, &format!("[aria-label={}]", css_string(v))),
            values: vec![v.clone()],
            prefilter: false,
            ..Locator::default()
        });
    }
    for k in ["data-automation-id", "data-testid"] {
        if let Some(v) = attr(k) {
            out.push(attr_locator(&bases, k, v));
        }
    }
    if let Some(v) = match_value(&loc.text).filter(|t| name.as_ref() != Some(t)) {
        out.push(Locator {
            by: Strategy::Text,
            selector: any.clone(),
            values: vec![v],
            prefilter: true,
            ..Locator::default()
        });
    }
    for k in ["name", "title", "href"] {
        if let Some(v) = attr(k) {
            out.push(attr_locator(&bases, k, v));
        }
    }
    if out.is_empty() {
        // Only a tag or role was recorded: presence is all there is to go
        // by, and the callout says so.
        out.push(Locator {
            by: Strategy::Css,
            selector: any,
            prefilter: false,
            ..Locator::default()
        });
    }
    out
}

/// An exact attribute match, with the attribute in the selector so that the
/// query returns the element itself rather than the first few of its tag.
fn attr_locator(bases: &[String], k: &str, v: &str) -> Locator {
    Locator {
        by: Strategy::Attr,
        selector: selector(bases, &format!("[{k}={}]", css_string(v))),
        attr: k.to_string(),
        values: vec![v.to_string()],
        prefilter: false,
        ..Locator::default()
    }
}

/// Is the first path segment a locale ("en-us", "de-de", "zh-hans")?
/// Microsoft's marketing pages put one there; the admin's may differ.
fn is_locale(seg: &str) -> bool {
    let mut parts = seg.split('-');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    a.len() == 2
        && (2..=4).contains(&b.len())
        && a.bytes().all(|c| c.is_ascii_alphabetic())
        && b.bytes().all(|c| c.is_ascii_alphabetic())
}

/// URL rules for the page a step was recorded on. Redaction tokens match
/// anything (the admin's own tenant or id stands there); a locale segment
/// matches any locale; a trailing slash is optional; the portal's
/// `#@tenant/` hash prefix is optional.
fn page_for(id: String, step: &RecordedStep) -> Page {
    let host = step.host.to_ascii_lowercase();
    let host_rule = REACTBLADE_PARENTS
        .iter()
        .find(|p| host.ends_with(&format!(".{p}")))
        .map(|p| format!("*.{p}"))
        .unwrap_or(host);
    let (path, hash) = match step.path.split_once('#') {
        Some((p, h)) => (p, Some(h)),
        None => (step.path.as_str(), None),
    };
    let mut segs: Vec<String> = path.split('/').map(tokens_to_glob).collect();
    if segs.get(1).is_some_and(|s| is_locale(s)) {
        segs[1] = "*".to_string();
    }
    let path = segs.join("/");
    let mut paths = vec![path.clone()];
    if path.len() > 1 {
        let other = match path.strip_suffix('/') {
            Some(p) => p.to_string(),
            None => format!("{path}/"),
        };
        paths.push(other);
    }
    let mut hashes = Vec::new();
    if let Some(h) = hash.filter(|h| !h.is_empty()) {
        let h = tokens_to_glob(h);
        let mut bodies = vec![h.clone()];
        match h.strip_prefix('@') {
            // Recorded with a tenant prefix: also match without one.
            Some(rest) => {
                if let Some((_, after)) = rest.split_once('/') {
                    bodies.push(after.to_string());
                }
            }
            None => bodies.push(format!("@*/{h}")),
        }
        for b in bodies {
            hashes.push(format!("#{b}"));
            // A query inside the hash route was dropped when recording.
            hashes.push(format!("#{b}?*"));
        }
    }
    Page {
        id,
        hosts: vec![host_rule],
        paths,
        hashes,
        frame: FrameRule::Any,
        present: Vec::new(),
        absent: Vec::new(),
        sign_in: false,
        open: None,
    }
}

/// A recorded guide as the same `Guide` data the built-in guides are, so it
/// runs through the same recognition, scoring, painting and evidence code.
/// Checked by the same validator as the built-in guides.
///
/// Its prose fields (titles, instruction, look-for) hold only the
/// recording's own words (a label, a role, the sender's text), the same in
/// every language, because the schema wants them filled: the engine words a
/// recorded step for the admin from the recording itself, in the admin's
/// language (`RecordedStep::instruction` and the methods below it), and
/// never shows these.
pub fn recorded_to_guide(r: &RecordedGuide) -> Result<Guide, Text> {
    r.validate().map_err(|e| e.message())?;
    let pages: Vec<Page> = r
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| page_for(format!("p{}", i + 1), s))
        .collect();
    let mut steps = Vec::with_capacity(r.steps.len());
    for (i, s) in r.steps.iter().enumerate() {
        let mut done = vec![Evidence {
            on: EvidenceKind::Click,
            ..Evidence::default()
        }];
        // Arriving at the next step's page proves this one too (the click
        // may have happened before the highlight appeared) — unless the
        // next step is on the same page, where a reload would prove nothing,
        // or in a blade frame: every portal blade loads from the same
        // `/ReactView/Index` (the query that names the view is not kept),
        // so any blade opening would count.
        let next = pages.get(i + 1);
        let this = pages.get(i);
        let differs = match (this, next) {
            (Some(a), Some(b)) => {
                (a.hosts != b.hosts || a.paths != b.paths || a.hashes != b.hashes)
                    && !b.hosts.iter().any(|h| h.starts_with("*."))
            }
            _ => false,
        };
        if differs {
            if let Some(n) = next {
                done.push(Evidence {
                    on: EvidenceKind::Navigate,
                    page: n.id.clone(),
                    ..Evidence::default()
                });
            }
        }
        let name = [
            s.label.trim(),
            s.locator.role.as_str(),
            s.locator.tag.as_str(),
        ]
        .into_iter()
        .find(|v| !v.is_empty())
        .map_or_else(|| step_id(i), |v| clip(v, 80));
        steps.push(Step {
            id: step_id(i),
            title: name.clone(),
            instruction: s.text.clone().unwrap_or_else(|| name.clone()),
            seed: String::new(),
            today: String::new(),
            route: String::new(),
            source: Vec::new(),
            pages: vec![format!("p{}", i + 1)],
            panel_only: false,
            // The warning is a message: the engine's view adds it from the
            // recorded step (`text_warning`).
            warning: None,
            look_for: name,
            target: locators_for(s),
            marks: Vec::new(),
            done,
            waits_for: String::new(),
        });
    }
    let title = if r.title.trim().is_empty() {
        SHARED_ID.to_string()
    } else {
        r.title.clone()
    };
    let g = Guide {
        schema: guide::SCHEMA_VERSION,
        id: SHARED_ID.to_string(),
        summary: title.clone(),
        title,
        precondition: String::new(),
        caveats: Vec::new(),
        paragraphs: Vec::new(),
        kind: GuideKind::Procedure,
        pages,
        steps,
        ..Guide::default()
    };
    // Defensive: the conversion keeps the schema's rules; a guide that
    // broke one would not run as the built-ins do, so refuse it.
    if guide::validate("share code", &g).is_empty() {
        Ok(g)
    } else {
        Err(msg("shareErrNotAGuide", []))
    }
}

/// A recorded step's words as the admin reads them, in the admin's
/// language: messages of the catalogue built from what the recording saw
/// (the label, the element's role and name, the host), or the sender's own
/// text where they wrote one. The running shared guide, its preview, the
/// recording and Get help all say them (`engine/view.rs` `step_words`).
impl RecordedStep {
    /// The instruction: the sender's text, else "Click \u{201c}<label>\u{201d}"
    /// (`recordedStepClick`), or "Click the highlighted element" for an
    /// element without a label.
    pub fn instruction(&self) -> Text {
        match (&self.text, self.label.trim()) {
            (Some(own), _) => own.as_str().into(),
            (None, "") => msg("recordedStepClickUnnamed", []),
            (None, label) => msg("recordedStepClick", [label.into()]),
        }
    }

    /// The step's title: its label (the page's own word), else the first
    /// line of its instruction.
    pub fn title(&self) -> Text {
        match (self.label.trim(), &self.text) {
            ("", Some(own)) => clip(own.lines().next().unwrap_or("").trim(), 80).into(),
            ("", None) => self.instruction(),
            (label, _) => clip(label, 80).into(),
        }
    }

    /// What to look for when nothing matches: "Look for the button
    /// \u{201c}Delete\u{201d} on portal.azure.com." (the locator's role and name).
    pub fn look_for(&self) -> Text {
        msg(
            "recordedLookFor",
            [self.locator.phrase(), self.host.as_str().into()],
        )
    }

    /// What the step waits for: a click on its element, or (`next_page`)
    /// the next step's page opening.
    pub fn waits_for(&self, next_page: bool) -> Text {
        let id = if next_page {
            "recordedWaitsClickOrPage"
        } else {
            "recordedWaitsClick"
        };
        msg(id, [self.locator.phrase()])
    }
}

/// What a recorded step's evidence says once it proved the step: "Done"
/// for the click, "the next step's page opened" for an arrival.
pub fn recorded_evidence(on: EvidenceKind) -> Text {
    match on {
        EvidenceKind::Navigate => msg("recordedNextPageOpened", []),
        _ => msg("recordedStepDone", []),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::RecordedLocator;

    fn step(host: &str, path: &str, name: &str) -> RecordedStep {
        RecordedStep {
            host: host.into(),
            path: path.into(),
            text: None,
            label: name.into(),
            locator: RecordedLocator {
                tag: "a".into(),
                role: "link".into(),
                name: name.into(),
                text: name.into(),
                attrs: Default::default(),
            },
        }
    }

    #[test]
    fn match_values_keep_literal_pieces_of_redacted_text() {
        assert_eq!(match_value("Start free").as_deref(), Some("Start free"));
        assert_eq!(
            match_value("Open [user] profile settings").as_deref(),
            Some("profile settings")
        );
        assert_eq!(match_value("[user]"), None);
        assert_eq!(match_value("  "), None);
    }

    #[test]
    fn pages_match_other_sandboxes_locales_and_tenant_prefixes() {
        use crate::recognise::url_matches;
        use crate::url::parse;
        // Recorded steps: (host, path, target).
        let sandbox = ("sandbox-3.reactblade.portal.azure.net", "/", "Users");
        let free = ("azure.microsoft.com", "/en-us/free/", "Start free");
        let entra = (
            "portal.azure.com",
            "/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview",
            "Users",
        );
        let subscription = (
            "portal.azure.com",
            "/#@[tenant]/resource/subscriptions/[id]/overview",
            "Overview",
        );
        // (the recorded step, a URL, in a top frame, whether the step's
        // page is that URL's)
        let cases = [
            (sandbox, "https://sandbox-9.reactblade.portal.azure.net/?x=1", false, true),
            (sandbox, "https://sandbox-9.reactblade-ms.portal.azure.net/", false, false),
            (free, "https://azure.microsoft.com/de-de/free", true, true),
            (free, "https://azure.microsoft.com/en-us/pricing/", true, false),
            (entra, "https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview", true, true),
            (entra, "https://portal.azure.com/#@fabrikam.onmicrosoft.com/view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview", true, true),
            (entra, "https://portal.azure.com/#home", true, false),
            (subscription, "https://portal.azure.com/#@fabrikam.onmicrosoft.com/resource/subscriptions/0000/overview", true, true),
        ];
        for ((host, path, name), url, top, want) in cases {
            let p = page_for("p1".into(), &step(host, path, name));
            assert_eq!(
                url_matches(&p, &parse(url), top),
                want,
                "{host}{path} on {url}"
            );
        }
    }

    #[test]
    fn selectors_are_escaped_and_avoid_container_tags() {
        let mut s = step("portal.azure.com", "/", "Users");
        s.locator.tag = "div".into();
        s.locator.role = "menuitem".into();
        s.locator
            .attrs
            .insert("data-automation-id".into(), "a\"b\\c".into());
        let l = locators_for(&s);
        assert_eq!(l[0].selector, "[role=\"menuitem\"]");
        assert_eq!(l[0].role, "menuitem");
        assert_eq!(
            l[1].selector,
            "[role=\"menuitem\"][data-automation-id=\"a\\\"b\\\\c\"]"
        );
        let mut s = step("portal.azure.com", "/", "");
        s.locator.name.clear();
        s.locator.text.clear();
        s.locator.tag = "1x".into();
        s.locator.role.clear();
        let l = locators_for(&s);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].by, Strategy::Css);
        assert_eq!(l[0].selector, "*");
    }

    #[test]
    fn a_recorded_guide_converts_into_a_valid_guide() {
        let r = RecordedGuide {
            title: String::new(),
            note: "n".into(),
            steps: vec![
                step("portal.azure.com", "/#home", "Microsoft Entra ID"),
                step("portal.azure.com", "/#home", "Users"),
                step("sandbox-1.reactblade.portal.azure.net", "/", "New user"),
                step("portal.azure.com", "/#view/UserProfileMenuBlade", "Roles"),
            ],
        };
        let g = recorded_to_guide(&r).unwrap();
        assert!(guide::validate("t", &g).is_empty());
        assert_eq!(g.id, SHARED_ID);
        // No English sentence of Waymark's in the guide: its prose fields
        // hold the recording's own words (the engine words the steps).
        assert_eq!(g.title, SHARED_ID);
        assert_eq!(g.steps[0].title, "Microsoft Entra ID");
        assert_eq!(g.steps[0].instruction, "Microsoft Entra ID");
        assert!(g
            .steps
            .iter()
            .all(|s| s.waits_for.is_empty() && s.done.iter().all(|e| e.describe.is_empty())));
        assert_eq!(g.steps[0].done.len(), 1, "same page next: click only");
        assert_eq!(g.steps[1].done.len(), 1, "a blade next: click only");
        assert_eq!(g.steps[2].done.len(), 2, "next page differs: or arrival");
        assert_eq!(g.steps[2].done[1].page, "p4");
        assert_eq!(g.steps[3].done.len(), 1, "the last step: click only");
        assert_eq!(g.steps[2].id, "s3");
        // No step of the converted guide can do anything but highlight and
        // wait for evidence: no marks, no panel-only tricks.
        assert!(g.steps.iter().all(|s| s.marks.is_empty() && !s.panel_only));
        // A recorded guide that breaks the share rules is refused.
        let mut bad = r.clone();
        bad.steps[0].host = "login.microsoftonline.com".into();
        assert!(recorded_to_guide(&bad).is_err());
    }

    #[test]
    fn a_recorded_step_speaks_in_messages_and_keeps_the_senders_words() {
        // Waymark's instruction: a message with the label, worded by the
        // reader's catalogue (English here).
        let s = step("portal.azure.com", "/#home", "Users");
        assert_eq!(s.instruction().id(), Some("recordedStepClick"));
        assert_eq!(s.instruction(), "Click \u{201c}Users\u{201d}");
        assert_eq!(s.title(), "Users");
        assert_eq!(s.title().id(), None, "the label is the page's own word");
        assert_eq!(
            s.look_for(),
            "Look for the link \u{201c}Users\u{201d} on portal.azure.com."
        );
        assert_eq!(
            s.waits_for(false),
            "a click on the link \u{201c}Users\u{201d}"
        );
        assert_eq!(
            s.waits_for(true),
            "a click on the link \u{201c}Users\u{201d}, or the next step's page"
        );
        assert_eq!(recorded_evidence(EvidenceKind::Click), "Done");
        assert_eq!(
            recorded_evidence(EvidenceKind::Navigate),
            "the next step's page opened"
        );
        // An element without a label.
        let mut unnamed = step("portal.azure.com", "/#home", "");
        unnamed.locator.name.clear();
        unnamed.locator.text.clear();
        assert_eq!(unnamed.instruction(), "Click the highlighted element");
        assert_eq!(unnamed.title(), "Click the highlighted element");
        assert_eq!(
            unnamed.look_for(),
            "Look for an unnamed link on portal.azure.com."
        );
        // The sender's own words stay theirs (data), in whatever language
        // they wrote them.
        let mut own = step("portal.azure.com", "/#home", "");
        own.text = Some("Öffnen Sie die Liste.\nDann warten.".into());
        assert_eq!(
            own.instruction(),
            Text::Data("Öffnen Sie die Liste.\nDann warten.".into())
        );
        assert_eq!(own.title(), Text::Data("Öffnen Sie die Liste.".into()));
    }

    #[test]
    fn a_redacted_list_entry_is_sought_in_list_rows() {
        let mut s = step("sandbox-1.reactblade.portal.azure.net", "/", "[user]");
        s.locator.text = "[user]".into();
        let l = locators_for(&s);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].by, Strategy::Css);
        assert_eq!(
            l[0].selector,
            "[role=row] a, tr a, [role=row] [role=\"link\"], tr [role=\"link\"]"
        );
        // A name with words besides the token is found by those words.
        let s = step("portal.azure.com", "/", "Edit [user]");
        assert_eq!(locators_for(&s)[0].selector, "a, [role=\"link\"]");
    }

    #[test]
    fn step_ids_parse_within_bounds() {
        assert_eq!(step_index("s1", 3), Some(0));
        assert_eq!(step_index("s3", 3), Some(2));
        assert_eq!(step_index("s4", 3), None);
        assert_eq!(step_index("s0", 3), None);
        assert_eq!(step_index("x1", 3), None);
        assert_eq!(step_index("s99999999999999999999999", 3), None);
    }
}
