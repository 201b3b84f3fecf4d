//! Where the portals show a role, as generic page queries, and `read()`,
//! which turns the answers into a [`RoleReading`].
//!
//! The same description is in `crate/core/src/ROLES_PAGES.md` for the
//! replica pages. Every source is matched only through the facts below;
//! nothing relies on ids or attributes added for us.
//!
//! # Entra user profile > Assigned roles (`EntraAssignedRoles`)
//! portal.azure.com and entra.microsoft.com; deep link
//! `#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/<id>`
//! (seen in public audit scripts, e.g. Maester-style reports that link
//! `entra.microsoft.com/#view/.../UserProfileMenuBlade/~/AdministrativeRole/userId/...`).
//! Steps from MicrosoftDocs/entra-docs `list-role-assignments-users.md` and
//! `view-assignments.md` ("Select user name > Assigned roles"; with PIM:
//! eligible, active and expired assignments).
//! - Top frame (Azure portal shell, horihiro/Azure-portal-plus-ChromeExtension,
//!   Azure/portaldocs): the active blade's title `.fxs-blade-title-titleText`
//!   (the last one in document order is the active blade) reads
//!   `"<Display name> | Assigned roles"`. If the title is only
//!   `"Assigned roles"`, the user's name is taken from the last
//!   `.fxs-breadcrumb-crumb` that is not a navigation word.
//! - Blade iframe (`*.reactblade*.portal.azure.net`, Fluent UI grid):
//!   a `[role="grid"]` with a header row of `[role="columnheader"]` cells (one
//!   whose text is `Role`; others such as `Description`, `Scope`,
//!   `Membership`, `State`/`Assignment state`, `Start time`, `End time`), and
//!   data rows `[role="row"]` of `[role="gridcell"]` cells, one cell per
//!   column, in column order. The role cell holds the role name (it may carry
//!   an icon or a decoration such as `(Eligible)`). The assignment state comes
//!   from, in order: the role cell's own decoration; a `State` /
//!   `Assignment state` / `Assignment type` / `Type` / `Status` cell
//!   (`Active`, `Assigned`, `Activated`, `Eligible`, `Expired`); any other
//!   cell whose whole text is such a word; the selected PIM tab
//!   (`[role="tab"][aria-selected="true"]`: `Eligible assignments`,
//!   `Active assignments`, `Expired assignments`). Cells of hidden tab panels
//!   (display:none) are ignored. `End time` values (`Permanent`,
//!   `Expires …`, a date) carry no state.
//!   Cells are grouped into rows by their boxes (`rect`): same vertical band
//!   = same row, column = the header whose horizontal span holds the cell's
//!   centre. Without boxes (all zero), cells are grouped in document order by
//!   the number of column headers.
//!   An empty grid is "no roles" only if a visible `div`/`span`/`p` says
//!   `No role assignments`, `No results` or `No roles`.
//!
//! # Roles and administrators > Your Role (`EntraYourRole`)
//! view-assignments.md: "Select **Your Role** on the **Roles and
//! administrators** page to see the roles that are currently assigned to
//! you." Deep link of the parent page
//! `#view/Microsoft_AAD_IAM/RolesManagementMenuBlade/~/AllRoles`. The pane's
//! title (`.fxs-blade-title-titleText`, or a heading `h1`/`h2`/
//! `[role="heading"]` in the blade frame) contains `Your Role`; the roles
//! are the same Fluent grid as above (at least a `Role` column). The
//! subject is always the signed-in account.
//!
//! # Microsoft 365 admin center user details (`M365UserRoles`)
//! admin.microsoft.com / admin.cloud.microsoft, `#/users` > select a user:
//! a flyout panel `[role="dialog"]` (Fluent Panel) whose first `h2` is the
//! user's display name; on the `Account` tab (`[role="tab"]`) a section whose
//! visible text is `Roles <value> Manage roles` (heading "Roles", the value,
//! then the "Manage roles" link or button). MicrosoftDocs (microsoft-365
//! admin "assign admin roles"): "Select a user account to open their flyout
//! pane. On the **Account** tab, under **Roles**, select **Manage roles**."
//! The value is a role name, several names separated by `,` / `;`, or
//! `No administrator access` (also accepted: `User (no administrator
//! access)`, `None`). When several names run together without a separator
//! and one of them looks like a qualifying name, the reading is marked
//! incomplete (verdict Unknown) instead of guessing.
//!
//! # 2017 layouts (`Legacy2017`)
//! The seed (2017) says "ORGANIZATIONAL ROLE"; the 2017 follow-up says
//! "Directory role". Two forms are read:
//! - text: the innermost `div`/`li`/`tr`/`dl`/`section`/`p` whose text starts
//!   with `ORGANIZATIONAL ROLE` or `Directory role` followed by the value:
//!   `User`, `Global administrator`, `Limited administrator` plus sub-roles
//!   (`Limited administrator > Billing administrator`, or the names run
//!   together: `Limited administrator Billing administrator Password
//!   administrator`, split with the 2017 vocabulary);
//! - choices: checked `input[type=radio|checkbox]:checked`,
//!   `[role="radio"|"checkbox"][aria-checked="true"]`, whose accessible name
//!   (aria-label or visible text) is a 2017 role name (`User`, `Global
//!   administrator`, `Limited administrator`, `Billing administrator`, …).
//!   Choices with other names ("Yes", "No") are ignored.
//!   The person: the last `.fxs-blade-title-titleText` or `h1` that is not
//!   "Directory role" / "Profile" / "Organizational role".
//!
//! # Signed-in account
//! - Azure portal / Entra admin center top frame: `.fxs-avatarmenu-username`
//!   (text: the user's sign-in name, usually the e-mail / UPN) and
//!   `.fxs-avatarmenu-tenant` (directory name). Sources: brief §3;
//!   BenDutton/AzureNavHighlighter, clarkio/azure-mask and other public
//!   scripts select `div.fxs-avatarmenu-username` / `div.fxs-avatarmenu-tenant`.
//!   The account menu's flyout `.fxs-mecontrol-flyout` (MeControl) holds
//!   `#mectrl_currentAccount_primary` (display name) and
//!   `#mectrl_currentAccount_secondary` (e-mail; clarkio/azure-mask blurs
//!   both selectors); the engine reads them (`engine.rs`, `acct/flyout-*`)
//!   so that a profile naming only a display name can be matched.
//! - Microsoft 365 admin center (Microsoft "MeControl" account manager):
//!   `#mectrl_currentAccount_primary` (display name) and
//!   `#mectrl_currentAccount_secondary` (e-mail), present once the account
//!   manager has been opened; the header button `#O365_MainLink_Me` or
//!   `#mectrl_main_trigger`, whose aria-label may read "Account manager for
//!   <name>". Sources: many public Selenium page objects
//!   (`By.id("mectrl_currentAccount_primary")`, `..._secondary`,
//!   `O365_MainLink_Me`, `mectrl_main_trigger`). The aria-label wording is
//!   unconfirmed; it is used only when it has that exact prefix.

