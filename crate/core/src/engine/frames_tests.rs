//! Frame lifecycle (issue 13 item 1, and item 6's lost hello): frames are
//! forgotten when their document goes, limits are per tab and never refuse
//! a frame, the newest frame of a blade wins, and a frame the engine does
//! not know is taken back.

use super::state::{MAX_FRAMES, MAX_FRAMES_PER_TAB};
use super::tests::{
    frames_of, link, portal_home_today, portal_topbar, users_rows, FakePage, Harness,
};
use crate::protocol::FromPage;

const C_GUIDE: &str = "find-your-role";
const USERS: &str = "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers";

/// Guide C at step 3 ("click the user"), in tab `tab`'s top frame.
fn at_the_users_step(tab: i64) -> Harness {
    let mut h = Harness::new();
    h.start(C_GUIDE);
    h.visit(
        tab,
        0,
        "https://portal.azure.com/#home",
        &portal_home_today(),
    );
    h.visit(
        tab,
        0,
        "https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview",
        &portal_topbar().with(&["a"], link("Users", "#")),
    );
    h.visit(tab, 0, USERS, &portal_topbar());
    assert_eq!(h.progress(), "Step 3 of 4");
    h
}

fn blade(i: i64) -> String {
    format!(
        "https://sandbox-{}.reactblade.portal.azure.net/users",
        i % 7
    )
}

fn bye(h: &mut Harness, tab: i64, frame: i64) -> Vec<crate::engine::Effect> {
    h.now += 1.0;
    let fx = h.engine.from_page(
        &Harness::sender(tab, frame, &blade(frame)),
        r#"{"waymark":1,"kind":"bye"}"#,
        h.now,
    );
    h.record(fx)
}

fn tracked(h: &Harness, tab: i64) -> usize {
    h.engine
        .state
        .frames
        .iter()
        .filter(|f| f.tab == tab)
        .count()
}

fn snapshot_len(h: &Harness) -> usize {
    h.snapshot.as_ref().map_or(0, String::len)
}

/// The issue's figure: 1,000 blade frames opened and closed in one tab (half
/// say goodbye, half vanish silently, as a removed iframe whose goodbye was
/// lost), then the users blade is still highlighted, and what the engine
/// tracks and saves stays bounded.
#[test]
fn a_thousand_blade_frames_opened_and_closed_in_one_tab() {
    let mut h = at_the_users_step(1);
    let list = users_rows(FakePage::default(), 2);
    let (mut most_tracked, mut largest_snapshot) = (0, 0);
    for i in 1..=1000 {
        h.visit(1, i, &blade(i), &list);
        assert!(
            h.target(1, i).is_some(),
            "blade frame {i}: the newest frame of the blade is highlighted"
        );
        most_tracked = most_tracked.max(tracked(&h, 1));
        largest_snapshot = largest_snapshot.max(snapshot_len(&h));
        if i % 2 == 0 {
            bye(&mut h, 1, i);
        }
    }
    let last = 1001;
    h.visit(1, last, &blade(last), &list);
    h.target(1, last)
        .expect("the users blade is still highlighted");
    assert!(h.callout(1, last).is_some());
    let painted_elsewhere = h
        .engine
        .state
        .frames
        .iter()
        .filter(|f| f.frame != last)
        .filter_map(|f| f.painted.as_ref())
        .any(|o| o.target.is_some() || o.callout.is_some());
    let others: Vec<_> = h
        .engine
        .state
        .frames
        .iter()
        .filter(|f| f.frame != last)
        .filter(|f| {
            f.painted
                .as_ref()
                .is_some_and(|o| o.target.is_some() || o.callout.is_some())
        })
        .map(|f| (f.frame, f.url.clone(), f.painted.clone()))
        .collect();
    assert!(
        !painted_elsewhere,
        "exactly one frame shows the step: {others:?}"
    );
    eprintln!(
        "1,000 blade frames in one tab: at most {most_tracked} frames tracked, \
         largest snapshot {largest_snapshot} bytes, now {} frames and {} bytes",
        tracked(&h, 1),
        snapshot_len(&h)
    );
    assert!(most_tracked <= MAX_FRAMES_PER_TAB, "{most_tracked}");
    assert!(largest_snapshot < 16 * 1024, "{largest_snapshot}");
    h.click_target(1, last, &blade(last), &list);
    assert_eq!(h.progress(), "Step 4 of 4");
}

