//! Roles wherever a portal page shows them, as part of the engine.
//!
//! `roles.rs` knows the pages (queries, reading, verdict rules); this module
//! wires it into the engine's cycle:
//! - which frames are asked the role queries: frames of a tab whose top URL
//!   is recognised as a role page (`roles::sources_for_page`), whether or
//!   not a guide runs, and no others (the queries are not free);
//! - reading after every answer from such a tab, and remembering the
//!   verdict per signed-in account for the browser session (the snapshot
//!   lives in `storage.session`); a reading about someone else is kept
//!   apart and never becomes "your" verdict;
//! - the verdict badge (`Mark` of kind `Verdict`) in the frame that holds
//!   the role list, next to any guide callout, while a guide runs (an
//!   unguided page carries no Waymark marker; the panel still shows the
//!   verdict);
//! - the panel: "Checked 5 minutes ago on portal.azure.com: ..." at a
//!   guide's precondition, and `recheck-role`.

use super::state::{is_blade_frame, Engine, Frame};
use super::view::sources_text;
use crate::eligibility::{judge, GuideVerdict};
use crate::guide::{Guide, RuleKind};
use crate::protocol::{
    msg, AccountView, ElementFacts, EligibilityView, Fingerprint, GuideVerdictView, Mark, MarkKind,
    Overlay, Query, QueryResult, Text, VerdictView,
};
use crate::roles::{
    self, query_ids as q, Account, AccountSourceKind, FrameHint, RoleReading, RoleSourceKind,
    Verdict, VerdictReport, FIND_YOUR_ROLE_GUIDE,
};
use crate::url::{self, host_matches};
use std::collections::BTreeMap;

/// At most this many accounts' verdicts are remembered: one browser session
/// rarely sees more than two or three, and a hostile page must not grow the
/// snapshot without bound.
pub(super) const MAX_REMEMBERED: usize = 16;

/// Remember `view` under `key` among at most `MAX_REMEMBERED` readings,
/// dropping the oldest reading to make room for a new account. Shared by the
/// directory-role and the "My role" (Azure RBAC) memories.
pub(super) fn insert_bounded(
    mem: &mut BTreeMap<String, VerdictView>,
    key: String,
    view: VerdictView,
) {
    if !mem.contains_key(&key) && mem.len() >= MAX_REMEMBERED {
        let oldest = mem
            .iter()
            .min_by(|a, b| a.1.read_at_ms.total_cmp(&b.1.read_at_ms))
            .map(|(k, _)| k.clone());
        if let Some(k) = oldest {
            mem.remove(&k);
        }
    }
    mem.insert(key, view);
}

/// The key under which a verdict is remembered while the signed-in account
/// has not been read yet (a "Your Role" pane can answer before the portal's
/// account menu does).
const UNKNOWN_ACCOUNT: &str = "";

/// Where a verdict badge goes: which frame, and the element as the content
/// script can find it again.
struct Anchor {
    frame: usize,
    query: String,
    fingerprint: Fingerprint,
}

impl Engine {
    /// Remember the time of the message being handled (for ages in the panel).
    pub(super) fn tick(&mut self, now_ms: f64) {
        if now_ms.is_finite() {
            self.state.roles.now_ms = now_ms;
        }
    }

    pub(super) fn tab_top_url(&self, tab: i64) -> Option<&str> {
        self.state
            .frames
            .iter()
            .find(|f| f.tab == tab && f.top)
            .map(|f| f.url.as_str())
    }

    /// Role queries (and, on the Microsoft 365 admin center, its account
    /// manager's) for frame `f`; empty unless its tab shows a role page.
    pub(super) fn role_queries(&self, f: &Frame) -> Vec<Query> {
        let Some(top) = self.tab_top_url(f.tab) else {
            return Vec::new();
        };
        let sources = roles::sources_for_page(top);
        if sources.is_empty() {
            return Vec::new();
        }
        let blade = !f.top && is_blade_frame(&f.url);
        let fits = |hint: FrameHint| match hint {
            FrameHint::Top => f.top,
            FrameHint::BladeFrame => blade,
            FrameHint::Any => true,
        };
        let mut out: Vec<Query> = Vec::new();
        let specs = sources.iter().flat_map(|s| s.queries.iter()).chain(
            // The portal's account menu is asked by the engine already;
            // the admin center's tells whose user details are open.
            roles::account_sources_for_url(top)
                .into_iter()
                .filter(|a| a.kind == AccountSourceKind::M365AccountManager)
                .flat_map(|a| a.queries.iter()),
        );
        for spec in specs.filter(|s| fits(s.frame)) {
            if !out.iter().any(|o| o.id == spec.id) {
                out.push(spec.to_query());
            }
        }
        out
    }

