//! Scoring candidate elements against a step's locators, and describing the
//! winner as a `Fingerprint` plus a `why` a person can read.
//!
//! Strategy order (best first): exact accessible name > aria-label > visible
//! text > stable attribute > href > position in a container > bare selector.
//! Visible beats hidden, always; many equal candidates lower the score, so a
//! unique element on one frame beats one of five look-alikes on another. A
//! hidden match is never the winner: with only hidden matches there is no
//! target and the `why` says what to look for (probably in a collapsed menu).

use super::guide::{Locator, Strategy};
use super::protocol::{msg, ElementFacts, Fingerprint, QueryResult, Text};

/// Lower-case, white space collapsed, trimmed: how names and texts compare.
///
/// Written into one string: it runs for every value of every locator
/// against every reported element, on every message. Words are lower-cased
/// one at a time, which is the same as lower-casing the joined text (white
/// space is neither cased nor case-ignorable, so a word's final-sigma rule
/// never looks past it).
pub fn compare_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            let start = key.len();
            key.push_str(word);
            key[start..].make_ascii_lowercase();
        } else {
            key.push_str(&word.to_lowercase());
        }
    }
    key
}

/// Attributes stable enough to identify an element again after a re-render
/// (state attributes such as aria-expanded and the class list are not).
const KEY_ATTRS: [&str; 6] = [
    "aria-label",
    "data-automation-id",
    "data-testid",
    "href",
    "name",
    "type",
];

/// How well one element matches one locator, before visibility.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub score: i32,
    /// "accessible name 'Start free'": a message, the value as data.
    pub reason: Text,
}

fn any_value(values: &[String], f: impl Fn(&str) -> bool) -> Option<&String> {
    values.iter().find(|v| f(&compare_key(v)))
}

/// Does `e` match locator `l`, and how well? `None`: not a candidate.
pub fn locator_match(l: &Locator, e: &ElementFacts) -> Option<Match> {
    let name = compare_key(&e.name);
    let text = compare_key(&e.text);
    let attr = |k: &str| e.attrs.get(k).map(|v| compare_key(v)).unwrap_or_default();
    let m = |score: i32, id: &str, v: &str| {
        Some(Match {
            score,
            reason: msg(id, [v.into()]),
        })
    };
    let contains = |hay: &str, v: &str| !v.is_empty() && hay.contains(v);
    match l.by {
        Strategy::Name => {
            if !l.role.is_empty() && compare_key(&l.role) != compare_key(e.aria_role()) {
                return None;
            }
            if let Some(v) = any_value(&l.values, |v| !v.is_empty() && name == v) {
                return m(100, "whyName", v);
            }
            if let Some(v) = any_value(&l.values, |v| !v.is_empty() && name.is_empty() && text == v)
            {
                return m(75, "whyText", v);
            }
            if let Some(v) = any_value(&l.values, |v| contains(&name, v)) {
                return m(60, "whyNameContains", v);
            }
            None
        }
        Strategy::AriaLabel => {
            let label = attr("aria-label");
            if let Some(v) = any_value(&l.values, |v| !v.is_empty() && label == v) {
                return m(90, "whyAriaLabel", v);
            }
            if let Some(v) = any_value(&l.values, |v| !v.is_empty() && name == v) {
                return m(85, "whyName", v);
            }
            if let Some(v) = any_value(&l.values, |v| contains(&label, v)) {
                return m(55, "whyAriaLabelContains", v);
            }
            None
        }
        Strategy::Text => {
            if let Some(v) = any_value(&l.values, |v| !v.is_empty() && text == v) {
                return m(80, "whyText", v);
            }
            if let Some(v) = any_value(&l.values, |v| !v.is_empty() && name == v) {
                return m(78, "whyName", v);
            }
            if let Some(v) = any_value(&l.values, |v| contains(&text, v) || contains(&name, v)) {
                return m(50, "whyTextContains", v);
            }
            None
        }
        Strategy::Attr => {
            let a = attr(&l.attr);
            if let Some(v) = any_value(&l.values, |v| !v.is_empty() && a == v) {
                return Some(Match {
                    score: 70,
                    reason: msg("whyAttr", [l.attr.as_str().into(), v.into()]),
                });
            }
            if let Some(v) = any_value(&l.values, |v| contains(&a, v)) {
                return Some(Match {
                    score: 40,
                    reason: msg("whyAttrContains", [l.attr.as_str().into(), v.into()]),
                });
            }
            None
        }
        Strategy::Href => {
            let href = attr("href");
            any_value(&l.values, |v| contains(&href, v)).and_then(|v| m(60, "whyHref", v))
        }
        Strategy::Position => {
            if e.index == l.nth {
                Some(Match {
                    score: 40,
                    reason: msg("whyPosition", [(l.nth as usize + 1).into()]),
                })
            } else {
                None
            }
        }
        Strategy::Css => m(30, "whyCss", &l.selector),
    }
}

