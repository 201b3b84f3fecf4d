//! Role verdicts reached through the engine API only (from_page Hello /
//! Observed with hand-built ElementFacts shaped like each role page, as
//! content.js would describe the replicas), without and with a guide.

use super::tests::{FakePage as Page, Harness};
use crate::engine::Engine;
use crate::protocol::{ElementFacts, Mark, MarkKind, PanelView, Verdict};
use crate::roles::query_ids as q;
use serde_json::json;

const PORTAL_AR: &str = "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/2d4e";
const PORTAL_ROLES: &str = "https://portal.azure.com/#view/Microsoft_AAD_IAM/AllRolesBlade";
const BLADE: &str =
    "https://sandbox-1.reactblade.portal.azure.net/ReactView/Index?view=AssignedRoles";
const M365_USER: &str = "https://admin.microsoft.com/#/users/:/UserDetails/9b6c";
const LEGACY: &str =
    "https://portal.azure.com/?layout=2017#blade/Microsoft_AAD_IAM/UserDetailsMenuBlade/DirectoryRole/userId/2d4e";
const MEGAN: &str = "megan@contoso.onmicrosoft.com";
const MINUTE: f64 = 60_000.0;

fn fx(tag: &str, role: &str, text: &str, rect: [f64; 4]) -> ElementFacts {
    ElementFacts {
        tag: tag.into(),
        role: role.into(),
        name: text.into(),
        text: text.into(),
        attrs: Default::default(),
        visible: true,
        rect,
        index: 0,
    }
}

const HEADER: &str = "[role=\"columnheader\"]";
const ROW: &str = "[role=\"row\"]";
const CELL: &str = "[role=\"gridcell\"]";
const TAB: &str = "[role=\"tab\"]";
const DIALOG: &str = "[role=\"dialog\"]";

/// A Fluent DetailsList: header row, then one row per entry; columns 150px
/// wide from `x`, rows 40px high from `y`.
fn grid(mut p: Page, in_pane: bool, x: f64, y: f64, cols: &[&str], rows: &[&[&str]]) -> Page {
    let w = 150.0;
    let width = w * cols.len() as f64;
    let lines = std::iter::once((HEADER, "columnheader", cols))
        .chain(rows.iter().map(|cells| (CELL, "gridcell", *cells)));
    for (r, (selector, role, cells)) in lines.enumerate() {
        let ry = y + 40.0 * r as f64;
        p = p.with_in(
            &[ROW],
            in_pane,
            fx("div", "row", &cells.join(" "), [x, ry, width, 40.0]),
        );
        for (i, c) in cells.iter().enumerate() {
            p = p.with_in(
                &[selector],
                in_pane,
                fx("div", role, c, [x + w * i as f64, ry, w, 40.0]),
            );
        }
    }
    p
}

fn portal_top(title: &str, account: &str) -> Page {
    Page::default()
        .with_in(
            &[".fxs-avatarmenu-username"],
            false,
            fx("div", "", account, [900.0, 0.0, 200.0, 20.0]),
        )
        .with_in(
            &[".fxs-avatarmenu-tenant"],
            false,
            fx("div", "", "CONTOSO", [900.0, 20.0, 200.0, 20.0]),
        )
        .with_in(
            &[".fxs-breadcrumb-crumb"],
            false,
            fx("a", "link", "Home", [0.0, 40.0, 50.0, 20.0]),
        )
        .with_in(
            &[".fxs-blade-title-titleText", "h2"],
            false,
            fx("h2", "heading", title, [0.0, 70.0, 400.0, 30.0]),
        )
}

/// A grid at (0, 100) under `cols`, one row per role: the role, then `rest`.
fn role_grid(p: Page, cols: &[&str], roles: &[&str], rest: &[&str]) -> Page {
    let rows: Vec<Vec<&str>> = roles
        .iter()
        .map(|r| std::iter::once(*r).chain(rest.iter().copied()).collect())
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    grid(p, false, 0.0, 100.0, cols, &rows)
}

/// The Assigned roles blade of the profile of `user` (no PIM).
fn assigned_roles(roles: &[&str]) -> Page {
    let cols = [
        "Role",
        "Description",
        "Resource Name",
        "Resource Type",
        "Assignment path",
    ];
    let rest = ["Can do things.", "Directory", "Directory", "Direct"];
    let mut p = role_grid(Page::default(), &cols, roles, &rest);
    if roles.is_empty() {
        p = p.with_in(
            &["div"],
            false,
            fx("div", "status", "No results", [0.0, 140.0, 300.0, 20.0]),
        );
    }
    p
}

