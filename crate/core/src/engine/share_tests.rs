//! Native tests of share codes, record mode and export through the engine's
//! public API (`from_panel`, `from_page`, `restore`), with ElementFacts built
//! by hand the way content.js reports them. The pure share API has its own
//! tests in `share/` and `crate/tests/share_*.rs`.

use super::tests::{
    el, entra_link, frames_of, guide_a_on_the_free_page, link, panel_error, portal_search_box,
    with_attr, FakePage, Harness,
};
use crate::engine::{Effect, Engine};
use crate::protocol::{ElementFacts, OutputFormat, StepViewStatus, Text, ToPage, ToPanel};
use crate::share::codec::{encode_body_unchecked, frame_unchecked};
use crate::share::{self, RecordedGuide, RecordedLocator, RecordedStep, ShareError, SharedGuide};
use serde_json::{json, Value};

const A: &str = "azure-for-office365";
const HOME: &str = "https://portal.azure.com/#home";
const ENTRA: &str =
    "https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview";
const BLADE: &str =
    "https://sandbox-1.reactblade.portal.azure.net/?extensionName=Microsoft_AAD_UsersAndTenants";

fn msg(kind: &str, rest: Value) -> Value {
    let mut m = json!({"waymark": 1, "kind": kind});
    if let (Some(m), Some(r)) = (m.as_object_mut(), rest.as_object()) {
        for (k, v) in r {
            m.insert(k.clone(), v.clone());
        }
    }
    m
}

/// The `output` effect, as (format, filename, content).
fn output(fx: &[Effect]) -> Option<(OutputFormat, String, String)> {
    fx.iter().find_map(|e| match e {
        Effect::ToPanel(ToPanel::Output {
            format,
            filename,
            content,
            ..
        }) => Some((*format, filename.clone(), content.clone())),
        _ => None,
    })
}

fn persists(fx: &[Effect]) -> bool {
    fx.iter().any(|e| matches!(e, Effect::Persist(_)))
}

fn logs(fx: &[Effect]) -> bool {
    fx.iter().any(|e| matches!(e, Effect::Log(_)))
}

/// The `record` flag of every watch sent, per frame.
fn watch_flags(fx: &[Effect]) -> Vec<((i64, i64), bool)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::ToFrame {
                tab,
                frame,
                msg: ToPage::Watch { record, .. },
            } => Some(((*tab, *frame), *record)),
            _ => None,
        })
        .collect()
}

/// Nothing at all happened: only the error went to the panel.
fn only_error(fx: &[Effect]) -> bool {
    fx.len() == 1 && panel_error(fx).is_some()
}

fn share(h: &mut Harness, guide: &str, from_step: Option<&str>, note: &str) -> Vec<Effect> {
    h.panel(msg(
        "share",
        json!({"guide": guide, "from_step": from_step, "note": note}),
    ))
}

fn open(h: &mut Harness, code: &str) -> Vec<Effect> {
    h.panel(msg("open-code", json!({ "code": code })))
}

fn topbar(user: &str, tenant: &str) -> FakePage {
    FakePage::default()
        .with(&[".fxs-avatarmenu-username"], el("div", "", user, true, 0))
        .with(&[".fxs-avatarmenu-tenant"], el("div", "", tenant, true, 0))
}

fn users_link() -> ElementFacts {
    link(
        "Users",
        "#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers",
    )
}

fn new_user_button() -> ElementFacts {
    with_attr(
        el("button", "button", "New user", true, 0),
        "data-automation-id",
        "NewUserButton",
    )
}

fn click_recording(
    h: &mut Harness,
    tab: i64,
    frame: i64,
    url: &str,
    e: &ElementFacts,
) -> Vec<Effect> {
    let w = h.frames.get(&(tab, frame)).map(|f| f.watch).unwrap_or(0);
    h.click(tab, frame, url, w, "", e)
}

// ---------------------------------------------------------------------------
// share
// ---------------------------------------------------------------------------

#[test]
fn share_a_built_in_guide_from_a_step_with_a_note() {
    let mut h = Harness::new();
    let fx = share(&mut h, A, Some("a4"), "Start here: open Entra ID.");
    let (format, filename, code) = output(&fx).expect("an output");
    assert_eq!(format, OutputFormat::Code);
    assert_eq!(filename, "");
    assert!(code.starts_with("WAYMARK1-"), "{code}");
    assert_eq!(
        share::decode(&code).unwrap(),
        SharedGuide::Builtin {
            guide_id: A.into(),
            from_step: Some("a4".into()),
            note: "Start here: open Entra ID.".into(),
            route: None,
        }
    );
    // Without a step or note; from_step "" means none.
    let fx = share(&mut h, "directories", Some(""), "");
    let code = output(&fx).unwrap().2;
    assert!(matches!(
        share::decode(&code).unwrap(),
        SharedGuide::Builtin {
            from_step: None,
            ..
        }
    ));
}

#[test]
fn share_refusals_change_nothing() {
    let mut h = Harness::new();
    h.start(A);
    let snap = h.engine.snapshot();
    let cases: [(&str, Option<&str>, String, &str); 6] = [
        (
            "no-such-guide",
            None,
            String::new(),
            "no guide 'no-such-guide'",
        ),
        (A, Some("z9"), String::new(), "has no step 'z9'"),
        (A, None, "x".repeat(301), "too long"),
        (A, None, "a\u{202e}b".into(), "text-direction"),
        ("recording", None, String::new(), "no recording"),
        ("shared", None, String::new(), "No shared guide"),
    ];
    for (guide, step, note, expect) in cases {
        let fx = share(&mut h, guide, step, &note);
        let err = panel_error(&fx).unwrap_or_default();
        assert!(err.contains(expect), "{guide}: {err}");
        assert!(only_error(&fx), "{guide}: {fx:?}");
        assert_eq!(h.engine.snapshot(), snap);
    }
}

// ---------------------------------------------------------------------------
// open-code
// ---------------------------------------------------------------------------

fn recorded_step(host: &str, path: &str) -> RecordedStep {
    RecordedStep {
        host: host.into(),
        path: path.into(),
        text: Some("Click it".into()),
        label: "It".into(),
        locator: RecordedLocator {
            tag: "a".into(),
            name: "It".into(),
            ..RecordedLocator::default()
        },
    }
}

