//! Which hosts a shared or recorded guide may name (product brief §3).
//!
//! This list is deliberately local to the share module: a share code is
//! checked against it on decode, so widening it widens what a code from a
//! stranger can point at. Sign-in hosts are named separately so that the
//! refusal can say why.

/// Hosts the engine never reads, records or highlights on, and the check
/// against them: one list and one check for the whole engine, defined with
/// the guide schema (build.rs validates guides against the list too).
pub use crate::guide::{is_sign_in_host, SIGN_IN_HOSTS};

/// Supported hosts matched exactly. The index (+1) is the host's one-byte id
/// in the share-code format, so this list is append-only (see SHARE_FORMAT.md).
pub const EXACT_HOSTS: [&str; 10] = [
    "portal.azure.com",
    "entra.microsoft.com",
    "azure.microsoft.com",
    "signup.azure.com",
    "account.azure.com",
    "www.microsoft.com",
    "products.office.com",
    "signup.microsoft.com",
    "admin.microsoft.com",
    "admin.cloud.microsoft",
];

/// Parent domains of the Azure portal's cross-origin blade frames
/// (`sandbox-1.reactblade.portal.azure.net` and so on). The engine's blade
/// frame check (`engine::is_blade_frame`) uses this list too.
pub const REACTBLADE_PARENTS: [&str; 3] = [
    "reactblade.portal.azure.net",
    "reactblade-ms.portal.azure.net",
    "reactblade-rc.portal.azure.net",
];

/// What a host (and path) is, for Waymark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// One of the supported sites: guides may name it.
    Supported,
    /// A Microsoft sign-in host: never touched.
    SignIn,
    /// Anything else, including www.microsoft.com outside the Microsoft 365
    /// business pages.
    Unsupported,
}

fn is_dns_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// True when `host` (lower case, no port) is one of the supported hosts,
/// whatever the path.
pub fn is_supported_host(host: &str) -> bool {
    if EXACT_HOSTS.contains(&host) {
        return true;
    }
    REACTBLADE_PARENTS.iter().any(|parent| {
        host.strip_suffix(parent)
            .and_then(|front| front.strip_suffix('.'))
            .is_some_and(is_dns_label)
    })
}

/// Classify a page by its host (lower case, no port) and its path (with the
/// hash route). www.microsoft.com is supported only on its Microsoft 365
/// business pages, whatever the locale prefix.
pub fn site_kind(host: &str, path: &str) -> Site {
    if is_sign_in_host(host) {
        return Site::SignIn;
    }
    if !is_supported_host(host) {
        return Site::Unsupported;
    }
    if host == "www.microsoft.com" {
        let before_hash = path.split('#').next().unwrap_or("");
        if !before_hash
            .to_ascii_lowercase()
            .contains("/microsoft-365/business")
        {
            return Site::Unsupported;
        }
    }
    Site::Supported
}

/// Whether a step recorded on `recorded` applies on `actual`. The portal
/// gives each blade frame a fresh `sandbox-N` host, so reactblade hosts match
/// any host of the same family; every other host must be equal.
pub fn same_host_family(recorded: &str, actual: &str) -> bool {
    if recorded == actual {
        return true;
    }
    let family = |h: &str| {
        REACTBLADE_PARENTS
            .iter()
            .position(|p| h.ends_with(&format!(".{p}")))
    };
    is_supported_host(recorded)
        && is_supported_host(actual)
        && family(recorded).is_some()
        && family(recorded) == family(actual)
}

/// The parts of a page URL that a recorded step keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrl {
    /// Lower case, without port.
    pub host: String,
    /// Path and hash route, query strings dropped (they carry tokens and ids,
    /// and no guide step depends on them). Always starts with '/'.
    pub path: String,
}

/// Split an https URL into host and path. Returns None for anything that is
/// not a plain `https://host/...` URL (other schemes, user info, IPv6
/// literals, empty hosts): such a page is never recorded.
pub fn parse_page_url(url: &str) -> Option<PageUrl> {
    let url = url.trim();
    let scheme_end = url.find("://")?;
    if !url[..scheme_end].eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = &url[scheme_end + 3..];
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..auth_end];
    if authority.contains('@') || authority.starts_with('[') {
        return None;
    }
    let host = authority
        .split(':')
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_ascii_lowercase();
    if host.is_empty()
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return None;
    }
    let tail = &rest[auth_end..];
    let (before_hash, hash) = match tail.find('#') {
        Some(i) => (&tail[..i], Some(&tail[i + 1..])),
        None => (tail, None),
    };
    let mut path = before_hash.split('?').next().unwrap_or("").to_string();
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if let Some(hash) = hash {
        path.push('#');
        path.push_str(hash.split('?').next().unwrap_or(""));
    }
    Some(PageUrl { host, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_hosts() {
        assert_eq!(site_kind("portal.azure.com", "/"), Site::Supported);
        assert_eq!(
            site_kind("sandbox-3.reactblade.portal.azure.net", "/"),
            Site::Supported
        );
        assert_eq!(
            site_kind("x.reactblade-rc.portal.azure.net", "/"),
            Site::Supported
        );
        assert_eq!(
            site_kind("reactblade.portal.azure.net", "/"),
            Site::Unsupported
        );
        assert_eq!(
            site_kind("a.b.reactblade.portal.azure.net", "/"),
            Site::Unsupported
        );
        assert_eq!(site_kind("login.microsoftonline.com", "/"), Site::SignIn);
        assert_eq!(site_kind("x.login.live.com", "/"), Site::SignIn);
        assert_eq!(site_kind("evil.com", "/"), Site::Unsupported);
        assert_eq!(
            site_kind("portal.azure.com.evil.com", "/"),
            Site::Unsupported
        );
        assert_eq!(
            site_kind("www.microsoft.com", "/en-us/microsoft-365/business/compare"),
            Site::Supported
        );
        assert_eq!(
            site_kind("www.microsoft.com", "/en-us/windows"),
            Site::Unsupported
        );
        assert_eq!(
            site_kind(
                "www.microsoft.com",
                "/en-us/windows#/microsoft-365/business"
            ),
            Site::Unsupported
        );
    }

    #[test]
    fn parses_urls() {
        let p =
            parse_page_url("https://Portal.Azure.com:443/?feature.x=1#view/Blade/~/x?y=1").unwrap();
        assert_eq!(p.host, "portal.azure.com");
        assert_eq!(p.path, "/#view/Blade/~/x");
        assert!(parse_page_url("http://portal.azure.com/").is_none());
        assert!(parse_page_url("https://u@portal.azure.com/").is_none());
        assert!(parse_page_url("javascript:alert(1)").is_none());
        assert_eq!(
            parse_page_url("https://admin.microsoft.com").unwrap().path,
            "/"
        );
    }

    #[test]
    fn reactblade_hosts_match_by_family() {
        assert!(same_host_family(
            "sandbox-1.reactblade.portal.azure.net",
            "sandbox-9.reactblade.portal.azure.net"
        ));
        assert!(!same_host_family(
            "sandbox-1.reactblade.portal.azure.net",
            "sandbox-9.reactblade-ms.portal.azure.net"
        ));
        assert!(!same_host_family("portal.azure.com", "entra.microsoft.com"));
    }
}
