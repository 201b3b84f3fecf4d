//! Guides on a portal shown in German (issue 11 item 2): the locators'
//! `[[…localized]]` values, folded in after the English ones by build.rs,
//! find the German names; English pages behave as before; a look-alike is
//! never a whole-name match; and the schema refuses a broken localized
//! block, naming where it is.

use super::tests::{el, entra_link, expect_guide_error, guide, link, portal_topbar, Harness};
use crate::engine::built_in_guides;
use crate::guide::{merge_localized, validate, validate_sourced, Guide, Localized, Strategy};
use crate::protocol::{ElementFacts, QueryResult};
use crate::recognise::{page_state, PageState};
use crate::score::{locator_match, score};
use serde_json::json;

const A_GUIDE: &str = "azure-for-office365";
const C_GUIDE: &str = "find-your-role";
const ENTRA: &str =
    "https://portal.azure.com/?l=de.de-de#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview";
const USERS: &str = "https://portal.azure.com/?l=de.de-de#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers";
const PROFILE: &str = "https://portal.azure.com/?l=de.de-de#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/1";

/// The winner's name when `step`'s target locators score `items` (all
/// answering every locator's query, as one frame would).
fn winner(g: &Guide, step: &str, items: &[ElementFacts]) -> Option<(String, String)> {
    let s = g.steps.iter().find(|s| s.id == step).expect("step");
    let results: Vec<QueryResult> = (0..s.target.len())
        .map(|i| QueryResult {
            id: format!("q{i}"),
            count: items.len() as u32,
            items: items.to_vec(),
        })
        .collect();
    let pairs: Vec<(usize, &QueryResult)> = results.iter().map(|r| (0, r)).collect();
    let choice = score(
        &s.target,
        &pairs,
        |i| format!("q{i}"),
        &s.look_for.as_str().into(),
    );
    choice.winner.map(|w| (w.element.name, w.reason.en()))
}

fn named(names: &[&str]) -> Vec<ElementFacts> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| el("a", "link", n, true, i as u32))
        .collect()
}

#[test]
fn localized_values_follow_the_english_ones_and_leave_no_block_behind() {
    let c = guide(C_GUIDE);
    let c2 = c.steps.iter().find(|s| s.id == "c2").unwrap();
    assert_eq!(c2.target[0].values, ["All users", "Alle Benutzer"]);
    assert_eq!(
        c2.target[1].values,
        ["Users", "Users and groups", "Benutzer"]
    );
    let c4 = c.steps.iter().find(|s| s.id == "c4").unwrap();
    assert_eq!(
        c4.target[0].values[..3],
        ["Assigned roles", "Directory role", "Organizational role"]
    );
    assert!(c4.target[0]
        .values
        .contains(&"Zugewiesene Rollen".to_string()));
    for g in built_in_guides().unwrap() {
        for (step, field, l) in crate::guide::locators(&g) {
            assert!(
                l.localized.is_empty(),
                "{}/{step} {field}: build.rs folds localized values in",
                g.id
            );
        }
    }
    // Both guides' portal steps carry the same German words.
    let a = guide(A_GUIDE);
    let a5 = a.steps.iter().find(|s| s.id == "a5").unwrap();
    assert_eq!(a5.target[0].values, c2.target[0].values);
    assert_eq!(a5.target[1].values, c2.target[1].values);
}

#[test]
fn merge_keeps_english_first_and_repeats_no_value() {
    let mut g = guide(C_GUIDE);
    let l = &mut g.steps[1].target[0];
    l.values = vec!["All users".into()];
    l.localized = vec![
        Localized {
            lang: "de".into(),
            values: vec!["Alle Benutzer".into(), "All users".into()],
            source: vec!["learn-de-assign-role".into()],
        },
        Localized {
            lang: "fr".into(),
            values: vec!["Tous les utilisateurs".into()],
            source: vec!["learn-de-assign-role".into()],
        },
    ];
    merge_localized(&mut g);
    let l = &g.steps[1].target[0];
    assert_eq!(
        l.values,
        ["All users", "Alle Benutzer", "Tous les utilisateurs"]
    );
    assert!(l.localized.is_empty());
}