use super::names::{
    normalize, parse_label, split_known_run, split_role_list, Assignment, LabelKind,
    LEGACY_VOCABULARY, NAMES,
};
use super::verdict::{
    clean_for_display, same_person, Account, ReadRole, RoleReading, RoleSourceKind, Subject,
};
use crate::protocol::{ElementFacts, Query, QueryResult};

/// Which frame a query belongs in. The engine sends each query only to the
/// frames it fits; `read()` accepts results from any frame of the tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameHint {
    /// The tab's top frame (the portal shell: blade titles, account menu).
    Top,
    /// A blade iframe on `*.reactblade*.portal.azure.net`.
    BladeFrame,
    /// Wherever the page has it (single-frame sites).
    Any,
}

/// A query as static data; `to_query()` makes the protocol `Query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuerySpec {
    pub id: &'static str,
    pub selector: &'static str,
    pub within: Option<&'static str>,
    pub text_any: &'static [&'static str],
    pub limit: u32,
    pub frame: FrameHint,
}

impl QuerySpec {
    pub fn to_query(&self) -> Query {
        Query {
            id: self.id.to_string(),
            selector: self.selector.to_string(),
            within: self.within.map(str::to_string),
            text_any: self.text_any.iter().map(|s| s.to_string()).collect(),
            limit: self.limit,
            report_clicks: false,
        }
    }
}

/// One place that shows roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleSourceDef {
    pub kind: RoleSourceKind,
    /// Top-frame host names where the source appears.
    pub hosts: &'static [&'static str],
    /// Substrings of the top frame URL (hash route) that point to this
    /// source; empty when the route is not known. A hint, not a condition:
    /// `read()` decides from the page's content. Written lower-case (a test
    /// holds them to it), so a URL is lower-cased once, not every hint on
    /// every message.
    pub url_hints: &'static [&'static str],
    pub queries: &'static [QuerySpec],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountSourceKind {
    AzurePortalAvatarMenu,
    M365AccountManager,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountSourceDef {
    pub kind: AccountSourceKind,
    pub hosts: &'static [&'static str],
    pub queries: &'static [QuerySpec],
}

const PORTAL_HOSTS: &[&str] = &["portal.azure.com", "entra.microsoft.com"];
const M365_HOSTS: &[&str] = &["admin.microsoft.com", "admin.cloud.microsoft"];
const LEGACY_HOSTS: &[&str] = &[
    "portal.azure.com",
    "entra.microsoft.com",
    "manage.windowsazure.com",
    "admin.microsoft.com",
    "portal.office.com",
];

// "no administrative roles": the Your Role pane's message when nothing is
// assigned ("You have no administrative roles assigned.").
const EMPTY_PHRASES: &[&str] = &[
    "no role assignments",
    "no results",
    "no roles",
    "no administrative roles",
];

// The admin center flyout's Roles section: heading and link, in English and
// in German. German verified in MicrosoftDocs/microsoft-365-docs-pr.de-DE
// (admin/add-users/assign-admin-roles.md, ms.lasthandoff 04/09/2020;
// business-video/what-is-admin.md, ms.lasthandoff 01/22/2021; neither page
// has an ms.date): "neben **Rollen** die Option **Rollen verwalten**".
// The MeControl button's German "Konto-Manager für <name>" is assumed.
const M365_ROLES_SECTION: &[(&str, &str)] =
    &[("roles", "manage roles"), ("rollen", "rollen verwalten")];

// Query ids. Public so that the engine and tests can refer to them.
pub const Q_AR_TITLE: &str = "roles.ar.title";
pub const Q_AR_CRUMBS: &str = "roles.ar.crumbs";
pub const Q_AR_HEADERS: &str = "roles.ar.headers";
pub const Q_AR_ROWS: &str = "roles.ar.rows";
pub const Q_AR_CELLS: &str = "roles.ar.cells";
pub const Q_AR_TABS: &str = "roles.ar.tabs";
pub const Q_AR_EMPTY: &str = "roles.ar.empty";
pub const Q_YR_TITLE: &str = "roles.yr.title";
pub const Q_YR_HEADING: &str = "roles.yr.heading";
pub const Q_YR_HEADERS: &str = "roles.yr.headers";
pub const Q_YR_ROWS: &str = "roles.yr.rows";
pub const Q_YR_CELLS: &str = "roles.yr.cells";
pub const Q_YR_TABS: &str = "roles.yr.tabs";
pub const Q_YR_EMPTY: &str = "roles.yr.empty";
pub const Q_YR_PANE: &str = "roles.yr.pane";
pub const Q_YR_PANE_HEADERS: &str = "roles.yr.pane.headers";
pub const Q_YR_PANE_ROWS: &str = "roles.yr.pane.rows";
pub const Q_YR_PANE_CELLS: &str = "roles.yr.pane.cells";
pub const Q_YR_PANE_TABS: &str = "roles.yr.pane.tabs";
pub const Q_YR_PANE_EMPTY: &str = "roles.yr.pane.empty";
pub const Q_M365_NAME: &str = "roles.m365.name";
pub const Q_M365_SECTION: &str = "roles.m365.section";
pub const Q_LEGACY_TITLE: &str = "roles.legacy.title";
pub const Q_LEGACY_FIELD: &str = "roles.legacy.field";
pub const Q_LEGACY_CHECKED: &str = "roles.legacy.checked";
pub const Q_ACCOUNT_AZURE_USER: &str = "account.azure.username";
pub const Q_ACCOUNT_AZURE_TENANT: &str = "account.azure.tenant";
pub const Q_ACCOUNT_M365_PRIMARY: &str = "account.m365.primary";
pub const Q_ACCOUNT_M365_SECONDARY: &str = "account.m365.secondary";
pub const Q_ACCOUNT_M365_BUTTON: &str = "account.m365.button";

