//! Native tests of the engine through its public API, with ElementFacts
//! built by hand the way content.js reports them.

use super::engine::{Effect, Engine, Sender};
use super::protocol::{ElementFacts, Overlay, PanelView, Query, QueryResult, ToPage, ToPanel};
use serde_json::json;
use std::collections::BTreeMap;

pub struct Harness {
    pub engine: Engine,
    pub now: f64,
    /// The latest watch and paint each frame received.
    pub frames: BTreeMap<(i64, i64), FrameView>,
    /// The latest panel view received.
    pub view: Option<PanelView>,
    pub snapshot: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct FrameView {
    pub watch: u32,
    pub queries: Vec<Query>,
    pub overlay: Option<Overlay>,
}

pub fn el(tag: &str, role: &str, name: &str, visible: bool, index: u32) -> ElementFacts {
    ElementFacts {
        tag: tag.into(),
        role: role.into(),
        name: name.into(),
        text: name.into(),
        attrs: BTreeMap::new(),
        visible,
        rect: [10.0, 10.0 + 30.0 * index as f64, 80.0, 24.0],
        index,
    }
}

pub fn with_attr(mut e: ElementFacts, k: &str, v: &str) -> ElementFacts {
    e.attrs.insert(k.into(), v.into());
    e
}

impl Harness {
    pub fn new() -> Harness {
        let (engine, effects) = Engine::restore(None);
        assert!(effects.is_empty(), "{effects:?}");
        Harness::from_engine(engine)
    }

    pub fn from_engine(engine: Engine) -> Harness {
        Harness {
            engine,
            now: 1000.0,
            frames: BTreeMap::new(),
            view: None,
            snapshot: None,
        }
    }

    fn record(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        for (k, v) in frames_of(&effects) {
            let f = self.frames.entry(k).or_default();
            if v.watch != 0 {
                f.watch = v.watch;
                f.queries = v.queries;
            }
            if v.overlay.is_some() {
                f.overlay = v.overlay;
            }
        }
        if let Some(v) = panel_view(&effects) {
            self.view = Some(v);
        }
        for e in &effects {
            if let Effect::Persist(s) = e {
                self.snapshot = Some(s.clone());
            }
        }
        effects
    }

    pub fn sender(tab: i64, frame: i64, url: &str) -> Sender {
        Sender {
            tab,
            frame,
            url: url.into(),
        }
    }

    pub fn panel(&mut self, msg: serde_json::Value) -> Vec<Effect> {
        self.now += 1.0;
        let fx = self.engine.from_panel(&msg.to_string(), self.now);
        self.record(fx)
    }

    pub fn start(&mut self, guide: &str) -> Vec<Effect> {
        self.panel(json!({"waymark": 1, "kind": "start", "guide": guide}))
    }

    pub fn hello(&mut self, tab: i64, frame: i64, url: &str) -> Vec<Effect> {
        self.now += 1.0;
        let msg =
            json!({"waymark": 1, "kind": "hello", "url": url, "title": "t", "top": frame == 0});
        let fx = self
            .engine
            .from_page(&Self::sender(tab, frame, url), &msg.to_string(), self.now);
        self.record(fx)
    }

    /// Answer the frame's latest watch the way content.js would: for each
    /// query, the elements of `page` that match its selector and `text_any`.
    pub fn observe(
        &mut self,
        tab: i64,
        frame: i64,
        url: &str,
        watch: u32,
        page: &FakePage,
        queries: &[Query],
    ) -> Vec<Effect> {
        let results: Vec<QueryResult> = queries.iter().map(|q| page.answer(q)).collect();
        self.now += 1.0;
        let msg = json!({"waymark": 1, "kind": "observed", "watch": watch, "url": url, "results": results});
        let fx = self
            .engine
            .from_page(&Self::sender(tab, frame, url), &msg.to_string(), self.now);
        self.record(fx)
    }