#[test]
fn bad_codes_give_the_share_error_and_change_nothing() {
    let (mut h, _, _) = guide_a_on_the_free_page();
    assert!(h.target(1, 0).is_some());
    let snap = h.engine.snapshot();
    let view = h.engine.view();
    let good = share::encode(&SharedGuide::Builtin {
        guide_id: A.into(),
        from_step: None,
        note: String::new(),
        route: None,
    })
    .unwrap();
    let mut flipped: Vec<char> = good.chars().collect();
    let last = flipped.len() - 2;
    flipped[last] = if flipped[last] == '0' { '1' } else { '0' };
    let flipped: String = flipped.into_iter().collect();
    let sign_in = frame_unchecked(
        1,
        &encode_body_unchecked(&SharedGuide::Recorded(RecordedGuide {
            title: String::new(),
            note: String::new(),
            steps: vec![recorded_step("login.microsoftonline.com", "/common")],
        })),
    );
    let unsupported = frame_unchecked(
        1,
        &encode_body_unchecked(&SharedGuide::Recorded(RecordedGuide {
            title: String::new(),
            note: String::new(),
            steps: vec![recorded_step("evil.example", "/")],
        })),
    );
    let unknown_guide = share::encode(&SharedGuide::Builtin {
        guide_id: "no-such-guide".into(),
        from_step: None,
        note: String::new(),
        route: None,
    })
    .unwrap();
    let unknown_step = share::encode(&SharedGuide::Builtin {
        guide_id: A.into(),
        from_step: Some("z9".into()),
        note: String::new(),
        route: None,
    })
    .unwrap();
    let cases: Vec<(String, String)> = vec![
        String::new(),
        "hello there".into(),
        "WAYMARK2-ABCDE-FGHJK".into(),
        good[..good.len() - 6].to_string(),
        flipped,
        sign_in,
        unsupported,
        "x".repeat(20_000),
    ]
    .into_iter()
    .map(|c| {
        let e = share::decode_any(&c).expect_err("a bad code").to_string();
        (c, e)
    })
    .chain([
        (
            unknown_guide,
            ShareError::UnknownGuide("no-such-guide".into()).to_string(),
        ),
        (
            unknown_step,
            ShareError::UnknownGuide(format!("{A}/z9")).to_string(),
        ),
    ])
    .collect();
    for (code, expected) in cases {
        let fx = open(&mut h, &code);
        assert_eq!(panel_error(&fx).as_deref(), Some(expected.as_str()));
        assert!(
            only_error(&fx),
            "no state, frame or snapshot effect: {fx:?}"
        );
        assert_eq!(h.engine.snapshot(), snap, "snapshot unchanged");
        assert_eq!(h.engine.view(), view);
    }
    // start-shared with nothing opened is refused too.
    let fx = h.panel(msg("start-shared", json!({})));
    assert!(only_error(&fx));
    assert_eq!(h.engine.snapshot(), snap);
}

#[test]
fn a_shared_built_in_guide_runs_as_the_built_in_from_its_step() {
    let mut sender = Harness::new();
    let code = output(&share(&mut sender, A, Some("a3"), "From support"))
        .unwrap()
        .2;
    let mut h = Harness::new();
    let fx = open(&mut h, &format!("> {code}\n"));
    assert!(panel_error(&fx).is_none(), "{fx:?}");
    let v = h.view.clone().unwrap();
    assert!(v.active.is_none(), "a preview does not start anything");
    let p = v.preview.expect("a preview");
    assert_eq!(p.note, "From support");
    assert_eq!(p.steps.len(), 6);
    assert_eq!(p.steps[0].status, StepViewStatus::Skipped);
    assert_eq!(p.steps[2].status, StepViewStatus::Todo);
    assert!(!p.steps[0].site.is_empty());
    h.panel(msg("start-shared", json!({})));
    let a = h.active();
    assert_eq!(a.id, A, "a shared built-in runs under its own id");
    assert!(a.shared);
    assert_eq!(a.note, "From support");
    assert_eq!(a.progress.en(), "Step 3 of 6");
    assert_eq!(a.steps[0].status, StepViewStatus::Skipped);
    assert_eq!(a.steps[2].status, StepViewStatus::Current);
    assert!(h.view.clone().unwrap().preview.is_none());
    // The callout of a3 is painted on its page with the built-in marker.
    h.panel(msg("skip", json!({})));
    assert_eq!(h.progress(), "Step 4 of 6");
    h.panel(msg("restart", json!({})));
    assert_eq!(
        h.progress(),
        "Step 3 of 6",
        "restart goes back to the code's step"
    );
    assert!(h.active().shared);
    // Survives a restart of the service worker.
    let snap = h.snapshot.clone().unwrap();
    let (e, fx) = Engine::restore(Some(&snap));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Log(_))), "{fx:?}");
    assert!(e.view().active.unwrap().shared);
    // Starting the built-in from the list is no longer "shared".
    h.start(A);
    assert!(!h.active().shared);
    assert_eq!(h.progress(), "Step 1 of 6");
    assert_eq!(h.active().note, "");
    let fx = h.start("shared");
    assert!(panel_error(&fx).unwrap().contains("No shared guide"));
}

// ---------------------------------------------------------------------------
// record -> share -> open -> start-shared -> replay
// ---------------------------------------------------------------------------

/// What the engineer does: record four clicks across the portal and a blade.
fn record_four_steps() -> (Harness, String) {
    let mut h = Harness::new();
    h.visit(1, 0, HOME, &topbar("admin@contoso.com", "Contoso"));
    assert_eq!(
        h.view.clone().unwrap().account.unwrap().directory,
        "Contoso"
    );
    let fx = h.panel(msg("record-start", json!({})));
    assert_eq!(
        watch_flags(&fx),
        vec![((1, 0), true)],
        "every frame rewatched"
    );
    let v = h.view.clone().unwrap();
    assert!(v.recording.as_ref().unwrap().active);
    assert!(v.recording.unwrap().steps.is_empty());
    h.answer(1, 0, HOME, &topbar("admin@contoso.com", "Contoso"));

    click_recording(&mut h, 1, 0, HOME, &entra_link());
    // A double click is refused as a duplicate: logged, not fatal.
    let fx = click_recording(&mut h, 1, 0, HOME, &entra_link());
    assert!(logs(&fx));
    assert!(h
        .view
        .clone()
        .unwrap()
        .notice
        .unwrap()
        .en()
        .contains("same as the previous step"));

    let fx = h.hello(1, 0, ENTRA);
    assert!(watch_flags(&fx).iter().all(|(_, r)| *r), "{fx:?}");
    h.answer(1, 0, ENTRA, &topbar("admin@contoso.com", "Contoso"));
    click_recording(&mut h, 1, 0, ENTRA, &users_link());

    let fx = h.hello(1, 5, BLADE);
    assert_eq!(watch_flags(&fx), vec![((1, 5), true)]);
    click_recording(&mut h, 1, 5, BLADE, &new_user_button());
    let row = link(
        "Contoso Admin (admin@contoso.com)",
        "#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade",
    );
    click_recording(&mut h, 1, 5, BLADE, &row);

    let rec = h.view.clone().unwrap().recording.unwrap();
    assert_eq!(rec.steps.len(), 4);
    assert_eq!(
        rec.steps[0].title,
        "Click \u{201c}Microsoft Entra ID\u{201d}"
    );
    assert_eq!(rec.steps[0].instruction, "Microsoft Entra ID");
    assert_eq!(rec.steps[0].site, "portal.azure.com");
    assert_eq!(rec.steps[2].site, "sandbox-1.reactblade.portal.azure.net");
    assert_eq!(rec.steps[3].instruction, "[tenant] Admin ([email])");
    assert!(
        rec.redactions
            .iter()
            .any(|r| r
                .starts_with("Email addresses removed from step 4 name and step 4 element text")),
        "{:?}",
        rec.redactions
    );
    assert!(rec
        .redactions
        .iter()
        .any(|r| r.starts_with("Directory (tenant) names removed from")));
    let fx = h.panel(msg("record-stop", json!({})));
    let mut flags = watch_flags(&fx);
    flags.sort();
    assert_eq!(flags, vec![((1, 0), false), ((1, 5), false)]);
    assert!(!h.view.clone().unwrap().recording.unwrap().active);
    let fx = share(&mut h, "recording", None, "Add a user like this, please.");
    let code = output(&fx).expect("a code").2;
    (h, code)
}