/// Is one of `result`'s items a visible match for `l`? (markers, evidence)
pub fn present(l: &Locator, result: &QueryResult) -> bool {
    result
        .items
        .iter()
        .any(|e| e.visible && locator_match(l, e).is_some())
}

/// The fields that identify `e` again. Text only when there is no name and
/// the locator relies on text: long or changing text makes a brittle print.
pub fn fingerprint(l: &Locator, e: &ElementFacts, items: &[ElementFacts]) -> Fingerprint {
    let mut attrs = super::protocol::Attrs::new();
    for k in KEY_ATTRS {
        if let Some(v) = e.attrs.get(k) {
            if !v.is_empty() && v.len() <= 200 {
                attrs.insert(k.to_string(), v.clone());
            }
        }
    }
    let use_name = l.by != Strategy::Css && l.by != Strategy::Position;
    let name = if use_name {
        e.name.clone()
    } else {
        String::new()
    };
    let text = if use_name && e.name.is_empty() && l.by == Strategy::Text {
        e.text.clone()
    } else {
        String::new()
    };
    let mut fp = Fingerprint {
        tag: e.tag.clone(),
        role: e.role.clone(),
        name,
        text,
        attrs,
        nth: 0,
    };
    fp.nth = items
        .iter()
        .take_while(|other| other.index != e.index)
        .filter(|other| same(&fp, other))
        .count() as u32;
    fp
}

/// Does `e` have every non-empty field of `fp`? (nth aside)
pub fn same(fp: &Fingerprint, e: &ElementFacts) -> bool {
    (fp.tag.is_empty() || fp.tag == e.tag)
        && (fp.role.is_empty() || fp.role == e.role)
        && (fp.name.is_empty() || fp.name == e.name)
        && (fp.text.is_empty() || fp.text == e.text)
        && fp.attrs.iter().all(|(k, v)| e.attrs.get(k) == Some(v))
}

/// One scored candidate, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Which frame's results it came from (caller's index).
    pub source: usize,
    pub query: String,
    pub locator: usize,
    pub score: i32,
    pub reason: Text,
    pub visible: bool,
    pub element: ElementFacts,
    pub fingerprint: Fingerprint,
}

/// The winner among all candidates, and a `why` for the callout.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub winner: Option<Candidate>,
    pub why: Text,
}