    /// Answer the frame's current watch with `page`, again while the engine
    /// sends new watches (as content.js does). Returns all effects.
    pub fn answer(&mut self, tab: i64, frame: i64, url: &str, page: &FakePage) -> Vec<Effect> {
        let mut all = Vec::new();
        for _ in 0..6 {
            let Some(f) = self.frames.get(&(tab, frame)).cloned() else {
                break;
            };
            let fx = self.observe(tab, frame, url, f.watch, page, &f.queries);
            let rewatched = frames_of(&fx)
                .get(&(tab, frame))
                .is_some_and(|v| v.watch != 0);
            all.extend(fx);
            if !rewatched {
                break;
            }
        }
        all
    }

    /// A frame loads `url` showing `page`: hello, then answers.
    pub fn visit(&mut self, tab: i64, frame: i64, url: &str, page: &FakePage) -> Vec<Effect> {
        let mut fx = self.hello(tab, frame, url);
        fx.extend(self.answer(tab, frame, url, page));
        fx
    }

    pub fn click(
        &mut self,
        tab: i64,
        frame: i64,
        url: &str,
        watch: u32,
        query: &str,
        element: &ElementFacts,
    ) -> Vec<Effect> {
        self.now += 1.0;
        let msg = json!({"waymark": 1, "kind": "clicked", "watch": watch, "url": url, "query": query, "element": element});
        let fx = self
            .engine
            .from_page(&Self::sender(tab, frame, url), &msg.to_string(), self.now);
        self.record(fx)
    }

    /// Click what the overlay of frame (tab, frame) points at, using `page`
    /// to find the element by its fingerprint (as content.js would).
    pub fn click_target(
        &mut self,
        tab: i64,
        frame: i64,
        url: &str,
        page: &FakePage,
    ) -> Vec<Effect> {
        let f = self
            .frames
            .get(&(tab, frame))
            .cloned()
            .expect("frame known");
        let target = f
            .overlay
            .and_then(|o| o.target)
            .expect("a target is painted");
        let q = f
            .queries
            .iter()
            .find(|q| q.id == target.query)
            .expect("query")
            .clone();
        let r = page.answer(&q);
        let element = r
            .items
            .iter()
            .filter(|e| super::score::same(&target.fingerprint, e))
            .nth(target.fingerprint.nth as usize)
            .expect("fingerprint finds the element")
            .clone();
        self.click(tab, frame, url, f.watch, &target.query, &element)
    }

    pub fn target(&self, tab: i64, frame: i64) -> Option<super::protocol::Target> {
        self.frames
            .get(&(tab, frame))
            .and_then(|f| f.overlay.clone())
            .and_then(|o| o.target)
    }

    pub fn callout(&self, tab: i64, frame: i64) -> Option<super::protocol::Callout> {
        self.frames
            .get(&(tab, frame))
            .and_then(|f| f.overlay.clone())
            .and_then(|o| o.callout)
    }

    pub fn active(&self) -> super::protocol::ActiveGuideView {
        self.view
            .clone()
            .and_then(|v| v.active)
            .expect("a guide is active")
    }

