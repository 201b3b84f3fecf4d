//! Issue 11 item 2: the role names that decide verdicts, in German, French,
//! Spanish and Japanese. Table-driven: each localized name gives the same
//! verdict as its English name, for the role reading and for every built-in
//! guide's eligibility; look-alikes in any language never qualify.

use super::locales::{Meaning, Source, LOCALIZED_NAMES};
use super::*;
use crate::eligibility::judge;
use crate::engine::built_in_guides;
use crate::protocol::{Attrs, ElementFacts, QueryResult, VerdictView};

const LANGS: [&str; 4] = ["de", "fr", "es", "ja"];
const ROLES: [&str; 4] = [
    "Global Administrator",
    "Billing Administrator",
    "Global Reader",
    "Billing Reader",
];

fn me() -> Subject {
    Subject {
        display_name: Some("Megan Bowen".into()),
        principal_name: Some("megan@contoso.com".into()),
    }
}

fn report(text: &str) -> VerdictReport {
    verdict(&reading_from_text(
        text,
        me(),
        Some(true),
        "https://portal.azure.com/#view/x",
        1000.0,
    ))
}

/// What the engine remembers of a reading (the parts `judge` uses).
fn view(text: &str) -> VerdictView {
    let r = report(text);
    VerdictView {
        verdict: r.verdict,
        about_signed_in_user: true,
        roles_read: split_role_list(text),
        summary: format!("{text} — {}", r.verdict.as_attr()).into(),
        ..VerdictView::default()
    }
}

/// Each built-in guide's verdict (guide id, verdict) for one reading.
fn guide_verdicts(text: &str) -> Vec<(String, Verdict)> {
    let v = view(text);
    built_in_guides()
        .expect("embedded guides parse")
        .iter()
        .filter_map(|g| {
            let e = g.eligibility.as_ref()?;
            let gv = judge(e, Some(&v), None)?;
            Some((g.id.clone(), gv.verdict))
        })
        .collect()
}

fn name_in(lang: &str, meaning: Meaning) -> Vec<&'static str> {
    LOCALIZED_NAMES
        .iter()
        .filter(|l| l.lang == lang && l.meaning == meaning)
        .map(|l| l.name)
        .collect()
}

#[test]
fn every_language_has_every_deciding_name_with_a_source() {
    for lang in LANGS {
        for en in ROLES {
            assert!(
                !name_in(lang, Meaning::Role(en)).is_empty(),
                "{lang}: no name for {en}"
            );
        }
        assert!(!name_in(lang, Meaning::NoRole).is_empty(), "{lang}: User");
        for a in [
            Assignment::Eligible,
            Assignment::Active,
            Assignment::Expired,
        ] {
            assert!(
                !name_in(lang, Meaning::State(a)).is_empty(),
                "{lang}: {a:?}"
            );
        }
    }
    for l in LOCALIZED_NAMES {
        match l.source {
            Source::Verified {
                repo,
                path,
                ms_date,
            } => assert!(
                !repo.is_empty() && path.ends_with(".md") && !ms_date.is_empty(),
                "{l:?}"
            ),
            Source::Assumed(why) => assert!(why.len() > 10, "{l:?}"),
        }
        // Every name is read back as itself (no two entries collide).
        assert_eq!(locales::find(&normalize(l.name)), Some(l), "{}", l.name);
    }
}