const fn q(
    id: &'static str,
    selector: &'static str,
    text_any: &'static [&'static str],
    limit: u32,
    frame: FrameHint,
) -> QuerySpec {
    QuerySpec {
        id,
        selector,
        within: None,
        text_any,
        limit,
        frame,
    }
}

/// Like `q`, only matching inside the first element that matches `within`.
const fn qw(
    id: &'static str,
    selector: &'static str,
    within: &'static str,
    text_any: &'static [&'static str],
    limit: u32,
    frame: FrameHint,
) -> QuerySpec {
    QuerySpec {
        id,
        selector,
        within: Some(within),
        text_any,
        limit,
        frame,
    }
}

/// The Your Role pane when it opens over the Roles and administrators list
/// in the same frame (a Fluent Panel, `role="dialog"`): its grid must be
/// read apart from the catalogue of all roles underneath.
const PANE_SEL: &str = "[role=\"dialog\"]";
const TITLE_SEL: &str = ".fxs-blade-title-titleText";
const HEADER_SEL: &str = "[role=\"columnheader\"]";
const ROW_SEL: &str = "[role=\"row\"]";
const CELL_SEL: &str = "[role=\"gridcell\"]";
const TAB_SEL: &str = "[role=\"tab\"]";
const EMPTY_SEL: &str = "div, span, p";

static SOURCES: &[RoleSourceDef] = &[
    RoleSourceDef {
        kind: RoleSourceKind::EntraAssignedRoles,
        hosts: PORTAL_HOSTS,
        url_hints: &["userprofilemenublade/~/administrativerole"],
        queries: &[
            q(Q_AR_TITLE, TITLE_SEL, &[], 10, FrameHint::Top),
            q(Q_AR_CRUMBS, ".fxs-breadcrumb-crumb", &[], 12, FrameHint::Top),
            q(Q_AR_HEADERS, HEADER_SEL, &[], 20, FrameHint::BladeFrame),
            q(Q_AR_ROWS, ROW_SEL, &[], 50, FrameHint::BladeFrame),
            q(Q_AR_CELLS, CELL_SEL, &[], 50, FrameHint::BladeFrame),
            q(Q_AR_TABS, TAB_SEL, &[], 10, FrameHint::BladeFrame),
            q(Q_AR_EMPTY, EMPTY_SEL, EMPTY_PHRASES, 5, FrameHint::BladeFrame),
        ],
    },
    RoleSourceDef {
        kind: RoleSourceKind::EntraYourRole,
        hosts: PORTAL_HOSTS,
        // Older and current deep links of Roles and administrators.
        url_hints: &[
            "rolesmanagementmenublade",
            "allrolesblade",
            "rolesandadministrators",
        ],
        queries: &[
            q(Q_YR_TITLE, TITLE_SEL, &[], 10, FrameHint::Top),
            q(
                Q_YR_HEADING,
                "h1, h2, [role=\"heading\"]",
                &["your role"],
                5,
                FrameHint::BladeFrame,
            ),
            q(Q_YR_HEADERS, HEADER_SEL, &[], 20, FrameHint::BladeFrame),
            q(Q_YR_ROWS, ROW_SEL, &[], 50, FrameHint::BladeFrame),
            q(Q_YR_CELLS, CELL_SEL, &[], 50, FrameHint::BladeFrame),
            q(Q_YR_TABS, TAB_SEL, &[], 10, FrameHint::BladeFrame),
            q(Q_YR_EMPTY, EMPTY_SEL, EMPTY_PHRASES, 5, FrameHint::BladeFrame),
            q(Q_YR_PANE, PANE_SEL, &[], 1, FrameHint::BladeFrame),
            qw(Q_YR_PANE_HEADERS, HEADER_SEL, PANE_SEL, &[], 20, FrameHint::BladeFrame),
            qw(Q_YR_PANE_ROWS, ROW_SEL, PANE_SEL, &[], 50, FrameHint::BladeFrame),
            qw(Q_YR_PANE_CELLS, CELL_SEL, PANE_SEL, &[], 50, FrameHint::BladeFrame),
            qw(Q_YR_PANE_TABS, TAB_SEL, PANE_SEL, &[], 10, FrameHint::BladeFrame),
            qw(
                Q_YR_PANE_EMPTY,
                EMPTY_SEL,
                PANE_SEL,
                EMPTY_PHRASES,
                5,
                FrameHint::BladeFrame,
            ),
        ],
    },
    RoleSourceDef {
        kind: RoleSourceKind::M365UserRoles,
        hosts: M365_HOSTS,
        url_hints: &["#/users"],
        queries: &[
            q(Q_M365_NAME, "[role=\"dialog\"] h2", &[], 5, FrameHint::Any),
            q(
                Q_M365_SECTION,
                "[role=\"dialog\"] div",
                &["manage roles", "rollen verwalten"],
                50,
                FrameHint::Any,
            ),
        ],
    },
    RoleSourceDef {
        kind: RoleSourceKind::Legacy2017,
        hosts: LEGACY_HOSTS,
        // The 2017 user blade (`#blade/Microsoft_AAD_IAM/UserDetailsMenuBlade/
        // Profile|DirectoryRole/userId/<id>`) and the classic portal's
        // directory pages (`#Workspaces/ActiveDirectoryExtension/...`).
        url_hints: &["userdetailsmenublade", "activedirectoryextension"],
        queries: &[
            q(Q_LEGACY_TITLE, ".fxs-blade-title-titleText, h1", &[], 10, FrameHint::Any),
            q(
                Q_LEGACY_FIELD,
                "div, li, tr, dl, section, p",
                &["organizational role", "directory role"],
                50,
                FrameHint::Any,
            ),
            q(
                Q_LEGACY_CHECKED,
                "input[type=\"radio\"]:checked, input[type=\"checkbox\"]:checked, [role=\"radio\"][aria-checked=\"true\"], [role=\"checkbox\"][aria-checked=\"true\"]",
                &[],
                30,
                FrameHint::Any,
            ),
        ],
    },
];

