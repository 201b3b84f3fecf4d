//! Readings (what was read, whose, where, when) and verdicts.

use super::names::{Assignment, CanonicalRole};
pub use crate::protocol::Verdict;
use crate::protocol::{msg, Text};

/// The guide that explains how to find out one's role (brief §1, Guide C).
pub const FIND_YOUR_ROLE_GUIDE: &str = "find-your-role";

/// Whose roles a page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    pub display_name: Option<String>,
    /// User principal name / e-mail, when the page shows one.
    pub principal_name: Option<String>,
}

impl Subject {
    /// A name for people: display name, else principal name.
    pub fn label(&self) -> Option<&str> {
        self.display_name
            .as_deref()
            .or(self.principal_name.as_deref())
            .filter(|s| !s.is_empty())
    }
}

/// The signed-in account, as the portal's account menu shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Account {
    pub display_name: Option<String>,
    pub principal_name: Option<String>,
    /// Directory (tenant) name, when shown (`.fxs-avatarmenu-tenant`).
    pub tenant: Option<String>,
}

impl Account {
    pub fn label(&self) -> Option<&str> {
        self.display_name
            .as_deref()
            .or(self.principal_name.as_deref())
            .filter(|s| !s.is_empty())
    }

    /// A stable key for remembering a verdict per signed-in account: the
    /// principal name if known, else the display name, lower-cased.
    pub fn key(&self) -> Option<String> {
        self.principal_name
            .as_deref()
            .or(self.display_name.as_deref())
            .map(fold)
            .filter(|s| !s.is_empty())
    }
}

/// Case- and space-insensitive comparison form of a name or e-mail.
pub(crate) fn fold(s: &str) -> String {
    super::names::normalize(s)
}

/// Is `subject` the signed-in `account`? `None` when the two cannot be
/// compared (for instance the page shows only a display name and the
/// account menu only an e-mail).
///
/// Principal names decide when both are known. Otherwise display names
/// decide; equal display names count as the same person (a tenant with two
/// people of the same display name, one viewing the other, would be
/// mislabelled — the principal name, when shown, prevents that).
pub fn same_person(subject: &Subject, account: &Account) -> Option<bool> {
    let nz = |o: &Option<String>| o.as_deref().map(fold).filter(|s| !s.is_empty());
    if let (Some(a), Some(b)) = (nz(&subject.principal_name), nz(&account.principal_name)) {
        return Some(a == b);
    }
    if let (Some(a), Some(b)) = (nz(&subject.display_name), nz(&account.display_name)) {
        return Some(a == b);
    }
    None
}

/// Which kind of page a reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoleSourceKind {
    /// Entra user profile > Assigned roles (portal.azure.com, entra.microsoft.com).
    EntraAssignedRoles,
    /// Entra ID > Roles and administrators > Your Role.
    EntraYourRole,
    /// Microsoft 365 admin center > Users > Active users > user > Account > Roles.
    M365UserRoles,
    /// 2017 layouts: "ORGANIZATIONAL ROLE" field, "Directory role" blade.
    Legacy2017,
    /// Role text from elsewhere (tests, a pasted list).
    Text,
}

impl RoleSourceKind {
    /// How the reason names the place.
    /// The place as a message ("Assigned roles").
    pub fn place(self) -> Text {
        msg(
            match self {
                RoleSourceKind::EntraAssignedRoles => "placeAssignedRoles",
                RoleSourceKind::EntraYourRole => "placeYourRole",
                RoleSourceKind::M365UserRoles => "placeM365Roles",
                RoleSourceKind::Legacy2017 => "placeLegacyRoleField",
                RoleSourceKind::Text => "placeRoleText",
            },
            [],
        )
    }
}

/// One role as read from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRole {
    /// The label as shown (cleaned of control characters, ≤ 120 chars).
    pub raw: String,
    pub canonical: Option<CanonicalRole>,
    pub assignment: Assignment,
}

