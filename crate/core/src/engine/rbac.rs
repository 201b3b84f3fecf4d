//! Guide E's verdict: the signed-in account's Azure RBAC role on the
//! subscription it moves, read where the portal shows it.
//!
//! MicrosoftDocs/entra-docs `fundamentals/how-subscriptions-associated-directory.yml`
//! (ms.date 2025-04-02): changing a subscription's directory needs the
//! **Owner** role assignment for the subscription. The portal shows the
//! signed-in account's role as **My role**: a column of the Subscriptions
//! grid (`#view/Microsoft_Azure_Billing/SubscriptionsBladeV2`) and a field of
//! the subscription's Overview essentials
//! (`#@<tenant>/resource/subscriptions/<id>/overview`); Access control (IAM)
//! > **View my access** lists it under **Role**. Read from the top frame:
//!
//! - a grid (`[role=grid]` or `table`) whose column headers
//!   (`[role=columnheader]`, `th`) include `My role` (or `Role`, in the View
//!   my access pane); its cells (`[role=gridcell]`, `td`) in document order,
//!   one row per header count (a list whose cells do not fill whole rows,
//!   such as an empty list's single message cell, is not read);
//! - a definition list (`dl`) whose `dt` is `My role`: the `dd` at the same
//!   position.
//!
//! Whole role names only, after normalising case and white space: `Owner`
//! qualifies; `Reader`, `Contributor`, `Billing Reader` or anything else does
//! not (brief §2's rule, applied to Azure RBAC). Several roles in one cell
//! (`Owner, Contributor`) are split at commas. Read while Guide E runs, on
//! those pages only; the verdict is shown at the guide's precondition and as
//! a badge next to what it was read from (the badge only while the page
//! shows it). It is remembered per signed-in account like a directory-role
//! verdict (`RoleMemory::rbac`, in the snapshot): after a worker restart or
//! on another page the precondition says "Checked 5 minutes ago on
//! portal.azure.com ("My role"): ...", and Guide C's line for Guide E uses
//! it. "Check again" forgets it with the directory-role verdict.

use super::roles::{age_text, insert_bounded};
use super::state::{Engine, Frame};
use crate::guide::{Locator, Strategy};
use crate::protocol::{
    msg, ElementFacts, Mark, MarkKind, Overlay, Query, QueryResult, Text, VerdictView,
};
use crate::roles::Verdict;
use crate::score::{compare_key, fingerprint};
use crate::url;

/// What a non-Owner can do instead (learn-associate-subscription: the
/// change needs an Owner role assignment for the subscription).
/// "Ask an Owner of the subscription to make the change, or to assign you
/// the Owner role (Access control (IAM) > Add role assignment)."
fn ask_an_owner() -> Text {
    msg("rbacAskAnOwner", [])
}

/// The guide whose verdict is the Azure RBAC role ("My role").
pub(super) const RBAC_GUIDE: &str = "add-subscription-to-directory";

const Q_HEAD: &str = "rbac/head";
const Q_CELL: &str = "rbac/cell";
const Q_DT: &str = "rbac/dt";
const Q_DD: &str = "rbac/dd";

const HEAD_SELECTOR: &str = "[role='grid'] [role='columnheader'], table th";
const CELL_SELECTOR: &str = "[role='grid'] [role='gridcell'], table td";
const DT_SELECTOR: &str = "dl dt";
const DD_SELECTOR: &str = "dl dd";

/// One subscription's role as read ("" name: the page's own subscription).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RbacRow {
    pub(super) subscription: String,
    pub(super) role: String,
}

/// What was read, and where the badge goes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RbacReading {
    pub(super) rows: Vec<RbacRow>,
    pub(super) verdict: Verdict,
    /// "qualifies" line for the panel and the badge.
    pub(super) summary: Text,
    frame: usize,
    anchor_query: &'static str,
    anchor: ElementFacts,
    anchor_items: Vec<ElementFacts>,
}

/// The portal pages that show "My role" (Subscriptions, a subscription).
pub(super) fn shows_my_role(u: &str) -> bool {
    let p = url::parse(u);
    p.host == "portal.azure.com"
        && (p
            .hash
            .contains("Microsoft_Azure_Billing/SubscriptionsBlade")
            || p.hash.contains("resource/subscriptions/"))
}

fn query(id: &str, selector: &str, limit: u32) -> Query {
    Query {
        id: id.to_string(),
        selector: selector.to_string(),
        within: None,
        text_any: Vec::new(),
        limit,
        report_clicks: false,
    }
}