static ACCOUNT_SOURCES: &[AccountSourceDef] = &[
    AccountSourceDef {
        kind: AccountSourceKind::AzurePortalAvatarMenu,
        hosts: PORTAL_HOSTS,
        queries: &[
            q(
                Q_ACCOUNT_AZURE_USER,
                ".fxs-avatarmenu-username",
                &[],
                2,
                FrameHint::Top,
            ),
            q(
                Q_ACCOUNT_AZURE_TENANT,
                ".fxs-avatarmenu-tenant",
                &[],
                2,
                FrameHint::Top,
            ),
        ],
    },
    AccountSourceDef {
        kind: AccountSourceKind::M365AccountManager,
        hosts: M365_HOSTS,
        queries: &[
            q(
                Q_ACCOUNT_M365_PRIMARY,
                "#mectrl_currentAccount_primary",
                &[],
                1,
                FrameHint::Top,
            ),
            q(
                Q_ACCOUNT_M365_SECONDARY,
                "#mectrl_currentAccount_secondary",
                &[],
                1,
                FrameHint::Top,
            ),
            q(
                Q_ACCOUNT_M365_BUTTON,
                "#O365_MainLink_Me, #mectrl_main_trigger",
                &[],
                2,
                FrameHint::Top,
            ),
        ],
    },
];

/// Every place a role is shown.
pub fn sources() -> &'static [RoleSourceDef] {
    SOURCES
}

/// Where the signed-in account is shown.
pub fn account_sources() -> &'static [AccountSourceDef] {
    ACCOUNT_SOURCES
}

pub fn source(kind: RoleSourceKind) -> Option<&'static RoleSourceDef> {
    SOURCES.iter().find(|s| s.kind == kind)
}

/// The role sources that may appear on a top-frame URL's host.
pub fn sources_for_url(url: &str) -> Vec<&'static RoleSourceDef> {
    let h = host(url);
    SOURCES
        .iter()
        .filter(|s| s.hosts.contains(&h.as_str()))
        .collect()
}

/// The role sources a top-frame URL points to: those of its host whose URL
/// hints (hash routes) it contains, compared without case. This is how a
/// page is recognised as a role page; other pages are never asked the role
/// queries (some, such as the 2017 field query, scan many elements).
pub fn sources_for_page(url: &str) -> Vec<&'static RoleSourceDef> {
    let lower = url.to_ascii_lowercase();
    sources_for_url(url)
        .into_iter()
        .filter(|s| s.url_hints.iter().any(|h| lower.contains(h)))
        .collect()
}

/// The account sources that may appear on a top-frame URL's host.
pub fn account_sources_for_url(url: &str) -> Vec<&'static AccountSourceDef> {
    let h = host(url);
    ACCOUNT_SOURCES
        .iter()
        .filter(|s| s.hosts.contains(&h.as_str()))
        .collect()
}

/// Lower-case host of a URL ("" if none).
pub fn host(url: &str) -> String {
    let s = url.trim();
    let rest = match s.find("://") {
        Some(p) => s.get(p + 3..).unwrap_or(""),
        None => s,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or("");
    let hostport = authority.rsplit('@').next().unwrap_or("");
    let h = hostport.split(':').next().unwrap_or("");
    if h.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    {
        h.to_ascii_lowercase()
    } else {
        String::new()
    }
}

/// The page as the reason names it: the host, with blade frames named
/// after the portal (the engine should pass the tab's top URL; this is a
/// fallback when it passed a frame URL).
pub fn page_label(url: &str) -> String {
    let h = host(url);
    if h.contains(".reactblade") && h.ends_with(".portal.azure.net") {
        "the Azure portal".to_string()
    } else if h.is_empty() {
        "the page".to_string()
    } else {
        h
    }
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// All items answered for `id` (several frames may answer the same id), and
/// whether every match was described (`count <= items`).
fn items<'a>(results: &'a [QueryResult], id: &str) -> (Vec<&'a ElementFacts>, bool) {
    let mut out = Vec::new();
    let mut complete = true;
    for r in results.iter().filter(|r| r.id == id) {
        if (r.count as usize) > r.items.len() {
            complete = false;
        }
        out.extend(r.items.iter());
    }
    (out, complete)
}

fn visible<'a>(v: &[&'a ElementFacts]) -> Vec<&'a ElementFacts> {
    v.iter().copied().filter(|e| e.visible).collect()
}

/// The element's visible text, else its accessible name.
fn text_of(e: &ElementFacts) -> &str {
    if e.text.trim().is_empty() {
        &e.name
    } else {
        &e.text
    }
}

fn has_rect(e: &ElementFacts) -> bool {
    e.rect.iter().all(|v| v.is_finite()) && e.rect[2] > 0.0 && e.rect[3] > 0.0
}

fn subject_from_name(name: &str) -> Subject {
    let clean = clean_for_display(name);
    if clean.is_empty() {
        return Subject::default();
    }
    if clean.contains('@') && !clean.contains(' ') {
        Subject {
            display_name: None,
            principal_name: Some(clean),
        }
    } else {
        Subject {
            display_name: Some(clean),
            principal_name: None,
        }
    }
}

fn signed_in_for(subject: &Subject, account: Option<&Account>) -> Option<bool> {
    account.and_then(|a| same_person(subject, a))
}

fn read_role(raw: &str) -> Option<(ReadRole, LabelKind)> {
    let p = parse_label(raw);
    match p.kind {
        LabelKind::Empty => None,
        kind => Some((
            ReadRole {
                raw: clean_for_display(raw),
                canonical: p.canonical,
                assignment: p.assignment,
            },
            kind,
        )),
    }
}

/// Roles from a free-text list (see `split_role_list` for separators): the
/// roles, and whether the text said explicitly "no admin role". A list item
/// that is only a state word ("Eligible") applies to the role before it.
pub fn roles_from_text(text: &str) -> (Vec<ReadRole>, bool) {
    let mut roles: Vec<ReadRole> = Vec::new();
    let mut says_no = false;
    for item in split_role_list(text) {
        let p = parse_label(&item);
        match p.kind {
            LabelKind::Empty => {}
            LabelKind::NoRole => says_no = true,
            LabelKind::DecorationOnly => {
                if let Some(last) = roles.last_mut() {
                    if last.assignment == Assignment::Unspecified {
                        last.assignment = p.assignment;
                    }
                }
            }
            LabelKind::Role => roles.push(ReadRole {
                raw: clean_for_display(&item),
                canonical: p.canonical,
                assignment: p.assignment,
            }),
        }
    }
    (roles, says_no)
}