    /// The sets of frames of tab `tab` a role reading may come from, best
    /// first: the top frame with one blade frame (the newest first), then
    /// the top frame alone.
    ///
    /// Only frames that said hello since the top frame's current page or
    /// route count: a blade frame of an earlier page (the previous user's
    /// Assigned roles) may still be tracked, with its old answers, long
    /// after the portal removed it (a removed frame says nothing), and its
    /// roles must never be read under the new page's title. Frames are never
    /// merged either: two blades' grids side by side are not one list.
    fn role_frame_sets(&self, tab: i64) -> Vec<Vec<usize>> {
        let Some(top) = self.state.frames.iter().position(|f| f.tab == tab && f.top) else {
            return Vec::new();
        };
        let since = self.state.frames.get(top).map_or(0, |f| f.arrived);
        let mut children: Vec<usize> = self
            .state
            .frames
            .iter()
            .enumerate()
            .filter(|(_, f)| f.tab == tab && !f.top && f.arrived >= since && f.results.is_some())
            .map(|(i, _)| i)
            .collect();
        let arrived = |i: usize| self.state.frames.get(i).map_or(0, |f| f.arrived);
        children.sort_by_key(|&i| std::cmp::Reverse(arrived(i)));
        let mut sets: Vec<Vec<usize>> = children.into_iter().map(|c| vec![top, c]).collect();
        sets.push(vec![top]);
        sets
    }

    /// All answers of the frames `frames`.
    fn frames_results(&self, frames: &[usize]) -> Vec<QueryResult> {
        frames
            .iter()
            .filter_map(|&i| self.state.frames.get(i))
            .flat_map(|f| f.results.iter().flatten().cloned())
            .collect()
    }

    /// The Microsoft 365 admin center's account manager, read in the tab's
    /// top frame (the portal's account menu is read by `read_account`).
    fn m365_account(&self, tab: i64) -> Option<Account> {
        let f = self.state.frames.iter().find(|f| f.tab == tab && f.top)?;
        let results = f.results.as_ref()?;
        let on_m365 = roles::account_sources_for_url(&f.url)
            .iter()
            .any(|a| a.kind == AccountSourceKind::M365AccountManager);
        if !on_m365 {
            return None;
        }
        roles::read_account(AccountSourceKind::M365AccountManager, results)
    }

    /// The signed-in account as the engine knows it (the account menu last
    /// read), in the form `roles` compares.
    fn signed_in(&self) -> Option<Account> {
        let a = self.state.account.as_ref()?;
        let name = roles::clean_for_display(&a.account);
        if name.is_empty() {
            return None;
        }
        // A user name with '@' is the principal name (as roles.rs reads it);
        // the account menu's flyout may add the display name beside it.
        let upn = name.contains('@') && !name.contains(' ');
        let flyout_name = roles::clean_for_display(&a.display_name);
        let display_name = if !upn {
            Some(name.clone())
        } else {
            (!flyout_name.is_empty()).then_some(flyout_name)
        };
        Some(Account {
            display_name,
            principal_name: upn.then_some(name),
            tenant: (!a.directory.is_empty()).then(|| a.directory.clone()),
        })
    }

    /// Who a reading in tab `tab` is compared with: the account manager of
    /// that very page when it shows one, else the signed-in account.
    fn account_for_tab(&self, tab: i64) -> Option<Account> {
        self.m365_account(tab).or_else(|| self.signed_in())
    }

    /// The key of the current account's remembered verdict.
    pub(super) fn current_key(&self) -> String {
        self.signed_in()
            .and_then(|a| a.key())
            .unwrap_or_else(|| UNKNOWN_ACCOUNT.to_string())
    }