/// Everything read from one page about one person's roles.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleReading {
    pub subject: Subject,
    /// Is the subject the signed-in account? `None` if unknown.
    pub signed_in: Option<bool>,
    pub roles: Vec<ReadRole>,
    /// The page said explicitly that there is no admin role ("User",
    /// "No administrator access", an empty-grid message).
    pub says_no_roles: bool,
    /// false when the page listed more entries than were read (query limit),
    /// or the list's structure could not be read: then "does not qualify"
    /// cannot be concluded.
    pub complete: bool,
    pub source: RoleSourceKind,
    /// host (+ path) shown to the user, e.g. "portal.azure.com".
    pub page: String,
    pub read_at_ms: f64,
}

/// A verdict with its explanation, ready for the panel and the page badge.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictReport {
    pub verdict: Verdict,
    /// Which role was read, where (and whose, when it is not the user's own).
    pub reason: Text,
    /// What to do next.
    pub next_action: Text,
    /// "you", "you (Kelley Wall)", or the other person's name.
    pub whose: Text,
    /// true only when the reading is known to be the signed-in user's own.
    /// A report with `false` must never be shown as "your" verdict.
    pub about_signed_in_user: bool,
    /// The best role behind the verdict (qualifying, or eligible).
    pub role: Option<CanonicalRole>,
    pub page: String,
    pub read_at_ms: f64,
}