/// A reading built from role text (for the `Text` source and tests).
pub fn reading_from_text(
    text: &str,
    subject: Subject,
    signed_in: Option<bool>,
    page_url: &str,
    now_ms: f64,
) -> RoleReading {
    let (roles, says_no_roles) = roles_from_text(text);
    // "Limited administrator" alone (2017) hides its sub-roles: they decide.
    let only_limited = match roles.as_slice() {
        [one] => normalize(&one.raw) == "limited administrator",
        _ => false,
    };
    RoleReading {
        subject,
        signed_in,
        roles,
        says_no_roles,
        complete: !only_limited,
        source: RoleSourceKind::Text,
        page: page_label(page_url),
        read_at_ms: now_ms,
    }
}

/// Does normalised text contain a qualifying name as a run of whole words?
/// Used only to refuse a "does not qualify" conclusion when a page's text
/// lost its separators; never to qualify.
fn mentions_qualifying_name(core: &str) -> bool {
    let words: Vec<&str> = core.split(' ').collect();
    NAMES.iter().any(|(name, _)| {
        let nw: Vec<&str> = name.split(' ').collect();
        nw.len() <= words.len() && words.windows(nw.len()).any(|w| w == nw.as_slice())
    })
}

/// Reads one source from the query results of the tab's frames. `None` when
/// the source is not on the page (the engine then tries another, or keeps
/// the verdict "unknown").
pub fn read(
    source: RoleSourceKind,
    results: &[QueryResult],
    page_url: &str,
    account: Option<&Account>,
    now_ms: f64,
) -> Option<RoleReading> {
    let page = page_label(page_url);
    let mut reading = match source {
        RoleSourceKind::EntraAssignedRoles => read_assigned_roles(results, account)?,
        RoleSourceKind::EntraYourRole => read_your_role(results, account)?,
        RoleSourceKind::M365UserRoles => read_m365(results, account)?,
        RoleSourceKind::Legacy2017 => read_legacy(results, account)?,
        RoleSourceKind::Text => return None,
    };
    reading.page = page;
    reading.read_at_ms = now_ms;
    Some(reading)
}

fn blank(source: RoleSourceKind, subject: Subject, signed_in: Option<bool>) -> RoleReading {
    RoleReading {
        subject,
        signed_in,
        roles: Vec::new(),
        says_no_roles: false,
        complete: true,
        source,
        page: String::new(),
        read_at_ms: 0.0,
    }
}

// --- Fluent grid (Assigned roles, Your Role) -------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Role,
    State,
    Description,
    End,
    Other,
}

fn column_kind(header: &str) -> Col {
    let n = normalize(header);
    let n = n.trim_matches(|c: char| !c.is_alphanumeric());
    match n {
        "role" | "role name" | "roles" | "name" | "assigned role" => Col::Role,
        "state" | "assignment state" | "assignment type" | "type" | "status" | "assignment"
        | "assignment status" => Col::State,
        "description" => Col::Description,
        "end time" | "end date" | "expiration" | "expires" | "end" => Col::End,
        // German portals (issue 11): the usual German column words, assumed
        // (no public German doc shows this grid's headers; ROLES_PAGES.md).
        "rolle" | "rollenname" | "rollen" | "zugewiesene rolle" => Col::Role,
        "zuweisungsstatus" | "zuweisungstyp" | "typ" => Col::State,
        "beschreibung" => Col::Description,
        "endzeit" | "enddatum" => Col::End,
        _ => Col::Other,
    }
}

/// Is `header` a roles grid's role column ("Role", German "Rolle", ...)?
/// One definition for reading the grid and for placing its verdict badge.
pub fn is_role_column(header: &str) -> bool {
    column_kind(header) == Col::Role
}

fn tab_state(tabs: &[&ElementFacts]) -> Assignment {
    let selected = tabs.iter().find(|t| {
        t.attrs
            .get("aria-selected")
            .map(|v| v == "true")
            .unwrap_or(false)
    });
    match selected {
        Some(t) => {
            let n = normalize(text_of(t));
            if n.contains("eligible") {
                Assignment::Eligible
            } else if n.contains("expired") {
                Assignment::Expired
            } else if n.contains("active") {
                Assignment::Active
            } else {
                super::locales::tab_state(&n).unwrap_or(Assignment::Unspecified)
            }
        }
        None => Assignment::Unspecified,
    }
}

