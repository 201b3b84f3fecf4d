//! Role verdicts reached through the engine API only (from_page Hello /
//! Observed with hand-built ElementFacts shaped like each role page, as
//! content.js would describe the replicas), without and with a guide.

use super::tests::{frames_of, panel_view, FakePage as Page, FrameView, Harness};
use crate::engine::{Effect, Engine};
use crate::protocol::{ElementFacts, FromPage, Mark, MarkKind, PanelView, QueryResult, Verdict};
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
    p = p.with_in(
        &[ROW],
        in_pane,
        fx("div", "row", &cols.join(" "), [x, y, width, 40.0]),
    );
    for (i, c) in cols.iter().enumerate() {
        p = p.with_in(
            &[HEADER],
            in_pane,
            fx("div", "columnheader", c, [x + w * i as f64, y, w, 40.0]),
        );
    }
    for (r, cells) in rows.iter().enumerate() {
        let ry = y + 40.0 * (r + 1) as f64;
        p = p.with_in(
            &[ROW],
            in_pane,
            fx("div", "row", &cells.join(" "), [x, ry, width, 40.0]),
        );
        for (i, c) in cells.iter().enumerate() {
            p = p.with_in(
                &[CELL],
                in_pane,
                fx("div", "gridcell", c, [x + w * i as f64, ry, w, 40.0]),
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

/// The Assigned roles blade of the profile of `user` (no PIM).
fn assigned_roles(roles: &[&str]) -> Page {
    let rows: Vec<Vec<&str>> = roles
        .iter()
        .map(|r| vec![*r, "Can do things.", "Directory", "Directory", "Direct"])
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let mut p = grid(
        Page::default(),
        false,
        0.0,
        100.0,
        &[
            "Role",
            "Description",
            "Resource Name",
            "Resource Type",
            "Assignment path",
        ],
        &rows,
    );
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
    let rows: Vec<Vec<&str>> = roles
        .iter()
        .map(|r| vec![*r, "Can do things.", "Directory", "Direct", "Activate"])
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
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
    grid(
        p,
        false,
        0.0,
        100.0,
        &[
            "Role",
            "Description",
            "Resource Name",
            "Membership",
            "Action",
        ],
        &rows,
    )
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

/// A test harness around `tests::Harness`, answering with `Page`s.
struct T {
    h: Harness,
}

impl T {
    /// A browser where a guide runs (Guide C), so role pages carry badges.
    fn new() -> T {
        let mut t = T::unguided();
        t.panel(json!({"waymark": 1, "kind": "start", "guide": FIND_YOUR_ROLE}));
        t
    }

    /// A browser where no guide runs: roles are read for the panel, but the
    /// page carries no Waymark marker.
    fn unguided() -> T {
        T { h: Harness::new() }
    }

    fn absorb(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        for (k, v) in frames_of(&effects) {
            let f: &mut FrameView = self.h.frames.entry(k).or_default();
            if v.watch != 0 {
                f.watch = v.watch;
                f.queries = v.queries;
            }
            if v.overlay.is_some() {
                f.overlay = v.overlay;
            }
        }
        if let Some(v) = panel_view(&effects) {
            self.h.view = Some(v);
        }
        for e in &effects {
            if let Effect::Persist(s) = e {
                self.h.snapshot = Some(s.clone());
            }
        }
        effects
    }

    fn hello(&mut self, tab: i64, frame: i64, url: &str) {
        self.h.now += 1.0;
        let msg =
            json!({"waymark": 1, "kind": "hello", "url": url, "title": "t", "top": frame == 0});
        let fx = self.h.engine.from_page(
            &Harness::sender(tab, frame, url),
            &msg.to_string(),
            self.h.now,
        );
        self.absorb(fx);
    }

    /// Answer the frame's current watch with `page` until no new watch comes.
    fn answer(&mut self, tab: i64, frame: i64, url: &str, page: &Page) {
        for _ in 0..6 {
            let Some(f) = self.h.frames.get(&(tab, frame)).cloned() else {
                return;
            };
            let results: Vec<QueryResult> = f.queries.iter().map(|q| page.answer(q)).collect();
            self.h.now += 1.0;
            let msg = FromPage::Observed {
                waymark: 1,
                watch: f.watch,
                url: url.into(),
                results,
            };
            let fx = self.h.engine.from_page(
                &Harness::sender(tab, frame, url),
                &serde_json::to_string(&msg).unwrap(),
                self.h.now,
            );
            let fx = self.absorb(fx);
            if frames_of(&fx)
                .get(&(tab, frame))
                .is_none_or(|v| v.watch == 0)
            {
                return;
            }
        }
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

    fn panel(&mut self, msg: serde_json::Value) {
        self.h.now += 1.0;
        let fx = self.h.engine.from_panel(&msg.to_string(), self.h.now);
        self.absorb(fx);
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
    let top = portal_top("Roles and administrators | All roles", MEGAN);
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
    t.panel(json!({"waymark": 1, "kind": "start", "guide": FIND_YOUR_ROLE}));
    let pane = your_role_pane(&[("Billing Administrator", "Active")]);
    t.answer(1, 0, PORTAL_ROLES, &top);
    t.answer(1, 5, BLADE, &pane);
    assert_eq!(t.badges(1, 5).len(), 1);
}

#[test]
fn your_role_pane_qualifies_and_ignores_the_catalogue() {
    let mut t = T::new();
    let top = portal_top("Roles and administrators | All roles", MEGAN);
    t.portal(
        1,
        PORTAL_ROLES,
        &top,
        &your_role_pane(&[("Billing Administrator", "Active")]),
    );
    let v = t.view().verdict.expect("your verdict");
    assert_eq!(v.verdict, Verdict::Qualifies);
    assert!(v.about_signed_in_user);
    assert_eq!(v.roles_read, vec!["Billing Administrator".to_string()]);
    assert_eq!(v.read_on, "portal.azure.com");
    assert_eq!(v.summary, "Billing Administrator — qualifies");
    assert!(v.whose.starts_with("you"), "{}", v.whose);
    let b = t.badges(1, 5);
    assert_eq!(b.len(), 1, "{b:?}");
    assert_eq!(b[0].verdict, Some(Verdict::Qualifies));
    assert_eq!(b[0].text, "You: Billing Administrator — qualifies");
    assert_eq!(b[0].query, q::Q_YR_PANE_HEADERS);
    assert_eq!(b[0].fingerprint.text, "Role");
    // The badge's query is one the frame answers, so content.js finds it.
    assert!(t.h.frames[&(1, 5)]
        .queries
        .iter()
        .any(|x| x.id == b[0].query));

    // Global Reader in the pane, with Global Administrator in the catalogue
    // behind it: does not qualify (the catalogue is not the user's).
    let mut t = T::new();
    t.portal(
        1,
        PORTAL_ROLES,
        &top,
        &your_role_pane(&[("Global Reader", "Active")]),
    );
    assert_eq!(t.view().verdict.unwrap().verdict, Verdict::DoesNotQualify);

    // Nothing assigned: the pane's message says so.
    let mut t = T::new();
    t.portal(1, PORTAL_ROLES, &top, &your_role_pane(&[]));
    let v = t.view().verdict.unwrap();
    assert_eq!(v.verdict, Verdict::DoesNotQualify);
    assert_eq!(t.badges(1, 5)[0].verdict, Some(Verdict::DoesNotQualify));
}

#[test]
fn the_catalogue_alone_is_not_read_as_your_roles() {
    let mut t = T::new();
    let top = portal_top("Roles and administrators | All roles", MEGAN);
    let mut blade = your_role_pane(&[("Billing Administrator", "Active")]);
    // Pane closed: only the catalogue remains.
    blade.elements.retain(|(_, in_pane, _)| !in_pane);
    t.portal(1, PORTAL_ROLES, &top, &blade);
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
    let mut t = T::new();
    let top = portal_top("Kelley Wall | Assigned roles", MEGAN);
    t.portal(
        1,
        PORTAL_AR,
        &top,
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
        let mut t = T::new();
        let top = portal_top("Roles and administrators | All roles", MEGAN);
        let pane: Vec<(&str, &str)> = roles.iter().map(|r| (*r, "Active")).collect();
        t.portal(1, PORTAL_ROLES, &top, &your_role_pane(&pane));
        let v = t.view().verdict.unwrap();
        assert_eq!(v.verdict, Verdict::DoesNotQualify, "{roles:?}");
        assert!(
            v.next_action.contains("Global Administrator"),
            "{}",
            v.next_action
        );
        // Same on someone's Assigned roles page.
        let mut t = T::new();
        let top = portal_top("Alex Wilber | Assigned roles", MEGAN);
        t.portal(1, PORTAL_AR, &top, &assigned_roles(&roles));
        assert_eq!(
            t.view().other_verdict.unwrap().verdict,
            Verdict::DoesNotQualify
        );
    }
}

#[test]
fn pim_eligible_says_activate_in_pim() {
    let mut t = T::new();
    let top = portal_top("Roles and administrators | All roles", MEGAN);
    t.portal(
        1,
        PORTAL_ROLES,
        &top,
        &your_role_pane(&[("Billing Administrator", "Eligible")]),
    );
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
    let mut t = T::new();
    let top = portal_top("Diego Siciliani | Assigned roles", MEGAN);
    t.portal(
        1,
        PORTAL_AR,
        &top,
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
    let mut t = T::new();
    let top = portal_top("Roles and administrators | All roles", MEGAN);
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
    t.portal(1, PORTAL_ROLES, &top, &pane);
    let v = t.view().verdict.unwrap();
    assert_eq!(v.verdict, Verdict::Unknown);
    assert!(
        v.next_action.contains("find-your-role"),
        "{}",
        v.next_action
    );
    assert_eq!(t.badges(1, 5)[0].verdict, Some(Verdict::Unknown));
    t.panel(json!({"waymark": 1, "kind": "start", "guide": "office365-for-azure-ad"}));
    let a = t.view().active.unwrap();
    assert_eq!(a.role_check_verdict, Some(Verdict::Unknown));
    assert!(a.role_check.contains("find-your-role"), "{}", a.role_check);
    // Guide A needs no role: the same unreadable role list still shows a
    // member of the directory, who qualifies.
    t.panel(json!({"waymark": 1, "kind": "start", "guide": "azure-for-office365"}));
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
    let mut t = T::new();
    let top = portal_top("Roles and administrators | All roles", MEGAN);
    t.portal(
        1,
        PORTAL_ROLES,
        &top,
        &your_role_pane(&[("Billing Administrator", "Active")]),
    );
    let read_at = t.view().verdict.unwrap().read_at_ms;
    // The tab closes; the worker stops and comes back from the snapshot.
    let fx = t.h.engine.tab_gone(1);
    t.absorb(fx);
    let snapshot = t.h.snapshot.clone().expect("persisted");
    let (engine, logs) = Engine::restore(Some(&snapshot));
    assert!(logs.is_empty(), "{logs:?}");
    let mut t2 = T {
        h: Harness::from_engine(engine),
    };
    t2.h.now = read_at + 5.0 * MINUTE;
    t2.panel(json!({"waymark": 1, "kind": "start", "guide": "office365-for-azure-ad"}));
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
    t2.panel(json!({"waymark": 1, "kind": "start", "guide": "directories"}));
    assert!(t2.view().active.unwrap().role_check.is_empty());
}

#[test]
fn recheck_forgets_and_reads_again_from_open_pages() {
    let mut t = T::new();
    let top = portal_top("Roles and administrators | All roles", MEGAN);
    t.portal(
        1,
        PORTAL_ROLES,
        &top,
        &your_role_pane(&[("Billing Administrator", "Eligible")]),
    );
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
    t.absorb(fx);
    t.panel(json!({"waymark": 1, "kind": "recheck-role"}));
    let view = t.view();
    assert!(view.verdict.is_none());
    assert!(view.notice.unwrap().en().contains("find-your-role"));
}

#[test]
fn the_badge_sits_beside_a_guide_callout() {
    let mut t = T::new();
    t.panel(json!({"waymark": 1, "kind": "start", "guide": "find-your-role"}));
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
    let mut t = T::new();
    let top = portal_top("Megan Bowen | Assigned roles", MEGAN);
    t.portal(1, PORTAL_AR, &top, &Page::default());
    assert!(t.badges(1, 5).is_empty());
    assert!(t.view().verdict.is_none() && t.view().other_verdict.is_none());
}

#[test]
fn hostile_role_pages_do_not_panic_or_grow_without_bound() {
    let mut t = T::new();
    for i in 0..40 {
        let name = format!("user{i}@contoso.com");
        let top = Page::default()
            .with_in(&["#O365_MainLink_Me"], false, {
                let mut e = fx("button", "button", "", [0.0; 4]);
                e.attrs.insert(
                    "aria-label".into(),
                    format!("Account manager for {name}\u{202e}"),
                );
                e
            })
            .with_in(
                &["[role=\"dialog\"] h2"],
                false,
                fx("h2", "", &name, [f64::NAN, 0.0, -1.0, 1e308]),
            )
            .with_in(
                &["[role=\"dialog\"] div"],
                false,
                fx(
                    "div",
                    "",
                    &format!("Roles {} Manage roles", "Global Administrator;".repeat(50)),
                    [0.0; 4],
                ),
            );
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
    let mut t = T::new();
    let top = portal_top_with_flyout("Kelley Wall | Assigned roles", KELLEY, "Kelley Wall");
    t.portal(
        1,
        PORTAL_AR,
        &top,
        &assigned_roles(&["Global Administrator"]),
    );
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
    let mut t = T::new();
    let top = portal_top_with_flyout("Kelley Wall | Assigned roles", KELLEY, "Kelley Wall");
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
    t.portal(
        1,
        PORTAL_AR,
        &top,
        &assigned_roles(&["Global Administrator"]),
    );
    assert!(t.view().verdict.is_none());
}

/// Kelley looks at her own Assigned roles, leaves the portal, then opens
/// Alex Wilber's (Global Reader). The first blade frame is still tracked
/// with Kelley's grid (a removed frame says nothing): it must not be read
/// under Alex's title, nor carry a badge.
#[test]
fn a_blade_frame_of_an_earlier_page_is_never_read_under_the_new_title() {
    let mut t = T::new();
    let kelley = portal_top_with_flyout("Kelley Wall | Assigned roles", KELLEY, "Kelley Wall");
    t.portal(
        1,
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
    let table = [
        (
            "Global Administrator",
            Verdict::Qualifies,
            Verdict::Qualifies,
        ),
        (
            "Billing Administrator",
            Verdict::Qualifies,
            Verdict::Qualifies,
        ),
        ("Global Reader", Verdict::Qualifies, Verdict::DoesNotQualify),
    ];
    for (role, a, b) in table {
        let mut t = T::new();
        let top = portal_top("Roles and administrators | All roles", MEGAN);
        t.portal(1, PORTAL_ROLES, &top, &your_role_pane(&[(role, "Active")]));
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