    pub fn progress(&self) -> String {
        self.active().progress
    }
}

/// A page as the content script sees it: elements answering to selectors.
/// Each element lists the selectors (exact strings from the guide, or parts
/// of a comma list) it matches.
#[derive(Default, Clone)]
pub struct FakePage {
    pub elements: Vec<(Vec<&'static str>, ElementFacts)>,
}

impl FakePage {
    pub fn with(mut self, matches: &[&'static str], e: ElementFacts) -> FakePage {
        self.elements.push((matches.to_vec(), e));
        self
    }

    pub fn answer(&self, q: &Query) -> QueryResult {
        let parts: Vec<String> = q
            .selector
            .split(',')
            .map(|s| s.trim().to_string())
            .collect();
        let mut items: Vec<ElementFacts> = self
            .elements
            .iter()
            .filter(|(sels, _)| sels.iter().any(|s| parts.iter().any(|p| p == s)))
            .filter(|(_, e)| {
                q.text_any.is_empty()
                    || q.text_any.iter().any(|t| {
                        e.name.to_lowercase().contains(t) || e.text.to_lowercase().contains(t)
                    })
            })
            .map(|(_, e)| e.clone())
            .collect();
        for (i, e) in items.iter_mut().enumerate() {
            e.index = i as u32;
        }
        let count = items.len() as u32;
        items.truncate(q.limit as usize);
        QueryResult {
            id: q.id.clone(),
            count,
            items,
        }
    }
}

/// The latest watch and paint each frame received.
pub fn frames_of(effects: &[Effect]) -> BTreeMap<(i64, i64), FrameView> {
    let mut out: BTreeMap<(i64, i64), FrameView> = BTreeMap::new();
    for e in effects {
        if let Effect::ToFrame { tab, frame, msg } = e {
            let v = out.entry((*tab, *frame)).or_default();
            match msg {
                ToPage::Watch { id, queries, .. } => {
                    v.watch = *id;
                    v.queries = queries.clone();
                }
                ToPage::Paint { overlay, .. } => v.overlay = Some(overlay.clone()),
            }
        }
    }
    out
}

pub fn panel_view(effects: &[Effect]) -> Option<PanelView> {
    effects.iter().rev().find_map(|e| match e {
        Effect::ToPanel(ToPanel::State { view, .. }) => Some((**view).clone()),
        _ => None,
    })
}

pub fn panel_error(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::ToPanel(ToPanel::Error { message, .. }) => Some(message.clone()),
        _ => None,
    })
}

// ---------------------------------------------------------------------------
// Pages, as content.js would describe them
// ---------------------------------------------------------------------------

const A_GUIDE: &str = "azure-for-office365";
const B_GUIDE: &str = "office365-for-azure-ad";
const C_GUIDE: &str = "find-your-role";

fn link(name: &str, href: &str) -> ElementFacts {
    with_attr(el("a", "link", name, true, 0), "href", href)
}

fn portal_topbar() -> FakePage {
    FakePage::default()
        .with(
            &[".fxs-avatarmenu-username"],
            el("div", "", "admin@contoso.com", true, 0),
        )
        .with(
            &[".fxs-avatarmenu-tenant"],
            el("div", "", "Contoso", true, 0),
        )
        .with(
            &["button"],
            with_attr(
                el("button", "button", "Account menu", true, 0),
                "aria-label",
                "Account menu",
            ),
        )
        .with(
            &["input[aria-label]"],
            with_attr(
                el(
                    "input",
                    "searchbox",
                    "Search resources, services, and docs (G+/)",
                    true,
                    0,
                ),
                "aria-label",
                "Search resources, services, and docs (G+/)",
            ),
        )
}

fn portal_home_today() -> FakePage {
    portal_topbar()
        .with(
            &["a"],
            link(
                "Microsoft Entra ID",
                "#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade",
            ),
        )
        .with(&["a"], link("Virtual machines", "#browse/vms"))
}

fn users_rows(page: FakePage, n: usize) -> FakePage {
    let mut page = page
        .with(&["[role='grid']"], el("div", "grid", "", true, 0))
        .with(
            &["[role='columnheader']"],
            el("div", "columnheader", "Display name", true, 0),
        )
        .with(
            &["[role='columnheader']"],
            el("div", "columnheader", "User principal name", true, 1),
        );
    for i in 0..n {
        page = page
            .with(
                &["[data-automationid='DetailsRow']"],
                el("div", "row", &format!("User {i}"), true, i as u32),
            )
            .with(
                &["[role='gridcell'] a"],
                link(
                    &format!("User {i}"),
                    "#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade",
                ),
            );
    }
    page
}

// ---------------------------------------------------------------------------
// Full walks
// ---------------------------------------------------------------------------

#[test]
fn walk_guide_a_today() {
    let mut h = Harness::new();
    let free = "https://azure.microsoft.com/en-us/free/";
    let free_page = FakePage::default()
        .with(&["a"], link("Pricing", "/pricing/"))
        .with(
            &["a", "a[href*='signup.azure.com']"],
            link(
                "Start free",
                "https://signup.azure.com/signup?offer=ms-azr-0044p",
            ),
        )
        .with(
            &["a", "a[href*='purchase-options']"],
            link(
                "Pay as you go",
                "/en-us/pricing/purchase-options/pay-as-you-go/",
            ),
        );
    h.visit(1, 0, free, &FakePage::default());
    h.start(A_GUIDE);
    assert_eq!(h.progress(), "Step 1 of 6");
    h.answer(1, 0, free, &free_page);
    let t = h.target(1, 0).expect("target on the free page");
    assert_eq!(t.step, "azure-for-office365/a1");
    assert_eq!(t.fingerprint.name, "Start free");
    let c = h.callout(1, 0).unwrap();
    assert_eq!(c.step, "azure-for-office365/a1");
    assert!(
        c.why.starts_with("accessible name 'Start free', visible"),
        "{}",
        c.why
    );
    h.click_target(1, 0, free, &free_page);
    assert_eq!(h.progress(), "Step 2 of 6");
    let a = h.active();
    assert_eq!(a.steps[0].status, "done");
    assert!(
        a.steps[0].evidence.contains("clicked 'Start free'"),
        "{}",
        a.steps[0].evidence
    );
    assert!(a.steps[1].panel_only);
    assert!(
        a.status.contains("Follow this step in the panel"),
        "{}",
        a.status
    );
    assert_eq!(
        h.frames[&(1, 0)].overlay,
        Some(Overlay::default()),
        "a sign-in step paints nothing"
    );

    // The sign-in page is never touched; reaching the sign-up site proves it.
    let signup = "https://signup.azure.com/signup?offer=ms-azr-0044p";
    let signup_page = FakePage::default()
        .with(&["form"], el("form", "form", "", true, 0))
        .with(&["button"], el("button", "button", "Sign up", true, 0));
    h.visit(1, 0, signup, &signup_page);
    assert_eq!(h.progress(), "Step 3 of 6");
    let a = h.active();
    assert!(
        a.steps[1].evidence.contains("signup.azure.com"),
        "{}",
        a.steps[1].evidence
    );
    assert_eq!(h.target(1, 0).unwrap().fingerprint.name, "Sign up");

    // Completing sign-up lands in the portal.
    let home = "https://portal.azure.com/#home";
    h.visit(1, 0, home, &portal_home_today());
    assert_eq!(h.progress(), "Step 4 of 6");
    let view = h.view.clone().unwrap();
    let acc = view.account.expect("account read from the account menu");
    assert_eq!(acc.account, "admin@contoso.com");
    assert_eq!(acc.directory, "Contoso");
    assert_eq!(acc.read_on, "portal.azure.com");
    assert_eq!(
        h.target(1, 0).unwrap().fingerprint.name,
        "Microsoft Entra ID"
    );

    // Hash-route change, no reload: the Entra ID blade.
    let entra =
        "https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview";
    let entra_page = portal_topbar()
        .with(&["a"], link("Overview", "#"))
        .with(
            &["a"],
            link(
                "Users",
                "#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers",
            ),
        )
        .with(&["a"], link("Groups", "#"));
    h.visit(1, 0, entra, &entra_page);
    assert_eq!(h.progress(), "Step 5 of 6");
    assert!(h.active().steps[3]
        .evidence
        .contains("Entra ID blade is open"));
    assert_eq!(h.target(1, 0).unwrap().fingerprint.name, "Users");

    let users = "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers";
    h.visit(1, 0, users, &portal_topbar());
    assert_eq!(h.progress(), "Step 6 of 6");
    // The list renders late, inside the cross-origin blade frame.
    let blade = "https://sandbox-3.reactblade.portal.azure.net/#users";
    h.visit(1, 7, blade, &FakePage::default());
    assert!(
        h.target(1, 0).is_none() && h.target(1, 7).is_none(),
        "nothing to point at yet"
    );
    let c = h.callout(1, 0).expect("floating callout in the top frame");
    assert_eq!(c.why, "Look for the list of users (All users).");
    assert!(
        h.callout(1, 7).is_none(),
        "exactly one frame shows the callout"
    );
    assert!(h.active().status.starts_with("Not found on this page"));
    h.answer(1, 7, blade, &users_rows(FakePage::default(), 34));
    let a = h.active();
    assert!(a.finished, "{a:?}");
    assert_eq!(a.progress, "Done");
    assert_eq!(a.steps[5].evidence, "rows present: 34 users");
    assert_eq!(
        h.view.clone().unwrap().notice.as_deref(),
        Some("Guide finished.")
    );
    assert_eq!(h.frames[&(1, 0)].overlay, Some(Overlay::default()));
}

#[test]
fn walk_guide_a_cross_frame_target_and_2017_routes() {
    let mut h = Harness::new();
    h.start(A_GUIDE);
    h.panel(json!({"waymark": 1, "kind": "skip"}));
    h.panel(json!({"waymark": 1, "kind": "skip"}));
    h.panel(json!({"waymark": 1, "kind": "skip"}));
    assert_eq!(h.progress(), "Step 4 of 6");
    // 2017: Browse > Azure Active Directory.
    let home = "https://portal.azure.com/";
    let page_2017 = FakePage::default()
        .with(&["a"], link("Browse", "#"))
        .with(&["a"], link("Billing", "#"));
    h.visit(2, 0, home, &page_2017);
    let t = h.target(2, 0).unwrap();
    assert_eq!(t.fingerprint.name, "Browse");
    let opened = page_2017.clone().with(
        &["a"],
        link(
            "Azure Active Directory",
            "#blade/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade",
        ),
    );
    h.answer(2, 0, home, &opened);
    assert_eq!(
        h.target(2, 0).unwrap().fingerprint.name,
        "Azure Active Directory"
    );
    h.visit(
        2,
        0,
        "https://portal.azure.com/#blade/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/Overview",
        &FakePage::default().with(&["a"], link("Users and groups", "#")),
    );
    assert_eq!(h.progress(), "Step 5 of 6");
    assert_eq!(h.target(2, 0).unwrap().fingerprint.name, "Users and groups");
    // The users list appears in the blade frame (marker: UPN column).
    h.visit(
        2,
        4,
        "https://sandbox-1.reactblade-ms.portal.azure.net/users",
        &users_rows(FakePage::default(), 3),
    );
    let a = h.active();
    assert!(a.finished);
    assert_eq!(a.steps[5].evidence, "rows present: 3 users");
}

#[test]
fn walk_guide_b_with_the_trap() {
    let mut h = Harness::new();
    h.start(B_GUIDE);
    let plans = "https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products";
    let plans_page = FakePage::default()
        .with(
            &["a", "a[href*='signup.microsoft.com']"],
            link(
                "Try free for one month",
                "https://signup.microsoft.com/get-started/signup?products=basic",
            ),
        )
        .with(
            &["a", "a[href*='signup.microsoft.com']"],
            link(
                "Try free for one month",
                "https://signup.microsoft.com/get-started/signup?products=standard",
            ),
        )
        .with(
            &["a"],
            link(
                "Buy now",
                "https://signup.microsoft.com/get-started/signup?products=standard&buy",
            ),
        );
    h.visit(3, 0, plans, &plans_page);
    let c = h.callout(3, 0).unwrap();
    assert_eq!(
        h.target(3, 0).unwrap().fingerprint.name,
        "Try free for one month"
    );
    assert!(c.why.contains("candidates"), "{}", c.why);
    h.click_target(3, 0, plans, &plans_page);
    assert_eq!(h.progress(), "Step 2 of 6");

    let trial = "https://signup.microsoft.com/get-started/signup?products=standard";
    let trial_page = FakePage::default()
        .with(
            &["header a", "a"],
            link("Sign in", "https://login.microsoftonline.com/"),
        )
        .with(&["form"], el("form", "form", "", true, 0))
        .with(
            &["form input[type='email']"],
            el("input", "textbox", "Email", true, 0),
        )
        .with(&["button"], el("button", "button", "Next", true, 0));
    h.visit(3, 0, trial, &trial_page);
    assert_eq!(
        h.progress(),
        "Step 2 of 6",
        "arriving on the form proves nothing"
    );
    let overlay = h.frames[&(3, 0)].overlay.clone().unwrap();
    let t = overlay.target.unwrap();
    assert_eq!(t.fingerprint.name, "Sign in");
    assert_eq!(t.step, "office365-for-azure-ad/b2");
    let mark = overlay.marks.first().expect("the form is marked");
    assert_eq!(mark.kind, super::protocol::MarkKind::DoNotUse);
    assert!(mark.text.starts_with("Do not fill in this form"));
    assert_eq!(mark.fingerprint.tag, "form");
    assert!(overlay
        .callout
        .unwrap()
        .warning
        .unwrap()
        .contains("Do not fill in this form"));
    h.click_target(3, 0, trial, &trial_page);
    assert_eq!(h.progress(), "Step 3 of 6");
    assert!(h.active().steps[2].panel_only);

    // Back from sign-in: the order page with Try now.
    let checkout_page = FakePage::default()
        .with(&["header a", "a"], link("kelley@contoso.com", "#"))
        .with(&["button"], el("button", "button", "Try now", true, 0));
    h.visit(3, 0, trial, &checkout_page);
    assert_eq!(h.progress(), "Step 4 of 6");
    assert_eq!(h.target(3, 0).unwrap().fingerprint.name, "Try now");
    assert!(h.frames[&(3, 0)].overlay.clone().unwrap().marks.is_empty());
    h.click_target(3, 0, trial, &checkout_page);
    assert_eq!(h.progress(), "Step 5 of 6");

    let receipt = "https://signup.microsoft.com/get-started/receipt";
    let receipt_page = FakePage::default()
        .with(&["h1"], el("h1", "heading", "Order receipt", true, 0))
        .with(&["button"], el("button", "button", "Continue", true, 0));
    h.visit(3, 0, receipt, &receipt_page);
    assert_eq!(h.target(3, 0).unwrap().fingerprint.name, "Continue");

    let admin = "https://admin.microsoft.com/Adminportal/Home#/homepage";
    let nav = FakePage::default()
        .with(&["a", "button"], el("button", "button", "Users", true, 0))
        .with(&["a"], link("Active users", "#/users"))
        .with(&["a"], link("Billing", "#/billing"));
    let mut collapsed = nav.clone();
    collapsed.elements[1].1.visible = false;
    h.visit(3, 0, admin, &collapsed);
    assert_eq!(h.progress(), "Step 6 of 6");
    assert_eq!(
        h.target(3, 0).unwrap().fingerprint.name,
        "Users",
        "hidden Active users loses"
    );
    h.answer(3, 0, admin, &nav);
    assert_eq!(h.target(3, 0).unwrap().fingerprint.name, "Active users");
    let users = "https://admin.microsoft.com/Adminportal/Home#/users";
    let mut list = nav.clone();
    for i in 0..12 {
        list = list.with(
            &["[data-automationid='DetailsRow']"],
            el("div", "row", &format!("u{i}"), true, i),
        );
    }
    h.visit(3, 0, users, &list);
    let a = h.active();
    assert!(a.finished);
    assert_eq!(a.steps[5].evidence, "rows present: 12 active users");
}

#[test]
fn walk_guide_c_2017_wording() {
    let mut h = Harness::new();
    h.start(C_GUIDE);
    let home = "https://portal.azure.com/";
    h.visit(
        5,
        0,
        home,
        &FakePage::default()
            .with(&["a"], link("Browse", "#"))
            .with(&["a"], link("Active Directory", "#")),
    );
    assert_eq!(h.target(5, 0).unwrap().fingerprint.name, "Active Directory");
    h.visit(
        5,
        0,
        "https://portal.azure.com/#blade/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/Overview",
        &FakePage::default().with(&["a"], link("USERS", "#")),
    );
    assert_eq!(h.progress(), "Step 2 of 4");
    assert_eq!(h.target(5, 0).unwrap().fingerprint.name, "USERS");
    let users =
        "https://portal.azure.com/#blade/Microsoft_AAD_IAM/UsersManagementMenuBlade/AllUsers";
    let list = users_rows(FakePage::default(), 5);
    h.visit(5, 0, users, &list);
    assert_eq!(h.progress(), "Step 3 of 4");
    let t = h.target(5, 0).unwrap();
    assert_eq!(t.fingerprint.nth, 0);
    assert!(h.callout(5, 0).unwrap().why.contains("item 1 in its list"));
    h.click_target(5, 0, users, &list);
    assert_eq!(h.progress(), "Step 4 of 4");
    let profile =
        "https://portal.azure.com/#blade/Microsoft_AAD_IAM/UserDetailsMenuBlade/Profile/userId/1";
    let profile_page = FakePage::default().with(&["a"], link("Profile", "#")).with(
        &["a"],
        link(
            "Directory role",
            "#blade/Microsoft_AAD_IAM/UserDetailsMenuBlade/DirectoryRole/userId/1",
        ),
    );
    h.visit(5, 0, profile, &profile_page);
    assert_eq!(h.target(5, 0).unwrap().fingerprint.name, "Directory role");
    h.click_target(5, 0, profile, &profile_page);
    assert!(h.active().finished);
}

#[test]
fn walk_guide_c_today_in_blade_frames() {
    let mut h = Harness::new();
    h.start(C_GUIDE);
    h.visit(6, 0, "https://portal.azure.com/#home", &portal_home_today());
    h.visit(
        6,
        0,
        "https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview",
        &portal_topbar().with(&["a"], link("Users", "#")),
    );
    h.visit(6, 0, "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers", &portal_topbar());
    assert_eq!(h.progress(), "Step 3 of 4");
    let frame_url = "https://sandbox-2.reactblade.portal.azure.net/users";
    let list = users_rows(FakePage::default(), 2);
    h.visit(6, 9, frame_url, &list);
    assert!(h.target(6, 9).is_some(), "the target is in the blade frame");
    assert!(
        h.callout(6, 9).is_some() && h.callout(6, 0).is_none(),
        "the callout follows the target"
    );
    h.click_target(6, 9, frame_url, &list);
    assert_eq!(h.progress(), "Step 4 of 4");
    let roles = FakePage::default().with(&["a"], link("Assigned roles", "#"));
    h.visit(6, 0, "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/1", &roles);
    assert_eq!(h.target(6, 0).unwrap().fingerprint.name, "Assigned roles");
    h.visit(6, 0, "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/1", &roles);
    assert!(h.active().finished);
}

#[test]
fn explanation_d_shows_the_signed_in_directory() {
    let mut h = Harness::new();
    h.start("directories");
    let a = h.active();
    assert!(a
        .paragraphs
        .iter()
        .any(|p| p.contains("A subscription gets created under a directory")));
    assert!(a
        .paragraphs
        .last()
        .unwrap()
        .contains("Open the Azure portal"));
    let home = "https://portal.azure.com/#home";
    h.visit(1, 0, home, &portal_topbar());
    let a = h.active();
    assert!(
        a.paragraphs
            .last()
            .unwrap()
            .contains("admin@contoso.com in the directory \"Contoso\""),
        "{:?}",
        a.paragraphs
    );
    assert_eq!(
        h.target(1, 0)
            .unwrap()
            .fingerprint
            .attrs
            .get("aria-label")
            .map(String::as_str),
        Some("Account menu")
    );
    h.click_target(1, 0, home, &portal_topbar());
    assert!(h.active().finished);
}