/// Score every item of every target query. `results` are (source, result)
/// pairs; `query_of(i)` is the query id of locator `i`.
pub fn score(
    locators: &[Locator],
    results: &[(usize, &QueryResult)],
    query_of: impl Fn(usize) -> String,
    look_for: &Text,
) -> Choice {
    let mut all: Vec<Candidate> = Vec::new();
    for (li, l) in locators.iter().enumerate() {
        let qid = query_of(li);
        for (source, r) in results.iter().filter(|(_, r)| r.id == qid) {
            for e in &r.items {
                let Some(m) = locator_match(l, e) else {
                    continue;
                };
                // Earlier locators are the guide author's preference.
                let mut s = m.score - 3 * li as i32;
                s = if e.visible { s + 20 } else { s / 3 };
                all.push(Candidate {
                    source: *source,
                    query: qid.clone(),
                    locator: li,
                    score: s,
                    reason: m.reason,
                    visible: e.visible,
                    element: e.clone(),
                    fingerprint: fingerprint(l, e, &r.items),
                });
            }
        }
    }
    // The same element is often found by several locators: count it once.
    let mut distinct: Vec<usize> = Vec::new();
    for (i, c) in all.iter().enumerate() {
        let dup = distinct.iter().filter_map(|&d| all.get(d)).any(|d| {
            d.source == c.source
                && d.element.rect == c.element.rect
                && d.element.tag == c.element.tag
                && d.element.name == c.element.name
        });
        if !dup {
            distinct.push(i);
        }
    }
    let total = distinct.len();
    // Penalise ambiguity before choosing: an element with look-alikes in its
    // own frame and query is a weaker bet than a unique one elsewhere.
    let penalties: Vec<i32> = all
        .iter()
        .map(|c| {
            let equals = distinct
                .iter()
                .filter_map(|&d| all.get(d))
                .filter(|d| d.source == c.source && d.query == c.query && d.score == c.score)
                .count();
            5 * (equals.saturating_sub(1) as i32)
        })
        .collect();
    for (c, p) in all.iter_mut().zip(penalties) {
        c.score -= p;
    }
    let best = all.iter().max_by(|a, b| {
        // A visible candidate beats every hidden one, whatever the scores
        // (penalties could otherwise sink a visible element below a hidden
        // exact match).
        a.visible
            .cmp(&b.visible)
            .then(a.score.cmp(&b.score))
            // Ties: the earlier element in document order (max_by keeps the
            // last), then the later source: the engine lists frames in order
            // of arrival, so a reopened blade's new frame beats the old one.
            .then(b.element.index.cmp(&a.element.index))
            .then(a.source.cmp(&b.source))
    });
    let Some(best) = best else {
        return Choice {
            winner: None,
            why: look_for.clone(),
        };
    };
    let winner = best.clone();
    // Visible candidates always outscore hidden ones, so a hidden best means
    // every match is hidden (a collapsed menu, a closed panel, an inactive
    // tab). Highlighting it would mark something the user cannot see:
    // there is no target, and the floating callout says what to look for
    // and where it probably is.
    if !winner.visible {
        let what = if look_for.is_empty() {
            msg("whyLookFor", [winner.reason.clone()])
        } else {
            look_for.clone()
        };
        return Choice {
            winner: None,
            why: msg("whyHidden", [what]),
        };
    }
    let why = if total == 1 {
        msg("whyOnly", [winner.reason.clone()])
    } else {
        msg("whyOneOf", [winner.reason.clone(), total.into()])
    };
    Choice {
        winner: Some(winner),
        why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pass gives what joining the words and lower-casing the whole did.
    #[test]
    fn compare_key_is_the_joined_words_lower_cased() {
        for s in [
            "  Microsoft   Entra\tID ",
            "",
            " \n ",
            "Alle Benutzer",
            "STRASSE Straße",
            "ΟΔΟΣ ΟΔΟΣ.",
            "İstanbul Iİ",
            "Globaler\u{00A0}Administrator",
            "グローバル 管理者",
            "Mixed ÀSCII and Ünicode",
        ] {
            let old = s
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert_eq!(compare_key(s), old, "{s:?}");
        }
    }

    fn loc(by: Strategy, values: &[&str]) -> Locator {
        Locator {
            by,
            selector: "a, button".into(),
            values: values.iter().map(|s| s.to_string()).collect(),
            prefilter: true,
            ..Default::default()
        }
    }

    fn el(tag: &str, name: &str, text: &str, visible: bool, index: u32) -> ElementFacts {
        ElementFacts {
            tag: tag.into(),
            role: if tag == "a" {
                "link".into()
            } else {
                "button".into()
            },
            name: name.into(),
            text: text.into(),
            visible,
            rect: [10.0 * index as f64, 0.0, 50.0, 20.0],
            index,
            ..Default::default()
        }
    }

    /// The choice among `items` (one query) for a "Start free" name.
    fn start_free_among(items: Vec<ElementFacts>) -> Choice {
        let l = [loc(Strategy::Name, &["Start free"])];
        let r = QueryResult::of("q0", items);
        score(&l, &[(0, &r)], |i| format!("q{i}"), &"look".into())
    }

    #[test]
    fn exact_name_beats_partial_and_says_why() {
        let v = start_free_among(vec![
            el("a", "Start free trial today", "", true, 0),
            el("a", "Start free", "Start free", true, 1),
        ]);
        let w = v.winner.unwrap();
        assert_eq!(w.element.index, 1);
        assert_eq!(
            v.why,
            "accessible name 'Start free', visible, 1 of 2 candidates"
        );
        assert_eq!(w.fingerprint.name, "Start free");
        assert_eq!(w.fingerprint.nth, 0);
    }

    #[test]
    fn visible_beats_hidden() {
        // (case, a hidden candidate, the visible one that wins)
        let cases = [
            (
                "hidden link, visible button",
                el("a", "Start free", "", false, 0),
                el("button", "Start free", "", true, 1),
            ),
            // A hidden exact match loses even to a visible partial one.
            (
                "hidden exact name, visible partial name",
                el("a", "Start free", "", false, 0),
                el("a", "Start free now", "", true, 1),
            ),
        ];
        for (case, hidden, visible) in cases {
            let v = start_free_among(vec![hidden, visible]);
            let w = v.winner.unwrap_or_else(|| panic!("{case}: no winner"));
            assert_eq!(w.element.index, 1, "{case}");
        }
    }

    #[test]
    fn a_visible_candidate_wins_and_a_hidden_only_match_is_no_target() {
        // The Azure portal's home: the collapsed portal menu holds a hidden
        // "Microsoft Entra ID" link before the visible "Azure services" one.
        let l = [
            loc(Strategy::Name, &["Microsoft Entra ID"]),
            loc(Strategy::Css, &[]),
        ];
        let hidden = el("a", "Microsoft Entra ID", "", false, 0);
        let r = QueryResult::of("q0", vec![hidden.clone()]);
        let v = score(&l, &[(0, &r)], |i| format!("q{i}"), &"Look for it.".into());
        assert!(v.winner.is_none(), "a hidden match is never highlighted");
        assert!(v.why.starts_with("Look for it."), "{}", v.why);
        assert!(v.why.contains("collapsed menu"), "{}", v.why);
        // Once the visible one is there it wins, even when look-alikes sink
        // its score below the hidden exact match's.
        let mut items = vec![hidden];
        items.extend((1..12).map(|i| el("a", "Other", "", true, i)));
        let r0 = QueryResult::of("q0", items.clone());
        let r1 = QueryResult::of("q1", items);
        let v = score(&l, &[(0, &r0), (0, &r1)], |i| format!("q{i}"), &"".into());
        let w = v.winner.expect("a visible winner");
        assert!(w.visible);
        assert!(v.why.contains("visible"), "{}", v.why);
    }

    #[test]
    fn many_equal_candidates_are_penalised_and_numbered() {
        let l = [loc(Strategy::Name, &["Sign in"])];
        let many = QueryResult::of(
            "q0",
            (0..4).map(|i| el("a", "Sign in", "", true, i)).collect(),
        );
        let one = QueryResult::of("q0", vec![el("a", "Sign in", "", true, 0)]);
        let v_many = score(&l, &[(0, &many)], |i| format!("q{i}"), &"".into());
        let v_one = score(&l, &[(1, &one)], |i| format!("q{i}"), &"".into());
        assert!(v_many.winner.as_ref().unwrap().score < v_one.winner.as_ref().unwrap().score);
        assert!(v_many.why.contains("1 of 4 candidates"));
        // Across two frames, the unique one wins.
        let v = score(
            &l,
            &[(0, &many), (1, &one)],
            |i| format!("q{i}"),
            &"".into(),
        );
        assert_eq!(v.winner.unwrap().source, 1, "the unique element wins");
        // The nth of an equal element is its rank among equals.
        let fp = fingerprint(&l[0], &many.items[2], &many.items);
        assert_eq!(fp.nth, 2);
    }

    #[test]
    fn nothing_matching_says_what_to_look_for() {
        let l = [loc(Strategy::Name, &["Start free"])];
        let r = QueryResult::of("q0", vec![el("a", "Pricing", "", true, 0)]);
        let v = score(
            &l,
            &[(0, &r)],
            |i| format!("q{i}"),
            &"Look for a button named 'Start free'".into(),
        );
        assert!(v.winner.is_none());
        assert_eq!(v.why, "Look for a button named 'Start free'");
        let v = score(&l, &[], |i| format!("q{i}"), &"Look for it".into());
        assert!(v.winner.is_none());
    }

    #[test]
    fn strategies_rank_as_documented() {
        let mut e = el("button", "Search", "", true, 0);
        e.attrs.insert(
            "aria-label".into(),
            "Search resources, services, and docs (G+/)".into(),
        );
        e.attrs
            .insert("href".into(), "https://signup.azure.com/x".into());
        e.attrs
            .insert("data-automation-id".into(), "UsersNav".into());
        let name = locator_match(&loc(Strategy::Name, &["Search"]), &e)
            .unwrap()
            .score;
        let aria = locator_match(
            &loc(
                Strategy::AriaLabel,
                &["Search resources, services, and docs (G+/)"],
            ),
            &e,
        )
        .unwrap()
        .score;
        let mut attr_l = loc(Strategy::Attr, &["UsersNav"]);
        attr_l.attr = "data-automation-id".into();
        let attr = locator_match(&attr_l, &e).unwrap().score;
        let href = locator_match(&loc(Strategy::Href, &["signup.azure.com"]), &e)
            .unwrap()
            .score;
        let mut pos_l = loc(Strategy::Position, &[]);
        pos_l.within = Some("nav".into());
        let pos = locator_match(&pos_l, &e).unwrap().score;
        let css = locator_match(&loc(Strategy::Css, &[]), &e).unwrap().score;
        assert!(name > aria && aria > attr && attr > href && href > pos && pos > css);
        let mut role_l = loc(Strategy::Name, &["Search"]);
        role_l.role = "link".into();
        assert!(
            locator_match(&role_l, &e).is_none(),
            "role must match when given"
        );
    }
}