    /// The first role source of tab `tab`'s page that can be read now, and
    /// the frames it was read from (see `role_frame_sets`).
    fn reading_for_tab(&self, tab: i64) -> Option<(RoleReading, VerdictReport, Vec<usize>)> {
        let top = self.tab_top_url(tab)?;
        let sources = roles::sources_for_page(top);
        if sources.is_empty() {
            return None;
        }
        let account = self.account_for_tab(tab);
        let now = self.state.roles.now_ms;
        self.role_frame_sets(tab).into_iter().find_map(|frames| {
            let results = self.frames_results(&frames);
            sources.iter().find_map(|s| {
                let reading = roles::read(s.kind, &results, top, account.as_ref(), now)?;
                let report = roles::verdict(&reading);
                Some((reading, report, frames.clone()))
            })
        })
    }

    /// Read roles from tab `tab` (after one of its frames answered) and
    /// remember the verdict: the signed-in account's per account, someone
    /// else's apart. Its callers (`from_page`, `recheck_role` via
    /// `from_panel`) have already ticked the clock for this message.
    pub(super) fn read_roles(&mut self, tab: i64, now_ms: f64) {
        self.note_m365_account(tab, now_ms);
        if let Some((reading, report, _)) = self.reading_for_tab(tab) {
            let view = verdict_view(&reading, &report);
            if report.about_signed_in_user {
                let key = self
                    .account_for_tab(tab)
                    .and_then(|a| a.key())
                    .unwrap_or_else(|| UNKNOWN_ACCOUNT.to_string());
                self.remember(key, view);
            } else if !self
                .state
                .roles
                .other
                .as_ref()
                .is_some_and(|o| same_reading(o, &view))
            {
                self.state.roles.other = Some(view);
            }
        }
        self.sync_verdict();
        self.remember_rbac(now_ms);
    }

    /// The admin center shows who is signed in only there: make it the
    /// signed-in account when it names someone else than the one known.
    fn note_m365_account(&mut self, tab: i64, now_ms: f64) {
        let Some(acc) = self.m365_account(tab) else {
            return;
        };
        let known = self
            .signed_in()
            .is_some_and(|s| roles::same_person(&subject_of(&acc), &s) == Some(true));
        if known {
            return;
        }
        let Some(label) = acc.principal_name.clone().or(acc.display_name.clone()) else {
            return;
        };
        let host = self.tab_top_url(tab).map(roles::host).unwrap_or_default();
        self.state.account = Some(crate::protocol::AccountView {
            account: label,
            directory: String::new(),
            display_name: String::new(),
            read_on: host,
            read_at_ms: now_ms,
        });
    }

    fn remember(&mut self, key: String, view: VerdictView) {
        let mem = &mut self.state.roles.remembered;
        if let Some(old) = mem.get(&key) {
            // Keep the first time a reading was made while it holds, so the
            // snapshot does not change on every answer; and never let an
            // "unknown" (say, a list cut off) erase a verdict that was
            // read: "check again" forgets on purpose.
            if same_reading(old, &view)
                || (view.verdict == Verdict::Unknown && old.verdict != Verdict::Unknown)
            {
                return;
            }
        }
        insert_bounded(mem, key, view);
    }

    /// `state.verdict` is the current account's remembered verdict: another
    /// account signing in must not inherit the previous one's.
    fn sync_verdict(&mut self) {
        let v = self
            .state
            .roles
            .remembered
            .get(&self.current_key())
            .cloned();
        if self.state.verdict != v {
            self.state.verdict = v;
        }
    }

    /// `recheck-role`: forget the current account's verdict (and the latest
    /// reading about someone else) and read again from the open pages.
    /// Called from `from_panel`, which has ticked the clock.
    pub(super) fn recheck_role(&mut self, now_ms: f64) {
        let key = self.current_key();
        self.state.roles.remembered.remove(&key);
        self.state.roles.remembered.remove(UNKNOWN_ACCOUNT);
        self.state.roles.rbac.remove(&key);
        self.state.roles.rbac.remove(UNKNOWN_ACCOUNT);
        self.state.roles.other = None;
        self.state.verdict = None;
        for tab in self.tabs() {
            self.read_roles(tab, now_ms);
        }
        self.state.notice = Some(match &self.state.verdict {
            Some(v) => Text::msg(
                "noticeCheckedAgain",
                [v.read_on.as_str().into(), v.summary.clone()],
            ),
            None => Text::msg("noticeOpenRolesPage", [FIND_YOUR_ROLE_GUIDE.into()]),
        });
    }

    /// The latest reading about someone else, for the panel.
    pub(super) fn other_verdict(&self) -> Option<VerdictView> {
        self.state.roles.other.clone()
    }