fn items<'a>(results: &'a [QueryResult], id: &str) -> Option<&'a QueryResult> {
    results.iter().find(|r| r.id == id)
}

fn text(e: &ElementFacts) -> String {
    compare_key(if e.text.is_empty() { &e.name } else { &e.text })
}

/// Is `role` (one cell) Owner, by whole name?
pub(super) fn is_owner(role: &str) -> bool {
    role.split(',').any(|r| compare_key(r) == "owner")
}

/// The role column of a grid, read by position (see the module comment).
fn read_grid(results: &[QueryResult]) -> Option<(Vec<RbacRow>, ElementFacts, Vec<ElementFacts>)> {
    let heads = items(results, Q_HEAD)?;
    let cells = items(results, Q_CELL)?;
    let headers: Vec<&ElementFacts> = heads.items.iter().filter(|e| e.visible).collect();
    let n = headers.len();
    if n == 0 || heads.count as usize != heads.items.len() {
        return None;
    }
    let role_col = headers
        .iter()
        .position(|h| text(h) == "my role")
        .or_else(|| headers.iter().position(|h| text(h) == "role"))?;
    let name_col = headers
        .iter()
        .position(|h| matches!(text(h).as_str(), "subscription name" | "name"));
    let visible: Vec<&ElementFacts> = cells.items.iter().filter(|e| e.visible).collect();
    if visible.is_empty()
        || cells.count as usize != cells.items.len()
        || !visible.len().is_multiple_of(n)
    {
        return None;
    }
    let rows = visible
        .chunks(n)
        .filter_map(|row| {
            let role = row.get(role_col)?.text.trim().to_string();
            let subscription = name_col
                .and_then(|c| row.get(c))
                .map(|e| e.text.trim().to_string())
                .unwrap_or_default();
            (!role.is_empty()).then_some(RbacRow { subscription, role })
        })
        .collect::<Vec<_>>();
    let anchor = (*headers.get(role_col)?).clone();
    (!rows.is_empty()).then(|| (rows, anchor, heads.items.clone()))
}

/// "My role" in a definition list (the subscription's Overview essentials).
fn read_essentials(
    results: &[QueryResult],
) -> Option<(Vec<RbacRow>, ElementFacts, Vec<ElementFacts>)> {
    let dts = items(results, Q_DT)?;
    let dds = items(results, Q_DD)?;
    if dts.items.len() != dds.items.len() {
        return None;
    }
    let at = dts
        .items
        .iter()
        .position(|e| e.visible && text(e) == "my role")?;
    let role = dds.items.get(at)?.text.trim().to_string();
    if role.is_empty() {
        return None;
    }
    let subscription = dts
        .items
        .iter()
        .position(|e| text(e) == "subscription name")
        .and_then(|i| dds.items.get(i))
        .map(|e| e.text.trim().to_string())
        .unwrap_or_default();
    let anchor = dts.items.get(at)?.clone();
    Some((
        vec![RbacRow { subscription, role }],
        anchor,
        dts.items.clone(),
    ))
}

/// The verdict and its one-line summary for the rows read.
pub(super) fn judge(rows: &[RbacRow]) -> (Verdict, Text) {
    let owner = rows.iter().any(|r| is_owner(&r.role));
    let verdict = if owner {
        Verdict::Qualifies
    } else {
        Verdict::DoesNotQualify
    };
    let parts: Vec<Text> = rows
        .iter()
        .take(5)
        .map(|r| {
            if r.subscription.is_empty() {
                msg("myRoleIs", [r.role.as_str().into()])
            } else {
                msg(
                    "myRoleOnIs",
                    [r.subscription.as_str().into(), r.role.as_str().into()],
                )
            }
        })
        .collect();
    let tail = if owner {
        if rows.len() > 1 {
            "rbacQualifiesWhereOwner"
        } else {
            "rbacQualifies"
        }
    } else {
        "rbacDoesNotQualify"
    };
    (verdict, msg(tail, [Text::List(parts)]))
}

impl Engine {
    fn rbac_running(&self) -> bool {
        self.state
            .active
            .as_ref()
            .is_some_and(|a| a.guide == RBAC_GUIDE)
    }