/// Cleans page text for a sentence: no control or bidi characters, spaces
/// collapsed, at most 120 characters.
pub fn clean_for_display(raw: &str) -> String {
    let mut out = String::new();
    for (n, c) in super::names::collapsed(raw).enumerate() {
        if n >= 120 {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

/// The 2017 "Limited administrator" read without any of its limited roles
/// (the sub-roles decide, and none could be read).
pub fn limited_admin_only(roles: &[ReadRole]) -> bool {
    matches!(roles, [one] if fold(&one.raw) == "limited administrator")
}

fn quoted_list(roles: &[&ReadRole]) -> Text {
    let mut parts: Vec<Text> = roles
        .iter()
        .take(5)
        .map(|r| {
            let name = clean_for_display(&r.raw).into();
            match r.assignment {
                Assignment::Unspecified => msg("quotedRole", [name]),
                a => msg("quotedRoleState", [name, a.message()]),
            }
        })
        .collect();
    if roles.len() > 5 {
        parts.push(msg("andMore", [(roles.len() - 5).into()]));
    }
    Text::List(parts)
}

/// The verdict rules:
/// 1. Qualifies if a Global or Billing Administrator role is active (or its
///    state is not shown: without PIM every assignment is active).
/// 2. Else Eligible if one of them is eligible (PIM) — qualifies only after
///    activation.
/// 3. Else DoesNotQualify if roles (or an explicit "no admin role") were
///    read and the list was read completely; expired assignments count as
///    not held.
/// 4. Else Unknown: nothing readable, or the list was cut off before any
///    qualifying role appeared.
///
/// Whose: when `signed_in != Some(true)` the report is about someone else
/// (or about someone Waymark could not match with the account menu) and
/// says so first, with their name.
pub fn verdict(reading: &RoleReading) -> VerdictReport {
    let place = reading.source.place();
    let page = clean_for_display(&reading.page);
    let where_ = if page.is_empty() {
        place
    } else {
        msg("placeOnPage", [place, page.as_str().into()])
    };
    let active: Vec<&ReadRole> = reading
        .roles
        .iter()
        .filter(|r| {
            r.canonical.is_some()
                && matches!(r.assignment, Assignment::Active | Assignment::Unspecified)
        })
        .collect();
    let eligible: Vec<&ReadRole> = reading
        .roles
        .iter()
        .filter(|r| r.canonical.is_some() && r.assignment == Assignment::Eligible)
        .collect();
    let expired: Vec<&ReadRole> = reading
        .roles
        .iter()
        .filter(|r| r.canonical.is_some() && r.assignment == Assignment::Expired)
        .collect();
    let all: Vec<&ReadRole> = reading.roles.iter().collect();

    let best = |v: &[&ReadRole]| {
        // Global Administrator first: it is the stronger role.
        v.iter()
            .filter_map(|r| r.canonical)
            .min_by_key(|c| *c as u8)
    };

    let (verdict, mut reason, role) = if !active.is_empty() {
        let unspecified = active
            .iter()
            .all(|r| r.assignment == Assignment::Unspecified);
        (
            Verdict::Qualifies,
            msg(
                if unspecified {
                    "reasonReadStateNotShown"
                } else {
                    "reasonRead"
                },
                [quoted_list(&active), where_],
            ),
            best(&active),
        )
    } else if !eligible.is_empty() {
        (
            Verdict::Eligible,
            msg("reasonEligible", [quoted_list(&eligible), where_]),
            best(&eligible),
        )
    } else if (!reading.roles.is_empty() || reading.says_no_roles) && reading.complete {
        let read = if reading.roles.is_empty() {
            msg("reasonNoAdminRole", [where_])
        } else {
            msg("reasonNeither", [quoted_list(&all), where_])
        };
        let s = if expired.is_empty() {
            read
        } else {
            msg("twoSentences", [read, msg("reasonExpired", [])])
        };
        (Verdict::DoesNotQualify, s, None)
    } else if limited_admin_only(&reading.roles) {
        (
            Verdict::Unknown,
            msg("reasonLimitedAdmin", [quoted_list(&all), where_]),
            None,
        )
    } else if !reading.roles.is_empty() {
        (
            Verdict::Unknown,
            msg("reasonPartialList", [quoted_list(&all), where_]),
            None,
        )
    } else {
        (Verdict::Unknown, msg("reasonNoRole", [where_]), None)
    };

    let about_signed_in_user = reading.signed_in == Some(true);
    let other = reading
        .subject
        .label()
        .map(clean_for_display)
        .filter(|s| !s.is_empty());
    let whose = match (reading.signed_in, &other) {
        (Some(true), Some(name)) => msg("whoseYouNamed", [name.into()]),
        (Some(true), None) => msg("you", []),
        (_, Some(name)) => name.into(),
        (_, None) => msg("whoseUserShown", []),
    };
    let whose_first = match (reading.signed_in, &other) {
        (Some(false), Some(name)) => Some(msg("reasonOthersRoles", [name.into()])),
        (Some(false), None) => Some(msg("reasonAnotherUsersRoles", [])),
        (None, Some(name)) => Some(msg("reasonRolesOfUnsure", [name.into()])),
        (None, None) => Some(msg("reasonWhoseUnknown", [])),
        (Some(true), _) => None,
    };
    if let Some(first) = whose_first {
        reason = msg("twoSentences", [first, reason]);
    }

    let role_name: Text = role
        .map(|r| r.display_name())
        .map_or_else(|| msg("theRole", []), Text::from);
    let next_action = if about_signed_in_user {
        match verdict {
            Verdict::Qualifies => msg("nextNothingToDo", []),
            Verdict::Eligible => msg("nextActivate", [role_name]),
            Verdict::DoesNotQualify => msg("nextAskForRole", []),
            Verdict::Unknown => msg("nextFollowGuideC", [FIND_YOUR_ROLE_GUIDE.into()]),
        }
    } else {
        let name: Text = other
            .clone()
            .map_or_else(|| msg("thisUser", []), Text::from);
        let own = msg("nextCheckOwnRole", [FIND_YOUR_ROLE_GUIDE.into()]);
        match verdict {
            Verdict::Qualifies => msg("twoSentences", [msg("nextOtherCould", [name]), own]),
            Verdict::Eligible => msg(
                "twoSentences",
                [msg("nextOtherActivate", [name, role_name]), own],
            ),
            _ => own,
        }
    };

    VerdictReport {
        verdict,
        reason,
        next_action,
        whose,
        about_signed_in_user,
        role,
        page,
        read_at_ms: reading.read_at_ms,
    }
}