    /// The running guide's verdict for a reading, from the guide's own
    /// eligibility rules (`None`: no guide runs, or it states no rule, as
    /// Guide C, which shows the directory-role reading itself).
    fn running_verdict(&self, v: &VerdictView) -> Option<GuideVerdict> {
        let g = self.running_guide()?;
        let e = g.eligibility.as_ref()?;
        // A guide judged by Azure RBAC roles only (Guide E, contact-support)
        // says nothing about a directory-role reading: leave the card as read.
        if !e.rules.is_empty() && e.rules.iter().all(|r| r.kind == RuleKind::AzureRbacRole) {
            return None;
        }
        judge(e, Some(v), None)
    }

    /// The Azure RBAC roles read from "My role" (rbac.rs): on the page now,
    /// else as remembered for the signed-in account.
    fn rbac_roles(&self) -> Option<Vec<String>> {
        self.rbac_reading()
            .map(|r| r.rows.iter().map(|x| x.role.clone()).collect())
            .or_else(|| self.remembered_rbac().map(|v| v.roles_read.clone()))
    }

    /// A verdict card for the panel, as the running guide sees it: a plain
    /// member "qualifies" on Guide A while Guide B says "does not qualify".
    pub(super) fn for_running_guide(&self, v: VerdictView) -> VerdictView {
        match self.running_verdict(&v) {
            Some(gv) => {
                let summary = if v.about_signed_in_user {
                    gv.line.clone()
                } else {
                    msg("summaryNotYou", [v.whose.clone(), gv.line.clone()])
                };
                VerdictView {
                    verdict: gv.verdict,
                    summary,
                    ..v
                }
            }
            None => v,
        }
    }

    /// The remembered check offered at guide `g`'s precondition, and its
    /// verdict, judged by `g`'s eligibility rules: ("Checked 5 minutes ago on
    /// portal.azure.com: Billing Administrator — qualifies", "qualifies").
    /// Empty for guides that state no eligibility.
    pub(super) fn role_check(&self, g: &Guide) -> (Text, Option<Verdict>) {
        // Guide E needs an Azure RBAC role, read from "My role" (rbac.rs).
        if g.id == super::rbac::RBAC_GUIDE {
            return self.rbac_check();
        }
        let Some(e) = g.eligibility.as_ref() else {
            return (Text::default(), None);
        };
        let Some(v) = &self.state.verdict else {
            let not_yet = msg("roleNotCheckedYet", [FIND_YOUR_ROLE_GUIDE.into()]);
            return (
                msg("twoSentences", [e.summary.as_str().into(), not_yet]),
                None,
            );
        };
        let age = age_text(self.state.roles.now_ms - v.read_at_ms);
        let (verdict, line) = match judge(e, Some(v), None) {
            Some(gv) => (gv.verdict, gv.line),
            None => (v.verdict, v.summary.clone()),
        };
        let checked = msg("roleChecked", [age, v.read_on.as_str().into(), line]);
        let s = if verdict != Verdict::Qualifies {
            msg("twoSentences", [checked, v.next_action.clone()])
        } else {
            checked
        };
        (s, Some(verdict))
    }

    /// Who qualifies for guide `g` and why, from its data, with the verdict
    /// for the signed-in account: `g`'s own, or for Guide C each guide it
    /// explains.
    pub(super) fn eligibility_view(&self, g: &Guide) -> Option<EligibilityView> {
        let e = g.eligibility.as_ref()?;
        let with_source = |text: Text, ids: &[String]| {
            let src = sources_text(g, ids);
            if src.is_empty() {
                text
            } else {
                msg("withSource", [text, src.into()])
            }
        };
        let reading = self.state.verdict.as_ref();
        let rbac = self.rbac_roles();
        let mut guides = Vec::new();
        let judged: Vec<&Guide> = if e.explains.is_empty() {
            vec![g]
        } else {
            e.explains
                .iter()
                .filter_map(|id| self.guides.iter().find(|o| &o.id == id))
                .collect()
        };
        for o in judged {
            let Some(oe) = o.eligibility.as_ref() else {
                continue;
            };
            if let Some(gv) = judge(oe, reading, rbac.as_deref()) {
                guides.push(GuideVerdictView {
                    guide: o.id.clone(),
                    title: o.title.clone(),
                    verdict: gv.verdict,
                    line: gv.line,
                });
            }
        }
        Some(EligibilityView {
            summary: e.summary.clone(),
            rules: e
                .rules
                .iter()
                .map(|r| with_source(r.text.as_str().into(), &r.source))
                .collect(),
            excluded: e
                .excluded
                .iter()
                .map(|x| {
                    let text = msg(
                        "whoColonWhy",
                        [x.who.as_str().into(), x.why.as_str().into()],
                    );
                    with_source(text, &x.source)
                })
                .collect(),
            unchecked: e
                .unchecked
                .iter()
                .map(|x| {
                    let text = msg(
                        "twoSentences",
                        [x.what.as_str().into(), x.why.as_str().into()],
                    );
                    with_source(text, &x.source)
                })
                .collect(),
            source: sources_text(g, &e.source),
            guides,
        })
    }