/// Groups cells into rows; `None` if the structure cannot be read.
fn group_rows<'a>(
    cells: &[&'a ElementFacts],
    headers: &[&'a ElementFacts],
    rows: &[&'a ElementFacts],
) -> Option<Vec<Vec<&'a ElementFacts>>> {
    if cells.is_empty() {
        return Some(Vec::new());
    }
    if cells.iter().all(|c| has_rect(c)) {
        let mut sorted: Vec<&ElementFacts> = cells.to_vec();
        let yc = |e: &ElementFacts| e.rect[1] + e.rect[3] / 2.0;
        sorted.sort_by(|a, b| {
            yc(a)
                .total_cmp(&yc(b))
                .then(a.rect[0].total_cmp(&b.rect[0]))
        });
        let mut out: Vec<Vec<&ElementFacts>> = Vec::new();
        let mut band: Option<(f64, f64)> = None; // (top, bottom) of the current row
        for c in sorted {
            let centre = yc(c);
            match band {
                Some((top, bottom)) if centre >= top && centre <= bottom => {
                    if let Some(last) = out.last_mut() {
                        last.push(c);
                    }
                }
                _ => {
                    band = Some((c.rect[1], c.rect[1] + c.rect[3]));
                    out.push(vec![c]);
                }
            }
        }
        for r in out.iter_mut() {
            r.sort_by(|a, b| a.rect[0].total_cmp(&b.rect[0]));
        }
        return Some(out);
    }
    // Data rows: rows whose text is not the header row's text. The row
    // count is preferred (it also covers an unlabelled selection cell);
    // the header count is the fallback.
    let header_text = normalize(
        &headers
            .iter()
            .map(|h| text_of(h))
            .collect::<Vec<_>>()
            .join(" "),
    );
    let data_rows = rows
        .iter()
        .filter(|r| {
            let t = normalize(text_of(r));
            !(t.is_empty() || (!header_text.is_empty() && t.starts_with(&header_text)))
        })
        .count();
    let width = if data_rows > 0 && cells.len().is_multiple_of(data_rows) {
        cells.len() / data_rows
    } else if !headers.is_empty() && cells.len().is_multiple_of(headers.len()) {
        headers.len()
    } else {
        return None;
    };
    if width == 0 {
        return None;
    }
    Some(cells.chunks(width).map(|c| c.to_vec()).collect())
}

/// The column of each cell in a row.
fn columns_of(row: &[&ElementFacts], headers: &[&ElementFacts]) -> Vec<Col> {
    let kinds: Vec<Col> = headers.iter().map(|h| column_kind(text_of(h))).collect();
    if !headers.is_empty() && headers.iter().all(|h| has_rect(h)) && row.iter().all(|c| has_rect(c))
    {
        return row
            .iter()
            .map(|c| {
                let x = c.rect[0] + c.rect[2] / 2.0;
                let mut best: Option<(f64, Col)> = None;
                for (h, k) in headers.iter().zip(kinds.iter()) {
                    let inside = x >= h.rect[0] && x <= h.rect[0] + h.rect[2];
                    let d = if inside {
                        0.0
                    } else {
                        (h.rect[0] + h.rect[2] / 2.0 - x).abs()
                    };
                    if best.map(|(bd, _)| d < bd).unwrap_or(true) {
                        best = Some((d, *k));
                    }
                }
                best.map(|(_, k)| k).unwrap_or(Col::Other)
            })
            .collect();
    }
    if row.len() == kinds.len() {
        return kinds;
    }
    if row.len() == kinds.len() + 1 {
        // A leading selection (check) cell without a header.
        let mut v = vec![Col::Other];
        v.extend(kinds);
        return v;
    }
    // Unknown layout: the first non-empty cell is the role.
    let mut found = false;
    row.iter()
        .map(|c| {
            if !found && !text_of(c).trim().is_empty() {
                found = true;
                Col::Role
            } else {
                Col::Other
            }
        })
        .collect()
}

struct GridIds {
    headers: &'static str,
    rows: &'static str,
    cells: &'static str,
    tabs: &'static str,
    empty: &'static str,
}

/// Reads a Fluent grid of roles. `None` when no roles grid is on the page.
fn read_grid(results: &[QueryResult], ids: &GridIds) -> Option<(Vec<ReadRole>, bool, bool)> {
    let (headers_all, _) = items(results, ids.headers);
    let headers = visible(&headers_all);
    let (rows_all, rows_complete) = items(results, ids.rows);
    let rows = visible(&rows_all);
    let (cells_all, cells_complete) = items(results, ids.cells);
    let cells = visible(&cells_all);
    let (tabs, _) = items(results, ids.tabs);
    let (empty_all, _) = items(results, ids.empty);

    // Only a grid with a Role column is a roles grid.
    if !headers.iter().any(|h| column_kind(text_of(h)) == Col::Role) {
        return None;
    }
    let tab = tab_state(&tabs);
    let mut complete = rows_complete && cells_complete;
    let mut roles = Vec::new();
    match group_rows(&cells, &headers, &rows) {
        None => complete = false,
        Some(grouped) => {
            for row in grouped {
                let cols = columns_of(&row, &headers);
                let role_cell = row
                    .iter()
                    .zip(cols.iter())
                    .find(|(_, k)| **k == Col::Role)
                    .map(|(c, _)| *c);
                let Some(role_cell) = role_cell else { continue };
                let Some((mut role, kind)) = read_role(text_of(role_cell)) else {
                    continue;
                };
                if kind != LabelKind::Role {
                    continue;
                }
                role.canonical = built_in_check(role_cell, &row, &cols, role.canonical);
                let mut state = role.assignment;
                for (c, k) in row.iter().zip(cols.iter()) {
                    if matches!(k, Col::Role | Col::Description) {
                        continue;
                    }
                    let p = parse_label(text_of(c));
                    if p.kind == LabelKind::DecorationOnly
                        && p.assignment != Assignment::Unspecified
                    {
                        state = merge_state(state, p.assignment);
                    }
                }
                if state == Assignment::Unspecified {
                    state = tab;
                }
                role.assignment = state;
                roles.push(role);
            }
        }
    }
    let says_no = roles.is_empty()
        && cells.is_empty()
        && empty_all.iter().any(|e| {
            e.visible && {
                let n = normalize(text_of(e));
                EMPTY_PHRASES.iter().any(|p| n.contains(p))
            }
        });
    Some((roles, says_no, complete))
}

/// A custom Entra role can be named like a built-in ("Global Admin",
/// "Global Administrator role"); built-in names themselves are only read
/// as such (issue 13 item 9). Where the row tells more, it decides: a
/// template id (the role cell's link, or a cell that is a GUID) names the
/// role by id, whatever its name; a Type cell saying "Custom role" means no
/// built-in; one saying "Built-in role" lets a look-alike name count as the
/// built-in it looks like.
fn built_in_check(
    role_cell: &ElementFacts,
    row: &[&ElementFacts],
    cols: &[Col],
    canonical: Option<super::CanonicalRole>,
) -> Option<super::CanonicalRole> {
    let mut ids = role_cell
        .attrs
        .get("href")
        .and_then(|h| template_id_in_link(h))
        .into_iter()
        .chain(
            row.iter()
                .zip(cols)
                .filter(|(_, k)| **k != Col::Role)
                .map(|(c, _)| normalize(text_of(c)))
                .filter(|t| is_guid(t)),
        );
    if let Some(id) = ids.next() {
        return NAMES.iter().find(|(n, _)| *n == id).map(|(_, r)| *r);
    }
    let mut built_in = None;
    for (c, k) in row.iter().zip(cols) {
        if *k == Col::Role {
            continue;
        }
        let t = normalize(text_of(c));
        match t.trim_matches(|ch: char| !ch.is_alphanumeric()) {
            "custom" | "custom role" | "custom directory role" => built_in = Some(false),
            "built-in" | "builtin" | "built in" | "built-in role" | "built in role" => {
                built_in = built_in.or(Some(true))
            }
            _ => {}
        }
    }
    match built_in {
        Some(false) => None,
        Some(true) => canonical.or(parse_label(text_of(role_cell)).look_alike),
        None => canonical,
    }
}

/// A role template (or built-in role definition) id in a portal link:
/// `…/roleTemplateId/<guid>`, `…/templateId/<guid>`,
/// `…/roleDefinitionId/<guid>` (query forms with `=` too).
fn template_id_in_link(href: &str) -> Option<String> {
    let h = href.to_ascii_lowercase();
    ["templateid", "roledefinitionid"].iter().find_map(|key| {
        let at = h.find(key)? + key.len();
        let rest = h.get(at..)?.trim_start_matches(['/', '=']);
        let id = rest.get(..36)?;
        is_guid(id).then(|| id.to_string())
    })
}

fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// Does a visible element answering `id` say the list is empty?
fn says_empty(results: &[QueryResult], id: &str) -> bool {
    let (empty_all, _) = items(results, id);
    empty_all.iter().any(|e| {
        e.visible && {
            let n = normalize(text_of(e));
            EMPTY_PHRASES.iter().any(|p| n.contains(p))
        }
    })
}

fn merge_state(a: Assignment, b: Assignment) -> Assignment {
    use Assignment::*;
    match (a, b) {
        (Expired, _) | (_, Expired) => Expired,
        (Eligible, _) | (_, Eligible) => Eligible,
        (Active, _) | (_, Active) => Active,
        _ => Unspecified,
    }
}

const NAV_WORDS: &[&str] = &[
    "home",
    "users",
    "all users",
    "user",
    "microsoft entra id",
    "azure active directory",
    "identity",
    "assigned roles",
    "roles and administrators",
    "roles & admins",
    "directory role",
    "profile",
    "organizational role",
    "overview",
];

fn is_nav_word(s: &str) -> bool {
    let n = normalize(s);
    n.is_empty() || NAV_WORDS.contains(&n.as_str())
}

/// "Kelley Wall | Assigned roles" → "Kelley Wall"; the 2017 portal wrote
/// "Kelley Wall - Directory role" (a spaced dash; "Mary-Jane" is kept whole).
fn name_from_title(title: &str) -> Option<String> {
    title
        .split('|')
        .flat_map(|p| p.split(" - "))
        .map(str::trim)
        .find(|p| !is_nav_word(p) && !normalize(p).contains("default directory"))
        .map(str::to_string)
}

fn read_assigned_roles(results: &[QueryResult], account: Option<&Account>) -> Option<RoleReading> {
    let (roles, says_no, complete) = read_grid(
        results,
        &GridIds {
            headers: Q_AR_HEADERS,
            rows: Q_AR_ROWS,
            cells: Q_AR_CELLS,
            tabs: Q_AR_TABS,
            empty: Q_AR_EMPTY,
        },
    )?;
    let (titles, _) = items(results, Q_AR_TITLE);
    let titles = visible(&titles);
    let (crumbs, _) = items(results, Q_AR_CRUMBS);
    let crumbs = visible(&crumbs);
    // The active blade is the last title; its first part names the user.
    let mut name = titles.last().and_then(|t| name_from_title(text_of(t)));
    if name.is_none() {
        name = crumbs
            .iter()
            .rev()
            .map(|c| text_of(c))
            .find(|t| !is_nav_word(t) && !t.contains('|'))
            .map(str::to_string);
    }
    let subject = name.as_deref().map(subject_from_name).unwrap_or_default();
    let signed_in = signed_in_for(&subject, account);
    let mut r = blank(RoleSourceKind::EntraAssignedRoles, subject, signed_in);
    r.roles = roles;
    r.says_no_roles = says_no;
    r.complete = complete;
    Some(r)
}

fn read_your_role(results: &[QueryResult], account: Option<&Account>) -> Option<RoleReading> {
    let (titles, _) = items(results, Q_YR_TITLE);
    let (headings, _) = items(results, Q_YR_HEADING);
    let is_your_role = |e: &&ElementFacts| e.visible && normalize(text_of(e)).contains("your role");
    if !titles.iter().any(is_your_role) && !headings.iter().any(is_your_role) {
        return None;
    }
    // A pane over the list of all roles: only the pane's grid is the
    // user's; the whole frame's grid would mix in the catalogue.
    let (panes, _) = items(results, Q_YR_PANE);
    let in_pane = panes.iter().any(|e| e.visible);
    let ids = if in_pane {
        GridIds {
            headers: Q_YR_PANE_HEADERS,
            rows: Q_YR_PANE_ROWS,
            cells: Q_YR_PANE_CELLS,
            tabs: Q_YR_PANE_TABS,
            empty: Q_YR_PANE_EMPTY,
        }
    } else {
        GridIds {
            headers: Q_YR_HEADERS,
            rows: Q_YR_ROWS,
            cells: Q_YR_CELLS,
            tabs: Q_YR_TABS,
            empty: Q_YR_EMPTY,
        }
    };
    let (roles, says_no, complete) = match read_grid(results, &ids) {
        Some(g) => g,
        // With nothing assigned the pane shows a message instead of a grid.
        None if in_pane && says_empty(results, ids.empty) => (Vec::new(), true, true),
        None => return None,
    };
    // "Your Role" lists the signed-in user's roles by definition.
    let subject = account
        .map(|a| Subject {
            display_name: a.display_name.clone(),
            principal_name: a.principal_name.clone(),
        })
        .unwrap_or_default();
    let mut r = blank(RoleSourceKind::EntraYourRole, subject, Some(true));
    r.roles = roles;
    r.says_no_roles = says_no;
    r.complete = complete;
    Some(r)
}

/// Cuts an ASCII prefix / suffix case-insensitively, on char boundaries.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix)
        .then(|| s.get(..cut))
        .flatten()
}

