//! Native tests of Get help (the "where I am stuck" code) and of Guide E's
//! verdict from "My role", through the engine's public API.

use super::tests::{el, panel_error, panel_view, FakePage, Harness};
use crate::protocol::{StepViewStatus, Text, Verdict};
use crate::share::{self, Code};
use serde_json::json;

const A: &str = "azure-for-office365";
const E: &str = "add-subscription-to-directory";
const HOME: &str = "https://portal.azure.com/?login_hint=kelley%40contoso.onmicrosoft.com#home";

fn get_help(h: &mut Harness) -> crate::protocol::HelpView {
    let fx = h.panel(
        json!({"waymark": 1, "kind": "get-help", "browser": "Chrome 156", "version": "0.1.0"}),
    );
    assert_eq!(panel_error(&fx), None);
    h.view.clone().and_then(|v| v.help).expect("a help view")
}

#[test]
fn get_help_makes_an_anonymous_code_and_starts_contact_support() {
    let mut h = Harness::new();
    h.start(A);
    // Step 1 (Start free) on the portal home of an account that has a
    // subscription: no free-trial offer, so nothing to point at.
    let page = FakePage::default().with(&["a", "button"], el("a", "link", "Home", true, 0));
    h.visit(1, 0, HOME, &page);
    let help = get_help(&mut h);
    assert!(help.code.starts_with("WAYMARK2-"), "{}", help.code);
    assert!(!help.from_code);
    let text = help
        .lines
        .iter()
        .map(Text::en)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("step 1 of 6"), "{text}");
    assert!(text.contains("portal.azure.com/#home"), "{text}");
    assert!(text.contains("Chrome 156; Waymark 0.1.0"), "{text}");
    // How each locator looks is the catalogue's words; what it looks for,
    // the page's words, is data as written (issue 11: no English in the code).
    assert!(
        text.contains(r#"Locator 1 (the name "Start free", "Try Azure for free", "Pay as you go", or "Start with pay as you go"): "#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"Locator 2 (a link to "signup.azure.com" or "account.azure.com/signup"): "#
        ),
        "{text}"
    );
    let locator = help
        .lines
        .iter()
        .find(|l| l.id() == Some("helpLocator"))
        .expect("a locator line");
    let Text::Message(m) = locator else {
        unreachable!()
    };
    assert_eq!(m.args[1].id(), Some("helpByName"), "{m:?}");
    // No query string, no account.
    assert!(
        !text.contains("kelley") && !help.code.to_lowercase().contains("kelley"),
        "{text}"
    );
    let Ok(Code::Stuck(r)) = share::decode_any(&help.code) else {
        panic!("a stuck code")
    };
    assert_eq!((r.guide_id.as_str(), r.step_id.as_str()), (A, "a1"));
    assert!(r.frames.iter().all(|f| !f.path.contains('?')));
    // The contact-support guide runs: Help + support is what is highlighted next.
    assert_eq!(h.active().id, "contact-support");
}

#[test]
fn a_stuck_code_opens_in_a_fresh_engine_with_the_same_lines_and_step() {
    let mut h = Harness::new();
    h.start(A);
    for _ in 0..3 {
        h.panel(json!({"waymark": 1, "kind": "skip"}));
    }
    let page = FakePage::default();
    h.visit(1, 0, "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/9b6c2f4e-1a3d-4c8b-8e2f-5d7a1c3b9e01", &page);
    let made = get_help(&mut h);
    assert!(
        made.lines.iter().any(|l| l.contains("userId/[id]")),
        "{:?}",
        made.lines
    );
    assert!(!made.lines.iter().any(|l| l.contains("9b6c2f4e")));

    let mut fresh = Harness::new();
    let fx = fresh.panel(json!({"waymark": 1, "kind": "open-code", "code": made.code}));
    assert_eq!(panel_error(&fx), None);
    let v = panel_view(&fx).expect("a view");
    let opened = v.help.expect("the help view");
    assert!(opened.from_code);
    assert_eq!(opened.lines, made.lines);
    let preview = v.preview.expect("the step offered");
    assert_eq!(
        preview
            .steps
            .iter()
            .filter(|s| s.status == StepViewStatus::Skipped)
            .count(),
        3
    );
    fresh.panel(json!({"waymark": 1, "kind": "start-shared"}));
    assert_eq!(fresh.progress(), "Step 4 of 6");

    // A damaged code changes nothing and says why.
    let mut bad = made.code.clone();
    let last = bad.pop().unwrap();
    bad.push(if last == '0' { '1' } else { '0' });
    let mut other = Harness::new();
    let fx = other.panel(json!({"waymark": 1, "kind": "open-code", "code": bad}));
    assert!(panel_error(&fx).is_some());
    assert!(other.view.clone().and_then(|v| v.help).is_none());
}

