//! Native tests. `cargo test -p waymark roles::tests::print_table -- --nocapture --ignored`
//! prints the role-string table with the verdict each string gets.

use super::*;
use crate::protocol::{ElementFacts, QueryResult, MAX_QUERY_ITEMS};

use CanonicalRole::{BillingAdministrator as BA, GlobalAdministrator as GA};
use Verdict::{DoesNotQualify as No, Eligible as Elig, Qualifies as Yes, Unknown as Unk};

/// Whose profile a table row is read on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    /// The signed-in user's own roles.
    Me,
    /// Kelley Wall's profile, read while someone else is signed in.
    Kelley,
    /// A profile Waymark could not match with the account menu.
    Unmatched,
}

/// (role text as shown on a page, whose, expected verdict)
fn table() -> Vec<(String, Who, Verdict)> {
    let s = |x: &str| x.to_string();
    let long_ga = "Global Administrator ".repeat(500);
    let long_tail = format!("Global Administrator, {}", "x".repeat(20_000));
    let long_junk = format!("{}Global Administrator", "a".repeat(100_000));
    vec![
        // Plain names, case and spacing.
        (s("Global Administrator"), Who::Me, Yes),
        (s("Global administrator"), Who::Me, Yes),
        (s("GLOBAL ADMINISTRATOR"), Who::Me, Yes),
        (s("  global   administrator  "), Who::Me, Yes),
        (s("global  ADMIN"), Who::Me, No),
        (s("Global\u{00A0}Administrator"), Who::Me, Yes),
        (s("Global\u{2009}Administrator\u{3000}"), Who::Me, Yes),
        (s("Glo\u{200B}bal Administrator"), Who::Me, Yes),
        (s("\u{FEFF}Billing Administrator"), Who::Me, Yes),
        (s("Global Administrator\tEligible"), Who::Me, Elig),
        (s("Billing Administrator"), Who::Me, Yes),
        (s("Billing administrator"), Who::Me, Yes),
        // Legacy, template ids, nested 2017. Short forms and a name plus
        // "role" are custom-role look-alikes (issue 13 item 9): No by name.
        (s("Company Administrator"), Who::Me, Yes),
        (s("Global admin"), Who::Me, No),
        (s("Billing admin"), Who::Me, No),
        (s("62e90394-69f5-4237-9190-012177145e10"), Who::Me, Yes),
        (s("b0f54661-2d74-4c50-afa3-1ec803f12efe"), Who::Me, Yes),
        (
            s("Limited administrator > Billing administrator"),
            Who::Me,
            Yes,
        ),
        (
            s("Limited administrator › Billing administrator"),
            Who::Me,
            Yes,
        ),
        (
            s("Limited administrator: Billing administrator, Password administrator"),
            Who::Me,
            Yes,
        ),
        (
            s("Directory role: Limited administrator > Billing administrator"),
            Who::Me,
            Yes,
        ),
        (
            s("Limited administrator > Password administrator"),
            Who::Me,
            No,
        ),
        (s("Limited administrator"), Who::Me, Unk),
        (s("Organizational role: Global administrator"), Who::Me, Yes),
        (s("ORGANIZATIONAL ROLE Global administrator"), Who::Me, Yes),
        (s("User"), Who::Me, No),
        (s("No administrator access"), Who::Me, No),
        (s("None"), Who::Me, No),
        // Decorations and icon labels.
        (s("Global Administrator (Active)"), Who::Me, Yes),
        (s("Global Administrator · Directory role"), Who::Me, Yes),
        (s("Role: Billing administrator"), Who::Me, Yes),
        (s("✔ Global Administrator"), Who::Me, Yes),
        (s("\u{E70F} Global Administrator \u{E946}"), Who::Me, Yes),
        (s("ⓘ Billing Administrator"), Who::Me, Yes),
        (s("Global Administrator Info"), Who::Me, Yes),
        (s("Global Administrator role"), Who::Me, No),
        (s("Azure AD Global Administrator"), Who::Me, Yes),
        (s("“Global Administrator”"), Who::Me, Yes),
        (s("Global Administrator…"), Who::Me, Yes),
        (s("Billing Administrator [Active]"), Who::Me, Yes),
        (s("Activated · Global Administrator"), Who::Me, Yes),
        (
            s("Billing Administrator Active Expires 12/31/2026"),
            Who::Me,
            Yes,
        ),
        (s("Global Administrator (Active, Permanent)"), Who::Me, Yes),
        // Lists.
        (s("Global Administrator, Global Reader"), Who::Me, Yes),
        (s("Global Reader; Billing Administrator"), Who::Me, Yes),
        (s("User Administrator\nBilling Administrator"), Who::Me, Yes),
        (s("Exchange Administrator | Billing admin"), Who::Me, No),
        (s("Security Reader and Global Administrator"), Who::Me, Yes),
        (s("Billing admin; Global admin"), Who::Me, No),
        (s("Billing Administrator and"), Who::Me, Yes),
        (
            s("Global Reader, Billing Reader, Security Reader"),
            Who::Me,
            No,
        ),
        (
            s("Helpdesk Administrator\r\nUser Administrator"),
            Who::Me,
            No,
        ),
        // PIM: eligible, active, expired, pending.
        (s("Global Administrator (Eligible)"), Who::Me, Elig),
        (s("Global Administrator - Eligible"), Who::Me, Elig),
        (s("Global Administrator | Eligible"), Who::Me, Elig),
        (s("Global Administrator Eligible Permanent"), Who::Me, Elig),
        (s("Billing Administrator (Pending approval)"), Who::Me, Elig),
        (
            s("Global Administrator (Eligible), Billing Administrator (Active)"),
            Who::Me,
            Yes,
        ),
        (s("Global Administrator (Expired)"), Who::Me, No),
        (
            s("Global Administrator (Expired), Global Administrator (Eligible)"),
            Who::Me,
            Elig,
        ),
        (s("Eligible"), Who::Me, Unk),
        // Look-alikes: never qualify.
        (s("Global Reader"), Who::Me, No),
        (s("Billing Reader"), Who::Me, No),
        (s("Global Secure Access Administrator"), Who::Me, No),
        (s("Billing Administrator Assistant"), Who::Me, No),
        (s("Not a Global Administrator"), Who::Me, No),
        (s("Global Administrator-ish"), Who::Me, No),
        (s("Global Administrators"), Who::Me, No),
        (s("GlobalAdministrator"), Who::Me, No),
        (s("Privileged Role Administrator"), Who::Me, No),
        (s("Billing Administrator (custom)"), Who::Me, No),
        (s("Global Administrator (not assigned)"), Who::Me, No),
        (s("Glоbal Administrator"), Who::Me, No), // Cyrillic о
        (s("62e90394-69f5-4237-9190-012177145e11"), Who::Me, No),
        // Someone else's profile, or one Waymark cannot match.
        (s("Global Administrator"), Who::Kelley, Yes),
        (s("Billing Administrator (Eligible)"), Who::Kelley, Elig),
        (s("Global Reader"), Who::Kelley, No),
        (s(""), Who::Kelley, Unk),
        (s("Global Administrator"), Who::Unmatched, Yes),
        // Unknown, empty, garbage.
        (s(""), Who::Me, Unk),
        (s("   "), Who::Me, Unk),
        (s("\u{200B}\u{200B}"), Who::Me, Unk),
        (s("---"), Who::Me, Unk),
        (s("asdf qwerty"), Who::Me, No),
        // Hostile strings.
        (long_ga, Who::Me, Unk),
        (long_tail, Who::Me, Yes),
        (long_junk, Who::Me, Unk),
        (s("Global\u{0000}Administrator"), Who::Me, Yes),
        (s("Global Administrator\u{0007}"), Who::Me, Yes),
        (s("\u{202E}rotartsinimdA labolG"), Who::Me, No),
        (s("\u{200F}Global Administrator\u{200F}"), Who::Me, Yes),
        (s("\u{202B}Billing Administrator\u{202C}"), Who::Me, Yes),
        (s("<b>Global Administrator</b>"), Who::Me, No),
        (s("<script>alert(1)</script>"), Who::Me, No),
        (s("Global Administrator<script>"), Who::Me, No),
        (
            s("Global Administrator\"><img src=x onerror=alert(1)>"),
            Who::Me,
            No,
        ),
        (s("((((((((((Global Administrator"), Who::Me, Yes),
        (s("Global Administrator))))))))))"), Who::Me, Yes),
        (s("Role: Role: Role: Global Administrator"), Who::Me, Yes),
        (
            s("\u{1F451} Global Administrator \u{1F6E1}\u{FE0F}"),
            Who::Me,
            Yes,
        ),
    ]
}