/// Never refused: past the per-tab limit the least recently heard frame is
/// forgotten, in that tab only, and a live frame forgotten that way is taken
/// back (with a new watch) on its next message.
#[test]
fn limits_are_per_tab_and_never_refuse_a_frame() {
    let mut h = at_the_users_step(1);
    h.visit(2, 0, "https://portal.azure.com/#home", &portal_home_today());
    h.hello(2, 5, &blade(5));
    let n = MAX_FRAMES_PER_TAB as i64 + 10;
    for i in 1..=n {
        let fx = h.hello(1, i, &blade(i));
        assert!(
            frames_of(&fx).get(&(1, i)).is_some_and(|v| v.watch != 0),
            "frame {i} is answered with a watch"
        );
    }
    assert_eq!(tracked(&h, 1), MAX_FRAMES_PER_TAB);
    assert!(h.engine.frame_index(1, 0).is_some(), "the top frame stays");
    assert!(h.engine.frame_index(2, 5).is_some(), "other tabs untouched");
    assert!(
        h.engine.frame_index(1, 1).is_none(),
        "the least recent went"
    );
    // Frame 1 was alive after all: its next answer brings it back, and the
    // watch it is given then highlights the list in it.
    let list = users_rows(FakePage::default(), 2);
    let old_watch = h.frames[&(1, 1)].watch;
    let queries = h.frames[&(1, 1)].queries.clone();
    let fx = h.observe(1, 1, &blade(1), old_watch, &list, &queries);
    assert!(frames_of(&fx)
        .get(&(1, 1))
        .is_some_and(|v| v.watch != old_watch));
    h.answer(1, 1, &blade(1), &list);
    assert!(h.target(1, 1).is_some());
    // Across tabs the total is bounded too, and never by refusing.
    for tab in 10..10 + (MAX_FRAMES / MAX_FRAMES_PER_TAB) as i64 + 2 {
        for i in 0..MAX_FRAMES_PER_TAB as i64 {
            h.hello(tab, i, &blade(i));
        }
    }
    assert!(h.engine.state.frames.len() <= MAX_FRAMES);
    let fx = h.hello(1, 999, &blade(999));
    assert!(frames_of(&fx).get(&(1, 999)).is_some_and(|v| v.watch != 0));
}

/// A reopened blade: the old frame never said goodbye and still holds the
/// same answers; the new frame gets the highlight (ties favour the newest).
#[test]
fn the_newest_frame_of_a_blade_wins_ties() {
    let mut h = at_the_users_step(1);
    let list = users_rows(FakePage::default(), 2);
    h.visit(1, 5, &blade(5), &list);
    assert!(h.target(1, 5).is_some());
    h.visit(1, 6, &blade(6), &list);
    assert!(h.target(1, 6).is_some(), "the new frame is highlighted");
    assert_eq!(
        h.frames[&(1, 5)]
            .overlay
            .as_ref()
            .map(|o| o.target.is_some()),
        Some(false),
        "the old frame is cleared"
    );
    // The old frame says hello again (a route change in it): now it is the
    // newest.
    h.visit(1, 5, &blade(5), &list);
    assert!(h.target(1, 5).is_some());
}

/// A new document in the top frame drops the tab's subframes: by its
/// goodbye, or, if that was lost, when the top frame says hello from
/// another site. A failed delivery forgets a frame.
#[test]
fn frames_go_with_their_document() {
    let mut h = at_the_users_step(1);
    let list = users_rows(FakePage::default(), 2);
    h.visit(1, 3, &blade(3), &list);
    h.visit(1, 4, &blade(4), &list);
    // A subframe's goodbye forgets that frame only.
    let fx = bye(&mut h, 1, 4);
    assert!(fx
        .iter()
        .any(|e| matches!(e, crate::engine::Effect::Persist(_))));
    assert!(h.engine.frame_index(1, 4).is_none());
    assert!(
        h.target(1, 3).is_some(),
        "the remaining frame keeps the step"
    );
    // A route change of the top frame keeps its blade frames.
    h.hello(1, 0, USERS);
    assert!(h.engine.frame_index(1, 3).is_some());
    // The top frame's goodbye takes its subframes with it.
    let fx = h.record(vec![]);
    assert!(fx.is_empty());
    h.now += 1.0;
    let fx = h.engine.from_page(
        &Harness::sender(1, 0, USERS),
        &serde_json::to_string(&FromPage::Bye { waymark: 1 }).unwrap(),
        h.now,
    );
    h.record(fx);
    assert_eq!(tracked(&h, 1), 0);
    // Lost goodbyes: the top frame says hello from another site.
    h.visit(1, 0, USERS, &portal_topbar());
    h.visit(1, 3, &blade(3), &list);
    h.hello(1, 0, "https://azure.microsoft.com/en-us/free/");
    assert_eq!(tracked(&h, 1), 1, "only the new top document is left");
    // A failed delivery (the background reports it) forgets the frame.
    h.visit(1, 0, USERS, &portal_topbar());
    h.visit(1, 8, &blade(8), &list);
    assert!(!h.engine.frame_gone(1, 8).is_empty());
    assert!(h.engine.frame_index(1, 8).is_none());
    assert!(
        h.engine.frame_gone(1, 8).is_empty(),
        "twice changes nothing"
    );
}