/// The admin's portal: another tenant, the same controls.
fn admin_home() -> FakePage {
    topbar("megan@fabrikam.com", "Fabrikam")
        .with(&["a"], entra_link())
        .with(&["a"], link("Virtual machines", "#browse/vms"))
}

fn admin_entra() -> FakePage {
    topbar("megan@fabrikam.com", "Fabrikam")
        .with(&["a"], link("Overview", "#overview"))
        .with(&["a"], users_link())
}

fn admin_blade() -> FakePage {
    FakePage::default()
        .with(&["button"], el("button", "button", "Refresh", true, 0))
        .with(&["button"], new_user_button())
        .with(
            &["a"],
            link(
                "Fabrikam Admin (admin@fabrikam.com)",
                "#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade",
            ),
        )
}

/// Plain strings (data) of a view or callout that read like Waymark's
/// English about a recorded step: each must be a message instead, or the
/// admin reads English whatever the panel's language.
fn english_data(v: &impl serde::Serialize) -> Vec<String> {
    fn walk(v: &Value, key: &str, out: &mut Vec<String>) {
        match v {
            Value::String(s) if key != "id" => {
                let english = [
                    "Click",
                    "Look for",
                    "a click on",
                    "next step",
                    "Shared steps",
                    "Done",
                ];
                if english.iter().any(|w| s.contains(w)) {
                    out.push(s.clone());
                }
            }
            Value::Array(items) => items.iter().for_each(|x| walk(x, key, out)),
            Value::Object(m) => m.iter().for_each(|(k, x)| walk(x, k, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(v).unwrap(), "", &mut out);
    out
}

#[test]
fn record_share_open_and_replay_highlights_the_same_elements() {
    let (_, code) = record_four_steps();
    let decoded = share::decode(&code).unwrap();
    let SharedGuide::Recorded(g) = &decoded else {
        panic!("a recorded guide");
    };
    assert_eq!(g.note, "Add a user like this, please.");
    assert_eq!(g.steps.len(), 4);

    // A fresh profile: a new engine with nothing in it.
    let mut h = Harness::new();
    open(&mut h, &code);
    let p = h.view.clone().unwrap().preview.expect("preview");
    assert_eq!(p.title, "Shared steps");
    assert_eq!(p.steps.len(), 4);
    assert_eq!(p.steps[0].site, "portal.azure.com/#home");
    assert_eq!(
        p.steps[0].instruction,
        "Will highlight the link \u{201c}Microsoft Entra ID\u{201d}."
    );
    assert_eq!(p.steps[0].warning, None, "an honest step warns of nothing");
    h.panel(msg("start-shared", json!({})));
    let a = h.active();
    assert_eq!(a.id, "shared");
    assert!(a.shared);
    assert_eq!(a.note, "Add a user like this, please.");
    assert_eq!(a.progress.en(), "Step 1 of 4");
    assert_eq!(a.steps[0].id, "s1");

    // Step 1: the same link on the admin's home page.
    h.visit(1, 0, HOME, &admin_home());
    let t = h.target(1, 0).expect("the link is highlighted");
    assert_eq!(t.step, "shared/s1");
    assert_eq!(t.fingerprint.tag, "a");
    assert_eq!(t.fingerprint.role, "link");
    assert_eq!(t.fingerprint.name, "Microsoft Entra ID");
    assert_eq!(
        t.fingerprint.attrs.get("href").map(String::as_str),
        Some("#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade")
    );
    let c = h.callout(1, 0).expect("callout");
    assert_eq!(c.step, "shared/s1");
    assert_eq!(c.progress.en(), "Step 1 of 4");
    assert_eq!(c.text, "Click \u{201c}Microsoft Entra ID\u{201d}");
    // Waymark's words about a recorded step are messages, worded in the
    // admin's language; the label is the page's own word.
    assert_eq!(c.text.id(), Some("recordedStepClick"));
    assert_eq!(c.title, Text::Data("Microsoft Entra ID".into()));
    let a = h.active();
    assert_eq!(a.title.id(), Some("sharedStepsTitle"));
    assert_eq!(
        a.steps[0].evidence,
        "Waiting for: a click on the link \u{201c}Microsoft Entra ID\u{201d}, or the next step's page"
    );
    assert_eq!(
        a.steps[1].evidence,
        "Waiting for: a click on the link \u{201c}Users\u{201d}"
    );
    assert_eq!(english_data(&a), Vec::<String>::new());
    assert_eq!(english_data(&c), Vec::<String>::new());
    // Evidence: the click on the target.
    h.click_target(1, 0, HOME, &admin_home());
    assert_eq!(h.progress(), "Step 2 of 4");
    h.assert_evidence(0, "clicked 'Microsoft Entra ID'");

    // The service worker stops mid-replay; a new engine resumes.
    h.visit(1, 0, ENTRA, &admin_entra());
    assert_eq!(h.target(1, 0).unwrap().step, "shared/s2");
    let snap = h.snapshot.clone().unwrap();
    let view = h.engine.view();
    let (engine, fx) = Engine::restore(Some(&snap));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Log(_))), "{fx:?}");
    assert_eq!(engine.view(), view);
    let frames = h.frames.clone();
    let mut h = Harness::from_engine(engine);
    h.frames = frames;
    // The portal's content script answers the engine's renewed watch.
    h.record(fx);
    h.answer(1, 0, ENTRA, &admin_entra());
    assert_eq!(h.target(1, 0).unwrap().step, "shared/s2");

    // A blade opening does not prove step 2: every blade loads from the
    // same address, so only the click on "Users" does.
    let blade = "https://sandbox-7.reactblade.portal.azure.net/?extensionName=Microsoft_AAD_UsersAndTenants";
    h.visit(1, 6, blade, &admin_blade());
    assert_eq!(h.progress(), "Step 2 of 4");
    h.click_target(1, 0, ENTRA, &admin_entra());
    assert_eq!(h.progress(), "Step 3 of 4");
    h.assert_evidence(1, "clicked 'Users'");
    h.answer(1, 6, blade, &admin_blade());
    let t = h
        .target(1, 6)
        .expect("New user is highlighted in the blade");
    assert_eq!(t.step, "shared/s3");
    assert_eq!(t.fingerprint.name, "New user");
    assert_eq!(
        t.fingerprint
            .attrs
            .get("data-automation-id")
            .map(String::as_str),
        Some("NewUserButton")
    );
    h.click_target(1, 6, blade, &admin_blade());
    assert_eq!(h.progress(), "Step 4 of 4");
    // The frame answers its new watch, as content.js does.
    h.answer(1, 6, blade, &admin_blade());

    // Step 4 was redacted: the admin's own name and address fill the tokens.
    let t = h.target(1, 6).expect("the admin's row is highlighted");
    assert_eq!(t.step, "shared/s4");
    assert_eq!(t.fingerprint.name, "Fabrikam Admin (admin@fabrikam.com)");
    h.click_target(1, 6, blade, &admin_blade());
    let a = h.active();
    assert!(a.finished);
    assert_eq!(a.progress.en(), "Done");
    // A finished shared guide can be restarted from its first step.
    h.panel(msg("restart", json!({})));
    assert_eq!(h.progress(), "Step 1 of 4");
    assert_eq!(h.active().id, "shared");
    // Arriving at step 2's page (a top-level page) proves step 1.
    h.visit(1, 0, ENTRA, &admin_entra());
    assert_eq!(h.progress(), "Step 2 of 4");
    h.assert_evidence(0, "next step's page");
    assert_eq!(english_data(&h.active()), Vec::<String>::new());
    // Get help says the shared step in the same words.
    let fx = h.panel(
        json!({"waymark": 1, "kind": "get-help", "browser": "Chrome 156", "version": "0.1.0"}),
    );
    assert_eq!(panel_error(&fx), None);
    let help = h.view.clone().and_then(|v| v.help).expect("a help view");
    assert_eq!(
        help.lines[0],
        "Guide: Shared steps \u{2014} step 2 of 4: Users"
    );
    assert_eq!(english_data(&help), Vec::<String>::new());
    let fx = h.panel(msg("stop", json!({})));
    assert!(persists(&fx));
    assert!(h.engine.view().active.is_none());
    // Stopped: "shared" names nothing any more.
    let fx = h.start("shared");
    assert!(only_error(&fx));
}

