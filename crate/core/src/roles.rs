//! Reading directory roles from page text and giving a verdict.
//!
//! Plain Rust, no web-sys: the engine asks the content script generic
//! queries (see [`sources`]), hands the answers to [`read`], and turns the
//! resulting [`RoleReading`] into a [`VerdictReport`] with [`verdict`].
//!
//! - `names`: normalisation and whole-name matching (what is stripped is
//!   documented there).
//! - `sources`: where each portal shows a role, as query data, and `read()`.
//! - `verdict`: the reading and verdict types and the verdict rules.

mod locales;
mod names;
mod sources;
mod verdict;

#[cfg(test)]
mod locale_tests;
#[cfg(test)]
mod tests;

pub use locales::{
    LocalizedName, Meaning as LocalizedMeaning, Source as NameSource, LOCALIZED_NAMES,
};
pub use names::{
    canonical_role, normalize, parse_label, split_known_run, split_role_list, Assignment,
    CanonicalRole, LabelKind, ParsedLabel, LEGACY_VOCABULARY, MAX_LABEL_CHARS, MAX_LIST_ITEMS,
    MAX_SCAN_CHARS, NAMES, NEUTRAL_WORDS, NO_ROLE_VALUES, PREFIXES, STATE_WORDS,
};
pub use sources::{
    account_sources, account_sources_for_url, host, is_role_column, m365_roles_value, page_label,
    read, read_account, reading_from_text, roles_from_text, source, sources, sources_for_page,
    sources_for_url, AccountSourceDef, AccountSourceKind, FrameHint, QuerySpec, RoleSourceDef,
};
pub use verdict::{
    clean_for_display, limited_admin_only, same_person, verdict, Account, ReadRole, RoleReading,
    RoleSourceKind, Subject, Verdict, VerdictReport, FIND_YOUR_ROLE_GUIDE,
};
/// Query ids of every source (for the engine and tests).
pub mod query_ids {
    pub use super::sources::{
        Q_ACCOUNT_AZURE_TENANT, Q_ACCOUNT_AZURE_USER, Q_ACCOUNT_M365_BUTTON,
        Q_ACCOUNT_M365_PRIMARY, Q_ACCOUNT_M365_SECONDARY, Q_AR_CELLS, Q_AR_CRUMBS, Q_AR_EMPTY,
        Q_AR_HEADERS, Q_AR_ROWS, Q_AR_TABS, Q_AR_TITLE, Q_LEGACY_CHECKED, Q_LEGACY_FIELD,
        Q_LEGACY_TITLE, Q_M365_NAME, Q_M365_SECTION, Q_YR_CELLS, Q_YR_EMPTY, Q_YR_HEADERS,
        Q_YR_HEADING, Q_YR_PANE, Q_YR_PANE_CELLS, Q_YR_PANE_EMPTY, Q_YR_PANE_HEADERS,
        Q_YR_PANE_ROWS, Q_YR_PANE_TABS, Q_YR_ROWS, Q_YR_TABS, Q_YR_TITLE,
    };
}