#[test]
fn german_names_match_on_german_facts() {
    let c = guide(C_GUIDE);
    // The Entra blade's menu, in German: "Alle Benutzer" is the exact name.
    let (name, why) = winner(
        &c,
        "c2",
        &named(&["Übersicht", "Benutzer", "Alle Benutzer", "Gruppen"]),
    )
    .expect("a German users entry wins");
    assert_eq!(name, "Alle Benutzer");
    assert_eq!(why, "accessible name 'Alle Benutzer'");
    // Only "Benutzer" in the menu (today's portal): it is the target.
    let (name, _) = winner(&c, "c2", &named(&["Übersicht", "Benutzer", "Gruppen"])).unwrap();
    assert_eq!(name, "Benutzer");
    // The profile's menu.
    let (name, why) = winner(
        &c,
        "c4",
        &named(&["Übersicht", "Überwachungsprotokolle", "Zugewiesene Rollen"]),
    )
    .unwrap();
    assert_eq!(name, "Zugewiesene Rollen");
    assert_eq!(why, "accessible name 'Zugewiesene Rollen'");
    // The users list's frame is recognised by its German column header.
    let list = c.page("users-list-frame").unwrap();
    let frame = crate::url::parse("https://sandbox-1.reactblade.portal.azure.net/x");
    let header = |name: &str| QueryResult {
        id: "m/users-list-frame/p0".into(),
        count: 1,
        items: vec![el("div", "columnheader", name, true, 0)],
    };
    assert_eq!(
        page_state(
            list,
            &frame,
            false,
            Some(&[header("Benutzerprinzipalname")])
        ),
        PageState::Confirmed
    );
    assert_eq!(
        page_state(list, &frame, false, Some(&[header("Mandanten-ID")])),
        PageState::Other
    );
}

#[test]
fn english_pages_are_matched_as_before() {
    let c = guide(C_GUIDE);
    let (name, why) = winner(&c, "c2", &named(&["Overview", "Users", "All users"])).unwrap();
    assert_eq!(
        (name.as_str(), why.as_str()),
        ("All users", "accessible name 'All users'")
    );
    let (name, _) = winner(&c, "c4", &named(&["Overview", "Assigned roles"])).unwrap();
    assert_eq!(name, "Assigned roles");
    // German words on an English page find nothing English that is not there.
    assert_eq!(winner(&c, "c4", &named(&["Overview", "Audit logs"])), None);
}

#[test]
fn a_german_look_alike_never_matches_a_whole_name() {
    let c = guide(C_GUIDE);
    let c4 = &c.steps.iter().find(|s| s.id == "c4").unwrap().target[0];
    let exact = locator_match(c4, &el("a", "link", "Zugewiesene Rollen", true, 0)).unwrap();
    let alike = locator_match(
        c4,
        &el("a", "link", "Zugewiesene Rollen (Vorschau)", true, 1),
    )
    .unwrap();
    assert_eq!(exact.score, 100);
    assert!(alike.score < exact.score, "{alike:?}");
    assert!(alike.reason.contains("contains"), "{alike:?}");
    // With both on the page, the whole name wins; a look-alike alone is at
    // best a partial match, never "accessible name '…'".
    let both = named(&["Zugewiesene Rollen (Vorschau)", "Zugewiesene Rollen"]);
    assert_eq!(winner(&c, "c4", &both).unwrap().0, "Zugewiesene Rollen");
    let alone = winner(&c, "c4", &named(&["Zugewiesene Rollenübersicht"]));
    assert!(alone.is_some_and(|(_, why)| why.contains("contains")));
    assert_eq!(winner(&c, "c4", &named(&["Rollen", "Zugewiesen"])), None);
}

/// Guide C in the engine, on German portal pages: each step's German-named
/// target is highlighted, and the steps complete from the pages.
#[test]
fn guide_c_runs_on_german_portal_pages() {
    let mut h = Harness::new();
    h.start(C_GUIDE);
    h.visit(
        1,
        0,
        "https://portal.azure.com/?l=de.de-de#home",
        &portal_topbar().with(&["a"], entra_link()),
    );
    assert_eq!(h.progress(), "Step 1 of 4");
    let t = h.target(1, 0).expect("Microsoft Entra ID highlighted");
    assert_eq!(t.fingerprint.name, "Microsoft Entra ID");

    let menu = portal_topbar()
        .with(&["a"], link("Übersicht", "#"))
        .with(&["a"], link("Benutzer", "#"))
        .with(&["a"], link("Gruppen", "#"));
    h.visit(1, 0, ENTRA, &menu);
    assert_eq!(h.progress(), "Step 2 of 4");
    let t = h.target(1, 0).expect("Benutzer highlighted");
    assert_eq!(
        (t.step.as_str(), t.fingerprint.name.as_str()),
        ("find-your-role/c2", "Benutzer")
    );

    h.visit(1, 0, USERS, &portal_topbar());
    assert_eq!(h.progress(), "Step 3 of 4");

    let profile = portal_topbar()
        .with(&["a"], link("Übersicht", "#"))
        .with(&["a"], link("Zugewiesene Rollen", "#"));
    h.visit(1, 0, PROFILE, &profile);
    assert_eq!(h.progress(), "Step 4 of 4");
    let t = h.target(1, 0).expect("Zugewiesene Rollen highlighted");
    assert_eq!(t.fingerprint.name, "Zugewiesene Rollen");
}