    /// Add a verdict badge to the frame that holds each role list shown.
    pub(super) fn add_verdict_marks(&self, overlays: &mut [Overlay]) {
        for tab in self.tabs() {
            let Some((reading, report, frames)) = self.reading_for_tab(tab) else {
                continue;
            };
            let Some(anchor) = self.anchor(&frames, reading.source) else {
                continue;
            };
            // The badge answers for the running guide (its eligibility rules).
            let view = self.for_running_guide(verdict_view(&reading, &report));
            if let Some(o) = overlays.get_mut(anchor.frame) {
                o.marks.push(Mark {
                    query: anchor.query,
                    fingerprint: anchor.fingerprint,
                    kind: MarkKind::Verdict,
                    text: badge_text(&view),
                    verdict: Some(view.verdict),
                    lang: self
                        .state
                        .frames
                        .get(anchor.frame)
                        .map(|f| self.frame_lang(f))
                        .unwrap_or_default(),
                });
            }
        }
    }

    /// The element next to which the badge goes: the role list's `Role`
    /// column header (the Your Role pane's first), the empty-list message,
    /// the admin center's Roles section, the 2017 field or checked choice,
    /// else the blade title.
    fn anchor(&self, frames: &[usize], kind: RoleSourceKind) -> Option<Anchor> {
        let role_header = |e: &ElementFacts| roles::is_role_column(text_of(e));
        let any = |_: &ElementFacts| true;
        let your_role = |e: &ElementFacts| roles::normalize(text_of(e)).contains("your role");
        let m365_section = |e: &ElementFacts| roles::m365_roles_value(&e.text).is_some();
        let legacy_field = |e: &ElementFacts| {
            let n = roles::normalize(&e.text);
            [
                "organizational role",
                "organisational role",
                "directory role",
            ]
            .iter()
            .any(|l| n.starts_with(l) && n.len() > l.len())
        };
        let role_choice = |e: &ElementFacts| {
            let n = roles::normalize(text_of(e));
            n == "user" || n.contains("administrator")
        };
        type Pick<'a> = (&'static str, &'a dyn Fn(&ElementFacts) -> bool, bool);
        // (query, which element, innermost = shortest text rather than first)
        let picks: Vec<Pick<'_>> = match kind {
            RoleSourceKind::EntraAssignedRoles => vec![
                (q::Q_AR_HEADERS, &role_header, false),
                (q::Q_AR_EMPTY, &any, true),
                (q::Q_AR_TITLE, &any, false),
            ],
            RoleSourceKind::EntraYourRole => vec![
                (q::Q_YR_PANE_HEADERS, &role_header, false),
                (q::Q_YR_PANE_EMPTY, &any, true),
                (q::Q_YR_HEADERS, &role_header, false),
                (q::Q_YR_HEADING, &your_role, false),
                (q::Q_YR_TITLE, &your_role, false),
            ],
            RoleSourceKind::M365UserRoles => vec![(q::Q_M365_SECTION, &m365_section, true)],
            // A checked role choice first: on the 2017 Directory role blade
            // the "field" is the whole blade, every choice included.
            RoleSourceKind::Legacy2017 => vec![
                (q::Q_LEGACY_CHECKED, &role_choice, false),
                (q::Q_LEGACY_FIELD, &legacy_field, true),
                (q::Q_LEGACY_TITLE, &any, false),
            ],
            RoleSourceKind::Text => Vec::new(),
        };
        for (query, pick, innermost) in picks {
            let mut best: Option<(usize, &QueryResult, &ElementFacts)> = None;
            for &i in frames {
                let Some(f) = self.state.frames.get(i) else {
                    continue;
                };
                let Some(r) = f.results.iter().flatten().find(|r| r.id == query) else {
                    continue;
                };
                for e in r.items.iter().filter(|e| e.visible && pick(e)) {
                    let better = match best {
                        None => true,
                        Some((_, _, b)) => innermost && e.text.len() < b.text.len(),
                    };
                    if better {
                        best = Some((i, r, e));
                    }
                    if !innermost {
                        break;
                    }
                }
            }
            if let Some((frame, r, e)) = best {
                return Some(Anchor {
                    frame,
                    query: query.to_string(),
                    fingerprint: fingerprint_of(e, &r.items),
                });
            }
        }
        None
    }
}