#[test]
fn localized_names_give_the_english_verdict_for_every_guide() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for l in LOCALIZED_NAMES {
        let en = match l.meaning {
            Meaning::Role(en) => en,
            Meaning::NoRole => "User",
            Meaning::State(_) => continue,
        };
        // Plain, and with each PIM state in the same language (the state
        // word in brackets, as the portals decorate a role).
        let mut pairs = vec![(l.name.to_string(), en.to_string())];
        for (state, en_state) in [
            (Assignment::Eligible, "Eligible"),
            (Assignment::Active, "Active"),
            (Assignment::Expired, "Expired"),
        ] {
            if l.meaning == Meaning::NoRole {
                continue;
            }
            for word in name_in(l.lang, Meaning::State(state)) {
                pairs.push((format!("{} ({word})", l.name), format!("{en} ({en_state})")));
            }
        }
        for (local, english) in pairs {
            let (lr, er) = (report(&local), report(&english));
            if lr.verdict != er.verdict || lr.role != er.role {
                failures.push(format!(
                    "{local:?}: {:?} {:?}, but {english:?}: {:?} {:?}",
                    lr.verdict, lr.role, er.verdict, er.role
                ));
            }
            let (lg, eg) = (guide_verdicts(&local), guide_verdicts(&english));
            assert!(!eg.is_empty(), "no guide states eligibility");
            if lg != eg {
                failures.push(format!("{local:?}: guides {lg:?}, English {eg:?}"));
            }
            compared += 1;
        }
    }
    assert!(compared >= 60, "only {compared} comparisons");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The point of it all: a German portal's Global Administrator qualifies.
    assert_eq!(report("Globaler Administrator").verdict, Verdict::Qualifies);
    assert_eq!(
        report("Globaler Administrator (Berechtigt)").verdict,
        Verdict::Eligible
    );
}

#[test]
fn look_alikes_in_any_language_do_not_qualify() {
    let look_alikes = [
        // Other built-ins.
        "Globaler Leser",
        "Lecteur général",
        "Lector global",
        "グローバル閲覧者",
        "Abrechnungsleser",
        "Lecteur de facturation",
        "Lector de facturación",
        "課金閲覧者",
        // Custom roles named like the qualifying ones.
        "Globaler Admin",
        "Globaler Administrator (benutzerdefiniert)",
        "Globaler Administrator role",
        "Globaler Administrator-Rolle",
        "Stellvertretender Globaler Administrator",
        "Administrateur général adjoint",
        "Administrateur de facturation (personnalisé)",
        "Administrador global de pruebas",
        "Administrador de facturación personalizado",
        "グローバル管理者ロール",
        "グローバル管理者（カスタム）",
        "課金管理者補佐",
        // Half a name, or two run together.
        "Globaler",
        "Administrateur",
        "管理者",
        "Globaler Administrator Lecteur général",
    ];
    // Guide B needs Global or Billing Administrator; a look-alike gets what
    // an English non-qualifying role gets, for every guide.
    let baseline = guide_verdicts("Global Reader");
    assert!(
        baseline.iter().any(|(_, v)| *v == Verdict::DoesNotQualify),
        "some guide needs an administrator role: {baseline:?}"
    );
    for text in look_alikes {
        let r = report(text);
        assert_eq!(r.verdict, Verdict::DoesNotQualify, "{text}: {}", r.reason);
        assert_eq!(r.role, None, "{text}");
        assert_eq!(guide_verdicts(text), baseline, "{text}");
    }
}

fn el(text: &str, x: f64, y: f64, w: f64) -> ElementFacts {
    ElementFacts {
        tag: "div".into(),
        text: text.into(),
        name: text.into(),
        visible: true,
        rect: [x, y, w, 32.0],
        ..ElementFacts::default()
    }
}