#[test]
fn record_edits_apply_and_out_of_bounds_edits_change_nothing() {
    let (mut h, _) = record_four_steps();
    let edit = |h: &mut Harness, e: Value| h.panel(msg("record-edit", json!({ "edit": e })));
    edit(
        &mut h,
        json!({"op": "set-text", "index": 0, "text": "Open Microsoft Entra ID from Home"}),
    );
    edit(&mut h, json!({"op": "move", "from": 3, "to": 0}));
    edit(&mut h, json!({"op": "delete", "index": 1}));
    let rec = h.view.clone().unwrap().recording.unwrap();
    assert_eq!(rec.steps.len(), 3);
    assert_eq!(rec.steps[0].instruction, "[tenant] Admin ([email])");
    assert_eq!(rec.steps[1].title, "Click \u{201c}Users\u{201d}");
    let snap = h.engine.snapshot();
    for bad in [
        json!({"op": "delete", "index": 3}),
        json!({"op": "move", "from": 0, "to": 3}),
        json!({"op": "move", "from": 4294967295u32, "to": 0}),
        json!({"op": "set-text", "index": 9, "text": "x"}),
        json!({"op": "set-text", "index": 0, "text": "   "}),
        json!({"op": "set-text", "index": 0, "text": "x".repeat(301)}),
    ] {
        let fx = edit(&mut h, bad.clone());
        assert!(only_error(&fx), "{bad}: {fx:?}");
        assert_eq!(h.engine.snapshot(), snap, "{bad}");
    }
    let fx = edit(&mut h, json!({"op": "delete", "index": 7}));
    assert_eq!(
        panel_error(&fx).as_deref(),
        Some("There is no step 8 (the recording has 3 steps).")
    );
    // A malformed edit is a rejected message: logged, nothing else.
    let fx = edit(&mut h, json!({"op": "explode"}));
    assert!(logs(&fx) && fx.len() == 1);
    // Share from a recorded step on.
    let code = output(&share(&mut h, "recording", Some("s2"), ""))
        .unwrap()
        .2;
    let SharedGuide::Recorded(g) = share::decode(&code).unwrap() else {
        panic!("recorded");
    };
    assert_eq!(g.steps.len(), 2);
    let fx = share(&mut h, "recording", Some("s4"), "");
    assert!(only_error(&fx));
}

#[test]
fn record_mode_refuses_sign_in_and_unsupported_pages_and_excludes_guiding() {
    let mut h = Harness::new();
    h.start(A);
    let fx = h.panel(msg("record-start", json!({})));
    assert!(panel_error(&fx).unwrap().contains("Stop the running guide"));
    h.panel(msg("stop", json!({})));
    let fx = h.panel(msg("record-stop", json!({})));
    assert!(only_error(&fx), "not recording");
    h.panel(msg("record-start", json!({})));
    let fx = h.panel(msg("record-start", json!({})));
    assert!(panel_error(&fx).unwrap().contains("Already recording"));
    // Guiding is refused while recording.
    let snap = h.engine.snapshot();
    for m in [
        msg("start", json!({"guide": A})),
        msg("restart", json!({})),
        msg("start-shared", json!({})),
    ] {
        let fx = h.panel(m.clone());
        assert!(only_error(&fx), "{m}: {fx:?}");
        assert_eq!(h.engine.snapshot(), snap);
    }
    // A sign-in page never gets a frame, so its clicks are never recorded.
    let login = "https://login.microsoftonline.com/common/oauth2/authorize";
    let fx = h.hello(3, 0, login);
    assert!(logs(&fx) && watch_flags(&fx).is_empty());
    let fx = click_recording(
        &mut h,
        3,
        0,
        login,
        &el("input", "textbox", "Email", true, 0),
    );
    assert!(logs(&fx) && !persists(&fx));
    // A page outside the supported sites: refused, logged, recording goes on.
    let windows = "https://www.microsoft.com/en-us/windows";
    h.visit(4, 0, windows, &FakePage::default());
    let fx = click_recording(&mut h, 4, 0, windows, &link("Buy", "/buy"));
    assert!(logs(&fx));
    let v = h.view.clone().unwrap();
    assert!(v.notice.unwrap().en().contains("doesn't work on"));
    assert!(v.recording.as_ref().unwrap().active);
    assert!(v.recording.unwrap().steps.is_empty());
    // A click on a supported page is recorded; a typed value never is
    // (ElementFacts cannot carry one, and a search box's text is dropped).
    h.visit(1, 0, HOME, &FakePage::default());
    let mut search = portal_search_box();
    search.text = "what the admin typed".into();
    click_recording(&mut h, 1, 0, HOME, &search);
    let rec = h.view.clone().unwrap().recording.unwrap();
    assert_eq!(rec.steps.len(), 1);
    let code = output(&share(&mut h, "recording", None, "")).unwrap().2;
    let SharedGuide::Recorded(g) = share::decode(&code).unwrap() else {
        panic!("recorded");
    };
    assert_eq!(g.steps[0].locator.text, "");
    // Clicks reported for a guide query are not recorded.
    let w = h.frames[&(1, 0)].watch;
    h.click(1, 0, HOME, w, "t/a1/0", &entra_link());
    assert_eq!(h.view.clone().unwrap().recording.unwrap().steps.len(), 1);
    // The recording survives the service worker restarting, still active.
    let (e, fx) = Engine::restore(Some(&h.snapshot.clone().unwrap()));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Log(_))), "{fx:?}");
    let r = e.view().recording.unwrap();
    assert!(r.active);
    assert_eq!(r.steps.len(), 1);
}

// ---------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------

fn export(h: &mut Harness, guide: &str, format: &str) -> Vec<Effect> {
    h.panel(msg("export", json!({"guide": guide, "format": format})))
}

