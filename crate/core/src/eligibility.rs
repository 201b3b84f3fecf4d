//! Eligibility per guide, from the guide's data (`[eligibility]` in its
//! TOML, `guide::Eligibility`): who qualifies for the guide's task and why,
//! judged against what Waymark read about the signed-in account.
//!
//! A guide's rules are alternatives (any one qualifies):
//! - `any-member`: any member work account of the directory. A reading of
//!   the account's roles (whatever they are, "User" or none included) shows
//!   it is a user of the directory that Waymark reads: it qualifies. Guests,
//!   personal accounts and unmanaged tenants are the guide's `excluded`
//!   list: the pages do not show them apart, so the panel says it.
//! - `directory-role`: one of the named directory roles (whole names, as
//!   `roles::canonical_role` knows them), active; eligible through PIM
//!   gives `eligible`.
//! - `azure-rbac-role`: one of the named Azure RBAC roles on the
//!   subscription, compared as whole names (normalised case and space),
//!   from a reading of "My role" the caller passes in.
//!
//! Plain Rust: no web-sys, tested natively.

use super::guide::{Eligibility, RuleKind};
use super::protocol::VerdictView;
use super::roles::{self, Verdict};

/// Where the portal shows the signed-in account's Azure RBAC role on a
/// subscription ("My role"; `engine/rbac.rs` reads it there). Microsoft
/// Entra directory roles do not answer an `azure-rbac-role` rule: Azure
/// roles and Entra roles "don't span Azure and Microsoft Entra ID", and a
/// Global Administrator "doesn't have access to Azure resources" by default
/// (MicrosoftDocs/azure-docs
/// `articles/role-based-access-control/rbac-and-directory-admin-roles.md`,
/// ms.date 2024-02-09).
pub const MY_ROLE_WHERE: &str = "Subscriptions (its \"My role\" column), the subscription's Overview, or Access control (IAM) > View my access";

/// A guide's verdict for one reading, with the line the panel and the badge
/// show ("no administrator role — qualifies: any member account ...").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideVerdict {
    pub verdict: Verdict,
    pub line: String,
}

fn parse_verdict(s: &str) -> Verdict {
    match s {
        "qualifies" => Verdict::Qualifies,
        "does-not-qualify" => Verdict::DoesNotQualify,
        "eligible" => Verdict::Eligible,
        _ => Verdict::Unknown,
    }
}

/// Does `raw` (a role as read) name one of `names` (whole role names)?
fn names_role(raw: &str, names: &[String]) -> bool {
    let Some(c) = roles::canonical_role(raw) else {
        return false;
    };
    names.iter().any(|n| roles::canonical_role(n) == Some(c))
}

fn roles_text(v: &VerdictView) -> String {
    if v.roles_read.is_empty() {
        return "no administrator role".to_string();
    }
    let mut names: Vec<String> = v
        .roles_read
        .iter()
        .take(2)
        .map(|r| roles::clean_for_display(r))
        .collect();
    if v.roles_read.len() > 2 {
        names.push(format!("{} more", v.roles_read.len() - 2));
    }
    names.join(", ")
}

/// Whole-name comparison of Azure RBAC roles ("Owner" is not "Co-Owner").
fn same_name(a: &str, b: &str) -> bool {
    roles::normalize(a) == roles::normalize(b)
}