/// Assigned roles with PIM: the selected tab's name, in each language,
/// decides the state of a role row that shows none (every language's
/// Eligible, Active and Expired tab).
#[test]
fn pim_tabs_in_other_languages() {
    use query_ids::*;
    let cases = [
        (
            "Berechtigte Zuweisungen",
            "Globaler Administrator",
            Verdict::Eligible,
        ),
        (
            "Aktive Zuweisungen",
            "Globaler Administrator",
            Verdict::Qualifies,
        ),
        (
            "Abgelaufene Zuweisungen",
            "Rechnungsadministrator",
            Verdict::DoesNotQualify,
        ),
        (
            "Affectations éligibles",
            "Administrateur général",
            Verdict::Eligible,
        ),
        (
            "Asignaciones aptas",
            "Administrador global",
            Verdict::Eligible,
        ),
        (
            "Asignaciones activas",
            "Administrador de facturación",
            Verdict::Qualifies,
        ),
        (
            "Affectations actives",
            "Administrateur général",
            Verdict::Qualifies,
        ),
        (
            "Affectations expirées",
            "Administrateur de facturation",
            Verdict::DoesNotQualify,
        ),
        (
            "Asignaciones expiradas",
            "Administrador global",
            Verdict::DoesNotQualify,
        ),
        ("資格のある割り当て", "グローバル管理者", Verdict::Eligible),
        ("アクティブな割り当て", "課金管理者", Verdict::Qualifies),
        (
            "期限切れの割り当て",
            "グローバル管理者",
            Verdict::DoesNotQualify,
        ),
        (
            "Berechtigte Zuweisungen",
            "Globaler Leser",
            Verdict::DoesNotQualify,
        ),
    ];
    let me = Account {
        display_name: Some("Megan Bowen".into()),
        principal_name: Some("megan@contoso.com".into()),
        ..Account::default()
    };
    for (tab, role, want) in cases {
        let mut attrs = Attrs::new();
        attrs.insert("aria-selected".into(), "true".into());
        let tab_el = ElementFacts {
            role: "tab".into(),
            attrs,
            ..el(tab, 0.0, 40.0, 200.0)
        };
        let results = vec![
            QueryResult::numbered(
                Q_AR_TITLE,
                vec![el("Megan Bowen | Assigned roles", 0.0, 0.0, 400.0)],
            ),
            QueryResult::numbered(Q_AR_TABS, vec![tab_el]),
            QueryResult::numbered(
                Q_AR_HEADERS,
                vec![
                    el("Role", 0.0, 100.0, 200.0),
                    el("Description", 200.0, 100.0, 200.0),
                ],
            ),
            QueryResult::numbered(
                Q_AR_ROWS,
                vec![
                    el("Role Description", 0.0, 100.0, 400.0),
                    el(&format!("{role} Can do things."), 0.0, 140.0, 400.0),
                ],
            ),
            QueryResult::numbered(
                Q_AR_CELLS,
                vec![
                    el(role, 8.0, 144.0, 180.0),
                    el("Can do things.", 208.0, 144.0, 180.0),
                ],
            ),
        ];
        let reading = read(
            RoleSourceKind::EntraAssignedRoles,
            &results,
            "https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/1",
            Some(&me),
            5.0,
        )
        .expect("a reading");
        assert_eq!(verdict(&reading).verdict, want, "{tab} / {role}");
    }
}

/// A German portal's Assigned roles grid: its "Rolle" column is the role
/// column, and "Globaler Administrator" in it qualifies as the English name
/// does; a grid with no role column reads nothing.
#[test]
fn a_german_assigned_roles_grid_is_read() {
    use query_ids::*;
    let me = Account {
        display_name: Some("Kelley Wall".into()),
        principal_name: Some("kelley@contoso.com".into()),
        ..Account::default()
    };
    let grid = |role_header: &str| {
        vec![
            QueryResult::numbered(
                Q_AR_TITLE,
                vec![el("Kelley Wall | Zugewiesene Rollen", 0.0, 0.0, 400.0)],
            ),
            QueryResult::numbered(
                Q_AR_HEADERS,
                vec![
                    el(role_header, 0.0, 100.0, 200.0),
                    el("Beschreibung", 200.0, 100.0, 200.0),
                ],
            ),
            QueryResult::numbered(
                Q_AR_ROWS,
                vec![
                    el(&format!("{role_header} Beschreibung"), 0.0, 100.0, 400.0),
                    el("Globaler Administrator Can do things.", 0.0, 140.0, 400.0),
                ],
            ),
            QueryResult::numbered(
                Q_AR_CELLS,
                vec![
                    el("Globaler Administrator", 8.0, 144.0, 180.0),
                    el("Can do things.", 208.0, 144.0, 180.0),
                ],
            ),
        ]
    };
    let url = "https://portal.azure.com/?l=de.de-de#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/1";
    let reading = read(
        RoleSourceKind::EntraAssignedRoles,
        &grid("Rolle"),
        url,
        Some(&me),
        5.0,
    )
    .expect("a reading");
    assert_eq!(verdict(&reading).verdict, Verdict::Qualifies);
    assert!(
        read(
            RoleSourceKind::EntraAssignedRoles,
            &grid("Rollenmodell"),
            url,
            Some(&me),
            5.0
        )
        .is_none(),
        "no role column, no reading"
    );
}
