//! Redaction of what a recorded guide must not carry to another tenant:
//! e-mail addresses (user principal names), GUIDs (object, tenant and
//! subscription ids), `*.onmicrosoft.com` tenant domains, and the tenant and
//! user names the engine read from the portal's account menu.
//!
//! The original text is never kept: a `Redaction` says what kind of thing was
//! removed and how long it was, so the panel can show "1 e-mail address (22
//! characters) removed from the label" without holding the address.

use serde::{Deserialize, Serialize};

pub const TOKEN_EMAIL: &str = "[email]";
pub const TOKEN_ID: &str = "[id]";
pub const TOKEN_TENANT: &str = "[tenant]";
pub const TOKEN_USER: &str = "[user]";

/// Known secrets shorter than this are ignored: redacting every "Al" or
/// "IT" would shred labels and protect nothing.
const MIN_SECRET_CHARS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RedactionKind {
    #[serde(rename = "email")]
    Email,
    #[serde(rename = "guid")]
    Guid,
    /// A `*.onmicrosoft.com` domain.
    #[serde(rename = "tenant-domain")]
    TenantDomain,
    /// A tenant (directory) name the engine passed in.
    #[serde(rename = "tenant")]
    Tenant,
    /// A user display name the engine passed in.
    #[serde(rename = "user-name")]
    UserName,
}

impl RedactionKind {
    pub fn token(self) -> &'static str {
        match self {
            RedactionKind::Email => TOKEN_EMAIL,
            RedactionKind::Guid => TOKEN_ID,
            RedactionKind::TenantDomain | RedactionKind::Tenant => TOKEN_TENANT,
            RedactionKind::UserName => TOKEN_USER,
        }
    }
}

/// One thing removed from one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redaction {
    pub kind: RedactionKind,
    /// Length of the removed text, in characters.
    pub original_len: usize,
    /// Which field it was removed from: "title", "note", "path", "text",
    /// "label", "name", "element text" or "attribute <name>".
    pub field: String,
}