fn text_of(e: &ElementFacts) -> &str {
    if e.text.trim().is_empty() {
        &e.name
    } else {
        &e.text
    }
}

fn subject_of(a: &Account) -> roles::Subject {
    roles::Subject {
        display_name: a.display_name.clone(),
        principal_name: a.principal_name.clone(),
    }
}

/// Tag, role and text: what content.js compares to find the element again
/// after a re-render (classes change with selection and focus, so they are
/// left out); `nth` tells equal elements apart.
fn fingerprint_of(e: &ElementFacts, items: &[ElementFacts]) -> Fingerprint {
    let fp = Fingerprint {
        tag: e.tag.clone(),
        role: e.role.clone(),
        name: String::new(),
        text: e.text.clone(),
        attrs: Default::default(),
        nth: 0,
    };
    let nth = items
        .iter()
        .take_while(|o| o.index != e.index)
        .filter(|o| o.tag == fp.tag && o.role == fp.role && o.text == fp.text)
        .count();
    Fingerprint {
        nth: u32::try_from(nth).unwrap_or(0),
        ..fp
    }
}

/// Same verdict from the same roles about the same person.
fn same_reading(a: &VerdictView, b: &VerdictView) -> bool {
    a.verdict == b.verdict
        && a.roles_read == b.roles_read
        && a.whose == b.whose
        && a.read_on == b.read_on
}

/// The role part of a verdict line: "Billing Administrator — qualifies".
fn verdict_line(reading: &RoleReading, report: &VerdictReport) -> Text {
    let role: Option<Text> = report.role.map(|r| r.display_name().into());
    let listed = || {
        let mut names: Vec<Text> = reading
            .roles
            .iter()
            .take(2)
            .map(|r| roles::clean_for_display(&r.raw).into())
            .collect();
        if reading.roles.len() > 2 {
            names.push(msg("andMore", [(reading.roles.len() - 2).into()]));
        }
        Text::List(names)
    };
    match report.verdict {
        Verdict::Qualifies => msg(
            "lineQualifies",
            [role.unwrap_or_else(|| msg("anAdminRole", []))],
        ),
        Verdict::Eligible => msg("lineEligible", [role.unwrap_or_else(|| msg("theRole", []))]),
        Verdict::DoesNotQualify if reading.roles.is_empty() => msg("lineNoAdminRole", []),
        Verdict::DoesNotQualify => msg("lineDoesNotQualify", [listed()]),
        Verdict::Unknown if reading.roles.is_empty() => msg("lineNoRoleRead", []),
        Verdict::Unknown if roles::limited_admin_only(&reading.roles) => {
            msg("lineLimitedUnknown", [listed()])
        }
        Verdict::Unknown => msg("linePartialUnknown", [listed()]),
    }
}

fn verdict_view(reading: &RoleReading, report: &VerdictReport) -> VerdictView {
    let line = verdict_line(reading, report);
    let summary = if report.about_signed_in_user {
        line
    } else if reading.signed_in == Some(false) {
        msg("summaryNotYou", [report.whose.clone(), line])
    } else {
        msg("summaryMaybeYou", [report.whose.clone(), line])
    };
    VerdictView {
        verdict: report.verdict,
        whose: report.whose.clone(),
        about_signed_in_user: report.about_signed_in_user,
        roles_read: reading.roles.iter().map(|r| r.raw.clone()).collect(),
        read_on: report.page.clone(),
        read_at_ms: report.read_at_ms,
        reason: report.reason.clone(),
        next_action: report.next_action.clone(),
        summary,
    }
}

/// The badge in the page says whose roles it judged.
fn badge_text(v: &VerdictView) -> Text {
    if v.about_signed_in_user {
        msg("badgeYou", [v.summary.clone()])
    } else {
        v.summary.clone()
    }
}