/// Roles from a field value whose separators may have been lost: a list
/// when separators are present, else one label; a run of words that looks
/// like it holds a qualifying name makes the reading incomplete.
fn roles_from_value(value: &str, legacy: bool) -> (Vec<ReadRole>, bool, bool) {
    let n = normalize(value);
    // 2017: "Limited administrator Billing administrator Password administrator".
    if legacy {
        if let Some(words) = split_known_run(value) {
            if words.len() > 1 {
                let mut roles = Vec::new();
                let mut says_no = false;
                for w in &words {
                    match w.as_str() {
                        "limited administrator" => {}
                        "user" => says_no = true,
                        _ => {
                            if let Some((r, LabelKind::Role)) = read_role(w) {
                                roles.push(r);
                            }
                        }
                    }
                }
                return (roles, says_no, true);
            }
        }
    }
    let (roles, says_no) = roles_from_text(value);
    let mut complete = true;
    let only_limited = match roles.as_slice() {
        [one] => normalize(&one.raw) == "limited administrator",
        _ => false,
    };
    if legacy && only_limited {
        // Limited administrator without its sub-roles: the sub-roles decide.
        // Kept as read (it qualifies for nothing) so the verdict can say so.
        complete = false;
    }
    if roles.iter().any(|r| {
        r.canonical.is_none() && {
            let p = parse_label(&r.raw);
            mentions_qualifying_name(&p.core)
        }
    }) && !n.contains(',')
        && !n.contains(';')
    {
        complete = false;
    }
    (roles, says_no, complete)
}