/// Names read from the page that must not leave the machine: the tenant
/// and account shown in the portal's account menu
/// (`fxs-avatarmenu-tenant`, `fxs-avatarmenu-username`), user names seen on
/// profile pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownSecrets {
    pub tenants: Vec<String>,
    pub users: Vec<String>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_local_part(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn is_domain(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
}

/// Length in bytes of the domain run at the start of `s`, without trailing
/// dots, if it has at least one inner dot.
fn domain_len(s: &str) -> Option<usize> {
    let run = s.find(|c| !is_domain(c)).unwrap_or(s.len());
    let d = s[..run].trim_end_matches('.');
    (d.contains('.') && !d.starts_with('.')).then_some(d.len())
}

fn match_email(s: &str) -> Option<usize> {
    let local = s.find(|c| !is_local_part(c)).unwrap_or(s.len());
    if local == 0 || !s[local..].starts_with('@') {
        return None;
    }
    domain_len(&s[local + 1..]).map(|d| local + 1 + d)
}

fn match_tenant_domain(s: &str) -> Option<usize> {
    let d = domain_len(s)?;
    let lower = s[..d].to_ascii_lowercase();
    let suffix = ".onmicrosoft.com";
    (lower.ends_with(suffix) && lower.len() > suffix.len()).then_some(d)
}

fn match_guid(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let hex = |range: std::ops::Range<usize>| {
        b.get(range.clone())
            .is_some_and(|r| r.iter().all(u8::is_ascii_hexdigit))
    };
    let dashed = hex(0..8)
        && b.get(8) == Some(&b'-')
        && hex(9..13)
        && b.get(13) == Some(&b'-')
        && hex(14..18)
        && b.get(18) == Some(&b'-')
        && hex(19..23)
        && b.get(23) == Some(&b'-')
        && hex(24..36);
    let len = if dashed {
        36
    } else if hex(0..32) {
        32
    } else {
        return None;
    };
    // Must end at a word boundary, or it is part of something longer.
    match s[len..].chars().next() {
        Some(c) if is_word(c) => None,
        _ => Some(len),
    }
}

/// Case-insensitive whole-word match of `secret` at the start of `s`.
fn match_secret(s: &str, secret: &str) -> Option<usize> {
    let mut it = s.char_indices();
    for sc in secret.chars() {
        let (_, c) = it.next()?;
        if !c.to_lowercase().eq(sc.to_lowercase()) {
            return None;
        }
    }
    let end = it.next().map_or(s.len(), |(i, _)| i);
    match s[end..].chars().next() {
        Some(c) if is_word(c) => None,
        _ => Some(end),
    }
}

impl KnownSecrets {
    /// Secrets worth matching, longest first so that "Contoso Europe" wins
    /// over "Contoso".
    fn candidates(&self) -> Vec<(&str, RedactionKind)> {
        let mut v: Vec<(&str, RedactionKind)> = self
            .tenants
            .iter()
            .map(|t| (t.trim(), RedactionKind::Tenant))
            .chain(
                self.users
                    .iter()
                    .map(|u| (u.trim(), RedactionKind::UserName)),
            )
            .filter(|(s, _)| s.chars().count() >= MIN_SECRET_CHARS)
            .collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        v
    }
}

/// Redact `input`: returns the redacted text and what was removed (kind and
/// length in characters). Matches are taken left to right, at word starts.
pub fn redact_text(input: &str, secrets: &KnownSecrets) -> (String, Vec<(RedactionKind, usize)>) {
    let candidates = secrets.candidates();
    let mut out = String::with_capacity(input.len());
    let mut found = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < input.len() {
        let rest = &input[i..];
        let at_word_start = !prev.is_some_and(|p| is_word(p) || p == '.' || p == '-');
        let at_local_start = !prev.is_some_and(is_local_part);
        let hit = if at_word_start || at_local_start {
            let email = at_local_start
                .then(|| match_email(rest))
                .flatten()
                .map(|n| (n, RedactionKind::Email));
            email
                .or_else(|| {
                    at_word_start
                        .then(|| match_tenant_domain(rest))
                        .flatten()
                        .map(|n| (n, RedactionKind::TenantDomain))
                })
                .or_else(|| {
                    at_word_start
                        .then(|| match_guid(rest))
                        .flatten()
                        .map(|n| (n, RedactionKind::Guid))
                })
                .or_else(|| {
                    if !at_word_start {
                        return None;
                    }
                    candidates
                        .iter()
                        .find_map(|(s, k)| match_secret(rest, s).map(|n| (n, *k)))
                })
        } else {
            None
        };
        match hit {
            Some((n, kind)) if n > 0 => {
                found.push((kind, rest[..n].chars().count()));
                out.push_str(kind.token());
                prev = rest[..n].chars().last();
                i += n;
            }
            _ => {
                let c = rest.chars().next().unwrap_or(' ');
                out.push(c);
                prev = Some(c);
                i += c.len_utf8();
            }
        }
    }
    (out, found)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn percent_encode_unsafe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "-._~@[]:!$&'()*+,;=".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Redact a path (and hash route) segment by segment. Each segment is
/// percent-decoded first (`adele%40contoso.com` is an e-mail address too);
/// a changed segment is written back with anything unsafe re-encoded.
pub fn redact_path(path: &str, secrets: &KnownSecrets) -> (String, Vec<(RedactionKind, usize)>) {
    let mut found = Vec::new();
    let mut out = String::with_capacity(path.len());
    // Split on '/' and '#', keeping the delimiters.
    let mut start = 0;
    for (i, c) in path
        .char_indices()
        .chain(std::iter::once((path.len(), '/')))
    {
        if c != '/' && c != '#' {
            continue;
        }
        let seg = &path[start..i];
        let decoded = percent_decode(seg).unwrap_or_else(|| seg.to_string());
        let (red, f) = redact_text(&decoded, secrets);
        if f.is_empty() {
            out.push_str(seg);
        } else {
            out.push_str(&percent_encode_unsafe(&red));
            found.extend(f);
        }
        if i < path.len() {
            out.push(c);
        }
        start = i + c.len_utf8();
    }
    (out, found)
}

/// Whether `actual` (text on the admin's page) fits `pattern` (a recorded,
/// redacted text): redaction tokens stand for any text. Case-insensitive.
pub fn matches_redacted(pattern: &str, actual: &str) -> bool {
    let p = pattern.to_lowercase();
    let a = actual.to_lowercase();
    let tokens = [TOKEN_EMAIL, TOKEN_ID, TOKEN_TENANT, TOKEN_USER];
    // Split the pattern into literal pieces separated by tokens.
    let mut pieces = vec![];
    let mut rest = p.as_str();
    loop {
        let next = tokens
            .iter()
            .filter_map(|t| rest.find(t).map(|i| (i, t.len())))
            .min();
        match next {
            Some((i, n)) => {
                pieces.push(&rest[..i]);
                rest = &rest[i + n..];
            }
            None => {
                pieces.push(rest);
                break;
            }
        }
    }
    if pieces.len() == 1 {
        return p == a;
    }
    let first = pieces[0];
    let last = pieces[pieces.len() - 1];
    if !a.starts_with(first) || a.len() < first.len() + last.len() || !a.ends_with(last) {
        return false;
    }
    let mut pos = first.len();
    let end = a.len() - last.len();
    for piece in &pieces[1..pieces.len() - 1] {
        match a[pos..end].find(piece) {
            Some(i) => pos += i + piece.len(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn red(s: &str) -> (String, Vec<(RedactionKind, usize)>) {
        let secrets = KnownSecrets {
            tenants: vec!["Contoso".into(), "Contoso Europe".into(), "IT".into()],
            users: vec!["Adele Vance".into()],
        };
        redact_text(s, &secrets)
    }

    #[test]
    fn redacts_emails_guids_tenants_and_names() {
        let (t, f) = red("Adele Vance (adele.vance@contoso.onmicrosoft.com)");
        assert_eq!(t, "[user] ([email])");
        assert_eq!(
            f,
            vec![(RedactionKind::UserName, 11), (RedactionKind::Email, 35)]
        );
        let (t, _) =
            red("Tenant contoso.onmicrosoft.com, id 72F988BF-86F1-41AF-91AB-2D7CD011DB47.");
        assert_eq!(t, "Tenant [tenant], id [id].");
        let (t, f) = red("Contoso Europe and CONTOSO and Contosoville and IT");
        assert_eq!(t, "[tenant] and [tenant] and Contosoville and IT");
        assert_eq!(f.len(), 2);
        // Not GUIDs: part of a longer token.
        let (t, f) =
            red("x72f988bf-86f1-41af-91ab-2d7cd011db47 and 72f988bf-86f1-41af-91ab-2d7cd011db47a");
        assert!(f.is_empty(), "{t}");
        let (t, _) = red("Start free");
        assert_eq!(t, "Start free");
    }

    #[test]
    fn redacts_paths_segment_by_segment() {
        let s = KnownSecrets::default();
        let (p, f) = redact_path(
            "/#@contoso.onmicrosoft.com/resource/subscriptions/72f988bf-86f1-41af-91ab-2d7cd011db47/overview",
            &s,
        );
        assert_eq!(p, "/#@[tenant]/resource/subscriptions/[id]/overview");
        assert_eq!(f.len(), 2);
        let (p, f) = redact_path("/#view/Blade/upn/adele%40contoso.com/x%20y", &s);
        assert_eq!(p, "/#view/Blade/upn/[email]/x%20y");
        assert_eq!(f, vec![(RedactionKind::Email, 17)]);
    }

    #[test]
    fn redacted_text_matches_any_value() {
        assert!(matches_redacted("Select [user]", "Select Megan Bowen"));
        assert!(matches_redacted("[user] ([email])", "Megan (megan@x.com)"));
        assert!(!matches_redacted("Select [user]", "Deselect Megan"));
        assert!(matches_redacted("Start free", "start FREE"));
        assert!(!matches_redacted("Start free", "Start free now"));
    }
}

// Persisted with a recording.
