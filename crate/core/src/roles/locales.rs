//! The role names that decide verdicts, as Microsoft's portals show them in
//! other languages (issue 11 item 2): German, French, Spanish and Japanese.
//!
//! Each entry says which English whole name (or state word) it stands for,
//! and where it comes from: `Verified` names were read in Microsoft's
//! localized public docs (repository, path, the page's `ms.date`); `Assumed`
//! names are Waymark's best guess, to be confirmed on a real portal. The
//! table is documented in `ROLES_PAGES.md` ("Other languages").
//!
//! Matching is unchanged: a localized name counts only as a *whole* name,
//! after the same normalisation and decoration stripping as English
//! (`names.rs`), and then stands for its English name. So a look-alike in
//! any language ("Globaler Leser", "Administrateur général adjoint",
//! "グローバル管理者ロール") never qualifies. Names are compared in their
//! composed form (NFC, as the docs and the portals write them); a page that
//! sent decomposed accents would read as "some other role", which never
//! qualifies (the safe side).

use super::names::Assignment;

/// Where a localized name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Read in a localized Microsoft doc: repository (a public mirror of the
    /// localized MicrosoftDocs content), path, the page's `ms.date`.
    Verified {
        repo: &'static str,
        path: &'static str,
        ms_date: &'static str,
    },
    /// Not found in a public source; why it is believed.
    Assumed(&'static str),
}