/// The PIM variant: tabs, the Eligible assignments tab selected.
fn assigned_roles_pim_eligible(roles: &[&str]) -> Page {
    let mut p = Page::default();
    for (i, t) in [
        "Eligible assignments",
        "Active assignments",
        "Expired assignments",
    ]
    .iter()
    .enumerate()
    {
        let mut e = fx("button", "tab", t, [150.0 * i as f64, 60.0, 150.0, 30.0]);
        e.attrs.insert("aria-selected".into(), (i == 0).to_string());
        p = p.with_in(&[TAB], false, e);
    }
    let cols = [
        "Role",
        "Description",
        "Resource Name",
        "Membership",
        "Action",
    ];
    let rest = ["Can do things.", "Directory", "Direct", "Activate"];
    role_grid(p, &cols, roles, &rest)
}

/// Roles and administrators with the Your Role pane open over the
/// catalogue of all roles (as the replica renders it, in one frame).
fn your_role_pane(roles: &[(&str, &str)]) -> Page {
    let catalogue: Vec<[&str; 4]> = [
        "Billing Administrator",
        "Global Administrator",
        "Global Reader",
        "User Administrator",
    ]
    .iter()
    .map(|n| ["", *n, "Built-in role.", "Built-in role"])
    .collect();
    let catalogue: Vec<&[&str]> = catalogue.iter().map(|r| r.as_slice()).collect();
    let mut p = grid(
        Page::default(),
        false,
        0.0,
        100.0,
        &["", "Role", "Description", "Type"],
        &catalogue,
    );
    p = p
        .with_in(
            &[DIALOG],
            true,
            fx("div", "dialog", "Your Role ...", [600.0, 0.0, 500.0, 600.0]),
        )
        .with_in(
            &["h2"],
            true,
            fx("h2", "heading", "Your Role", [610.0, 10.0, 300.0, 30.0]),
        );
    if roles.is_empty() {
        return p.with_in(
            &["div"],
            true,
            fx(
                "div",
                "status",
                "You have no administrative roles assigned.",
                [610.0, 80.0, 400.0, 20.0],
            ),
        );
    }
    let rows: Vec<[&str; 3]> = roles
        .iter()
        .map(|(n, t)| [*n, "Does things.", *t])
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    grid(
        p,
        true,
        610.0,
        80.0,
        &["Role", "Description", "Assignment type"],
        &rows,
    )
}

/// Microsoft 365 admin center: user details flyout, Account tab.
fn m365_user(signed_in: &str, shown: &str, roles: &str) -> Page {
    let mut me = fx("button", "button", "KW", [900.0, 0.0, 40.0, 40.0]);
    me.attrs.insert(
        "aria-label".into(),
        format!("Account manager for {signed_in}"),
    );
    me.name = format!("Account manager for {signed_in}");
    let section = format!("Roles {roles} Manage roles");
    Page::default()
        .with_in(&["#O365_MainLink_Me"], false, me)
        .with_in(
            &["[role=\"dialog\"] h2"],
            false,
            fx("h2", "heading", shown, [500.0, 20.0, 300.0, 30.0]),
        )
        .with_in(
            &["[role=\"dialog\"] div"],
            false,
            fx(
                "div",
                "",
                &format!("{shown} Account Devices {section}"),
                [500.0, 0.0, 500.0, 800.0],
            ),
        )
        .with_in(
            &["[role=\"dialog\"] div"],
            false,
            fx("div", "", &section, [500.0, 200.0, 400.0, 80.0]),
        )
        .with_in(
            &["[role=\"dialog\"] div"],
            false,
            fx("div", "", roles, [500.0, 220.0, 400.0, 20.0]),
        )
}

const FIND_YOUR_ROLE: &str = "find-your-role";
const ALL_ROLES: &str = "Roles and administrators | All roles";

/// A test harness around `tests::Harness` (whose `hello`, `answer`,
/// `panel` and `record` it lends), answering with `Page`s.
struct T {
    h: Harness,
}

impl std::ops::Deref for T {
    type Target = Harness;
    fn deref(&self) -> &Harness {
        &self.h
    }
}