/// The value of an admin center flyout's Roles section: the text is
/// "Roles <value> Manage roles", or in German "Rollen <value> Rollen
/// verwalten" (`M365_ROLES_SECTION`). One definition for reading the roles
/// and for placing their verdict badge.
pub fn m365_roles_value(text: &str) -> Option<&str> {
    let t = text.trim();
    let (rest, value) = M365_ROLES_SECTION.iter().find_map(|(head, tail)| {
        let rest = strip_prefix_ci(t, head)?;
        Some((rest, strip_suffix_ci(rest, tail)?))
    })?;
    // "Roles" must be a word of its own ("Roles" + space).
    if !rest.starts_with(char::is_whitespace) && !value.is_empty() {
        return None;
    }
    Some(value.trim())
}

fn read_m365(results: &[QueryResult], account: Option<&Account>) -> Option<RoleReading> {
    let (sections, _) = items(results, Q_M365_SECTION);
    // The innermost element whose text is the Roles section.
    let value = sections
        .iter()
        .filter(|e| e.visible)
        .filter_map(|e| m365_roles_value(&e.text))
        .min_by_key(|v| v.len())?;
    let (names, _) = items(results, Q_M365_NAME);
    let name = names
        .iter()
        .find(|e| e.visible && !text_of(e).trim().is_empty())
        .map(|e| text_of(e).to_string());
    let subject = name.as_deref().map(subject_from_name).unwrap_or_default();
    let signed_in = signed_in_for(&subject, account);
    let (roles, says_no, complete) = roles_from_value(value, false);
    let mut r = blank(RoleSourceKind::M365UserRoles, subject, signed_in);
    r.complete = complete && (!roles.is_empty() || says_no);
    r.roles = roles;
    r.says_no_roles = says_no;
    Some(r)
}

fn read_legacy(results: &[QueryResult], account: Option<&Account>) -> Option<RoleReading> {
    let (fields, _) = items(results, Q_LEGACY_FIELD);
    let field_value = fields
        .iter()
        .filter(|e| e.visible)
        .filter_map(|e| {
            let t = e.text.trim();
            [
                "organizational role",
                "organisational role",
                "directory role",
            ]
            .iter()
            .find_map(|label| strip_prefix_ci(t, label))
            .map(|v| v.trim_start_matches([':', ' ', '\u{a0}']).trim())
        })
        .filter(|v| !v.is_empty())
        .min_by_key(|v| v.len());
    let (checked_all, _) = items(results, Q_LEGACY_CHECKED);
    let checked: Vec<String> = checked_all
        .iter()
        .filter(|e| e.visible)
        .map(|e| {
            if e.name.trim().is_empty() {
                e.text.clone()
            } else {
                e.name.clone()
            }
        })
        .filter(|n| {
            let n = normalize(n);
            let n = n.trim_matches(|c: char| !c.is_alphanumeric());
            LEGACY_VOCABULARY.contains(&n)
        })
        .collect();
    if field_value.is_none() && checked.is_empty() {
        return None;
    }
    let (mut roles, mut says_no, mut complete) = (Vec::new(), false, true);
    if !checked.is_empty() {
        let mut limited = None;
        for c in &checked {
            let n = normalize(c);
            let n = n.trim_matches(|ch: char| !ch.is_alphanumeric());
            match n {
                "user" => says_no = true,
                "limited administrator" => limited = Some(c),
                _ => {
                    if let Some((r, LabelKind::Role)) = read_role(c) {
                        roles.push(r);
                    }
                }
            }
        }
        if let (Some(c), true) = (limited, roles.is_empty()) {
            // Limited administrator without a checked limited role: the
            // sub-roles decide; keep what was read so the verdict says so.
            if let Some((r, LabelKind::Role)) = read_role(c) {
                roles.push(r);
            }
            complete = false;
        }
    } else if let Some(v) = field_value {
        let (r, s, c) = roles_from_value(v, true);
        roles = r;
        says_no = s;
        complete = c;
    }
    let (titles, _) = items(results, Q_LEGACY_TITLE);
    let name = titles
        .iter()
        .rev()
        .filter(|e| e.visible)
        .map(|e| text_of(e))
        .find_map(name_from_title);
    let subject = name.as_deref().map(subject_from_name).unwrap_or_default();
    let signed_in = signed_in_for(&subject, account);
    let mut r = blank(RoleSourceKind::Legacy2017, subject, signed_in);
    r.roles = roles;
    r.says_no_roles = says_no;
    r.complete = complete;
    Some(r)
}

/// Reads the signed-in account. `None` when the account menu is not there.
pub fn read_account(kind: AccountSourceKind, results: &[QueryResult]) -> Option<Account> {
    let first_text = |id: &str| -> Option<String> {
        let (v, _) = items(results, id);
        v.iter()
            .map(|e| clean_for_display(text_of(e)))
            .find(|t| !t.is_empty())
    };
    let mut account = Account::default();
    match kind {
        AccountSourceKind::AzurePortalAvatarMenu => {
            if let Some(u) = first_text(Q_ACCOUNT_AZURE_USER) {
                let s = subject_from_name(&u);
                account.display_name = s.display_name;
                account.principal_name = s.principal_name;
            }
            account.tenant = first_text(Q_ACCOUNT_AZURE_TENANT);
        }
        AccountSourceKind::M365AccountManager => {
            account.display_name = first_text(Q_ACCOUNT_M365_PRIMARY);
            account.principal_name =
                first_text(Q_ACCOUNT_M365_SECONDARY).filter(|s| s.contains('@'));
            if account.display_name.is_none() {
                let (buttons, _) = items(results, Q_ACCOUNT_M365_BUTTON);
                account.display_name = buttons.iter().find_map(|b| {
                    let label = b
                        .attrs
                        .get("aria-label")
                        .map(String::as_str)
                        .unwrap_or(&b.name);
                    ["account manager for ", "konto-manager f\u{fc}r "]
                        .iter()
                        .find_map(|p| strip_prefix_ci(label.trim(), p))
                        .map(clean_for_display)
                        .filter(|s| !s.is_empty())
                });
            }
        }
    }
    if account.display_name.is_none() && account.principal_name.is_none() {
        return None;
    }
    Some(account)
}