    /// The "My role" queries for frame `f`: only while Guide E runs, only
    /// in the top frame of a page that shows the role.
    pub(super) fn rbac_queries(&self, f: &Frame) -> Vec<Query> {
        if !self.rbac_running() || !f.top || !shows_my_role(&f.url) {
            return Vec::new();
        }
        vec![
            query(Q_HEAD, HEAD_SELECTOR, 20),
            query(Q_CELL, CELL_SELECTOR, 120),
            query(Q_DT, DT_SELECTOR, 40),
            query(Q_DD, DD_SELECTOR, 40),
        ]
    }

    /// The first reading among the top frames that show "My role" (the
    /// frame that arrived last first).
    pub(super) fn rbac_reading(&self) -> Option<RbacReading> {
        if !self.rbac_running() {
            return None;
        }
        let mut best: Option<(u64, RbacReading)> = None;
        for (i, f) in self.state.frames.iter().enumerate() {
            if !f.top || !shows_my_role(&f.url) {
                continue;
            }
            let Some(results) = f.results.as_deref() else {
                continue;
            };
            let read = read_essentials(results)
                .map(|r| (r, Q_DT))
                .or_else(|| read_grid(results).map(|r| (r, Q_HEAD)));
            let Some(((rows, anchor, anchor_items), anchor_query)) = read else {
                continue;
            };
            if best.as_ref().is_some_and(|(at, _)| *at > f.arrived) {
                continue;
            }
            let (verdict, summary) = judge(&rows);
            best = Some((
                f.arrived,
                RbacReading {
                    rows,
                    verdict,
                    summary,
                    frame: i,
                    anchor_query,
                    anchor,
                    anchor_items,
                },
            ));
        }
        best.map(|(_, r)| r)
    }

    /// Remember the reading on the page now (if any) for the signed-in
    /// account, keeping the first time it was read while it holds, so the
    /// snapshot changes only when the reading does.
    pub(super) fn remember_rbac(&mut self, now_ms: f64) {
        let Some(r) = self.rbac_reading() else {
            return;
        };
        let key = self.current_key();
        let view = VerdictView {
            verdict: r.verdict,
            about_signed_in_user: true,
            roles_read: r.rows.iter().map(|x| x.role.clone()).collect(),
            read_on: "portal.azure.com".to_string(),
            read_at_ms: now_ms,
            next_action: if r.verdict == Verdict::Qualifies {
                Text::default()
            } else {
                ask_an_owner()
            },
            summary: r.summary,
            ..VerdictView::default()
        };
        let mem = &mut self.state.roles.rbac;
        if mem
            .get(&key)
            .is_some_and(|old| old.summary == view.summary && old.verdict == view.verdict)
        {
            return;
        }
        insert_bounded(mem, key, view);
    }

    /// The signed-in account's remembered "My role" reading (while the
    /// account menu is not read yet: the unknown account's, as directory
    /// roles do).
    pub(super) fn remembered_rbac(&self) -> Option<&VerdictView> {
        self.state.roles.rbac.get(&self.current_key())
    }

    /// The panel's line at Guide E's precondition, and its verdict: read on
    /// the page now, or remembered ("Checked 5 minutes ago ...").
    pub(super) fn rbac_check(&self) -> (Text, Option<Verdict>) {
        let remembered = self.remembered_rbac();
        match (self.rbac_reading(), remembered) {
            (Some(r), _) => {
                let read = msg("rbacReadNow", [r.summary]);
                let s = if r.verdict != Verdict::Qualifies {
                    msg("twoSentences", [read, ask_an_owner()])
                } else {
                    read
                };
                (s, Some(r.verdict))
            }
            (None, Some(v)) => {
                let age = age_text(self.state.roles.now_ms - v.read_at_ms);
                let checked = msg(
                    "rbacChecked",
                    [age, v.read_on.as_str().into(), v.summary.clone()],
                );
                let s = if v.next_action.is_empty() {
                    checked
                } else {
                    msg("twoSentences", [checked, v.next_action.clone()])
                };
                (s, Some(v.verdict))
            }
            (None, None) => (
                msg("rbacNotReadYet", [crate::eligibility::my_role_where()]),
                None,
            ),
        }
    }