#[test]
fn export_built_in_recorded_and_shared_guides() {
    let mut h = Harness::new();
    let (format, filename, md) = output(&export(&mut h, A, "markdown")).unwrap();
    assert_eq!(format, OutputFormat::Markdown);
    assert_eq!(filename, "waymark-azure-for-office365.md");
    assert!(md.starts_with("# Get an Azure subscription"), "{md}");
    assert!(md.contains("## 6\\."));
    let (format, filename, html) = output(&export(&mut h, "directories", "html")).unwrap();
    assert_eq!(format, OutputFormat::Html);
    assert_eq!(filename, "waymark-directories.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("default-src 'none'"));
    for (guide, expect) in [
        ("no-such-guide", "no guide"),
        ("recording", "no recording"),
        ("shared", "No shared guide"),
    ] {
        let fx = export(&mut h, guide, "markdown");
        assert!(panel_error(&fx).unwrap().contains(expect), "{guide}");
        assert!(only_error(&fx));
    }
    let fx = export(&mut h, A, "pdf");
    assert!(
        logs(&fx) && fx.len() == 1,
        "unknown format is a rejected message"
    );

    let (mut rec, code) = record_four_steps();
    let (_, filename, md) = output(&export(&mut rec, "recording", "markdown")).unwrap();
    assert_eq!(filename, "waymark-recording.md");
    assert!(md.contains("Microsoft Entra ID"));
    assert!(!md.contains("contoso"), "redacted in exports too: {md}");

    open(&mut h, &code);
    h.panel(msg("start-shared", json!({})));
    let (_, filename, html) = output(&export(&mut h, "shared", "html")).unwrap();
    assert_eq!(filename, "waymark-shared.html");
    assert!(html.contains("Add a user like this, please."));
    // The screenshot seam: PNG data URLs passed in by the web layer.
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==";
    let fx = h.engine.export(
        "shared",
        crate::protocol::ExportFormat::Html,
        &[Some(png.to_string()), Some("javascript:alert(1)".into())],
        &crate::protocol::ExportWords::english(),
    );
    let html = output(&fx).unwrap().2;
    assert!(html.contains(&format!("<img src=\"{png}\"")));
    assert!(!html.contains("javascript:"));
}

#[test]
fn hostile_text_in_a_code_is_only_ever_text() {
    let mut step = recorded_step("portal.azure.com", "/#home");
    step.text = Some("<img src=x onerror=alert(1)> Click".into());
    step.label = "<b>Go</b>".into();
    step.locator.name = "\"], script, [x=\"".into();
    step.locator.text = "<b>Go</b>".into();
    let code = share::encode(&SharedGuide::Recorded(RecordedGuide {
        title: "<script>alert(1)</script>".into(),
        note: String::new(),
        steps: vec![step],
    }))
    .unwrap();
    let mut h = Harness::new();
    open(&mut h, &code);
    h.panel(msg("start-shared", json!({})));
    h.visit(1, 0, HOME, &FakePage::default());
    // The selector the frame is asked is built from the tag and escaped
    // attribute values only; the name travels as a prefilter string.
    let queries = &h.frames[&(1, 0)].queries;
    assert!(queries.iter().any(|q| q.id.starts_with("t/s1/")));
    for q in queries.iter().filter(|q| q.id.starts_with("t/s1/")) {
        assert_eq!(q.selector, "a", "{q:?}");
    }
    let c = h
        .callout(1, 0)
        .expect("a floating callout says what to look for");
    assert_eq!(c.text, "<img src=x onerror=alert(1)> Click");
    assert_eq!(
        h.engine.view().active.unwrap().title,
        "<script>alert(1)</script>"
    );
    let html = output(&export(&mut h, "shared", "html")).unwrap().2;
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;"));
}

/// The Azure portal's home as a fresh profile sees it: the collapsed portal
/// menu holds a hidden "Microsoft Entra ID" link (no aria-label) before the
/// visible "Azure services" one; the shell draws the menu before the home.
#[test]
fn replay_never_highlights_a_hidden_link_and_a_visible_one_wins() {
    let home_link = with_attr(entra_link(), "aria-label", "Microsoft Entra ID");
    let mut h = Harness::new();
    h.visit(1, 0, HOME, &topbar("admin@contoso.com", "Contoso"));
    h.panel(msg("record-start", json!({})));
    h.answer(1, 0, HOME, &topbar("admin@contoso.com", "Contoso"));
    click_recording(&mut h, 1, 0, HOME, &home_link);
    h.panel(msg("record-stop", json!({})));
    let code = output(&share(&mut h, "recording", None, ""))
        .expect("a code")
        .2;

    let mut h = Harness::new();
    open(&mut h, &code);
    h.panel(msg("start-shared", json!({})));
    let mut menu_link = entra_link();
    menu_link.visible = false;
    menu_link.rect = [0.0; 4];
    let shell = topbar("megan@fabrikam.com", "Fabrikam").with(&["a"], menu_link);
    h.visit(1, 0, HOME, &shell);
    assert!(h.target(1, 0).is_none(), "a hidden link is not highlighted");
    let c = h.callout(1, 0).expect("a floating callout");
    assert!(c.why.contains("Microsoft Entra ID"), "{}", c.why);
    assert!(c.why.contains("collapsed menu"), "{}", c.why);

    let home = shell.with(&["a"], home_link);
    h.answer(1, 0, HOME, &home);
    let t = h.target(1, 0).expect("the visible link is highlighted");
    let fp = t.fingerprint;
    assert_eq!(fp.name, "Microsoft Entra ID");
    // The fingerprint leads content.js to the visible link, not the menu's.
    let items: Vec<ElementFacts> = home.elements.iter().map(|(_, _, e)| e.clone()).collect();
    let found: Vec<&ElementFacts> = items
        .iter()
        .filter(|e| crate::score::same(&fp, e))
        .collect();
    let chosen = found.get(fp.nth as usize).expect("found again");
    assert!(chosen.visible, "{fp:?}");
}

// ---------------------------------------------------------------------------
// share codes of a guide with routes (Guide B)
// ---------------------------------------------------------------------------

const B: &str = "office365-for-azure-ad";
const ADMIN_HOME: &str = "https://admin.microsoft.com/Adminportal/Home#/homepage";
const SIGNUP: &str = "https://signup.microsoft.com/get-started/signup?products=standard";

#[test]
fn a_shared_guide_b_replays_on_the_senders_route() {
    // (route the sender follows, how they got on it, from_step, the code's
    // route, checklist length, first step shown)
    type Case = (
        &'static str,
        bool,
        Option<&'static str>,
        usize,
        &'static str,
    );
    let cases: [Case; 4] = [
        ("admin-center", false, None, 7, "bp1"),
        ("sign-up-site", true, None, 6, "b1"),
        ("admin-center", false, Some("bp3"), 7, "bp1"),
        ("sign-up-site", true, Some("b2"), 6, "b1"),
    ];
    for (route, picked, from, steps, first) in cases {
        // The support engineer, in the admin center (its route is chosen by
        // the page) or having picked the sign-up site in the panel.
        let mut eng = Harness::new();
        eng.start(B);
        eng.visit(1, 0, ADMIN_HOME, &FakePage::default());
        if picked {
            eng.panel(msg("choose-route", json!({ "route": route })));
        }
        assert_eq!(eng.chosen_route(), route);
        let code = output(&share(&mut eng, B, from, "")).expect("a code").2;
        let Ok(SharedGuide::Builtin { route: r, .. }) = share::decode(&code) else {
            panic!("a built-in code")
        };
        assert_eq!(r.as_deref(), Some(route), "{code}");

        // The admin, another browser, on a page of the other route.
        let mut adm = Harness::new();
        let other = if route == "admin-center" {
            SIGNUP
        } else {
            ADMIN_HOME
        };
        adm.visit(2, 0, other, &FakePage::default());
        let fx = open(&mut adm, &code);
        assert_eq!(panel_error(&fx), None);
        let preview = adm.view.clone().unwrap().preview.expect("a preview");
        assert_eq!(preview.steps.len(), steps, "the preview is the route's");
        assert_eq!(preview.steps[0].id, first);
        adm.panel(msg("start-shared", json!({})));
        assert_eq!(adm.chosen_route(), route, "{route} from {from:?}");
        let a = adm.active();
        assert_eq!(a.steps.len(), steps);
        let n = from.map_or(1, |s| 1 + a.steps.iter().position(|x| x.id == s).unwrap());
        assert_eq!(a.progress.en(), format!("Step {n} of {steps}"));
        // The other route's page does not take the route.
        adm.visit(2, 0, other, &FakePage::default());
        assert_eq!(adm.chosen_route(), route);
        // Restart of the shared run keeps it, and so does a worker restart.
        adm.panel(msg("restart", json!({})));
        assert_eq!(adm.chosen_route(), route);
        let (engine, _) = Engine::restore(adm.snapshot.as_deref());
        let mut again = Harness::from_engine(engine);
        again.panel(msg("get-state", json!({})));
        again.visit(2, 0, other, &FakePage::default());
        assert_eq!(again.chosen_route(), route);
    }
}

#[test]
fn old_guide_b_codes_still_work_and_bad_routes_change_nothing() {
    // A code made before routes (no route): the pages choose, as before.
    let old = share::encode(&SharedGuide::Builtin {
        guide_id: B.into(),
        from_step: None,
        note: String::new(),
        route: None,
    })
    .unwrap();
    let mut h = Harness::new();
    open(&mut h, &old);
    h.panel(msg("start-shared", json!({})));
    h.visit(3, 0, SIGNUP, &FakePage::default());
    assert_eq!(h.chosen_route(), "sign-up-site");

    // A route the guide lacks, one that contradicts the starting step, or a
    // route on a guide without routes: refused, nothing changes.
    for (guide, from, route) in [
        (B, None, "nowhere"),
        (B, Some("b2"), "admin-center"),
        (B, Some("bp3"), "sign-up-site"),
        (A, None, "admin-center"),
    ] {
        let code = share::encode(&SharedGuide::Builtin {
            guide_id: guide.into(),
            from_step: from.map(str::to_string),
            note: String::new(),
            route: Some(route.into()),
        })
        .unwrap();
        let mut h = Harness::new();
        h.start(A);
        let before = h.active();
        let fx = open(&mut h, &code);
        assert!(panel_error(&fx).is_some(), "{guide} {from:?} {route}");
        assert!(h.view.clone().unwrap().preview.is_none());
        assert_eq!(h.active(), before);
    }
}

// ---------------------------------------------------------------------------
// Share codes tell the truth (issue 13 item 4)
// ---------------------------------------------------------------------------

fn delete_button() -> ElementFacts {
    el("button", "", "Delete", true, 0)
}

/// A recorded step on the portal's home whose locator finds the "Delete"
/// button; its label and instruction as given.
fn delete_step(label: &str, text: &str) -> RecordedStep {
    RecordedStep {
        host: "portal.azure.com".into(),
        path: "/#home".into(),
        text: Some(text.into()),
        label: label.into(),
        locator: RecordedLocator {
            tag: "button".into(),
            role: "button".into(),
            name: "Delete".into(),
            text: "Delete".into(),
            attrs: Default::default(),
        },
    }
}

fn recorded_code(steps: Vec<RecordedStep>, note: &str, forge: bool) -> String {
    let g = SharedGuide::Recorded(RecordedGuide {
        title: String::new(),
        note: note.into(),
        steps,
    });
    if forge {
        frame_unchecked(1, &encode_body_unchecked(&g))
    } else {
        share::encode(&g).unwrap()
    }
}

#[test]
fn a_label_that_is_not_its_locators_name_is_refused_and_changes_nothing() {
    // "Will highlight Overview" over a locator that picks "Delete": the code
    // is refused when it is decoded, whoever made it.
    let lying = recorded_code(vec![delete_step("Overview", "Click it")], "", true);
    let e = share::decode(&lying).unwrap_err();
    assert_eq!(e.kind(), "label-mismatch");
    // The same step labelled by its own name opens.
    let honest = recorded_code(vec![delete_step("Delete", "Click it")], "", false);
    assert!(share::decode(&honest).is_ok());
    let mut h = Harness::new();
    h.visit(1, 0, HOME, &FakePage::default());
    let snap = h.engine.snapshot();
    let fx = open(&mut h, &lying);
    let err = panel_error(&fx).unwrap_or_default();
    assert!(
        err.contains("Step 1") && err.contains("Overview") && err.contains("another name"),
        "{err}"
    );
    assert!(only_error(&fx), "{fx:?}");
    assert_eq!(h.engine.snapshot(), snap);
    assert!(h.engine.view().preview.is_none());
    // Labels the content script gives: the name, the text, aria-label,
    // title; whole, or cut with an ellipsis; case aside; or none at all.
    let loc = RecordedLocator {
        tag: "a".into(),
        role: "link".into(),
        name: String::new(),
        text: "Microsoft Entra ID".into(),
        attrs: [("title".to_string(), "Open Entra".to_string())]
            .into_iter()
            .collect(),
    };
    for (label, fits) in [
        ("Microsoft Entra ID", true),
        ("microsoft entra id", true),
        ("Open Entra", true),
        ("Microsoft\u{2026}", true),
        ("", true),
        ("Microsoft", false),
        ("Delete", false),
        ("\u{2026}", false),
    ] {
        assert_eq!(loc.label_fits(label), fits, "{label:?}");
    }
}

#[test]
fn the_preview_and_callout_say_what_a_shared_step_highlights() {
    // The label is honest, the instruction (free text the sender may edit)
    // is not: it says "Overview" where the step highlights "Delete".
    let note = "Call me on +1 425 555 0100 or see https://evil.example/x <script>alert(1)</script>";
    let code = recorded_code(
        vec![delete_step(
            "Delete",
            "Click \u{201c}Overview\u{201d} to see the summary.",
        )],
        note,
        false,
    );
    let mut h = Harness::new();
    open(&mut h, &code);
    let p = h.view.clone().unwrap().preview.expect("a preview");
    assert_eq!(
        p.steps[0].title,
        "Click \u{201c}Overview\u{201d} to see the summary."
    );
    assert_eq!(
        p.steps[0].instruction,
        "Will highlight the button \u{201c}Delete\u{201d}."
    );
    let warning = p.steps[0]
        .warning
        .clone()
        .expect("a warning in the preview");
    assert!(
        warning.contains("\u{201c}Overview\u{201d}")
            && warning.contains("highlights the button \u{201c}Delete\u{201d}"),
        "{warning}"
    );
    assert_eq!(p.note, note);

    h.panel(msg("start-shared", json!({})));
    let page = FakePage::default().with(&["button"], delete_button());
    h.visit(1, 0, HOME, &page);
    assert_eq!(
        h.target(1, 0).expect("highlighted").fingerprint.name,
        "Delete"
    );
    let c = h.callout(1, 0).expect("a callout");
    assert_eq!(c.badge, "Shared step \u{b7} opened from a share code");
    assert_eq!(c.warning.as_ref().map(Text::en), Some(warning.en()));
    assert_eq!(
        c.lines,
        vec![
            crate::protocol::CalloutLine {
                kind: crate::protocol::CalloutLineKind::Picks,
                text: Text::msg(
                    "calloutPicks",
                    [Text::msg(
                        "elementNamed",
                        [Text::msg("ariaRole_button", []), "Delete".into()]
                    )]
                ),
            },
            crate::protocol::CalloutLine {
                kind: crate::protocol::CalloutLineKind::Quote,
                text: Text::msg("noteFromSender", [note.into()]),
            },
        ]
    );
    // The wire shape the content script reads.
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["lines"][0]["kind"], "picks");
    assert_eq!(json["lines"][1]["kind"], "quote");
}

