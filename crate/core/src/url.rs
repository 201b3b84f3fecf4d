//! Just enough URL handling for page recognition: split a URL into host, path
//! and hash route, and match hosts and globs. Never panics on any input.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    pub scheme: String,
    /// Lower-case, without port or user info.
    pub host: String,
    /// Starts with '/', without query or hash.
    pub path: String,
    /// Starts with '#' when present, else empty.
    pub hash: String,
}

/// Split an absolute URL. Anything unparseable gives empty parts (which no
/// page rule matches).
pub fn parse(url: &str) -> Parts {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Parts::default();
    };
    let (before_hash, hash) = match rest.find('#') {
        Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i..).unwrap_or("")),
        None => (rest, ""),
    };
    let before_query = before_hash.split('?').next().unwrap_or("");
    let (authority, path) = match before_query.find('/') {
        Some(i) => (
            before_query.get(..i).unwrap_or(""),
            before_query.get(i..).unwrap_or("/"),
        ),
        None => (before_query, "/"),
    };
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = host_port.split(':').next().unwrap_or("");
    Parts {
        scheme: scheme.to_ascii_lowercase(),
        host: host.to_ascii_lowercase(),
        path: path.to_string(),
        hash: hash.to_string(),
    }
}

/// `rule` is a host name or `*.domain` (any subdomain, not the bare domain).
pub fn host_matches(rule: &str, host: &str) -> bool {
    let rule = rule.to_ascii_lowercase();
    let host = host.to_ascii_lowercase();
    match rule.strip_prefix("*.") {
        Some(domain) => host.len() > domain.len() + 1 && host.ends_with(&format!(".{domain}")),
        None => rule == host,
    }
}

/// Case-insensitive glob: `*` matches any run of characters (including '/').
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    // Every frame's URL is matched against every page of the guide on every
    // message: ASCII (nearly every URL) is compared in place, without the
    // two lower-cased copies the general case needs.
    if pattern.is_ascii() && text.is_ascii() {
        return wildcard_matches(pattern.as_bytes(), text.as_bytes(), |a, b| {
            a.eq_ignore_ascii_case(b)
        });
    }
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    wildcard_matches(&p, &t, |a, b| a == b)
}

/// `*` in `p` matches any run of `t`; other items match when `same`.
fn wildcard_matches<T: Copy + PartialEq + From<u8>>(
    p: &[T],
    t: &[T],
    same: impl Fn(&T, &T) -> bool,
) -> bool {
    let star_item = T::from(b'*');
    // Iterative wildcard matching with backtracking to the last star: linear
    // in practice, and no recursion a hostile URL could blow up.
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(c) if *c == star_item => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(c) if same(c, &t[ti]) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    while p.get(pi) == Some(&star_item) {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hash_routes_ports_and_queries() {
        let p = parse("https://portal.azure.com/?feature=x#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview");
        assert_eq!(p.host, "portal.azure.com");
        assert_eq!(p.path, "/");
        assert_eq!(
            p.hash,
            "#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview"
        );
        let p = parse("https://User@Admin.Microsoft.com:8443/Adminportal/Home?x=1#/users");
        assert_eq!(p.host, "admin.microsoft.com");
        assert_eq!(p.path, "/Adminportal/Home");
        assert_eq!(p.hash, "#/users");
        assert_eq!(parse("not a url"), Parts::default());
        assert_eq!(parse("https://signup.azure.com").path, "/");
    }

    #[test]
    fn wildcard_hosts_need_a_subdomain() {
        assert!(host_matches(
            "*.reactblade.portal.azure.net",
            "sandbox-1.reactblade.portal.azure.net"
        ));
        assert!(!host_matches(
            "*.reactblade.portal.azure.net",
            "reactblade.portal.azure.net"
        ));
        assert!(!host_matches(
            "*.reactblade.portal.azure.net",
            "evil-reactblade.portal.azure.net"
        ));
        assert!(host_matches("portal.azure.com", "PORTAL.azure.com"));
        assert!(!host_matches(
            "portal.azure.com",
            "portal.azure.com.evil.net"
        ));
    }

    #[test]
    fn globs() {
        assert!(glob_matches(
            "#*view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade*",
            "#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview"
        ));
        assert!(glob_matches(
            "#*view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade*",
            "#@contoso.onmicrosoft.com/view/microsoft_aad_iam/ActiveDirectoryMenuBlade"
        ));
        assert!(!glob_matches("#/users*", "#/homepage"));
        assert!(glob_matches(
            "*/microsoft-365/business*",
            "/en-us/microsoft-365/business/compare-all-microsoft-365-business-products"
        ));
        assert!(glob_matches("*", ""));
        assert!(!glob_matches("a", ""));
        assert!(!glob_matches(&"*a".repeat(50), &"b".repeat(500)));
    }

    /// The ASCII path answers exactly as lower-casing both sides did.
    #[test]
    fn globs_answer_as_lower_casing_both_sides_did() {
        fn lowered(pattern: &str, text: &str) -> bool {
            let p: Vec<char> = pattern.to_lowercase().chars().collect();
            let t: Vec<char> = text.to_lowercase().chars().collect();
            wildcard_matches(&p, &t, |a, b| a == b)
        }
        let patterns = [
            "#*view/Microsoft_AAD_IAM/*Blade*",
            "*/EN-us/*",
            "a*b*c",
            "**",
            "",
            "*ß*",
            "#*Übersicht*",
        ];
        let texts = [
            "#VIEW/microsoft_aad_iam/UsersBlade/~/x",
            "/en-US/pricing",
            "axxbyyc",
            "abc*",
            "",
            "/de-de/straße",
            "#blade/ÜBERSICHT",
            "#blade/übersicht",
        ];
        for p in patterns {
            for t in texts {
                assert_eq!(glob_matches(p, t), lowered(p, t), "{p:?} ~ {t:?}");
            }
        }
    }
}
