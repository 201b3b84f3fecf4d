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
use super::protocol::{msg, Text, VerdictView};
use super::roles::{self, Verdict};

/// Where the portal shows the signed-in account's Azure RBAC role on a
/// subscription ("My role"; `engine/rbac.rs` reads it there). Microsoft
/// Entra directory roles do not answer an `azure-rbac-role` rule: Azure
/// roles and Entra roles "don't span Azure and Microsoft Entra ID", and a
/// Global Administrator "doesn't have access to Azure resources" by default
/// (MicrosoftDocs/azure-docs
/// `articles/role-based-access-control/rbac-and-directory-admin-roles.md`,
/// ms.date 2024-02-09). A message: "Subscriptions (its "My role" column),
/// the subscription's Overview, or Access control (IAM) > View my access".
pub fn my_role_where() -> Text {
    msg("myRoleWhere", [])
}

/// A guide's verdict for one reading, with the line the panel and the badge
/// show ("no administrator role — qualifies: any member account ...").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideVerdict {
    pub verdict: Verdict,
    pub line: Text,
}

/// Does `raw` (a role as read) name one of `names` (whole role names)?
fn names_role(raw: &str, names: &[String]) -> bool {
    let Some(c) = roles::canonical_role(raw) else {
        return false;
    };
    names.iter().any(|n| roles::canonical_role(n) == Some(c))
}

fn roles_text(v: &VerdictView) -> Text {
    if v.roles_read.is_empty() {
        return msg("noAdminRole", []);
    }
    let mut names: Vec<Text> = v
        .roles_read
        .iter()
        .take(2)
        .map(|r| roles::clean_for_display(r).into())
        .collect();
    if v.roles_read.len() > 2 {
        names.push(msg("andMore", [(v.roles_read.len() - 2).into()]));
    }
    Text::List(names)
}

/// "A or B": the names, worded as alternatives (`anyOf`, Intl.ListFormat).
fn any_of(names: &[String]) -> Text {
    Text::Message(crate::protocol::Message {
        id: "anyOf".to_string(),
        args: names.iter().map(Text::from).collect(),
    })
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
                    line: msg("lineAnyMember", [roles_text(v)]),
                },
                None => GuideVerdict {
                    verdict: Verdict::Unknown,
                    line: msg("lineAnyMemberNotRead", []),
                },
            },
            RuleKind::DirectoryRole => {
                let wanted = any_of(&rule.roles);
                match reading {
                    None => GuideVerdict {
                        verdict: Verdict::Unknown,
                        line: msg("lineNotReadNeeds", [wanted]),
                    },
                    Some(v) => {
                        let read = v.verdict;
                        let holds = v.roles_read.iter().any(|r| names_role(r, &rule.roles));
                        match read {
                            Verdict::Qualifies | Verdict::Eligible if holds => GuideVerdict {
                                verdict: read,
                                line: v.summary.clone(),
                            },
                            Verdict::Qualifies | Verdict::Eligible | Verdict::DoesNotQualify => {
                                GuideVerdict {
                                    verdict: Verdict::DoesNotQualify,
                                    line: msg("lineNeeds", [roles_text(v), wanted]),
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
                let wanted = any_of(&rule.roles);
                match (rbac, reading) {
                    // Directory roles were read, but they do not answer an
                    // Azure RBAC rule: say so rather than guess.
                    (None, Some(v)) => GuideVerdict {
                        verdict: Verdict::Unknown,
                        line: msg(
                            "lineDirectoryCannotTell",
                            [roles_text(v), wanted, my_role_where()],
                        ),
                    },
                    (None, None) => GuideVerdict {
                        verdict: Verdict::Unknown,
                        line: msg("lineRbacNotRead", [wanted, my_role_where()]),
                    },
                    (Some(read), _)
                        if read
                            .iter()
                            .any(|r| rule.roles.iter().any(|n| same_name(r, n))) =>
                    {
                        let shown: Vec<Text> = read
                            .iter()
                            .take(3)
                            .map(|r| roles::clean_for_display(r).into())
                            .collect();
                        GuideVerdict {
                            verdict: Verdict::Qualifies,
                            line: msg("lineRbacQualifies", [Text::List(shown)]),
                        }
                    }
                    (Some(read), _) => {
                        let shown: Vec<Text> = read
                            .iter()
                            .take(3)
                            .map(|r| roles::clean_for_display(r).into())
                            .collect();
                        let shown = if shown.is_empty() {
                            msg("noAzureRole", [])
                        } else {
                            Text::List(shown)
                        };
                        GuideVerdict {
                            verdict: Verdict::DoesNotQualify,
                            line: msg("lineRbacDoesNotQualify", [shown, wanted]),
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

    fn reading(verdict: Verdict, roles: &[&str]) -> VerdictView {
        VerdictView {
            verdict,
            about_signed_in_user: true,
            roles_read: roles.iter().map(|r| r.to_string()).collect(),
            read_on: "portal.azure.com".to_string(),
            summary: format!("{} — {}", roles.join(", "), verdict.as_attr()).into(),
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
            reading(Verdict::DoesNotQualify, &["User"]),
            reading(Verdict::DoesNotQualify, &[]),
            reading(Verdict::DoesNotQualify, &["Global Reader"]),
            reading(Verdict::Unknown, &["Limited administrator"]),
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
        // A rule naming only Billing Administrator: a Global Administrator
        // reading (which qualifies for the seed's rule) does not.
        let only_billing = elig(vec![rule(
            RuleKind::DirectoryRole,
            &["Billing Administrator"],
        )]);
        // (case, the rules, the reading's verdict and roles, the verdict)
        let cases = [
            (
                "billing administrator",
                guide_b(),
                Verdict::Qualifies,
                "Billing Administrator",
                Verdict::Qualifies,
            ),
            (
                "billing administrator, eligible",
                guide_b(),
                Verdict::Eligible,
                "Billing Administrator",
                Verdict::Eligible,
            ),
            (
                "global reader",
                guide_b(),
                Verdict::DoesNotQualify,
                "Global Reader",
                Verdict::DoesNotQualify,
            ),
            (
                "global administrator, only billing named",
                only_billing,
                Verdict::Qualifies,
                "Global Administrator",
                Verdict::DoesNotQualify,
            ),
            (
                "limited administrator",
                guide_b(),
                Verdict::Unknown,
                "Limited administrator",
                Verdict::Unknown,
            ),
        ];
        for (case, rules, read, role, want) in &cases {
            let v = judge(rules, Some(&reading(*read, &[*role])), None).expect(case);
            assert_eq!(v.verdict, *want, "{case}: {}", v.line);
        }
        let v = judge(
            &guide_b(),
            Some(&reading(Verdict::DoesNotQualify, &["Global Reader"])),
            None,
        )
        .unwrap();
        assert!(
            v.line
                .contains("Global Administrator or Billing Administrator"),
            "{}",
            v.line
        );
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
            reading(Verdict::Qualifies, &["Global Administrator"]),
            reading(Verdict::Qualifies, &["Billing Administrator"]),
            reading(Verdict::DoesNotQualify, &["User"]),
            reading(Verdict::DoesNotQualify, &[]),
        ] {
            let v = judge(&e, Some(&r), None).unwrap();
            assert_eq!(v.verdict, Verdict::Unknown, "{r:?}");
            assert!(v.line.contains("directory roles cannot tell"), "{}", v.line);
            assert!(v.line.contains("View my access"), "{}", v.line);
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
            Some(&reading(Verdict::Qualifies, &["Global Administrator"])),
            None
        )
        .is_none());
    }
}