#[test]
fn a_shared_built_in_step_is_marked_and_an_own_guide_is_not() {
    let mut sender = Harness::new();
    let code = output(&share(&mut sender, A, None, "From the support desk"))
        .unwrap()
        .2;
    // The admin's own run of the guide: no badge, no lines.
    let (own, free, page) = guide_a_on_the_free_page();
    let c = own.callout(1, 0).expect("a callout");
    assert_eq!(c.badge, "");
    assert!(c.lines.is_empty());
    let json = serde_json::to_value(&c).unwrap();
    assert!(json.get("badge").is_none() && json.get("lines").is_none());
    // The same guide from a code: marked, with what it picks and the note.
    let mut h = Harness::new();
    open(&mut h, &code);
    h.panel(msg("start-shared", json!({})));
    h.visit(1, 0, free, &page);
    let c = h.callout(1, 0).expect("a callout");
    assert_eq!(c.badge, "Shared step \u{b7} opened from a share code");
    let lines: Vec<String> = c.lines.iter().map(|l| l.text.en()).collect();
    assert_eq!(
        lines,
        [
            "Highlights the link \u{201c}Start free\u{201d}, as this page names it.",
            "Note from the sender: \u{201c}From the support desk\u{201d}"
        ]
    );
}

// ---------------------------------------------------------------------------
// Redaction that holds (issue 13 item 5)
// ---------------------------------------------------------------------------