/// What a localized name means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// A directory role: the English whole name it stands for.
    Role(&'static str),
    /// The explicit "no administrator role" value ("User").
    NoRole,
    /// A PIM assignment state word or tab name.
    State(Assignment),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalizedName {
    /// BCP 47 language.
    pub lang: &'static str,
    /// As the docs / portal write it (matched case-insensitively).
    pub name: &'static str,
    pub meaning: Meaning,
    pub source: Source,
}

const ROLES_PATH: &str = "articles/active-directory/roles/permissions-reference.md";
const DE: Source = Source::Verified {
    repo: "christophbittig/azure-docs.de-de",
    path: ROLES_PATH,
    ms_date: "11/10/2021",
};
const FR: Source = Source::Verified {
    repo: "stephanemora/azure-docs.fr-fr",
    path: ROLES_PATH,
    ms_date: "03/29/2021",
};
const ES: Source = Source::Verified {
    repo: "csigueros/azure-docs.es-es",
    path: ROLES_PATH,
    ms_date: "11/10/2021",
};
const JA: Source = Source::Verified {
    repo: "changeworld/azure-docs.ja-jp",
    path: ROLES_PATH,
    ms_date: "03/13/2021",
};
// The de-DE Microsoft 365 admin docs carry no ms.date: their
// ms.lasthandoff (the localized page's date) stands in.
const M365_DE: Source = Source::Verified {
    repo: "MicrosoftDocs/microsoft-365-docs-pr.de-DE",
    path: "microsoft-365/business-video/what-is-admin.md",
    ms_date: "01/22/2021 (ms.lasthandoff; no ms.date)",
};
const RBAC_SEEN: &str = "seen as the Billing Reader row of a localized articles/role-based-access-control/built-in-roles.md (library excerpt; repository and date not resolved)";
const PIM_LAB: &str = "PIM tab names as quoted in localized Microsoft Learning lab texts (library excerpts; repository not resolved)";
const STATE_GUESS: &str =
    "bare state word: the usual translation of the English state, not seen in a public source";

use Assignment::{Active, Eligible, Expired};
use Meaning::{NoRole, Role, State};

pub const LOCALIZED_NAMES: &[LocalizedName] = &[
    // ---- German ----
    n("de", "Globaler Administrator", Role("Global Administrator"), DE),
    n("de", "Rechnungsadministrator", Role("Billing Administrator"), DE),
    n(
        "de",
        "Abrechnungsadministrator",
        Role("Billing Administrator"),
        Source::Assumed("older German wording of Billing Administrator (2017-2020 docs prose); today's table says Rechnungsadministrator"),
    ),
    n("de", "Globaler Leser", Role("Global Reader"), DE),
    n(
        "de",
        "Abrechnungsleser",
        Role("Billing Reader"),
        Source::Assumed(RBAC_SEEN),
    ),
    n("de", "Benutzer", NoRole, Source::Assumed("German for the 2017 ORGANIZATIONAL ROLE value User; Entra's German UI calls users Benutzer")),
    // The Microsoft 365 admin center's "User (no administrator access)"
    // (Manage roles), and the flyout's bare "No administrator access".
    n("de", "Benutzer (kein Administratorzugriff)", NoRole, M365_DE),
    n(
        "de",
        "Kein Administratorzugriff",
        NoRole,
        Source::Assumed("the admin center flyout's \"No administrator access\" in the words of the de-DE role choice \"Benutzer (kein Administratorzugriff)\" (what-is-admin.md)"),
    ),
    n("de", "Berechtigte Zuweisungen", State(Eligible), Source::Assumed(PIM_LAB)),
    n("de", "Aktive Zuweisungen", State(Active), Source::Assumed(PIM_LAB)),
    n("de", "Abgelaufene Zuweisungen", State(Expired), Source::Assumed(PIM_LAB)),
    n("de", "Berechtigt", State(Eligible), Source::Assumed(STATE_GUESS)),
    n("de", "Aktiv", State(Active), Source::Assumed(STATE_GUESS)),
    n("de", "Abgelaufen", State(Expired), Source::Assumed(STATE_GUESS)),
    // ---- French ----
    n("fr", "Administrateur général", Role("Global Administrator"), FR),
    n("fr", "Administrateur de facturation", Role("Billing Administrator"), FR),
    n("fr", "Lecteur général", Role("Global Reader"), FR),
    n(
        "fr",
        "Lecteur de facturation",
        Role("Billing Reader"),
        Source::Assumed(RBAC_SEEN),
    ),
    n("fr", "Utilisateur", NoRole, Source::Assumed("French for User, as the French docs name users")),
    n("fr", "Affectations éligibles", State(Eligible), Source::Assumed(PIM_LAB)),
    n("fr", "Affectations actives", State(Active), Source::Assumed(STATE_GUESS)),
    n("fr", "Affectations expirées", State(Expired), Source::Assumed(STATE_GUESS)),
    n("fr", "Éligible", State(Eligible), Source::Assumed(STATE_GUESS)),
    n("fr", "Actif", State(Active), Source::Assumed(STATE_GUESS)),
    n("fr", "Expiré", State(Expired), Source::Assumed(STATE_GUESS)),
    // ---- Spanish ----
    n("es", "Administrador global", Role("Global Administrator"), ES),
    n("es", "Administrador de facturación", Role("Billing Administrator"), ES),
    n("es", "Lector global", Role("Global Reader"), ES),
    n(
        "es",
        "Lector de facturación",
        Role("Billing Reader"),
        Source::Assumed("seen in Spanish Azure docs prose (\"rol Lector de facturación\"), not in a role table"),
    ),
    n("es", "Usuario", NoRole, Source::Assumed("Spanish for User")),
    n("es", "Asignaciones aptas", State(Eligible), Source::Assumed("Spanish PIM docs prose (\"Solo asignaciones aptas\")")),
    n("es", "Asignaciones activas", State(Active), Source::Assumed("Spanish PIM docs prose (\"Solo asignaciones activas\")")),
    n("es", "Asignaciones expiradas", State(Expired), Source::Assumed(STATE_GUESS)),
    n("es", "Apto", State(Eligible), Source::Assumed(STATE_GUESS)),
    n("es", "Activo", State(Active), Source::Assumed(STATE_GUESS)),
    n("es", "Expirado", State(Expired), Source::Assumed(STATE_GUESS)),
    // ---- Japanese ----
    n("ja", "グローバル管理者", Role("Global Administrator"), JA),
    // The same page's role table names it 全体管理者 (both are in use).
    n("ja", "全体管理者", Role("Global Administrator"), JA),
    n("ja", "課金管理者", Role("Billing Administrator"), JA),
    n("ja", "グローバル閲覧者", Role("Global Reader"), JA),
    n(
        "ja",
        "課金閲覧者",
        Role("Billing Reader"),
        Source::Assumed("seen in Japanese Azure docs prose (\"課金閲覧者の役割\"), not in a role table"),
    ),
    n("ja", "ユーザー", NoRole, Source::Assumed("Japanese for User")),
    n("ja", "資格のある割り当て", State(Eligible), Source::Assumed(PIM_LAB)),
    n("ja", "アクティブな割り当て", State(Active), Source::Assumed(STATE_GUESS)),
    n("ja", "期限切れの割り当て", State(Expired), Source::Assumed(STATE_GUESS)),
    n("ja", "資格あり", State(Eligible), Source::Assumed(STATE_GUESS)),
    n("ja", "アクティブ", State(Active), Source::Assumed(STATE_GUESS)),
    n("ja", "期限切れ", State(Expired), Source::Assumed(STATE_GUESS)),
];

const fn n(
    lang: &'static str,
    name: &'static str,
    meaning: Meaning,
    source: Source,
) -> LocalizedName {
    LocalizedName {
        lang,
        name,
        meaning,
        source,
    }
}

/// `name` lower-cased equals the normalised `core` (no allocation).
pub(super) fn same(name: &str, core: &str) -> bool {
    name.chars().flat_map(char::to_lowercase).eq(core.chars())
}

/// The localized entry whose whole name is `core` (normalised).
pub fn find(core: &str) -> Option<&'static LocalizedName> {
    LOCALIZED_NAMES.iter().find(|l| same(l.name, core))
}

/// The English whole name a localized role name stands for.
pub fn english_role(core: &str) -> Option<&'static str> {
    match find(core)?.meaning {
        Role(en) => Some(en),
        _ => None,
    }
}

pub fn is_no_role(core: &str) -> bool {
    find(core).is_some_and(|l| l.meaning == NoRole)
}

pub fn state(core: &str) -> Option<Assignment> {
    match find(core)?.meaning {
        State(a) => Some(a),
        _ => None,
    }
}

/// The state a selected PIM tab's normalised text names, in any language
/// (the tab text *contains* the word, as for English).
pub fn tab_state(n: &str) -> Option<Assignment> {
    [Eligible, Expired, Active].into_iter().find(|want| {
        LOCALIZED_NAMES
            .iter()
            .any(|l| l.meaning == State(*want) && n.contains(&l.name.to_lowercase()))
    })
}