/// "just now", "1 minute ago", "5 minutes ago", "2 hours ago": whole
/// minutes, worded by the panel (`minutesAgo`, Intl.RelativeTimeFormat).
pub(super) fn age_text(ms: f64) -> Text {
    // Whole minutes as an integer: formatting an f64 would pull float
    // printing (~14 KB) into the wasm for this one line.
    let minutes = if ms.is_finite() && ms > 0.0 {
        (ms / 60_000.0) as u64
    } else {
        0
    };
    msg("minutesAgo", [minutes.into()])
}

// The Azure portal's account menu: its hosts and selectors are defined once,
// in roles/sources.rs (`AccountSourceKind::AzurePortalAvatarMenu`); the
// engine asks them under its own ids, one item each (`account_menu_queries`).
pub(super) const ACCOUNT_USER_QUERY: &str = "acct/user";

pub(super) const ACCOUNT_TENANT_QUERY: &str = "acct/tenant";

/// The account menu's flyout (MeControl inside `.fxs-mecontrol-flyout`):
/// display name and e-mail. clarkio/azure-mask blurs
/// `.fxs-mecontrol-flyout` and `#mectrl_currentAccount_secondary` ("user
/// account dropdown email address"); MeControl puts the display name in
/// `#mectrl_currentAccount_primary` above it. Read whether the flyout is
/// open or not (a closed flyout's text is still its text); absent until the
/// portal renders it, and then the profile match says it could not tell.
pub(super) const ACCOUNT_FLYOUT_NAME_QUERY: &str = "acct/flyout-name";

pub(super) const ACCOUNT_FLYOUT_EMAIL_QUERY: &str = "acct/flyout-email";

impl Engine {
    /// Read the signed-in account and directory from the portal's account
    /// menu answers of frame `idx`.
    pub(super) fn read_account(&mut self, idx: usize, now_ms: f64) {
        let Some(f) = self.state.frames.get(idx) else {
            return;
        };
        let Some(results) = &f.results else {
            return;
        };
        let read = |id: &str| -> String {
            results
                .iter()
                .find(|r| r.id == id)
                .and_then(|r| r.items.first())
                .map(|e| {
                    if e.text.trim().is_empty() {
                        e.name.trim()
                    } else {
                        e.text.trim()
                    }
                })
                .unwrap_or("")
                .to_string()
        };
        let account = read(ACCOUNT_USER_QUERY);
        let directory = read(ACCOUNT_TENANT_QUERY);
        if account.is_empty() && directory.is_empty() {
            return;
        }
        // The flyout's display name counts only when its e-mail is the
        // account the top bar shows (never another account's name).
        let flyout_email = read(ACCOUNT_FLYOUT_EMAIL_QUERY);
        let flyout_name = read(ACCOUNT_FLYOUT_NAME_QUERY);
        let display_name = if !flyout_email.is_empty()
            && flyout_email.to_lowercase() == account.to_lowercase()
            && flyout_name != flyout_email
        {
            flyout_name
        } else {
            String::new()
        };
        let host = url::parse(&f.url).host;
        let unchanged = self.state.account.as_ref().is_some_and(|a| {
            a.account == account && a.directory == directory && a.display_name == display_name
        });
        if !unchanged {
            self.state.account = Some(AccountView {
                account,
                directory,
                display_name,
                read_on: host,
                read_at_ms: now_ms,
            });
        }
    }
}

/// The Azure portal's account menu queries (user, tenant) under the
/// engine's ids, if `host` shows that menu; true when it does.
pub(super) fn account_menu_queries(host: &str, out: &mut Vec<Query>) -> bool {
    let Some(menu) = crate::roles::account_sources()
        .iter()
        .find(|a| a.kind == AccountSourceKind::AzurePortalAvatarMenu)
        .filter(|m| m.hosts.iter().any(|h| host_matches(h, host)))
    else {
        return false;
    };
    for spec in menu.queries {
        let id = match spec.id {
            crate::roles::query_ids::Q_ACCOUNT_AZURE_USER => ACCOUNT_USER_QUERY,
            crate::roles::query_ids::Q_ACCOUNT_AZURE_TENANT => ACCOUNT_TENANT_QUERY,
            _ => continue,
        };
        out.push(Query {
            id: id.to_string(),
            limit: 1,
            ..spec.to_query()
        });
    }
    true
}