/// The top bar with the account menu's flyout (closed, in the page): the
/// sign-in name, and the display name above it.
fn topbar_named(user: &str, tenant: &str, display: &str) -> FakePage {
    let hidden = |text: &str| {
        let mut e = el("div", "", text, true, 0);
        e.visible = false;
        e
    };
    topbar(user, tenant)
        .with_in(
            &[".fxs-mecontrol-flyout #mectrl_currentAccount_primary"],
            false,
            hidden(display),
        )
        .with_in(
            &[".fxs-mecontrol-flyout #mectrl_currentAccount_secondary"],
            false,
            hidden(user),
        )
}

const ALL_USERS: &str =
    "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers";
const MEGAN_ID: &str = "5d7a1c3b-9e01-4c8b-8e2f-9b6c2f4e1a3d";
const RG_OVERVIEW: &str = "https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/72f988bf-86f1-41af-91ab-2d7cd011db47/resourceGroups/rg-payroll-prod/overview";

#[test]
fn recording_redacts_display_name_clicked_users_resource_names_and_domains() {
    let mut h = Harness::new();
    let top = topbar_named("kelley@contoso.com", "Contoso", "Kelley Wall");
    h.visit(1, 0, HOME, &top);
    assert_eq!(
        h.view.clone().unwrap().account.unwrap().display_name,
        "Kelley Wall"
    );
    h.panel(msg("record-start", json!({})));
    h.answer(1, 0, HOME, &top);
    // 1. The signed-in display name, on the engineer's own screen.
    click_recording(
        &mut h,
        1,
        0,
        HOME,
        &el("button", "button", "Kelley Wall", true, 0),
    );
    // 2. A user clicked in the users list (a blade frame; the top page
    //    names the list).
    h.hello(1, 0, ALL_USERS);
    h.answer(1, 0, ALL_USERS, &top);
    h.hello(1, 5, BLADE);
    let megan = link(
        "Megan Bowen",
        &format!(
            "#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/{MEGAN_ID}"
        ),
    );
    click_recording(&mut h, 1, 5, BLADE, &megan);
    // "New user" in the same list is a command, not an entry: kept.
    click_recording(&mut h, 1, 5, BLADE, &new_user_button());
    // So is the list's "Learn more", a link to the documentation.
    click_recording(
        &mut h,
        1,
        5,
        BLADE,
        &link(
            "Learn more",
            "https://learn.microsoft.com/en-us/entra/fundamentals/how-to-create-delete-users",
        ),
    );
    // 3. Her name again on her profile (learned from the list).
    let profile = format!(
        "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/{MEGAN_ID}"
    );
    h.hello(1, 0, &profile);
    h.answer(1, 0, &profile, &top);
    click_recording(
        &mut h,
        1,
        0,
        &profile,
        &el("button", "button", "Edit Megan Bowen", true, 0),
    );
    // 4. A resource in a resource group's overview, and the group's name in
    //    a label.
    h.hello(1, 0, RG_OVERVIEW);
    h.answer(1, 0, RG_OVERVIEW, &top);
    click_recording(
        &mut h,
        1,
        0,
        RG_OVERVIEW,
        &link("payroll-api", "#view/WebsitesExtension/x"),
    );
    click_recording(
        &mut h,
        1,
        0,
        RG_OVERVIEW,
        &el("button", "button", "Delete rg-payroll-prod", true, 0),
    );
    // 5. The account's own domain.
    click_recording(
        &mut h,
        1,
        0,
        HOME,
        &el("button", "button", "Verify contoso.com", true, 0),
    );
    let rec = h.view.clone().unwrap().recording.unwrap();
    let labels: Vec<String> = rec.steps.iter().map(|s| s.instruction.en()).collect();
    assert_eq!(
        labels,
        [
            "[user]",
            "[user]",
            "New user",
            "Learn more",
            "Edit [user]",
            "[resource]",
            "Delete [resource-group]",
            "Verify [tenant]"
        ]
    );
    assert_eq!(rec.steps[1].title, "Click \u{201c}[user]\u{201d}");
    assert_eq!(
        rec.steps[5].evidence.en(),
        "/#@[tenant]/resource/subscriptions/[id]/resourceGroups/[resource-group]/overview"
    );
    assert_eq!(
        rec.redactions.first().map(Text::en).as_deref(),
        Some("Redacted: 2 IDs (GUIDs), 2 tenant domains, 2 user names, 1 resource group, and 1 resource name"),
        "{:?}",
        rec.redactions
    );
    // Nothing of it travels in the code.
    h.panel(msg("record-stop", json!({})));
    let code = output(&share(&mut h, "recording", None, "")).unwrap().2;
    let SharedGuide::Recorded(g) = share::decode(&code).unwrap() else {
        panic!("a recorded guide");
    };
    let all = format!("{g:?}").to_lowercase();
    for secret in [
        "kelley", "megan", "bowen", "payroll", "contoso", MEGAN_ID, "72f988bf",
    ] {
        assert!(!all.contains(secret), "{secret} in {all}");
    }
    assert_eq!(g.steps[1].locator.name, "[user]");
    assert_eq!(g.steps[1].locator.text, "[user]");
    assert!(
        g.steps[1].locator.attrs.is_empty(),
        "{:?}",
        g.steps[1].locator.attrs
    );
}