    /// The verdict badge next to "My role", while Guide E runs.
    pub(super) fn add_rbac_marks(&self, overlays: &mut [Overlay]) {
        let Some(r) = self.rbac_reading() else {
            return;
        };
        let locator = Locator {
            by: Strategy::Text,
            selector: if r.anchor_query == Q_DT {
                DT_SELECTOR.to_string()
            } else {
                HEAD_SELECTOR.to_string()
            },
            values: vec!["My role".to_string(), "Role".to_string()],
            ..Locator::default()
        };
        if let Some(o) = overlays.get_mut(r.frame) {
            o.marks.push(Mark {
                query: r.anchor_query.to_string(),
                fingerprint: fingerprint(&locator, &r.anchor, &r.anchor_items),
                kind: MarkKind::Verdict,
                text: msg("badgeYou", [r.summary]),
                verdict: Some(r.verdict),
                lang: self
                    .state
                    .frames
                    .get(r.frame)
                    .map(|f| self.frame_lang(f))
                    .unwrap_or_default(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(s: &str, r: &str) -> RbacRow {
        RbacRow {
            subscription: s.into(),
            role: r.into(),
        }
    }

    #[test]
    fn only_owner_qualifies_by_whole_name() {
        assert!(is_owner("Owner"));
        assert!(is_owner("  owner "));
        assert!(is_owner("Contributor, Owner"));
        for r in [
            "Reader",
            "Contributor",
            "Billing Reader",
            "Co-Owner",
            "Owners",
            "Account admin",
            "",
        ] {
            assert!(!is_owner(r), "{r}");
        }
        assert_eq!(judge(&[row("S1", "Owner")]).0, Verdict::Qualifies);
        assert_eq!(judge(&[row("S1", "Reader")]).0, Verdict::DoesNotQualify);
        assert_eq!(
            judge(&[row("S1", "Contributor")]).0,
            Verdict::DoesNotQualify
        );
        let (v, s) = judge(&[row("S1", "Reader"), row("S2", "Owner")]);
        assert_eq!(v, Verdict::Qualifies);
        assert!(s.contains("S1: Reader") && s.contains("S2: Owner"), "{s}");
        assert!(judge(&[row("", "Reader")])
            .1
            .contains("needs the Azure RBAC Owner role"));
    }

    /// A query's answer: one visible cell per text, numbered in order.
    fn cells(id: &str, texts: &[&str]) -> QueryResult {
        let items = texts
            .iter()
            .map(|t| ElementFacts {
                tag: "td".into(),
                text: (*t).into(),
                visible: true,
                ..ElementFacts::default()
            })
            .collect();
        QueryResult::numbered(id, items)
    }

    #[test]
    fn reads_my_role_from_the_subscriptions_grid_by_column() {
        let heads = [
            "Subscription name",
            "Subscription ID",
            "My role",
            "Current cost",
        ];
        let results = vec![
            cells(Q_HEAD, &heads),
            cells(
                Q_CELL,
                &[
                    "Azure subscription 1",
                    "7c1e",
                    "Owner",
                    "-",
                    "Dev",
                    "9a2b",
                    "Reader",
                    "-",
                ],
            ),
        ];
        let (rows, anchor, _) = read_grid(&results).expect("read");
        assert_eq!(
            rows,
            vec![row("Azure subscription 1", "Owner"), row("Dev", "Reader")]
        );
        assert_eq!(anchor.text, "My role");
        // The empty list: one message cell across the row is not a reading.
        let results = vec![
            cells(Q_HEAD, &heads),
            cells(Q_CELL, &["No subscriptions to display"]),
        ];
        assert!(read_grid(&results).is_none());
        // A grid without a role column is not read.
        let results = vec![
            cells(Q_HEAD, &["Name", "Type"]),
            cells(Q_CELL, &["x", "Owner"]),
        ];
        assert!(read_grid(&results).is_none());
    }

    #[test]
    fn reads_my_role_from_the_overview_essentials() {
        let results = vec![
            cells(
                Q_DT,
                &[
                    "Subscription ID",
                    "Subscription name",
                    "Directory",
                    "My role",
                ],
            ),
            cells(
                Q_DD,
                &[
                    "7c1e",
                    "Azure subscription 1",
                    "Default Directory",
                    "Reader",
                ],
            ),
        ];
        let (rows, _, _) = read_essentials(&results).expect("read");
        assert_eq!(rows, vec![row("Azure subscription 1", "Reader")]);
    }

    #[test]
    fn only_subscription_pages_of_the_portal_are_asked() {
        assert!(shows_my_role(
            "https://portal.azure.com/#view/Microsoft_Azure_Billing/SubscriptionsBladeV2"
        ));
        assert!(shows_my_role(
            "https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/1/overview"
        ));
        assert!(!shows_my_role("https://portal.azure.com/#home"));
        assert!(!shows_my_role("https://portal.azure.com.evil.example/#view/Microsoft_Azure_Billing/SubscriptionsBladeV2"));
    }
}