fn subscriptions_page(role: &'static str) -> FakePage {
    let heads = ["Subscription name", "Subscription ID", "My role"];
    let cells = ["Azure subscription 1", "7c1e", role];
    let mut p = FakePage::default();
    for (i, t) in heads.iter().enumerate() {
        p = p.with(
            &["[role='grid'] [role='columnheader']"],
            el("th", "columnheader", t, true, i as u32),
        );
    }
    for (i, t) in cells.iter().enumerate() {
        let mut e = el("td", "gridcell", "", true, i as u32);
        e.text = t.to_string();
        p = p.with(&["[role='grid'] [role='gridcell']"], e);
    }
    p
}

/// (the subscription's "My role", Guide E's verdict): only Owner qualifies.
const MY_ROLES: [(&str, Verdict); 3] = [
    ("Owner", Verdict::Qualifies),
    ("Reader", Verdict::DoesNotQualify),
    ("Contributor", Verdict::DoesNotQualify),
];

#[test]
fn guide_e_verdict_comes_from_my_role_owner_qualifies_reader_does_not() {
    for (role, verdict) in MY_ROLES {
        let h = guide_e_on_subscriptions(role);
        assert_role_check(&h, role, verdict);
    }
    // Not read for other guides, nor before the page shows it.
    let mut h = Harness::new();
    h.start(E);
    assert_eq!(h.active().role_check_verdict, None);
}

const SUBSCRIPTIONS: &str =
    "https://portal.azure.com/#view/Microsoft_Azure_Billing/SubscriptionsBladeV2";

/// Guide E started, tab 1 on the subscriptions list showing `role`.
fn guide_e_on_subscriptions(role: &'static str) -> Harness {
    let mut h = Harness::new();
    h.start(E);
    h.visit(1, 0, SUBSCRIPTIONS, &subscriptions_page(role));
    h
}

/// Guide E's role check gives `verdict` and names `role`.
fn assert_role_check(h: &Harness, role: &str, verdict: Verdict) {
    let a = h.active();
    assert_eq!(
        a.role_check_verdict,
        Some(verdict),
        "{role}: {}",
        a.role_check
    );
    assert!(a.role_check.contains(role), "{role}: {}", a.role_check);
}

#[test]
fn guide_e_verdict_is_remembered_across_pages_and_a_worker_restart() {
    const MINUTE: f64 = 60_000.0;
    for (role, verdict) in MY_ROLES {
        let mut h = guide_e_on_subscriptions(role);
        assert_role_check(&h, role, verdict);
        // Another page, without "My role": the verdict stays, as checked.
        h.visit(1, 0, HOME, &FakePage::default());
        assert_role_check(&h, role, verdict);
        let a = h.active();
        assert!(a.role_check.starts_with("Checked "), "{}", a.role_check);
        assert_eq!(
            a.role_check.contains("Ask an Owner"),
            verdict != Verdict::Qualifies,
            "{}",
            a.role_check
        );
        // The tab closes, the worker stops and is rebuilt from the snapshot.
        let fx = h.engine.tab_gone(1);
        h.record(fx);
        let snapshot = h.snapshot.clone().expect("persisted");
        let (engine, logs) = crate::engine::Engine::restore(Some(&snapshot));
        assert!(logs.is_empty(), "{logs:?}");
        let mut h2 = Harness::from_engine(engine);
        h2.now = h.now + 5.0 * MINUTE;
        h2.start(E);
        let a = h2.active();
        assert_eq!(a.role_check_verdict, Some(verdict), "{role} after restore");
        assert!(
            a.role_check
                .starts_with("Checked 5 minutes ago on portal.azure.com"),
            "{}",
            a.role_check
        );
        // Guide C's line for Guide E uses it.
        h2.start("find-your-role");
        let e = h2.active().eligibility.expect("Guide C's eligibility");
        let line = e.guides.iter().find(|g| g.guide == E).expect("E's line");
        assert_eq!(line.verdict, verdict, "{}", line.line);
        assert!(line.line.contains(role), "{}", line.line);
        // "Check again" with no page showing it forgets it.
        h2.start(E);
        h2.panel(json!({"waymark": 1, "kind": "recheck-role"}));
        assert_eq!(h2.active().role_check_verdict, None, "{role}");
    }
}