fn reading_for(text: &str, who: Who) -> RoleReading {
    let (subject, signed_in) = match who {
        Who::Me => (
            Subject {
                display_name: Some("Megan Bowen".into()),
                principal_name: Some("megan@contoso.com".into()),
            },
            Some(true),
        ),
        Who::Kelley => (
            Subject {
                display_name: Some("Kelley Wall".into()),
                principal_name: None,
            },
            Some(false),
        ),
        Who::Unmatched => (
            Subject {
                display_name: Some("Kelley Wall".into()),
                principal_name: None,
            },
            None,
        ),
    };
    reading_from_text(
        text,
        subject,
        signed_in,
        "https://portal.azure.com/#view/x",
        1000.0,
    )
}

fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(70).flat_map(|c| c.escape_debug()).collect();
    if s.chars().count() > 70 {
        out.push_str(&format!("… ({} chars)", s.chars().count()));
    }
    out
}

#[test]
fn table_verdicts() {
    let rows = table();
    assert!(rows.len() >= 60, "table has {} rows", rows.len());
    let mut failures = Vec::new();
    for (text, who, want) in &rows {
        let report = verdict(&reading_for(text, *who));
        if report.verdict != *want {
            failures.push(format!(
                "{:?} ({:?}): got {:?}, want {:?}; reason: {}",
                shown(text),
                who,
                report.verdict,
                want,
                report.reason
            ));
        }
        assert_eq!(report.about_signed_in_user, *who == Who::Me);
        if *who != Who::Me {
            assert!(report.whose.contains("Kelley Wall"), "{}", report.whose);
            assert!(report.reason.starts_with("These are Kelley Wall's roles"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
#[ignore = "prints the table for the closing note"]
fn print_table() {
    println!("| # | role string (as shown on the page) | whose | verdict |");
    println!("|---|---|---|---|");
    for (i, (text, who, _)) in table().iter().enumerate() {
        let report = verdict(&reading_for(text, *who));
        let whose = match who {
            Who::Me => "signed-in user",
            Who::Kelley => "Kelley Wall (not signed in)",
            Who::Unmatched => "Kelley Wall (unmatched)",
        };
        println!(
            "| {} | `{}` | {} | {} |",
            i + 1,
            shown(text).replace('|', "\\|"),
            whose,
            report.verdict.as_attr()
        );
    }
}

#[test]
fn canonical_names() {
    let cases: &[(&str, Option<CanonicalRole>)] = &[
        ("Global Administrator", Some(GA)),
        ("global administrator", Some(GA)),
        ("Company Administrator", Some(GA)),
        ("Global admin", None),
        ("62e90394-69f5-4237-9190-012177145e10", Some(GA)),
        ("Billing Administrator", Some(BA)),
        ("Billing admin", None),
        ("b0f54661-2d74-4c50-afa3-1ec803f12efe", Some(BA)),
        ("Limited administrator > Billing administrator", Some(BA)),
        ("Global Administrator (Active)", Some(GA)),
        ("Global Administrator · Directory role", Some(GA)),
        ("Role: Billing administrator", Some(BA)),
        ("★ Global Administrator ★", Some(GA)),
        ("Global Reader", None),
        ("Billing Reader", None),
        ("Global Secure Access Administrator", None),
        ("Billing Administrator Assistant", None),
        ("Not a Global Administrator", None),
        ("Global Administrator-ish", None),
        ("Global Administrator, Billing Administrator", None), // a list is not one name
        ("Limited administrator > Global Reader", None),
        ("Limited administrator", None),
        ("User", None),
        ("", None),
    ];
    for (raw, want) in cases {
        assert_eq!(canonical_role(raw), *want, "{raw:?}");
    }
    assert_eq!(GA.template_id(), "62e90394-69f5-4237-9190-012177145e10");
    assert_eq!(BA.template_id(), "b0f54661-2d74-4c50-afa3-1ec803f12efe");
    assert_eq!(GA.display_name(), "Global Administrator");
}

#[test]
fn assignment_from_decorations() {
    assert_eq!(
        parse_label("Global Administrator (Eligible)").assignment,
        Assignment::Eligible
    );
    assert_eq!(
        parse_label("Global Administrator").assignment,
        Assignment::Unspecified
    );
    assert_eq!(
        parse_label("Active · Billing admin").assignment,
        Assignment::Active
    );
    assert_eq!(
        parse_label("Global Administrator (Expired)").assignment,
        Assignment::Expired
    );
    assert_eq!(parse_label("Eligible").kind, LabelKind::DecorationOnly);
    assert_eq!(
        parse_label("User (no administrator access)").kind,
        LabelKind::NoRole
    );
}

#[test]
fn list_splitting() {
    assert_eq!(
        split_role_list("A, B; C\nD | E and F"),
        vec!["A", "B", "C", "D", "E", "F"]
    );
    assert_eq!(
        split_role_list("Global Administrator (Active, Permanent), Global Reader"),
        vec!["Global Administrator (Active, Permanent)", "Global Reader"]
    );
    assert_eq!(split_role_list(&"a,".repeat(10_000)).len(), MAX_LIST_ITEMS);
    assert_eq!(
        split_known_run("Limited administrator Billing administrator Password administrator"),
        Some(vec![
            "limited administrator".to_string(),
            "billing administrator".to_string(),
            "password administrator".to_string()
        ])
    );
    assert_eq!(
        split_known_run("Limited administrator Global Reader Extra"),
        None
    );
}

#[test]
fn verdict_attrs() {
    assert_eq!(Yes.as_attr(), "qualifies");
    assert_eq!(No.as_attr(), "does-not-qualify");
    assert_eq!(Elig.as_attr(), "eligible");
    assert_eq!(Unk.as_attr(), "unknown");
}

#[test]
fn reasons_and_next_actions() {
    // (role text, whose, what the reason says, what the next action says)
    let cases: &[(&str, Who, &[&str], &[&str])] = &[
        (
            "Billing administrator",
            Who::Me,
            &["Read 'Billing administrator' in the role text on portal.azure.com"],
            &[],
        ),
        (
            "Global Administrator (Eligible)",
            Who::Me,
            &["(eligible)"],
            &["Activate Global Administrator in Privileged Identity Management"],
        ),
        (
            "Global Reader",
            Who::Me,
            &[],
            &[
                "Ask a Global Administrator to assign you Billing Administrator",
                "sign in with another account",
            ],
        ),
        ("", Who::Me, &[], &["find-your-role"]),
        (
            "Global Administrator",
            Who::Kelley,
            &["These are Kelley Wall's roles, not yours."],
            &["find-your-role"],
        ),
        (
            "Global Administrator",
            Who::Unmatched,
            &["could not tell whether Kelley Wall is the signed-in account"],
            &[],
        ),
    ];
    for (text, who, reason_says, next_says) in cases {
        let r = verdict(&reading_for(text, *who));
        assert_eq!(
            r.about_signed_in_user,
            *who == Who::Me,
            "{text:?} ({who:?})"
        );
        for want in *reason_says {
            assert!(r.reason.contains(want), "{text:?} ({who:?}): {}", r.reason);
        }
        for want in *next_says {
            assert!(
                r.next_action.contains(want),
                "{text:?} ({who:?}): {}",
                r.next_action
            );
        }
    }
    // Where a reason starts, and whose it says.
    let r = verdict(&reading_for("Billing administrator", Who::Me));
    assert_eq!(r.verdict, Yes);
    assert!(
        r.reason
            .starts_with("Read 'Billing administrator' in the role text on portal.azure.com"),
        "{}",
        r.reason
    );
    assert_eq!(r.whose, "you (Megan Bowen)");
    assert_eq!(r.role, Some(BA));
    let r = verdict(&reading_for("Global Administrator", Who::Kelley));
    assert!(r
        .reason
        .starts_with("These are Kelley Wall's roles, not yours."));
    assert_eq!(r.whose, "Kelley Wall");

    // Page text in a reason is cleaned: no control or bidi characters.
    let r = verdict(&reading_for("Global Reader\u{202E}\u{0007}x", Who::Me));
    assert!(!r.reason.contains("\u{202E}") && !r.reason.contains("\u{0007}"));
}

#[test]
fn same_person_rules() {
    let acct = Account {
        display_name: None,
        principal_name: Some("Megan@Contoso.com".into()),
        tenant: None,
    };
    let by_upn = Subject {
        display_name: Some("X".into()),
        principal_name: Some("megan@contoso.com".into()),
    };
    assert_eq!(same_person(&by_upn, &acct), Some(true));
    let by_name = Subject {
        display_name: Some("Megan Bowen".into()),
        principal_name: None,
    };
    assert_eq!(same_person(&by_name, &acct), None);
    let acct2 = Account {
        display_name: Some("megan  bowen".into()),
        ..Account::default()
    };
    assert_eq!(same_person(&by_name, &acct2), Some(true));
    let kelley = Subject {
        display_name: Some("Kelley Wall".into()),
        principal_name: None,
    };
    assert_eq!(same_person(&kelley, &acct2), Some(false));
}

// ---------------------------------------------------------------------------
// read() over hand-built query results
// ---------------------------------------------------------------------------

fn el(text: &str) -> ElementFacts {
    ElementFacts {
        tag: "div".into(),
        text: text.into(),
        name: text.into(),
        visible: true,
        ..ElementFacts::default()
    }
}

fn at(text: &str, x: f64, y: f64, w: f64, h: f64) -> ElementFacts {
    ElementFacts {
        rect: [x, y, w, h],
        ..el(text)
    }
}

fn tab(text: &str, selected: bool) -> ElementFacts {
    let mut attrs = crate::protocol::Attrs::new();
    attrs.insert("aria-selected".to_string(), selected.to_string());
    ElementFacts {
        role: "tab".into(),
        attrs,
        ..el(text)
    }
}

const PORTAL: &str = "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/1";

/// An Assigned roles grid laid out like a browser would: header band at
/// y=100, rows every 40 px, columns 200 px wide.
fn assigned_roles_grid(columns: &[&str], rows: &[&[&str]]) -> Vec<QueryResult> {
    use query_ids::*;
    let headers = columns
        .iter()
        .enumerate()
        .map(|(i, c)| at(c, i as f64 * 200.0, 100.0, 200.0, 32.0))
        .collect();
    let mut row_els = vec![at(&columns.join(" "), 0.0, 100.0, 1200.0, 32.0)];
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let y = 140.0 + r as f64 * 40.0;
        row_els.push(at(&row.join(" "), 0.0, y, 1200.0, 40.0));
        for (i, c) in row.iter().enumerate() {
            cells.push(at(c, i as f64 * 200.0 + 8.0, y + 4.0, 180.0, 32.0));
        }
    }
    vec![
        QueryResult::numbered(Q_AR_HEADERS, headers),
        QueryResult::numbered(Q_AR_ROWS, row_els),
        QueryResult::numbered(Q_AR_CELLS, cells),
    ]
}

/// `read` an Assigned roles page on `PORTAL` (at 5 ms), `account` signed in.
fn read_assigned(results: &[QueryResult], account: Option<&Account>) -> Option<RoleReading> {
    read(
        RoleSourceKind::EntraAssignedRoles,
        results,
        PORTAL,
        account,
        5.0,
    )
}

fn azure_account(upn: &str, display: Option<&str>) -> Account {
    Account {
        display_name: display.map(str::to_string),
        principal_name: Some(upn.to_string()),
        tenant: Some("CONTOSO".into()),
    }
}

#[test]
fn read_entra_assigned_roles_with_state_column() {
    use query_ids::*;
    let mut results = assigned_roles_grid(
        &["Role", "Description", "Scope", "Membership", "State", "End time"],
        &[
            &["Global Reader", "Can read everything that a Global Administrator can, but not update anything.", "Directory", "Direct", "Active", "Permanent"],
            &["Global Administrator", "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.", "Directory", "Direct", "Eligible", "Expires 12/31/2026"],
        ],
    );
    results.push(QueryResult::numbered(
        Q_AR_TITLE,
        vec![el("Home"), el("Kelley Wall | Assigned roles")],
    ));
    // (case, the signed-in account, `signed_in`: whether the profile is
    // theirs as far as Waymark can tell, whether the verdict is theirs)
    let cases = [
        (
            "Megan Bowen signed in",
            azure_account("megan@contoso.com", Some("Megan Bowen")),
            Some(false),
            false,
        ),
        // Kelley Wall herself (display name match).
        (
            "Kelley Wall signed in",
            azure_account("kelley@contoso.com", Some("Kelley Wall")),
            Some(true),
            true,
        ),
        // Account menu shows only the e-mail: whose-ness is unknown, not "yours".
        (
            "only an e-mail in the account menu",
            azure_account("kelley@contoso.com", None),
            None,
            false,
        ),
    ];
    for (case, account, signed_in, yours) in &cases {
        let r = read_assigned(&results, Some(account)).expect(case);
        assert_eq!(
            r.subject.display_name.as_deref(),
            Some("Kelley Wall"),
            "{case}"
        );
        assert_eq!(r.signed_in, *signed_in, "{case}");
        let v = verdict(&r);
        assert_eq!(v.verdict, Elig, "{case}");
        assert_eq!(v.about_signed_in_user, *yours, "{case}");
    }
    // What is read, with Megan Bowen signed in.
    let r = read_assigned(&results, Some(&cases[0].1)).unwrap();
    assert_eq!(r.roles.len(), 2);
    assert_eq!(r.roles[0].canonical, None);
    assert_eq!(r.roles[0].assignment, Assignment::Active);
    assert_eq!(r.roles[1].canonical, Some(GA));
    assert_eq!(r.roles[1].assignment, Assignment::Eligible);
    assert_eq!(r.page, "portal.azure.com");
    assert_eq!(r.read_at_ms, 5.0);
    assert!(verdict(&r)
        .reason
        .starts_with("These are Kelley Wall's roles, not yours."));
}

#[test]
fn read_entra_assigned_roles_pim_tabs_and_no_rects() {
    use query_ids::*;
    // No boxes (all zero): cells grouped by the number of column headers.
    let headers = vec![
        el("Role"),
        el("Principal name"),
        el("Scope"),
        el("Membership"),
        el("Start time"),
        el("End time"),
    ];
    let cells = [
        "Billing Administrator",
        "kelley@contoso.com",
        "Directory",
        "Direct",
        "1/1/2026",
        "Permanent",
        "Global Reader",
        "kelley@contoso.com",
        "Directory",
        "Group",
        "1/1/2026",
        "Permanent",
    ]
    .iter()
    .map(|t| el(t))
    .collect();
    let base = vec![
        QueryResult::numbered(Q_AR_HEADERS, headers),
        QueryResult::numbered(Q_AR_CELLS, cells),
        QueryResult::numbered(Q_AR_TITLE, vec![el("Assigned roles")]),
        QueryResult::numbered(
            Q_AR_CRUMBS,
            vec![el("Home"), el("Users"), el("Kelley Wall")],
        ),
    ];
    // (case, the tabs shown and whether each is selected, the state of the
    // first row, the verdict)
    type Tabs<'a> = &'a [(&'a str, bool)];
    let cases: &[(&str, Tabs, Assignment, Verdict)] = &[
        (
            "eligible tab",
            &[
                ("Eligible assignments", true),
                ("Active assignments", false),
                ("Expired assignments", false),
            ],
            Assignment::Eligible,
            Elig,
        ),
        (
            "active tab",
            &[
                ("Eligible assignments", false),
                ("Active assignments", true),
            ],
            Assignment::Active,
            Yes,
        ),
        (
            "expired tab",
            &[("Expired assignments", true)],
            Assignment::Expired,
            No,
        ),
    ];
    for (case, tabs, state, want) in cases {
        let mut results = base.clone();
        let tabs = tabs.iter().map(|(t, selected)| tab(t, *selected)).collect();
        results.push(QueryResult::numbered(Q_AR_TABS, tabs));
        let r = read_assigned(&results, None).expect(case);
        assert_eq!(
            r.subject.display_name.as_deref(),
            Some("Kelley Wall"),
            "{case}"
        );
        assert_eq!(r.roles.len(), 2, "{case}");
        assert_eq!(r.roles[0].canonical, Some(BA), "{case}");
        assert_eq!(r.roles[0].assignment, *state, "{case}");
        assert_eq!(verdict(&r).verdict, *want, "{case}");
    }
}

#[test]
fn read_entra_assigned_roles_hidden_panel_truncation_empty_and_absent() {
    use query_ids::*;
    fn cells_of(results: &mut [QueryResult]) -> &mut QueryResult {
        results
            .iter_mut()
            .find(|r| r.id == Q_AR_CELLS)
            .expect("cells")
    }
    let global_reader =
        || assigned_roles_grid(&["Role", "Description"], &[&["Global Reader", "Reads."]]);
    let mut hidden_panel = global_reader();
    let mut hidden = at("Global Administrator", 8.0, 500.0, 180.0, 32.0);
    hidden.visible = false;
    let cells = cells_of(&mut hidden_panel);
    cells.items.push(hidden);
    cells.count += 1;
    let mut truncated = global_reader();
    cells_of(&mut truncated).count = 120;
    let empty_with_message = vec![
        QueryResult::numbered(Q_AR_HEADERS, vec![el("Role"), el("Description")]),
        QueryResult::numbered(Q_AR_ROWS, vec![el("Role Description")]),
        QueryResult::numbered(Q_AR_CELLS, vec![]),
        QueryResult::numbered(Q_AR_EMPTY, vec![el("No role assignments found")]),
    ];
    let still_loading = vec![
        QueryResult::numbered(Q_AR_HEADERS, vec![el("Role")]),
        QueryResult::numbered(Q_AR_CELLS, vec![]),
    ];
    // (case, the answers, the verdict, every cell described, the grid
    // says there are none)
    let cases = [
        (
            "cells of a hidden tab panel are ignored",
            hidden_panel,
            No,
            true,
            false,
        ),
        (
            "more cells on the page than were described: cannot conclude no",
            truncated,
            Unk,
            false,
            false,
        ),
        (
            "empty grid with its message: no roles",
            empty_with_message,
            No,
            true,
            true,
        ),
        (
            "empty grid without a message (still loading)",
            still_loading,
            Unk,
            true,
            false,
        ),
    ];
    for (case, results, want, complete, says_no_roles) in &cases {
        let r = read_assigned(results, None).expect(case);
        assert_eq!(verdict(&r).verdict, *want, "{case}");
        assert_eq!(r.complete, *complete, "{case}");
        assert_eq!(r.says_no_roles, *says_no_roles, "{case}");
    }
    // Not a roles grid: the users list (no Role column), or nothing.
    let users_list = assigned_roles_grid(
        &["Display name", "User principal name"],
        &[&["Global Administrator", "x@y"]],
    );
    for (case, results) in [("the users list", users_list), ("nothing", vec![])] {
        assert!(read_assigned(&results, None).is_none(), "{case}");
    }
}

#[test]
fn read_entra_assigned_roles_leading_check_cell() {
    use query_ids::*;
    // No boxes, one unlabelled selection cell before each row's cells.
    let results = vec![
        QueryResult::numbered(Q_AR_HEADERS, vec![el("Role"), el("Description")]),
        QueryResult::numbered(
            Q_AR_ROWS,
            vec![
                el("Role Description"),
                el("Billing Administrator Makes purchases"),
                el("Global Reader Reads"),
            ],
        ),
        QueryResult::numbered(
            Q_AR_CELLS,
            [
                "",
                "Billing Administrator",
                "Makes purchases",
                "",
                "Global Reader",
                "Reads",
            ]
            .iter()
            .map(|t| el(t))
            .collect(),
        ),
    ];
    let r = read_assigned(&results, None).unwrap();
    assert_eq!(
        r.roles.iter().filter(|x| x.canonical == Some(BA)).count(),
        1,
        "{r:?}"
    );
    assert_eq!(verdict(&r).verdict, Yes);
}

#[test]
fn read_your_role() {
    use query_ids::*;
    let mut results = vec![
        QueryResult::numbered(
            Q_YR_TITLE,
            vec![el("Roles and administrators"), el("Your Role")],
        ),
        QueryResult::numbered(
            Q_YR_HEADERS,
            vec![
                at("Role", 0.0, 0.0, 300.0, 30.0),
                at("Description", 300.0, 0.0, 600.0, 30.0),
            ],
        ),
        QueryResult::numbered(
            Q_YR_CELLS,
            vec![
                at("Billing Administrator", 5.0, 40.0, 290.0, 30.0),
                at(
                    "Can perform common billing related tasks like updating payment information.",
                    305.0,
                    40.0,
                    590.0,
                    30.0,
                ),
            ],
        ),
    ];
    let me = azure_account("megan@contoso.com", None);
    let r = read(
        RoleSourceKind::EntraYourRole,
        &results,
        "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/RolesManagementMenuBlade/~/AllRoles",
        Some(&me),
        0.0,
    )
    .unwrap();
    assert_eq!(r.signed_in, Some(true));
    assert_eq!(r.page, "entra.microsoft.com");
    let v = verdict(&r);
    assert_eq!(v.verdict, Yes);
    assert!(v.about_signed_in_user);
    assert_eq!(v.whose, "you (megan@contoso.com)");

    let on_the_portal = |results: &[QueryResult]| {
        read(
            RoleSourceKind::EntraYourRole,
            results,
            PORTAL,
            Some(&me),
            0.0,
        )
    };
    // Without a "Your Role" title or heading the source is absent.
    results.remove(0);
    assert!(on_the_portal(&results).is_none());
    // The heading inside the blade frame is enough.
    results.push(QueryResult::numbered(Q_YR_HEADING, vec![el("Your Role")]));
    assert!(on_the_portal(&results).is_some());
}

fn m365(name: &str, section_text: &str) -> Vec<QueryResult> {
    use query_ids::*;
    let outer = format!(
        "Account Devices Licenses and apps Username and email {} Groups Sales {}",
        "x".repeat(80),
        section_text
    );
    let outer: String = outer.chars().take(200).collect();
    vec![
        QueryResult::numbered(Q_M365_NAME, vec![el(name)]),
        QueryResult::numbered(
            Q_M365_SECTION,
            vec![el(&outer), el(section_text), el("Manage roles")],
        ),
    ]
}

/// `read` the admin center's details of `name` at `url`, Megan Bowen
/// signed in.
fn read_m365(url: &str, name: &str, section_text: &str) -> Option<RoleReading> {
    let me = Account {
        display_name: Some("Megan Bowen".into()),
        principal_name: Some("megan@contoso.com".into()),
        tenant: None,
    };
    read(
        RoleSourceKind::M365UserRoles,
        &m365(name, section_text),
        url,
        Some(&me),
        0.0,
    )
}

#[test]
fn read_m365_user_roles() {
    let url = "https://admin.microsoft.com/#/users/:/UserDetails/abc";
    let reading = |name: &str, text: &str| read_m365(url, name, text);
    // (whose details, the Roles section, the verdict)
    let cases = [
        (
            "Kelley Wall",
            "Roles Global Administrator Manage roles",
            Yes,
        ),
        (
            "Megan Bowen",
            "Roles Billing Administrator, Exchange Administrator Manage roles",
            Yes,
        ),
        (
            "Megan Bowen",
            "Roles No administrator access Manage roles",
            No,
        ),
        // Names run together without separators: do not guess.
        (
            "Megan Bowen",
            "Roles Billing Administrator Global Reader Manage roles",
            Unk,
        ),
        ("Megan Bowen", "Roles Global Reader Manage roles", No),
    ];
    for (name, text, want) in cases {
        let r = reading(name, text).unwrap_or_else(|| panic!("{text}: no reading"));
        assert_eq!(r.page, "admin.microsoft.com", "{text}");
        assert_eq!(r.signed_in, Some(name == "Megan Bowen"), "{text}");
        let v = verdict(&r);
        assert_eq!(v.verdict, want, "{text}");
        assert_eq!(v.about_signed_in_user, name == "Megan Bowen", "{text}");
    }
    let r = reading("Kelley Wall", "Roles Global Administrator Manage roles").unwrap();
    assert_eq!(r.roles.len(), 1);
    assert_eq!(r.roles[0].canonical, Some(GA));
    assert!(verdict(&r)
        .reason
        .starts_with("These are Kelley Wall's roles, not yours."));
    // "Roles" must be a word of its own.
    assert!(reading("Megan Bowen", "Rolesmith Manage roles").is_none());
}

/// The German admin center (issue 11): the flyout's "Rollen <value> Rollen
/// verwalten", German role names (roles/locales.rs), "Kein
/// Administratorzugriff", and the German account manager's label.
#[test]
fn read_m365_user_roles_in_german() {
    let url = "https://admin.microsoft.com/?lang=de-de#/users/:/UserDetails/abc";
    let verdict_of = |name: &str, text: &str| {
        read_m365(url, name, text).map(|r| (verdict(&r).verdict, r.signed_in))
    };
    let cases = [
        (
            "Kelley Wall",
            "Rollen Globaler Administrator Rollen verwalten",
            Yes,
        ),
        (
            "Megan Bowen",
            "Rollen Rechnungsadministrator, Exchange-Administrator Rollen verwalten",
            Yes,
        ),
        (
            "Megan Bowen",
            "Rollen Kein Administratorzugriff Rollen verwalten",
            No,
        ),
        (
            "Megan Bowen",
            "Rollen Benutzer (kein Administratorzugriff) Rollen verwalten",
            No,
        ),
        ("Megan Bowen", "Rollen Globaler Leser Rollen verwalten", No),
        // Look-alikes of a qualifying name never qualify.
        (
            "Megan Bowen",
            "Rollen Globaler Administrator-Rolle Rollen verwalten",
            No,
        ),
        (
            "Megan Bowen",
            "Rollen Stellvertretender Rechnungsadministrator Rollen verwalten",
            No,
        ),
    ];
    for (name, text, want) in cases {
        let (got, signed_in) =
            verdict_of(name, text).unwrap_or_else(|| panic!("{text}: no reading"));
        assert_eq!(got, want, "{text}");
        assert_eq!(signed_in, Some(name == "Megan Bowen"), "{text}");
    }
    // "Rollen" must be a word of its own, and the link must end the section.
    assert!(verdict_of("Megan Bowen", "Rollenspiel Rollen verwalten").is_none());
    assert!(verdict_of("Megan Bowen", "Rollen Globaler Administrator").is_none());

    assert_eq!(
        account_manager_named("Konto-Manager f\u{fc}r Megan Bowen").as_deref(),
        Some("Megan Bowen")
    );
}

/// The display name read from the admin center's account manager button
/// labelled `label`.
fn account_manager_named(label: &str) -> Option<String> {
    let mut button = el("");
    button.attrs.insert("aria-label".into(), label.into());
    let results = [QueryResult::numbered(
        query_ids::Q_ACCOUNT_M365_BUTTON,
        vec![button],
    )];
    read_account(AccountSourceKind::M365AccountManager, &results)
        .expect("an account")
        .display_name
}

#[test]
fn read_legacy_2017() {
    use query_ids::*;
    let url = "https://portal.azure.com/#blade/x";
    let text = |t: &str| {
        vec![
            QueryResult::numbered(
                Q_LEGACY_TITLE,
                vec![el("Kelley Wall"), el("Directory role")],
            ),
            QueryResult::numbered(
                Q_LEGACY_FIELD,
                vec![el(&format!("Profile Name Kelley Wall {t}")), el(t)],
            ),
        ]
    };
    let legacy = |field: &str| {
        read(RoleSourceKind::Legacy2017, &text(field), url, None, 0.0)
            .unwrap_or_else(|| panic!("{field}: nothing read"))
    };
    let r = legacy("ORGANIZATIONAL ROLE Global administrator");
    assert_eq!(r.subject.display_name.as_deref(), Some("Kelley Wall"));
    assert_eq!(verdict(&r).verdict, Yes);
    for (field, expected) in [
        (
            "Directory role Limited administrator Billing administrator Password administrator",
            Yes,
        ),
        (
            "Directory role: Limited administrator > Billing administrator",
            Yes,
        ),
        ("ORGANIZATIONAL ROLE User", No),
        (
            "Directory role Limited administrator Password administrator",
            No,
        ),
    ] {
        assert_eq!(verdict(&legacy(field)).verdict, expected, "{field}");
    }
    // Limited administrator alone: unknown, and the reason names what was
    // read, not "no role could be read".
    let unknown_limited = |r: &RoleReading| {
        let v = verdict(r);
        assert_eq!(v.verdict, Unk, "{r:?}");
        assert!(
            v.reason.contains("'Limited administrator'")
                && v.reason.contains("limited administrator roles"),
            "{}",
            v.reason
        );
    };
    unknown_limited(&legacy("ORGANIZATIONAL ROLE Limited administrator"));

    // The choice form: checked radio + checkboxes; "No" (block sign-in) ignored.
    let choices = vec![
        QueryResult::numbered(Q_LEGACY_TITLE, vec![el("Megan Bowen")]),
        QueryResult::numbered(
            Q_LEGACY_CHECKED,
            vec![
                el("No"),
                el("Limited administrator"),
                el("Billing administrator"),
            ],
        ),
    ];
    let me = Account {
        display_name: Some("Megan Bowen".into()),
        ..Account::default()
    };
    let r = read(RoleSourceKind::Legacy2017, &choices, url, Some(&me), 0.0).unwrap();
    assert_eq!(r.signed_in, Some(true));
    assert_eq!(verdict(&r).verdict, Yes);
    let only_limited = vec![QueryResult::numbered(
        Q_LEGACY_CHECKED,
        vec![el("Limited administrator")],
    )];
    let r = read(RoleSourceKind::Legacy2017, &only_limited, url, None, 0.0).unwrap();
    assert!(!r.complete);
    unknown_limited(&r);
    let only_no = vec![QueryResult::numbered(Q_LEGACY_CHECKED, vec![el("No")])];
    assert!(read(RoleSourceKind::Legacy2017, &only_no, url, None, 0.0).is_none());
}

#[test]
fn read_accounts() {
    use query_ids::*;
    let azure = vec![
        QueryResult::numbered(Q_ACCOUNT_AZURE_USER, vec![el("megan@contoso.com")]),
        QueryResult::numbered(Q_ACCOUNT_AZURE_TENANT, vec![el("CONTOSO")]),
    ];
    let a = read_account(AccountSourceKind::AzurePortalAvatarMenu, &azure).unwrap();
    assert_eq!(a.principal_name.as_deref(), Some("megan@contoso.com"));
    assert_eq!(a.tenant.as_deref(), Some("CONTOSO"));
    assert_eq!(a.key().as_deref(), Some("megan@contoso.com"));

    let m = vec![
        QueryResult::numbered(Q_ACCOUNT_M365_PRIMARY, vec![el("Megan Bowen")]),
        QueryResult::numbered(Q_ACCOUNT_M365_SECONDARY, vec![el("megan@contoso.com")]),
    ];
    let a = read_account(AccountSourceKind::M365AccountManager, &m).unwrap();
    assert_eq!(a.display_name.as_deref(), Some("Megan Bowen"));
    assert_eq!(a.principal_name.as_deref(), Some("megan@contoso.com"));

    assert_eq!(
        account_manager_named("Account manager for Megan Bowen").as_deref(),
        Some("Megan Bowen")
    );
    assert!(read_account(AccountSourceKind::AzurePortalAvatarMenu, &[]).is_none());
}

#[test]
fn source_definitions_are_well_formed() {
    let mut ids = std::collections::BTreeSet::new();
    for s in sources() {
        assert!(!s.hosts.is_empty());
        for q in s.queries {
            assert!(ids.insert(q.id), "duplicate query id {}", q.id);
            assert!(q.limit >= 1 && q.limit <= MAX_QUERY_ITEMS, "{}", q.id);
            let query = q.to_query();
            let json = serde_json::to_string(&query).unwrap();
            let back: crate::protocol::Query = serde_json::from_str(&json).unwrap();
            assert_eq!(back, query);
            // text_any is compared lower-cased by the content script.
            assert!(q.text_any.iter().all(|t| t == &t.to_lowercase()));
        }
    }
    for s in account_sources() {
        for q in s.queries {
            assert!(ids.insert(q.id), "duplicate query id {}", q.id);
            assert!(q.limit <= MAX_QUERY_ITEMS);
        }
    }
    for kind in [
        RoleSourceKind::EntraAssignedRoles,
        RoleSourceKind::EntraYourRole,
        RoleSourceKind::M365UserRoles,
        RoleSourceKind::Legacy2017,
    ] {
        assert!(source(kind).is_some());
    }
    assert_eq!(sources_for_url("https://portal.azure.com/#home").len(), 3);
    assert_eq!(
        sources_for_url("https://admin.microsoft.com/#/users").len(),
        2
    );
    assert!(sources_for_url("https://login.microsoftonline.com/").is_empty());
    assert_eq!(
        account_sources_for_url("https://admin.cloud.microsoft/#/homepage").len(),
        1
    );
    assert_eq!(
        host("https://user:pw@Portal.Azure.com:443/x#y"),
        "portal.azure.com"
    );
    assert_eq!(
        page_label("https://sandbox-1.reactblade.portal.azure.net/x"),
        "the Azure portal"
    );
    assert_eq!(page_label("not a url <script>"), "the page");
}

/// Deterministic xorshift so the fuzz test needs no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn no_panic_on_arbitrary_input() {
    let pool: Vec<char> = "Global Administrator Billing admin Limited > › : - · • | , ; ( ) [ ] \u{00A0}\u{200B}\u{202E}\u{0000}\u{E70F}é漢😀\n\r\tⓘ"
        .chars()
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = (rng.next() % 80) as usize;
        let s: String = (0..len)
            .map(|_| pool[(rng.next() % pool.len() as u64) as usize])
            .collect();
        let _ = canonical_role(&s);
        let _ = split_known_run(&s);
        let _ = verdict(&reading_for(&s, Who::Me));
        // Random facts into every reader.
        let mut e = el(&s);
        e.rect = [
            (rng.next() % 500) as f64,
            (rng.next() % 500) as f64,
            if rng.next().is_multiple_of(5) {
                f64::NAN
            } else {
                (rng.next() % 300) as f64
            },
            (rng.next() % 50) as f64,
        ];
        let results: Vec<QueryResult> = sources()
            .iter()
            .flat_map(|src| src.queries.iter())
            .chain(account_sources().iter().flat_map(|a| a.queries.iter()))
            .map(|q| QueryResult {
                id: q.id.to_string(),
                count: (rng.next() % 100) as u32,
                items: vec![e.clone(), el("Role"), tab(&s, true)],
            })
            .collect();
        for kind in [
            RoleSourceKind::EntraAssignedRoles,
            RoleSourceKind::EntraYourRole,
            RoleSourceKind::M365UserRoles,
            RoleSourceKind::Legacy2017,
            RoleSourceKind::Text,
        ] {
            if let Some(r) = read(kind, &results, &s, None, f64::NAN) {
                let _ = verdict(&r);
            }
        }
        let _ = read_account(AccountSourceKind::AzurePortalAvatarMenu, &results);
        let _ = read_account(AccountSourceKind::M365AccountManager, &results);
    }
}

#[test]
fn display_text_is_collapsed_cleaned_and_capped() {
    use super::verdict::clean_for_display;
    assert_eq!(
        clean_for_display("  Kelley\u{200B} \n\t Wall\u{202E} "),
        "Kelley Wall"
    );
    let shown = clean_for_display(&"a".repeat(130));
    assert_eq!(shown.chars().count(), 121);
    assert!(shown.ends_with("a…"));
    // The space before the 121st character counts; the cut comes after it.
    let shown = clean_for_display(&"ab ".repeat(100));
    assert_eq!(shown.chars().count(), 121);
    assert!(shown.ends_with(" …"), "{shown}");
    assert_eq!(
        super::names::normalize(" Global\u{00A0}Administrator\u{2011}x "),
        "global administrator-x"
    );
}

/// Issue 13 item 9: a custom Entra role named like a built-in never
/// qualifies by its name; the row's Type ("Built-in role" / "Custom role")
/// and a template id in the role's link decide where the page shows them.
#[test]
fn custom_roles_named_like_built_ins() {
    const GA_LINK: &str = "#view/Microsoft_AAD_IAM/RoleMenuBlade/~/RoleMembers/objectId/62e90394-69f5-4237-9190-012177145e10/roleName/Global%20Admin/roleTemplateId/62e90394-69f5-4237-9190-012177145e10";
    const CUSTOM_LINK: &str = "#view/Microsoft_AAD_IAM/RoleMenuBlade/~/RoleMembers/roleTemplateId/5d1b2a3c-0000-4abc-8def-0123456789ab";
    // (role name, Type cell, the role's link, expected canonical role)
    let cases: &[(&str, &str, Option<&str>, Option<CanonicalRole>)] = &[
        // By name alone: only the built-ins' own names.
        ("Global Admin", "", None, None),
        ("Global Administrator role", "", None, None),
        ("Global Administrator (custom)", "", None, None),
        ("Billing admin", "", None, None),
        ("Billing Administrator role", "", None, None),
        ("Global Administrator", "", None, Some(GA)),
        ("Billing Administrator", "", None, Some(BA)),
        // The row says Custom: nothing qualifies, whatever the name.
        ("Global Administrator", "Custom role", None, None),
        ("Billing Administrator", "Custom", None, None),
        ("Global Admin", "Custom role", None, None),
        // The row says Built-in: a short form is the built-in.
        ("Global Admin", "Built-in role", None, Some(GA)),
        ("Billing admin", "Built-in role", None, Some(BA)),
        ("Global Administrator role", "Built-in role", None, Some(GA)),
        ("Global Administrator", "Built-in role", None, Some(GA)),
        ("Global Reader", "Built-in role", None, None),
        ("Global Administrator (custom)", "Built-in role", None, None),
        // A template id decides by id.
        ("Global Admin", "", Some(GA_LINK), Some(GA)),
        ("Global Administrator", "", Some(CUSTOM_LINK), None),
        (
            "Global Administrator",
            "Built-in role",
            Some(CUSTOM_LINK),
            None,
        ),
    ];
    let me = azure_account("megan@contoso.com", Some("Megan Bowen"));
    let mut failures = Vec::new();
    for (name, kind, link, want) in cases {
        let mut results = assigned_roles_grid(
            &["Role", "Description", "Type"],
            &[&[name, "Can do things.", kind]],
        );
        if let Some(href) = link {
            let cells = results
                .iter_mut()
                .find(|r| r.id == query_ids::Q_AR_CELLS)
                .expect("cells");
            cells.items[0].attrs.insert("href".into(), (*href).into());
        }
        let r = read_assigned(&results, Some(&me)).expect("a reading");
        let got = r.roles.first().and_then(|role| role.canonical);
        if got != *want {
            failures.push(format!(
                "{name:?} / {kind:?} / {link:?}: got {got:?}, want {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn role_pages_are_recognised_whatever_the_case_of_their_route() {
    let page = |url: &str| {
        sources_for_page(url)
            .iter()
            .map(|s| s.kind)
            .collect::<Vec<_>>()
    };
    let assigned = "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/1";
    assert!(!page(assigned).is_empty());
    assert_eq!(
        page(assigned),
        page(
            &assigned
                .to_ascii_uppercase()
                .replace("HTTPS://PORTAL.AZURE.COM", "https://portal.azure.com")
        )
    );
    assert_eq!(page(assigned), page(&assigned.to_ascii_lowercase()));
    assert!(page("https://portal.azure.com/#home").is_empty());
    assert!(page("https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview").is_empty());
}

#[test]
fn url_hints_are_written_lower_case() {
    // sources_for_page lower-cases the URL only: a hint with a capital
    // letter would never match.
    for s in sources() {
        for h in s.url_hints {
            assert_eq!(*h, h.to_ascii_lowercase(), "{:?}", s.kind);
        }
    }
}