impl std::ops::DerefMut for T {
    fn deref_mut(&mut self) -> &mut Harness {
        &mut self.h
    }
}

impl T {
    /// A browser where a guide runs (Guide C), so role pages carry badges.
    fn new() -> T {
        let mut t = T::unguided();
        t.start(FIND_YOUR_ROLE);
        t
    }

    /// A browser where no guide runs: roles are read for the panel, but the
    /// page carries no Waymark marker.
    fn unguided() -> T {
        T { h: Harness::new() }
    }

    /// A guided browser (`T::new`) whose portal tab 1 shows `top` and
    /// `blade` at `url`.
    fn on_portal_with(url: &str, top: &Page, blade: &Page) -> T {
        let mut t = T::new();
        t.portal(1, url, top, blade);
        t
    }

    /// `T::on_portal_with` the top bar of `title`, Megan Bowen signed in.
    fn on_portal(url: &str, title: &str, blade: &Page) -> T {
        T::on_portal_with(url, &portal_top(title, MEGAN), blade)
    }

    /// `T::on_portal` on Roles and administrators, the Your Role pane open
    /// listing `roles` (name, assignment type).
    fn on_your_role_pane(roles: &[(&str, &str)]) -> T {
        T::on_portal(PORTAL_ROLES, ALL_ROLES, &your_role_pane(roles))
    }

    /// A portal tab: top frame and one blade frame.
    fn portal(&mut self, tab: i64, url: &str, top: &Page, blade: &Page) {
        self.hello(tab, 0, url);
        self.hello(tab, 5, BLADE);
        self.answer(tab, 0, url, top);
        self.answer(tab, 5, BLADE, blade);
        // The top frame's answers may have changed the blade's queries.
        self.answer(tab, 5, BLADE, blade);
    }

    fn view(&self) -> PanelView {
        self.h.view.clone().expect("a panel view was sent")
    }