/// Judge `e` against a reading of the account's directory roles (`reading`,
/// the remembered verdict view) and, for `azure-rbac-role` rules, the Azure
/// RBAC roles read on the subscription (`rbac`). `None` when the guide
/// states no rule (Guide C explains other guides instead).
pub fn judge(
    e: &Eligibility,
    reading: Option<&VerdictView>,
    rbac: Option<&[String]>,
) -> Option<GuideVerdict> {
    let mut best: Option<GuideVerdict> = None;
    for rule in &e.rules {
        let v = match rule.kind {
            RuleKind::AnyMember => match reading {
                Some(v) => GuideVerdict {
                    verdict: Verdict::Qualifies,
                    line: format!(
                        "{} — qualifies: any member work account of the directory may do this, no administrator role needed",
                        roles_text(v)
                    ),
                },
                None => GuideVerdict {
                    verdict: Verdict::Unknown,
                    line: "not read yet — any member work account of the directory qualifies (not a guest, not a personal Microsoft account)".to_string(),
                },
            },
            RuleKind::DirectoryRole => {
                let wanted = rule.roles.join(" or ");
                match reading {
                    None => GuideVerdict {
                        verdict: Verdict::Unknown,
                        line: format!("no role read yet — needs {wanted}"),
                    },
                    Some(v) => {
                        let read = parse_verdict(&v.verdict);
                        let holds = v.roles_read.iter().any(|r| names_role(r, &rule.roles));
                        match read {
                            Verdict::Qualifies | Verdict::Eligible if holds => GuideVerdict {
                                verdict: read,
                                line: v.summary.clone(),
                            },
                            Verdict::Qualifies | Verdict::Eligible | Verdict::DoesNotQualify => {
                                GuideVerdict {
                                    verdict: Verdict::DoesNotQualify,
                                    line: format!("{} — does not qualify: needs {wanted}", roles_text(v)),
                                }
                            }
                            Verdict::Unknown => GuideVerdict {
                                verdict: Verdict::Unknown,
                                line: v.summary.clone(),
                            },
                        }
                    }
                }
            }
            RuleKind::AzureRbacRole => {
                let wanted = rule.roles.join(" or ");
                match (rbac, reading) {
                    // Directory roles were read, but they do not answer an
                    // Azure RBAC rule: say so rather than guess.
                    (None, Some(v)) => GuideVerdict {
                        verdict: Verdict::Unknown,
                        line: format!(
                            "{} — directory roles cannot tell: this needs {wanted}, an Azure role on the subscription; read \"My role\" in {MY_ROLE_WHERE}",
                            roles_text(v)
                        ),
                    },
                    (None, None) => GuideVerdict {
                        verdict: Verdict::Unknown,
                        line: format!(
                            "Azure role on the subscription not read yet — needs {wanted}; read \"My role\" in {MY_ROLE_WHERE}"
                        ),
                    },
                    (Some(read), _) if read.iter().any(|r| rule.roles.iter().any(|n| same_name(r, n))) => {
                        let shown: Vec<String> =
                            read.iter().take(3).map(|r| roles::clean_for_display(r)).collect();
                        GuideVerdict {
                            verdict: Verdict::Qualifies,
                            line: format!("{} on the subscription — qualifies", shown.join(", ")),
                        }
                    }
                    (Some(read), _) => {
                        let shown: Vec<String> =
                            read.iter().take(3).map(|r| roles::clean_for_display(r)).collect();
                        let shown = if shown.is_empty() {
                            "no Azure role".to_string()
                        } else {
                            shown.join(", ")
                        };
                        GuideVerdict {
                            verdict: Verdict::DoesNotQualify,
                            line: format!("{shown} on the subscription — does not qualify: needs {wanted}"),
                        }
                    }
                }
            }
        };
        let rank = |x: Verdict| match x {
            Verdict::Qualifies => 3,
            Verdict::Eligible => 2,
            Verdict::Unknown => 1,
            Verdict::DoesNotQualify => 0,
        };
        if best
            .as_ref()
            .is_none_or(|b| rank(v.verdict) > rank(b.verdict))
        {
            best = Some(v);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::Rule;

    fn rule(kind: RuleKind, roles: &[&str]) -> Rule {
        Rule {
            kind,
            roles: roles.iter().map(|r| r.to_string()).collect(),
            text: "why".to_string(),
            source: vec!["seed".to_string()],
        }
    }

    fn elig(rules: Vec<Rule>) -> Eligibility {
        Eligibility {
            summary: "s".to_string(),
            rules,
            source: vec!["seed".to_string()],
            ..Eligibility::default()
        }
    }

    fn reading(verdict: &str, roles: &[&str]) -> VerdictView {
        VerdictView {
            verdict: verdict.to_string(),
            about_signed_in_user: true,
            roles_read: roles.iter().map(|r| r.to_string()).collect(),
            read_on: "portal.azure.com".to_string(),
            summary: format!("{} — {verdict}", roles.join(", ")),
            ..VerdictView::default()
        }
    }

    fn guide_b() -> Eligibility {
        elig(vec![rule(
            RuleKind::DirectoryRole,
            &["Global Administrator", "Billing Administrator"],
        )])
    }

    #[test]
    fn a_plain_member_qualifies_for_any_member_and_not_for_a_role() {
        let a = elig(vec![rule(RuleKind::AnyMember, &[])]);
        for r in [
            reading("does-not-qualify", &["User"]),
            reading("does-not-qualify", &[]),
            reading("does-not-qualify", &["Global Reader"]),
            reading("unknown", &["Limited administrator"]),
        ] {
            let v = judge(&a, Some(&r), None).unwrap();
            assert_eq!(v.verdict, Verdict::Qualifies, "{r:?}");
            assert!(v.line.contains("any member"), "{}", v.line);
            let b = judge(&guide_b(), Some(&r), None).unwrap();
            assert_ne!(b.verdict, Verdict::Qualifies, "{r:?}");
        }
        assert_eq!(
            judge(&a, None, None).unwrap().verdict,
            Verdict::Unknown,
            "nothing read yet"
        );
    }

    #[test]
    fn directory_roles_are_whole_names() {
        let b = guide_b();
        let v = judge(
            &b,
            Some(&reading("qualifies", &["Billing Administrator"])),
            None,
        )
        .unwrap();
        assert_eq!(v.verdict, Verdict::Qualifies);
        let v = judge(
            &b,
            Some(&reading("eligible", &["Billing Administrator"])),
            None,
        )
        .unwrap();
        assert_eq!(v.verdict, Verdict::Eligible);
        let v = judge(
            &b,
            Some(&reading("does-not-qualify", &["Global Reader"])),
            None,
        )
        .unwrap();
        assert_eq!(v.verdict, Verdict::DoesNotQualify);
        assert!(
            v.line
                .contains("Global Administrator or Billing Administrator"),
            "{}",
            v.line
        );
        // A rule naming only Billing Administrator: a Global Administrator
        // reading (which qualifies for the seed's rule) does not.
        let only_billing = elig(vec![rule(
            RuleKind::DirectoryRole,
            &["Billing Administrator"],
        )]);
        let v = judge(
            &only_billing,
            Some(&reading("qualifies", &["Global Administrator"])),
            None,
        )
        .unwrap();
        assert_eq!(v.verdict, Verdict::DoesNotQualify);
        let v = judge(
            &b,
            Some(&reading("unknown", &["Limited administrator"])),
            None,
        )
        .unwrap();
        assert_eq!(v.verdict, Verdict::Unknown);
    }

    #[test]
    fn azure_rbac_roles_are_whole_names() {
        let e = elig(vec![rule(RuleKind::AzureRbacRole, &["Owner"])]);
        assert_eq!(judge(&e, None, None).unwrap().verdict, Verdict::Unknown);
        let owner = vec!["owner ".to_string()];
        assert_eq!(
            judge(&e, None, Some(&owner)).unwrap().verdict,
            Verdict::Qualifies
        );
        for not in [["Co-Owner"], ["Reader"], ["Owner (Classic)"]] {
            let read: Vec<String> = not.iter().map(|s| s.to_string()).collect();
            assert_eq!(
                judge(&e, None, Some(&read)).unwrap().verdict,
                Verdict::DoesNotQualify,
                "{read:?}"
            );
        }
        assert_eq!(
            judge(&e, None, Some(&[])).unwrap().verdict,
            Verdict::DoesNotQualify
        );
    }

    #[test]
    fn directory_roles_cannot_answer_an_azure_rbac_rule() {
        let e = elig(vec![rule(RuleKind::AzureRbacRole, &["Owner"])]);
        for r in [
            reading("qualifies", &["Global Administrator"]),
            reading("qualifies", &["Billing Administrator"]),
            reading("does-not-qualify", &["User"]),
            reading("does-not-qualify", &[]),
        ] {
            let v = judge(&e, Some(&r), None).unwrap();
            assert_eq!(v.verdict, Verdict::Unknown, "{r:?}");
            assert!(v.line.contains("directory roles cannot tell"), "{}", v.line);
            assert!(v.line.contains(MY_ROLE_WHERE), "{}", v.line);
            // Once "My role" is read, it decides, whatever the directory roles.
            let owner = vec!["Owner".to_string()];
            assert_eq!(
                judge(&e, Some(&r), Some(&owner)).unwrap().verdict,
                Verdict::Qualifies
            );
        }
        let v = judge(&e, None, None).unwrap();
        assert!(v.line.contains("not read yet"), "{}", v.line);
    }

    #[test]
    fn no_rule_no_verdict() {
        let c = Eligibility {
            explains: vec!["azure-for-office365".to_string()],
            ..elig(Vec::new())
        };
        assert!(judge(
            &c,
            Some(&reading("qualifies", &["Global Administrator"])),
            None
        )
        .is_none());
    }
}