fn block(lang: &str, values: serde_json::Value, source: serde_json::Value) -> serde_json::Value {
    json!([{ "lang": lang, "values": values, "source": source }])
}

#[test]
fn broken_localized_blocks_are_refused_with_step_and_field() {
    let a1 = |b: serde_json::Value| {
        move |v: &mut serde_json::Value| v["steps"][0]["target"][0]["localized"] = b.clone()
    };
    let ok_src = json!(["seed"]);
    for lang in ["DE", "de_DE", "deutsch", "", "d", "de-", "de-DE"] {
        expect_guide_error(
            validate,
            a1(block(lang, json!(["Kostenlos starten"]), ok_src.clone())),
            "a1",
            "target[0].localized[0].lang",
        );
    }
    expect_guide_error(
        validate,
        a1(block("de", json!([]), ok_src.clone())),
        "a1",
        "target[0].localized[0].values",
    );
    expect_guide_error(
        validate,
        a1(block(
            "de",
            json!(["Kostenlos starten", " "]),
            ok_src.clone(),
        )),
        "a1",
        "target[0].localized[0].values",
    );
    // The same language twice in one locator.
    expect_guide_error(
        validate,
        |v| {
            v["steps"][0]["target"][0]["localized"] = json!([
                {"lang": "de", "values": ["A"], "source": ["seed"]},
                {"lang": "de", "values": ["B"], "source": ["seed"]}
            ])
        },
        "a1",
        "target[0].localized[1].lang",
    );
    // Sources: required, and each a declared [[sources]] id.
    expect_guide_error(
        validate_sourced,
        a1(block("de", json!(["Kostenlos starten"]), json!([]))),
        "a1",
        "target[0].localized[0].source",
    );
    expect_guide_error(
        validate_sourced,
        a1(block(
            "de",
            json!(["Kostenlos starten"]),
            json!(["nowhere"]),
        )),
        "a1",
        "target[0].localized[0].source",
    );
    // Only on strategies that take values: a6's target is `css`.
    expect_guide_error(
        validate,
        |v| {
            let a6 = v["steps"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|s| s["id"] == "a6")
                .unwrap();
            a6["target"][0]["localized"] = block("de", json!(["Raster"]), json!(["seed"]));
        },
        "a6",
        "target[0].localized[0]",
    );
    // A page marker and an evidence locator are checked the same way.
    let g = guide(A_GUIDE);
    let users_list = g
        .pages
        .iter()
        .position(|p| p.id == "users-list-frame")
        .unwrap();
    expect_guide_error(
        validate_sourced,
        |v| {
            v["pages"][users_list]["present"][0]["localized"] =
                block("de", json!(["X"]), json!(["nowhere"]))
        },
        "",
        &format!("pages[{users_list}].present[0].localized[0].source"),
    );
    // A good block passes both checks.
    let mut v = serde_json::to_value(guide(A_GUIDE)).unwrap();
    v["steps"][0]["target"][0]["localized"] =
        block("pt-br", json!(["Comece gratuitamente"]), json!(["seed"]));
    let good: Guide = serde_json::from_value(v).unwrap();
    assert!(validate("a.toml", &good).is_empty());
    assert!(validate_sourced("a.toml", &good).is_empty());
    assert_eq!(good.steps[0].target[0].by, Strategy::Name);
}

#[test]
fn language_tags_are_lower_case_bcp47() {
    use crate::guide::is_lower_language_tag as ok;
    for t in [
        "de", "fr", "ja", "es", "de-de", "pt-br", "zh-hant", "es-419", "gsw",
    ] {
        assert!(ok(t), "{t}");
    }
    for t in [
        "",
        "d",
        "DE",
        "de-DE",
        "de_de",
        "deutsch",
        "de-",
        "-de",
        "de--de",
        "de-abcdefghi",
    ] {
        assert!(!ok(t), "{t}");
    }
}