/// Code editors are never recorded: while recording, every frame's watch
/// names them (the content script ignores clicks inside them); otherwise
/// the watch names nothing.
#[test]
fn recording_watches_name_the_code_editors_it_never_hears() {
    let privates = |fx: &[Effect]| -> Vec<String> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::ToFrame {
                    msg: ToPage::Watch { private, .. },
                    ..
                } => Some(private.clone()),
                _ => None,
            })
            .collect()
    };
    let mut h = Harness::new();
    let fx = h.visit(1, 0, HOME, &topbar("admin@contoso.com", "Contoso"));
    assert_eq!(privates(&fx), [""]);
    let fx = h.panel(msg("record-start", json!({})));
    assert_eq!(privates(&fx), [share::CODE_EDITORS]);
    assert!(share::CODE_EDITORS.contains(".monaco-editor"));
    let json = serde_json::to_value(ToPage::Watch {
        waymark: 1,
        id: 1,
        queries: vec![],
        record: true,
        private: share::CODE_EDITORS.into(),
    })
    .unwrap();
    assert_eq!(json["private"], share::CODE_EDITORS);
    let fx = h.panel(msg("record-stop", json!({})));
    assert_eq!(privates(&fx), [""]);
}

const SUBSCRIPTIONS: &str =
    "https://portal.azure.com/#view/Microsoft_Azure_Billing/SubscriptionsBladeV2";
const SUB_ID: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const BLADE_TITLE: &str = ".fxs-journey .fxs-blade-title-titleText";

fn sub_page(section: &str) -> String {
    format!("https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/{SUB_ID}/{section}")
}

/// The portal's top bar and the journey's blade titles, in document order.
fn shell(titles: &[&str]) -> FakePage {
    titles
        .iter()
        .fold(topbar("kelley@contoso.com", "Contoso"), |p, t| {
            p.with(&[BLADE_TITLE], el("h2", "", t, true, 0))
        })
}

/// A subscription opened by its address: its name is in no route and on no
/// list the recording saw, only in its blade's title. The recording learns
/// it there and redacts it in every step, earlier ones included; a title
/// still showing from the previous address, a hidden one, and titles of
/// pages that name no one thing teach nothing.
#[test]
fn recording_learns_names_from_the_blade_title_of_a_subscriptions_own_page() {
    let mut h = Harness::new();
    // Before recording, no frame is asked for blade titles.
    let fx = h.visit(1, 0, SUBSCRIPTIONS, &shell(&["Subscriptions"]));
    let asked = |fx: &[Effect]| {
        frames_of(fx)
            .values()
            .any(|v| v.queries.iter().any(|q| q.selector == BLADE_TITLE))
    };
    assert!(!asked(&fx), "not recording: no blade titles asked");
    let fx = h.panel(msg("record-start", json!({})));
    assert!(asked(&fx), "recording: the portal's top frame is asked");
    // 1. The home page's recent resources name the subscription: kept
    //    until the name is known.
    h.hello(1, 0, HOME);
    h.answer(1, 0, HOME, &shell(&[]));
    click_recording(
        &mut h,
        1,
        0,
        HOME,
        &link("Azure subscription 1", &sub_page("overview")),
    );
    assert_eq!(
        h.view.clone().unwrap().recording.unwrap().steps[0]
            .instruction
            .en(),
        "Azure subscription 1"
    );
    h.hello(1, 0, SUBSCRIPTIONS);
    h.answer(1, 0, SUBSCRIPTIONS, &shell(&["Subscriptions"]));
    // 2. The subscription's Access control page, opened by its address;
    //    the list's blade still shows at first, then the new blade.
    let iam = sub_page("users");
    h.hello(1, 0, &iam);
    h.answer(1, 0, &iam, &shell(&["Subscriptions"]));
    let crumb = link(
        "Subscriptions",
        "#view/Microsoft_Azure_Billing/SubscriptionsBladeV2",
    );
    click_recording(&mut h, 1, 0, &iam, &crumb);
    let rec = h.view.clone().unwrap().recording.unwrap();
    assert_eq!(
        rec.steps[1].instruction.en(),
        "Subscriptions",
        "the previous page's title was not learned as the subscription's name"
    );
    // A hidden title (a blade closing) teaches nothing either.
    let mut hidden = el("h2", "", "Old blade", true, 0);
    hidden.visible = false;
    h.answer(1, 0, &iam, &shell(&[]).with(&[BLADE_TITLE], hidden));
    h.answer(
        1,
        0,
        &iam,
        &shell(&["Azure subscription 1 | Access control (IAM)"]),
    );
    // 3. Its name in a breadcrumb, as a recorded label.
    click_recording(
        &mut h,
        1,
        0,
        &iam,
        &link("Azure subscription 1", &sub_page("overview")),
    );
    click_recording(
        &mut h,
        1,
        0,
        &iam,
        &el("button", "button", "Old blade", true, 0),
    );
    let rec = h.view.clone().unwrap().recording.unwrap();
    let labels: Vec<String> = rec.steps.iter().map(|s| s.instruction.en()).collect();
    assert_eq!(
        labels,
        [
            "[subscription]",
            "Subscriptions",
            "[subscription]",
            "Old blade"
        ]
    );
    assert!(
        rec.redactions
            .first()
            .map(Text::en)
            .is_some_and(|r| r.contains("1 subscription")),
        "{:?}",
        rec.redactions
    );
    // A user's profile opened by its address: the name in its title.
    let profile = format!(
        "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/{MEGAN_ID}"
    );
    h.hello(1, 0, &profile);
    h.answer(1, 0, &profile, &shell(&["Megan Bowen | Assigned roles"]));
    click_recording(
        &mut h,
        1,
        0,
        &profile,
        &el("button", "button", "Remove Megan Bowen", true, 0),
    );
    // A service's blade names no one thing: its title is no name.
    let help =
        "https://portal.azure.com/#view/Microsoft_Azure_Support/HelpAndSupportBlade/~/overview";
    h.hello(1, 0, help);
    h.answer(1, 0, help, &shell(&["Help + support"]));
    click_recording(
        &mut h,
        1,
        0,
        help,
        &el("a", "link", "Help + support", true, 0),
    );
    let rec = h.view.clone().unwrap().recording.unwrap();
    let labels: Vec<String> = rec.steps.iter().map(|s| s.instruction.en()).collect();
    assert_eq!(labels[4..], ["Remove [user]", "Help + support"]);
    // Nothing of the names travels in the code.
    h.panel(msg("record-stop", json!({})));
    let code = output(&share(&mut h, "recording", None, "")).unwrap().2;
    let SharedGuide::Recorded(g) = share::decode(&code).unwrap() else {
        panic!("a recorded guide");
    };
    let all = format!("{g:?}").to_lowercase();
    for secret in ["azure subscription 1", "megan", SUB_ID] {
        assert!(!all.contains(secret), "{secret} in {all}");
    }
    // A new recording on the subscription's page, then away from it; then
    // stopped, back on the page, and recording again there: the title that
    // showed when the address last changed is this page's own now.
    h.panel(msg("record-start", json!({})));
    let overview = sub_page("overview");
    h.hello(1, 0, &overview);
    h.answer(1, 0, &overview, &shell(&["Azure subscription 1"]));
    h.hello(1, 0, help);
    h.panel(msg("record-stop", json!({})));
    let fx = h.hello(1, 0, &overview);
    assert!(!asked(&fx), "stopped: no blade titles asked");
    h.panel(msg("record-start", json!({})));
    h.answer(1, 0, &overview, &shell(&["Azure subscription 1"]));
    click_recording(
        &mut h,
        1,
        0,
        &overview,
        &link("Azure subscription 1", &sub_page("overview")),
    );
    let rec = h.view.clone().unwrap().recording.unwrap();
    let labels: Vec<String> = rec.steps.iter().map(|s| s.instruction.en()).collect();
    assert_eq!(labels, ["[subscription]"]);
}