#[test]
fn a_guide_e_verdict_is_per_account() {
    // Kelley (Owner) is read; Megan signs in: Kelley's verdict is not hers.
    let account = |upn: &'static str| {
        FakePage::default()
            .with(&[".fxs-avatarmenu-username"], el("div", "", upn, true, 0))
            .with(
                &[".fxs-avatarmenu-tenant"],
                el("div", "", "CONTOSO", true, 0),
            )
    };
    let mut h = Harness::new();
    h.start(E);
    let mut page = subscriptions_page("Owner");
    page.elements
        .extend(account("kelley@contoso.onmicrosoft.com").elements);
    h.visit(1, 0, SUBSCRIPTIONS, &page);
    assert_eq!(h.active().role_check_verdict, Some(Verdict::Qualifies));
    h.visit(1, 0, HOME, &account("megan@contoso.onmicrosoft.com"));
    assert_eq!(
        h.active().role_check_verdict,
        None,
        "{}",
        h.active().role_check
    );
    h.visit(1, 0, HOME, &account("kelley@contoso.onmicrosoft.com"));
    assert_eq!(h.active().role_check_verdict, Some(Verdict::Qualifies));
}

fn logged(fx: &[crate::engine::Effect]) -> bool {
    fx.iter()
        .any(|e| matches!(e, crate::engine::Effect::Log(_)))
}

#[test]
fn the_help_view_survives_a_worker_restart() {
    // Made by Get help, and opened from a code: both come back as they were.
    let mut made = Harness::new();
    made.start(A);
    made.visit(1, 0, HOME, &FakePage::default());
    let help = get_help(&mut made);
    let mut opened = Harness::new();
    opened.panel(json!({"waymark": 1, "kind": "open-code", "code": help.code}));
    for (what, h) in [("made", &made), ("opened", &opened)] {
        let before = h.view.clone().and_then(|v| v.help).expect("a help view");
        let snapshot = h.snapshot.clone().expect("persisted");
        let (engine, fx) = crate::engine::Engine::restore(Some(&snapshot));
        assert!(!logged(&fx), "{what}: {fx:?}");
        let mut again = Harness::from_engine(engine);
        again.panel(json!({"waymark": 1, "kind": "get-state"}));
        let after = again.view.clone().and_then(|v| v.help);
        assert_eq!(after.as_ref(), Some(&before), "{what}");
        assert_eq!(before.from_code, what == "opened");
    }
    // A snapshot whose help code no longer decodes is not restored.
    let snapshot = made.snapshot.clone().unwrap();
    let damaged = snapshot.replacen("WAYMARK2-", "WAYMARK2-x", 1);
    assert_ne!(damaged, snapshot);
    let (engine, fx) = crate::engine::Engine::restore(Some(&damaged));
    assert!(logged(&fx), "{fx:?}");
    let mut fresh = Harness::from_engine(engine);
    fresh.panel(json!({"waymark": 1, "kind": "get-state"}));
    assert!(fresh.view.clone().and_then(|v| v.help).is_none());
}