// ---------------------------------------------------------------------------
// Evidence from the guided journey only (issue 13 item 2)
// ---------------------------------------------------------------------------

const A_GUIDE: &str = "azure-for-office365";
const FREE: &str = "https://azure.microsoft.com/en-us/free/";
const SIGNUP: &str = "https://signup.azure.com/signup?offer=ms-azr-0044p";
const HOME: &str = "https://portal.azure.com/#home";

/// Guide A at step 3 ("complete the sign-up"), the sign-up form showing in
/// tab 1, with a portal tab (9) left open from before the guide started.
fn signing_up() -> Harness {
    let mut h = Harness::new();
    h.visit(9, 0, HOME, &portal_home_today());
    h.start(A_GUIDE);
    let free_page = FakePage::default().with(
        &["a", "a[href*='signup.azure.com']"],
        link("Start free", SIGNUP),
    );
    h.visit(1, 0, FREE, &free_page);
    h.click_target(1, 0, FREE, &free_page);
    let form = FakePage::default()
        .with(&["form"], super::tests::el("form", "form", "", true, 0))
        .with(
            &["button"],
            super::tests::el("button", "button", "Sign up", true, 0),
        );
    h.visit(1, 0, SIGNUP, &form);
    assert_eq!(h.progress(), "Step 3 of 6");
    h
}

#[test]
fn a_stale_tabs_route_change_does_not_complete_a_step() {
    let mut h = signing_up();
    // The old portal tab moves (a route change, then a reload): the sign-up
    // form is still showing in the guided tab, so nothing is complete.
    let subs = "https://portal.azure.com/#view/Microsoft_Azure_Billing/SubscriptionsBladeV2";
    h.visit(9, 0, subs, &portal_topbar());
    h.visit(9, 0, HOME, &portal_home_today());
    assert_eq!(h.progress(), "Step 3 of 6");
    // A new tab nobody opened from the journey proves nothing either.
    h.visit(4, 0, HOME, &portal_home_today());
    assert_eq!(h.progress(), "Step 3 of 6");
    assert!(!h.engine.in_journey(9) && !h.engine.in_journey(4));
    // The guided tab itself reaching the portal does.
    h.visit(1, 0, HOME, &portal_home_today());
    assert_eq!(h.progress(), "Step 4 of 6");
    h.assert_evidence(2, "portal.azure.com");
}

#[test]
fn a_tab_opened_from_the_journey_counts() {
    let mut h = signing_up();
    // The sign-up site opens the portal in a new tab (openerTabId 1).
    h.engine.opened_from(3, 1);
    h.visit(3, 0, HOME, &portal_home_today());
    assert_eq!(h.progress(), "Step 4 of 6");
    // And the journey survives the service worker being stopped.
    let snapshot = h.snapshot.clone().expect("a snapshot");
    let (engine, _) = crate::engine::Engine::restore(Some(&snapshot));
    let mut h = Harness::from_engine(engine);
    h.engine.opened_from(5, 3);
    assert!(h.engine.in_journey(5) && h.engine.in_journey(1));
    assert!(!h.engine.in_journey(6));
}

#[test]
fn a_closed_journey_tab_leaves_the_journey_and_the_guide_goes_on_in_another_tab() {
    // Found by the chaos suite (issue 13 item 10, a tab closed mid-step):
    // the guided tab is closed on the sign-up form; the admin goes on in a
    // new tab. A closed tab can show nothing more, so it leaves the journey;
    // with no journey tab left, evidence counts from any tab again, as it
    // does before anything was shown.
    let mut h = signing_up();
    h.engine.frame_gone(1, 0); // its `bye`
    assert!(!h.engine.tab_gone(1).is_empty(), "the journey changed");
    assert!(h.engine.tab_gone(1).is_empty(), "twice changes nothing");
    h.visit(4, 0, HOME, &portal_home_today());
    assert_eq!(h.progress(), "Step 4 of 6");
    h.assert_evidence(2, "portal.azure.com");
    // The journey goes on from the tab that carried the step; the closed
    // tab is not part of it.
    assert!(h.engine.in_journey(4) && !h.engine.in_journey(1));
}