    fn badges(&self, tab: i64, frame: i64) -> Vec<Mark> {
        self.h
            .frames
            .get(&(tab, frame))
            .and_then(|f| f.overlay.clone())
            .map(|o| {
                o.marks
                    .into_iter()
                    .filter(|m| m.kind == MarkKind::Verdict)
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[test]
fn without_a_guide_roles_are_read_for_the_panel_but_the_page_is_left_alone() {
    let mut t = T::unguided();
    let top = portal_top(ALL_ROLES, MEGAN);
    t.portal(
        1,
        PORTAL_ROLES,
        &top,
        &your_role_pane(&[("Billing Administrator", "Active")]),
    );
    let v = t
        .view()
        .verdict
        .expect("your verdict, read without a guide");
    assert_eq!(v.verdict, Verdict::Qualifies);
    assert!(t.badges(1, 5).is_empty(), "no badge on an unguided page");
    assert!(t.badges(1, 0).is_empty(), "no badge on an unguided page");
    // Starting a guide annotates the page that is already open (once its
    // frames answer the guide's new questions).
    t.start(FIND_YOUR_ROLE);
    let pane = your_role_pane(&[("Billing Administrator", "Active")]);
    t.answer(1, 0, PORTAL_ROLES, &top);
    t.answer(1, 5, BLADE, &pane);
    assert_eq!(t.badges(1, 5).len(), 1);
}

#[test]
fn your_role_pane_qualifies_and_ignores_the_catalogue() {
    // (case, the pane's roles, the verdict in the panel and on the badge).
    // Global Administrator is in the catalogue behind the pane every time:
    // the catalogue is not the user's.
    type PaneRoles<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(&str, PaneRoles, Verdict)] = &[
        (
            "billing administrator",
            &[("Billing Administrator", "Active")],
            Verdict::Qualifies,
        ),
        (
            "global reader",
            &[("Global Reader", "Active")],
            Verdict::DoesNotQualify,
        ),
        // Nothing assigned: the pane's message says so.
        ("nothing assigned", &[], Verdict::DoesNotQualify),
    ];
    for (case, roles, want) in cases {
        let t = T::on_your_role_pane(roles);
        let v = t.view().verdict.expect(case);
        assert_eq!(v.verdict, *want, "{case}");
        assert!(v.about_signed_in_user, "{case}");
        let b = t.badges(1, 5);
        assert_eq!(b.len(), 1, "{case}: {b:?}");
        assert_eq!(b[0].verdict, Some(*want), "{case}");
        // The badge's query is one the frame answers, so content.js finds it.
        assert!(
            t.frames[&(1, 5)].queries.iter().any(|x| x.id == b[0].query),
            "{case}: {}",
            b[0].query
        );
    }
    // What the panel and the badge say of the first.
    let t = T::on_your_role_pane(&[("Billing Administrator", "Active")]);
    let v = t.view().verdict.expect("your verdict");
    assert_eq!(v.roles_read, vec!["Billing Administrator".to_string()]);
    assert_eq!(v.read_on, "portal.azure.com");
    assert_eq!(v.summary, "Billing Administrator — qualifies");
    assert!(v.whose.starts_with("you"), "{}", v.whose);
    let b = t.badges(1, 5);
    assert_eq!(b[0].text, "You: Billing Administrator — qualifies");
    assert_eq!(b[0].query, q::Q_YR_PANE_HEADERS);
    assert_eq!(b[0].fingerprint.text, "Role");
}

#[test]
fn the_catalogue_alone_is_not_read_as_your_roles() {
    let mut blade = your_role_pane(&[("Billing Administrator", "Active")]);
    // Pane closed: only the catalogue remains.
    blade.elements.retain(|(_, in_pane, _)| !in_pane);
    let t = T::on_portal(PORTAL_ROLES, ALL_ROLES, &blade);
    let v = t.view();
    assert!(v.verdict.is_none() && v.other_verdict.is_none(), "{v:?}");
    assert!(t.badges(1, 5).is_empty());
}

#[test]
fn someone_elses_profile_is_labelled_and_never_your_verdict() {
    // Admin center: Megan is signed in and opens Kelley Wall.
    let mut t = T::new();
    let page = m365_user("Megan Bowen", "Kelley Wall", "Global Administrator");
    t.hello(3, 0, M365_USER);
    t.answer(3, 0, M365_USER, &page);
    let view = t.view();
    assert!(view.verdict.is_none(), "{:?}", view.verdict);
    let o = view.other_verdict.expect("someone else's reading");
    assert_eq!(o.verdict, Verdict::Qualifies);
    assert!(!o.about_signed_in_user);
    assert_eq!(o.whose, "Kelley Wall");
    assert_eq!(
        o.summary,
        "Kelley Wall: Global Administrator — qualifies (not you)"
    );
    let b = t.badges(3, 0);
    assert_eq!(b.len(), 1);
    assert_eq!(
        b[0].text,
        "Kelley Wall: Global Administrator — qualifies (not you)"
    );
    assert_eq!(b[0].query, q::Q_M365_SECTION);
    assert_eq!(
        b[0].fingerprint.text,
        "Roles Global Administrator Manage roles"
    );
    // The signed-in account came from the admin center's account manager.
    assert_eq!(view.account.unwrap().account, "Megan Bowen");

    // Her own details: now it is her verdict.
    let page = m365_user("Megan Bowen", "Megan Bowen", "Billing Administrator");
    t.answer(3, 0, M365_USER, &page);
    let view = t.view();
    assert_eq!(view.verdict.unwrap().verdict, Verdict::Qualifies);
    assert_eq!(
        t.badges(3, 0)[0].text,
        "You: Billing Administrator — qualifies"
    );
}

#[test]
fn a_profile_that_cannot_be_matched_with_the_account_stays_apart() {
    // The portal's account menu shows a UPN, the profile a display name:
    // Waymark cannot tell, so it says so and keeps it apart.
    let t = T::on_portal(
        PORTAL_AR,
        "Kelley Wall | Assigned roles",
        &assigned_roles(&["Global Administrator"]),
    );
    let view = t.view();
    assert!(view.verdict.is_none());
    let o = view.other_verdict.unwrap();
    assert_eq!(o.verdict, Verdict::Qualifies);
    assert!(o
        .summary
        .starts_with("Kelley Wall: Global Administrator — qualifies (Waymark could not tell"));
    let b = t.badges(1, 5);
    assert_eq!(b[0].query, q::Q_AR_HEADERS);
    assert_eq!(b[0].verdict, Some(Verdict::Qualifies));
}

#[test]
fn look_alike_roles_do_not_qualify() {
    for roles in [
        vec!["Global Reader"],
        vec!["Billing Reader"],
        vec!["Global Secure Access Administrator"],
        vec!["Global Reader", "Billing Reader", "Exchange Administrator"],
    ] {
        let pane: Vec<(&str, &str)> = roles.iter().map(|r| (*r, "Active")).collect();
        let t = T::on_your_role_pane(&pane);
        let v = t.view().verdict.unwrap();
        assert_eq!(v.verdict, Verdict::DoesNotQualify, "{roles:?}");
        assert!(
            v.next_action.contains("Global Administrator"),
            "{roles:?}: {}",
            v.next_action
        );
        // Same on someone's Assigned roles page.
        let t = T::on_portal(
            PORTAL_AR,
            "Alex Wilber | Assigned roles",
            &assigned_roles(&roles),
        );
        assert_eq!(
            t.view().other_verdict.unwrap().verdict,
            Verdict::DoesNotQualify,
            "{roles:?}"
        );
    }
}

#[test]
fn pim_eligible_says_activate_in_pim() {
    let t = T::on_your_role_pane(&[("Billing Administrator", "Eligible")]);
    let v = t.view().verdict.unwrap();
    assert_eq!(v.verdict, Verdict::Eligible);
    assert!(
        v.next_action
            .contains("Activate Billing Administrator in Privileged Identity Management"),
        "{}",
        v.next_action
    );
    assert!(v
        .summary
        .contains("activate the role in Privileged Identity Management"));
    assert_eq!(t.badges(1, 5)[0].verdict, Some(Verdict::Eligible));

    // The PIM variant of a profile's Assigned roles (Eligible tab selected).
    let t = T::on_portal(
        PORTAL_AR,
        "Diego Siciliani | Assigned roles",
        &assigned_roles_pim_eligible(&["Billing Administrator"]),
    );
    let o = t.view().other_verdict.unwrap();
    assert_eq!(o.verdict, Verdict::Eligible);
    assert_eq!(o.whose, "Diego Siciliani");
    assert!(o.next_action.contains("Privileged Identity Management"));
}

#[test]
fn unknown_points_to_guide_c() {
    // The pane lists more rows than were described, none qualifying: the
    // rest may hold one, so the verdict is unknown.
    let mut pane = your_role_pane(&[("Global Reader", "Active")]);
    for i in 0..60 {
        let y = 200.0 + 40.0 * i as f64;
        pane = pane.with_in(
            &[ROW],
            true,
            fx(
                "div",
                "row",
                "Helpdesk Administrator",
                [610.0, y, 450.0, 40.0],
            ),
        );
        pane = pane.with_in(
            &[CELL],
            true,
            fx(
                "div",
                "gridcell",
                "Helpdesk Administrator",
                [610.0, y, 150.0, 40.0],
            ),
        );
    }
    let mut t = T::on_portal(PORTAL_ROLES, ALL_ROLES, &pane);
    let v = t.view().verdict.unwrap();
    assert_eq!(v.verdict, Verdict::Unknown);
    assert!(
        v.next_action.contains("find-your-role"),
        "{}",
        v.next_action
    );
    assert_eq!(t.badges(1, 5)[0].verdict, Some(Verdict::Unknown));
    t.start("office365-for-azure-ad");
    let a = t.view().active.unwrap();
    assert_eq!(a.role_check_verdict, Some(Verdict::Unknown));
    assert!(a.role_check.contains("find-your-role"), "{}", a.role_check);
    // Guide A needs no role: the same unreadable role list still shows a
    // member of the directory, who qualifies.
    t.start("azure-for-office365");
    let a = t.view().active.unwrap();
    assert_eq!(
        a.role_check_verdict,
        Some(Verdict::Qualifies),
        "{}",
        a.role_check
    );
    assert!(a.role_check.contains("any member"), "{}", a.role_check);
}

#[test]
fn legacy_2017_directory_role_is_read_and_badged() {
    let mut t = T::new();
    let mut radio = fx(
        "input",
        "radio",
        "Limited administrator",
        [10.0, 200.0, 16.0, 16.0],
    );
    radio.text = String::new();
    let mut check = fx(
        "input",
        "checkbox",
        "Billing administrator",
        [30.0, 240.0, 16.0, 16.0],
    );
    check.text = String::new();
    let page = Page::default()
        .with_in(
            &[".fxs-avatarmenu-username"],
            false,
            fx("div", "", "Megan Bowen", [900.0, 0.0, 200.0, 20.0]),
        )
        .with_in(
            &[".fxs-blade-title-titleText"],
            false,
            fx(
                "h2",
                "heading",
                "Megan Bowen - Directory role",
                [0.0, 70.0, 400.0, 30.0],
            ),
        )
        .with_in(&["input[type=\"radio\"]:checked"], false, radio)
        .with_in(&["input[type=\"checkbox\"]:checked"], false, check);
    t.hello(4, 0, LEGACY);
    t.answer(4, 0, LEGACY, &page);
    let v = t.view().verdict.expect("own verdict (display names match)");
    assert_eq!(v.verdict, Verdict::Qualifies);
    assert_eq!(v.summary, "Billing Administrator — qualifies");
    let b = t.badges(4, 0);
    assert_eq!(b[0].query, q::Q_LEGACY_CHECKED);
    assert_eq!(b[0].verdict, Some(Verdict::Qualifies));
}

#[test]
fn remembered_per_account_across_restore_and_offered_at_start() {
    let mut t = T::on_your_role_pane(&[("Billing Administrator", "Active")]);
    let read_at = t.view().verdict.unwrap().read_at_ms;
    // The tab closes; the worker stops and comes back from the snapshot.
    let fx = t.h.engine.tab_gone(1);
    t.record(fx);
    let snapshot = t.h.snapshot.clone().expect("persisted");
    let (engine, logs) = Engine::restore(Some(&snapshot));
    assert!(logs.is_empty(), "{logs:?}");
    let mut t2 = T {
        h: Harness::from_engine(engine),
    };
    t2.h.now = read_at + 5.0 * MINUTE;
    t2.start("office365-for-azure-ad");
    let view = t2.view();
    assert_eq!(view.verdict.as_ref().unwrap().verdict, Verdict::Qualifies);
    let a = view.active.unwrap();
    assert_eq!(
        a.role_check,
        "Checked 5 minutes ago on portal.azure.com: Billing Administrator — qualifies."
    );
    assert_eq!(a.role_check_verdict, Some(Verdict::Qualifies));

    // Another account signs in: Megan's verdict is not theirs.
    let top = portal_top("Home", "kelley@contoso.onmicrosoft.com");
    t2.hello(7, 0, "https://portal.azure.com/#home");
    t2.answer(7, 0, "https://portal.azure.com/#home", &top);
    let view = t2.view();
    assert!(view.verdict.is_none(), "{:?}", view.verdict);
    assert!(view
        .active
        .unwrap()
        .role_check
        .contains("Your role has not been checked yet"));
    // Megan again: hers comes back.
    let top = portal_top("Home", MEGAN);
    t2.answer(7, 0, "https://portal.azure.com/#home", &top);
    assert_eq!(t2.view().verdict.unwrap().verdict, Verdict::Qualifies);

    // A guide without a role precondition shows nothing.
    t2.start("directories");
    assert!(t2.view().active.unwrap().role_check.is_empty());
}

#[test]
fn recheck_forgets_and_reads_again_from_open_pages() {
    let mut t = T::on_your_role_pane(&[("Billing Administrator", "Eligible")]);
    assert_eq!(t.view().verdict.unwrap().verdict, Verdict::Eligible);
    // The admin activates the role in PIM; the pane now says Active.
    t.h.now += 10.0 * MINUTE;
    t.answer(
        1,
        5,
        BLADE,
        &your_role_pane(&[("Billing Administrator", "Active")]),
    );
    assert_eq!(t.view().verdict.unwrap().verdict, Verdict::Qualifies);
    let before = t.view().verdict.unwrap().read_at_ms;
    t.h.now += 10.0 * MINUTE;
    t.panel(json!({"waymark": 1, "kind": "recheck-role"}));
    let view = t.view();
    let v = view.verdict.unwrap();
    assert_eq!(v.verdict, Verdict::Qualifies);
    assert!(v.read_at_ms > before, "read again now");
    assert!(view
        .notice
        .unwrap()
        .en()
        .starts_with("Checked again on portal.azure.com"));
    // With the page closed, check again forgets and says where to look.
    let fx = t.h.engine.tab_gone(1);
    t.record(fx);
    t.panel(json!({"waymark": 1, "kind": "recheck-role"}));
    let view = t.view();
    assert!(view.verdict.is_none());
    assert!(view.notice.unwrap().en().contains("find-your-role"));
}

#[test]
fn the_badge_sits_beside_a_guide_callout() {
    let mut t = T::new();
    t.start(FIND_YOUR_ROLE);
    let top = portal_top("Megan Bowen | Assigned roles", MEGAN);
    t.portal(
        1,
        PORTAL_AR,
        &top,
        &assigned_roles(&["Billing Administrator"]),
    );
    let b = t.badges(1, 5);
    assert_eq!(b.len(), 1, "{:?}", t.h.frames.get(&(1, 5)));
    assert_eq!(b[0].verdict, Some(Verdict::Qualifies));
    // Role pages with no role list yet (still loading): no badge, no verdict.
    let t = T::on_portal(PORTAL_AR, "Megan Bowen | Assigned roles", &Page::default());
    assert!(t.badges(1, 5).is_empty());
    assert!(t.view().verdict.is_none() && t.view().other_verdict.is_none());
}

#[test]
fn hostile_role_pages_do_not_panic_or_grow_without_bound() {
    let mut t = T::new();
    for i in 0..40 {
        let name = format!("user{i}@contoso.com");
        let mut top = m365_user(
            &format!("{name}\u{202e}"),
            &name,
            &"Global Administrator;".repeat(50),
        );
        // Boxes no layout gives.
        for (_, _, e) in &mut top.elements {
            e.rect = [f64::NAN, 0.0, -1.0, 1e308];
        }
        t.hello(9, 0, M365_USER);
        t.answer(9, 0, M365_USER, &top);
    }
    let snap = t.h.snapshot.clone().unwrap();
    let (e, _) = Engine::restore(Some(&snap));
    let _ = e.view();
    assert!(snap.len() < 200_000, "{}", snap.len());
}

/// The portal's account menu with its MeControl flyout (closed: hidden,
/// but in the page): the top bar shows the sign-in name, the flyout the
/// display name above it.
fn portal_top_with_flyout(title: &str, upn: &str, display_name: &str) -> Page {
    let mut name = fx("div", "", display_name, [0.0; 4]);
    name.visible = false;
    let mut email = fx("div", "", upn, [0.0; 4]);
    email.visible = false;
    portal_top(title, upn)
        .with_in(
            &[".fxs-mecontrol-flyout #mectrl_currentAccount_primary"],
            false,
            name,
        )
        .with_in(
            &[".fxs-mecontrol-flyout #mectrl_currentAccount_secondary"],
            false,
            email,
        )
}

const KELLEY: &str = "kelley@contoso.onmicrosoft.com";
const PORTAL_AR_ALEX: &str = "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/a1e8";

#[test]
fn the_account_flyouts_display_name_recognises_your_own_profile() {
    let kelleys_roles = assigned_roles(&["Global Administrator"]);
    let top = portal_top_with_flyout("Kelley Wall | Assigned roles", KELLEY, "Kelley Wall");
    let t = T::on_portal_with(PORTAL_AR, &top, &kelleys_roles);
    let view = t.view();
    let v = view.verdict.expect("your verdict");
    assert_eq!(v.verdict, Verdict::Qualifies);
    assert!(v.about_signed_in_user);
    assert!(view.other_verdict.is_none(), "{:?}", view.other_verdict);
    assert_eq!(
        t.badges(1, 5)[0].text,
        "You: Global Administrator — qualifies"
    );
    // A flyout naming another account than the top bar's is not believed.
    let top = Page {
        elements: top
            .elements
            .into_iter()
            .map(|(s, p, mut e)| {
                if s.iter().any(|x| x.contains("secondary")) {
                    e.text = MEGAN.to_string();
                }
                (s, p, e)
            })
            .collect(),
    };
    let t = T::on_portal_with(PORTAL_AR, &top, &kelleys_roles);
    assert!(t.view().verdict.is_none());
}

/// Kelley looks at her own Assigned roles, leaves the portal, then opens
/// Alex Wilber's (Global Reader). The first blade frame is still tracked
/// with Kelley's grid (a removed frame says nothing): it must not be read
/// under Alex's title, nor carry a badge.
#[test]
fn a_blade_frame_of_an_earlier_page_is_never_read_under_the_new_title() {
    let kelley = portal_top_with_flyout("Kelley Wall | Assigned roles", KELLEY, "Kelley Wall");
    let mut t = T::on_portal_with(
        PORTAL_AR,
        &kelley,
        &assigned_roles(&["Global Administrator"]),
    );
    assert_eq!(t.view().verdict.unwrap().verdict, Verdict::Qualifies);

    // The new page: the top frame first, its blade frame (a new frame id)
    // only later. Until then nothing is read: no "Alex: Global
    // Administrator".
    let alex = portal_top_with_flyout("Alex Wilber | Assigned roles", KELLEY, "Kelley Wall");
    t.hello(1, 0, PORTAL_AR_ALEX);
    t.answer(1, 0, PORTAL_AR_ALEX, &alex);
    let view = t.view();
    assert!(view.other_verdict.is_none(), "{:?}", view.other_verdict);
    assert!(t.badges(1, 0).is_empty() && t.badges(1, 5).is_empty());

    // Even when the old frame answers again (it re-rendered before the
    // portal removed it), it is not the new page's.
    t.answer(1, 5, BLADE, &assigned_roles(&["Global Administrator"]));
    assert!(t.view().other_verdict.is_none());

    t.hello(1, 6, BLADE);
    t.answer(1, 6, BLADE, &assigned_roles(&["Global Reader"]));
    t.answer(1, 0, PORTAL_AR_ALEX, &alex);
    t.answer(1, 6, BLADE, &assigned_roles(&["Global Reader"]));
    let view = t.view();
    let o = view.other_verdict.expect("Alex's reading");
    assert_eq!(o.verdict, Verdict::DoesNotQualify);
    assert_eq!(o.whose, "Alex Wilber");
    assert_eq!(o.roles_read, vec!["Global Reader".to_string()]);
    assert!(o.summary.contains("(not you)"), "{}", o.summary);
    // Kelley's own verdict is untouched.
    assert_eq!(view.verdict.unwrap().verdict, Verdict::Qualifies);
    let b = t.badges(1, 6);
    assert_eq!(b.len(), 1, "{b:?}");
    assert_eq!(b[0].verdict, Some(Verdict::DoesNotQualify));
    assert!(b[0].text.starts_with("Alex Wilber:"), "{}", b[0].text);
    assert!(t.badges(1, 5).is_empty(), "no badge in the old frame");
}

#[test]
fn guide_c_says_what_the_roles_read_mean_for_each_guide() {
    // (directory role read, Guide A, Guide B). Guide E and a support
    // request need an Azure role on the subscription, which no directory
    // role tells: they stay unknown, and say where "My role" is read.
    use Verdict::{DoesNotQualify as No, Qualifies as Yes};
    let table = [
        ("Global Administrator", Yes, Yes),
        ("Billing Administrator", Yes, Yes),
        ("Global Reader", Yes, No),
    ];
    for (role, a, b) in table {
        let t = T::on_your_role_pane(&[(role, "Active")]);
        let e = t
            .view()
            .active
            .and_then(|a| a.eligibility)
            .expect("Guide C's eligibility view");
        let verdict = |id: &str| {
            e.guides
                .iter()
                .find(|g| g.guide == id)
                .unwrap_or_else(|| panic!("{role}: no line for {id}: {:?}", e.guides))
                .clone()
        };
        assert_eq!(verdict("azure-for-office365").verdict, a, "{role}");
        assert_eq!(verdict("office365-for-azure-ad").verdict, b, "{role}");
        for id in ["add-subscription-to-directory", "contact-support"] {
            let g = verdict(id);
            assert_eq!(g.verdict, Verdict::Unknown, "{role} on {id}: {}", g.line);
            assert!(g.line.contains("directory roles cannot tell"), "{}", g.line);
            assert!(g.line.contains("Owner"), "{}", g.line);
            assert!(g.line.contains("My role"), "{}", g.line);
            assert!(g.line.contains("View my access"), "{}", g.line);
        }
        // Every guide with eligibility rules has its line; the explanation
        // (directories) states none.
        let ids: Vec<&str> = e.guides.iter().map(|g| g.guide.as_str()).collect();
        assert_eq!(
            ids,
            [
                "azure-for-office365",
                "office365-for-azure-ad",
                "add-subscription-to-directory",
                "contact-support"
            ]
        );
        assert!(
            e.unchecked.iter().any(|u| u.contains("not directory roles")
                && u.contains("rbac-and-directory-admin-roles.md")),
            "{:?}",
            e.unchecked
        );
    }
}
