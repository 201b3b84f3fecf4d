//! Redaction of what a recorded guide must not carry to another tenant:
//! e-mail addresses (user principal names), GUIDs (object, tenant and
//! subscription ids), `*.onmicrosoft.com` tenant domains, resource group
//! and resource names in Azure resource ids (`/resourceGroups/<name>`,
//! `/providers/<namespace>/<type>/<name>`), and the names the engine knows:
//! the tenant, account and display name read from the portal's account
//! menu, the account's own (verified) domain, and names seen while
//! recording (a clicked user, subscription, resource group or resource on
//! a list of them, `private_lists`; names read from resource ids; the name
//! the active blade's title gives on a page about one of them,
//! `titled_page`).
//!
//! The original text is never kept: a `Redaction` says what kind of thing was
//! removed and how long it was, so the panel can show "1 e-mail address (22
//! characters) removed from the label" without holding the address.

use serde::{Deserialize, Serialize};

pub const TOKEN_EMAIL: &str = "[email]";
pub const TOKEN_ID: &str = "[id]";
pub const TOKEN_TENANT: &str = "[tenant]";
pub const TOKEN_USER: &str = "[user]";
pub const TOKEN_SUBSCRIPTION: &str = "[subscription]";
pub const TOKEN_RESOURCE_GROUP: &str = "[resource-group]";
pub const TOKEN_RESOURCE: &str = "[resource]";

/// Every token, for code that treats them alike (matching, globs).
pub const TOKENS: [&str; 7] = [
    TOKEN_EMAIL,
    TOKEN_ID,
    TOKEN_TENANT,
    TOKEN_USER,
    TOKEN_SUBSCRIPTION,
    TOKEN_RESOURCE_GROUP,
    TOKEN_RESOURCE,
];

/// How many names of each kind are kept: a hostile page must not grow the
/// list without bound; the newest are kept.
pub const MAX_NAMES: usize = 16;

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
    /// A user display name the engine passed in, or a user clicked on a
    /// list of users.
    #[serde(rename = "user-name")]
    UserName,
    /// A subscription's name (clicked on the list of subscriptions, or the
    /// title of its own page).
    #[serde(rename = "subscription")]
    Subscription,
    /// A resource group's name (in a resource id, or clicked on a list).
    #[serde(rename = "resource-group")]
    ResourceGroup,
    /// A resource's name (in a resource id, or clicked on a list).
    #[serde(rename = "resource")]
    Resource,
}

impl RedactionKind {
    pub fn token(self) -> &'static str {
        match self {
            RedactionKind::Email => TOKEN_EMAIL,
            RedactionKind::Guid => TOKEN_ID,
            RedactionKind::TenantDomain | RedactionKind::Tenant => TOKEN_TENANT,
            RedactionKind::UserName => TOKEN_USER,
            RedactionKind::Subscription => TOKEN_SUBSCRIPTION,
            RedactionKind::ResourceGroup => TOKEN_RESOURCE_GROUP,
            RedactionKind::Resource => TOKEN_RESOURCE,
        }
    }
}

/// What a redaction found: its kind, its length in characters, and its
/// `value_key`.
pub type Found = (RedactionKind, usize, u32);

/// A fingerprint of a removed value (FNV-1a of its lower-case text), so
/// that the panel counts a value met in several fields once ("1 resource
/// group", not one per step). Kept with the recording in the engineer's
/// browser only: a share code carries no redactions.
pub fn value_key(value: &str) -> u32 {
    value
        .trim()
        .to_lowercase()
        .bytes()
        .fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
}

/// One thing removed from one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redaction {
    pub kind: RedactionKind,
    /// Length of the removed text, in characters.
    pub original_len: usize,
    /// `value_key` of the removed text (0 in recordings saved before it).
    #[serde(default)]
    pub key: u32,
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
    /// Verified domains seen (the signed-in account's e-mail domain).
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub subscriptions: Vec<String>,
    #[serde(default)]
    pub resource_groups: Vec<String>,
    #[serde(default)]
    pub resources: Vec<String>,
}

/// Public mail domains and Microsoft's own: an account's domain among them
/// names no tenant, and redacting it would shred the portal's own text.
const NOT_TENANT_DOMAINS: [&str; 9] = [
    "microsoft.com",
    "onmicrosoft.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "gmail.com",
    "yahoo.com",
    "icloud.com",
];

impl KnownSecrets {
    fn list_mut(&mut self, kind: RedactionKind) -> Option<&mut Vec<String>> {
        match kind {
            RedactionKind::Tenant => Some(&mut self.tenants),
            RedactionKind::UserName => Some(&mut self.users),
            RedactionKind::TenantDomain => Some(&mut self.domains),
            RedactionKind::Subscription => Some(&mut self.subscriptions),
            RedactionKind::ResourceGroup => Some(&mut self.resource_groups),
            RedactionKind::Resource => Some(&mut self.resources),
            RedactionKind::Email | RedactionKind::Guid => None,
        }
    }

    /// Remember a name of `kind` (trimmed; tokens, short names and repeats
    /// ignored; the newest `MAX_NAMES` of a kind kept). Returns whether it
    /// was new.
    pub fn learn(&mut self, kind: RedactionKind, name: &str) -> bool {
        let name = name.trim();
        if name.chars().count() < MIN_SECRET_CHARS || TOKENS.iter().any(|t| name.contains(t)) {
            return false;
        }
        let Some(list) = self.list_mut(kind) else {
            return false;
        };
        if list.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return false;
        }
        list.push(name.to_string());
        let extra = list.len().saturating_sub(MAX_NAMES);
        list.drain(..extra);
        true
    }

    /// The domain of a signed-in account's e-mail address, as a verified
    /// domain of its tenant (unless it is a public or Microsoft one).
    pub fn learn_account_domain(&mut self, account: &str) -> bool {
        let Some((_, domain)) = account.trim().rsplit_once('@') else {
            return false;
        };
        let domain = domain.to_ascii_lowercase();
        let public = NOT_TENANT_DOMAINS
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")));
        !public
            && domain_len(&domain) == Some(domain.len())
            && self.learn(RedactionKind::TenantDomain, &domain)
    }

    /// Everything in `other` too (a recording keeps what it learned when
    /// the engine hands it the account's names again).
    pub fn merge(&mut self, other: &KnownSecrets) {
        for (kind, names) in other.all() {
            for n in names {
                self.learn(kind, n);
            }
        }
    }

    fn all(&self) -> [(RedactionKind, &Vec<String>); 6] {
        [
            (RedactionKind::Tenant, &self.tenants),
            (RedactionKind::UserName, &self.users),
            (RedactionKind::TenantDomain, &self.domains),
            (RedactionKind::Subscription, &self.subscriptions),
            (RedactionKind::ResourceGroup, &self.resource_groups),
            (RedactionKind::Resource, &self.resources),
        ]
    }
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
            .all()
            .into_iter()
            .flat_map(|(kind, names)| names.iter().map(move |n| (n.trim(), kind)))
            .filter(|(s, _)| s.chars().count() >= MIN_SECRET_CHARS)
            .collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        v
    }
}

/// Characters that end a name in a resource id (Azure resource names use
/// letters, digits, `-`, `_`, `.`, `(` and `)`).
fn ends_name(c: char) -> bool {
    c.is_whitespace() || "/?#&=\"'<>,;|\\".contains(c)
}

/// The names in the Azure resource ids in `s` (`/`-separated), as byte
/// ranges: the segment after `resourceGroups`, and the resource name after
/// `providers/<namespace>/<type>` (the first one: what follows in a portal
/// route is the blade's own path). A GUID or a token there is left alone.
fn resource_spans(s: &str) -> Vec<(usize, usize, RedactionKind)> {
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '/' {
            segs.push((start, i));
            start = i + 1;
        }
    }
    segs.push((start, s.len()));
    let word = |k: usize| segs.get(k).map(|&(a, b)| &s[a..b]);
    let name = |k: usize| {
        let (a, b) = *segs.get(k)?;
        let end = s[a..b].find(ends_name).map_or(b, |e| a + e);
        let n = &s[a..end];
        let skip = n.is_empty() || n.starts_with('[') || match_guid(n) == Some(n.len());
        (!skip).then_some((a, end))
    };
    let mut out = Vec::new();
    for k in 0..segs.len() {
        let Some(w) = word(k) else { continue };
        // The word may end a longer text ("... id /subscriptions/...").
        let w = w.rsplit(char::is_whitespace).next().unwrap_or(w);
        if w.eq_ignore_ascii_case("resourcegroups") {
            if let Some((a, b)) = name(k + 1) {
                out.push((a, b, RedactionKind::ResourceGroup));
            }
        } else if w.eq_ignore_ascii_case("providers") && word(k + 2).is_some() {
            if let Some((a, b)) = name(k + 3) {
                out.push((a, b, RedactionKind::Resource));
            }
        }
    }
    out
}

/// The resource group and resource names in the resource ids of `text`
/// (percent-decoded first: the portal puts whole ids in one route segment,
/// `%2Fsubscriptions%2F...`), to be learned as secrets.
pub fn resource_names(text: &str) -> Vec<(RedactionKind, String)> {
    let decoded = percent_decode(text).unwrap_or_else(|| text.to_string());
    resource_spans(&decoded)
        .into_iter()
        .map(|(a, b, kind)| (kind, decoded[a..b].to_string()))
        .collect()
}

/// Pages that list private names, one per row: a link or cell clicked on
/// them names a person, subscription, resource group, resource or domain of
/// the engineer's tenant, whatever its text. (Route fragment as it appears
/// in the page address, path and hash, lower case; what a row names.)
/// Routes as the portals show them (Microsoft Learn, "Add or delete users"
/// (2025-05), "Manage subscriptions", "Manage resource groups", "Add your
/// custom domain name"; the replicas in `tests/replicas/`).
pub const PRIVATE_LISTS: [(&str, RedactionKind); 13] = [
    // Entra ID > Users > All users / Deleted users (portal.azure.com and
    // entra.microsoft.com); a group's members.
    (
        "usermanagementmenublade/~/allusers",
        RedactionKind::UserName,
    ),
    (
        "usermanagementmenublade/~/deletedusers",
        RedactionKind::UserName,
    ),
    ("groupdetailsmenublade/~/members", RedactionKind::UserName),
    // Microsoft 365 admin center > Users > Active users / Deleted users.
    ("#/users", RedactionKind::UserName),
    ("#/deletedusers", RedactionKind::UserName),
    // Subscriptions (the 2017 blade and today's).
    (
        "microsoft_azure_billing/subscriptionsblade",
        RedactionKind::Subscription,
    ),
    (
        "microsoft_azure_billing/subscriptionsbladev2",
        RedactionKind::Subscription,
    ),
    // Resource groups, and All resources.
    ("#browse/resourcegroups", RedactionKind::ResourceGroup),
    (
        "hubsextension/browseresourcegroups",
        RedactionKind::ResourceGroup,
    ),
    ("#browse/all", RedactionKind::Resource),
    ("hubsextension/browseall", RedactionKind::Resource),
    // Entra ID > Custom domain names; admin center > Settings > Domains.
    (
        "activedirectorymenublade/~/domains",
        RedactionKind::TenantDomain,
    ),
    ("#/domains", RedactionKind::TenantDomain),
];

/// What the rows of the page at `path` (path and hash route of the top
/// page) name, if it lists private names. A fragment counts only as a
/// whole route part (`#/users` is not `#/usersettings`). A resource
/// group's overview lists its resources.
pub fn private_list(path: &str) -> Option<RedactionKind> {
    let p = path.to_ascii_lowercase();
    let whole = |frag: &str| {
        p.match_indices(frag).any(|(i, _)| {
            p[i + frag.len()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '/' | '?' | '~'))
        })
    };
    if let Some((_, kind)) = PRIVATE_LISTS.iter().find(|(frag, _)| whole(frag)) {
        return Some(*kind);
    }
    let rg_overview = p.contains("/resourcegroups/")
        && p.trim_end_matches('/').ends_with("/overview")
        && !p.contains("/providers/");
    rg_overview.then_some(RedactionKind::Resource)
}

/// What the active blade's title names on the page at `path` (path and
/// hash route of the top page), if that page is about one named thing: a
/// resource blade, `#@<tenant>/resource/<resource id>/<section>` (a
/// subscription, a resource group, or a resource: the id's last name), or
/// a user's profile (`UserProfileMenuBlade`, 2017 `UserDetailsMenuBlade`).
/// The portal titles such a blade with the thing's name, alone on its
/// overview and before " | " on its other sections ("Azure subscription 1
/// | Access control (IAM)"; public scripts for the portal read a resource's
/// name as `.fxs-blade-title-titleText` up to " | ", and its type from the
/// subtitle). A subscription's name is in no route: its title is where a
/// recording learns it (`name_in_title`).
pub fn titled_page(path: &str) -> Option<RedactionKind> {
    let p = path.to_ascii_lowercase();
    if p.contains("userprofilemenublade/") || p.contains("userdetailsmenublade/") {
        return Some(RedactionKind::UserName);
    }
    let (_, id) = p.split_once("/resource/subscriptions/")?;
    if id.is_empty() {
        return None;
    }
    Some(
        resource_names(&p)
            .last()
            .map_or(RedactionKind::Subscription, |(kind, _)| *kind),
    )
}

/// The name a `titled_page`'s blade title gives: the part before " | ";
/// for a user, also before " - " (the 2017 blades: "Megan Bowen -
/// Profile"). None for an empty title or one that ends in an ellipsis (a
/// placeholder while the blade loads, or a name cut short).
pub fn name_in_title(kind: RedactionKind, title: &str) -> Option<&str> {
    let mut name = title.split(" | ").next().unwrap_or("");
    if kind == RedactionKind::UserName {
        name = name.split(" - ").next().unwrap_or("");
    }
    let name = name.trim();
    let placeholder = name.ends_with('\u{2026}') || name.ends_with("...");
    (!name.is_empty() && !placeholder).then_some(name)
}

/// Redact `input`: returns the redacted text and what was removed (kind and
/// length in characters). Matches are taken left to right, at word starts.
pub fn redact_text(input: &str, secrets: &KnownSecrets) -> (String, Vec<Found>) {
    let spans = resource_spans(input);
    let candidates = secrets.candidates();
    let mut out = String::with_capacity(input.len());
    let mut found = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < input.len() {
        let rest = &input[i..];
        let at_word_start = !prev.is_some_and(|p| is_word(p) || p == '.' || p == '-');
        let at_local_start = !prev.is_some_and(is_local_part);
        let span = spans
            .iter()
            .find(|(a, _, _)| *a == i)
            .map(|&(a, b, kind)| (b - a, kind));
        let hit = if span.is_some() {
            span
        } else if at_word_start || at_local_start {
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
                found.push((kind, rest[..n].chars().count(), value_key(&rest[..n])));
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
pub fn redact_path(path: &str, secrets: &KnownSecrets) -> (String, Vec<Found>) {
    // A resource id spans segments: its names are learned from the whole
    // path first, then redacted wherever they stand.
    let mut learned = secrets.clone();
    for (kind, name) in resource_names(path) {
        learned.learn(kind, &name);
    }
    let secrets = &learned;
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
    let tokens = TOKENS;
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

    /// Kind and length of what was found (the value key aside).
    fn kinds(found: &[Found]) -> Vec<(RedactionKind, usize)> {
        found.iter().map(|&(k, n, _)| (k, n)).collect()
    }

    fn red(s: &str) -> (String, Vec<Found>) {
        let secrets = KnownSecrets {
            tenants: vec!["Contoso".into(), "Contoso Europe".into(), "IT".into()],
            users: vec!["Adele Vance".into()],
            ..KnownSecrets::default()
        };
        redact_text(s, &secrets)
    }

    #[test]
    fn redacts_emails_guids_tenants_and_names() {
        let (t, f) = red("Adele Vance (adele.vance@contoso.onmicrosoft.com)");
        assert_eq!(t, "[user] ([email])");
        assert_eq!(
            kinds(&f),
            vec![(RedactionKind::UserName, 11), (RedactionKind::Email, 35)]
        );
        assert_eq!(f[0].2, value_key("adele VANCE"), "the same value, any case");
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
        assert_eq!(kinds(&f), vec![(RedactionKind::Email, 17)]);
    }

    /// Realistic portal routes (path and hash as recorded) and what they
    /// become with nothing known in advance.
    #[test]
    fn resource_ids_in_portal_routes_lose_their_names() {
        let sub = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        let cases: [(String, &str); 8] = [
            (
                format!("/#@contoso.onmicrosoft.com/resource/subscriptions/{sub}/resourceGroups/rg-payroll-prod/overview"),
                "/#@[tenant]/resource/subscriptions/[id]/resourceGroups/[resource-group]/overview",
            ),
            (
                format!("/#@contoso.onmicrosoft.com/resource/subscriptions/{sub}/resourceGroups/rg-payroll-prod/providers/Microsoft.Web/sites/payroll-api/appServices"),
                "/#@[tenant]/resource/subscriptions/[id]/resourceGroups/[resource-group]/providers/Microsoft.Web/sites/[resource]/appServices",
            ),
            (
                format!("/#@contoso.onmicrosoft.com/resource/subscriptions/{sub}/resourcegroups/RG-Finance/providers/Microsoft.Compute/virtualMachines/vm-fin-01/overview"),
                "/#@[tenant]/resource/subscriptions/[id]/resourcegroups/[resource-group]/providers/Microsoft.Compute/virtualMachines/[resource]/overview",
            ),
            // A whole id in one segment, as blades put it.
            (
                format!("/#view/HubsExtension/DeploymentDetailsBlade/~/overview/id/%2Fsubscriptions%2F{sub}%2FresourceGroups%2Frg-payroll-prod%2Fproviders%2FMicrosoft.Resources%2Fdeployments%2Fpayroll-release-42"),
                "/#view/HubsExtension/DeploymentDetailsBlade/~/overview/id/%2Fsubscriptions%2F[id]%2FresourceGroups%2F[resource-group]%2Fproviders%2FMicrosoft.Resources%2Fdeployments%2F[resource]",
            ),
            // The resource group's name elsewhere in the route goes too.
            (
                format!("/#view/Microsoft_Azure_Resources/x/subscriptionId/{sub}/resourceGroups/rg-payroll-prod/resourceGroupName/rg-payroll-prod"),
                "/#view/Microsoft_Azure_Resources/x/subscriptionId/[id]/resourceGroups/[resource-group]/resourceGroupName/[resource-group]",
            ),
            // Lists and blades without ids are left alone.
            ("/#browse/resourcegroups".into(), "/#browse/resourcegroups"),
            (
                "/#view/HubsExtension/BrowseResource/resourceType/Microsoft.Resources%2FresourceGroups".into(),
                "/#view/HubsExtension/BrowseResource/resourceType/Microsoft.Resources%2FresourceGroups",
            ),
            (
                "/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview".into(),
                "/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview",
            ),
        ];
        for (route, want) in cases {
            let (got, _) = redact_path(&route, &KnownSecrets::default());
            assert_eq!(got, want, "{route}");
        }
        let names = resource_names(&format!(
            "/#@x/resource/subscriptions/{sub}/resourceGroups/rg-a/providers/Microsoft.Web/sites/site-b/slots/staging"
        ));
        assert_eq!(
            names,
            vec![
                (RedactionKind::ResourceGroup, "rg-a".to_string()),
                (RedactionKind::Resource, "site-b".to_string())
            ]
        );
    }

    /// Labels and texts: resource ids in them, and names learned.
    #[test]
    fn labels_lose_names_learned_and_ids_they_hold() {
        let mut s = KnownSecrets::default();
        assert!(s.learn(RedactionKind::ResourceGroup, "rg-payroll-prod"));
        assert!(
            !s.learn(RedactionKind::ResourceGroup, "RG-PAYROLL-PROD"),
            "known"
        );
        assert!(!s.learn(RedactionKind::Resource, "[resource]"), "a token");
        assert!(!s.learn(RedactionKind::Resource, "db"), "too short");
        assert!(s.learn(RedactionKind::Resource, "payroll-api"));
        assert!(s.learn(RedactionKind::Subscription, "Contoso Production"));
        assert!(s.learn(RedactionKind::UserName, "Megan Bowen"));
        assert!(s.learn_account_domain("kelley@contoso.com"));
        assert!(
            !s.learn_account_domain("someone@outlook.com"),
            "a public domain"
        );
        assert!(
            !s.learn_account_domain("alias@microsoft.com"),
            "Microsoft's own"
        );
        let cases = [
            ("Delete resource group rg-payroll-prod", "Delete resource group [resource-group]"),
            ("payroll-api | Overview", "[resource] | Overview"),
            ("Contoso Production (Pay-As-You-Go)", "[subscription] (Pay-As-You-Go)"),
            ("Megan Bowen", "[user]"),
            ("Verify contoso.com", "Verify [tenant]"),
            ("www.contoso.com.au stays", "www.contoso.com.au stays"),
            (
                "ID /subscriptions/72f988bf-86f1-41af-91ab-2d7cd011db47/resourceGroups/rg-other/providers/Microsoft.Sql/servers/sql-1",
                "ID /subscriptions/[id]/resourceGroups/[resource-group]/providers/Microsoft.Sql/servers/[resource]",
            ),
            ("Resource groups", "Resource groups"),
        ];
        for (text, want) in cases {
            assert_eq!(redact_text(text, &s).0, want, "{text}");
        }
        // At most MAX_NAMES of a kind: the newest are kept.
        for i in 0..40 {
            s.learn(RedactionKind::Resource, &format!("res-{i}"));
        }
        assert_eq!(s.resources.len(), MAX_NAMES);
        assert_eq!(s.resources.last().map(String::as_str), Some("res-39"));
    }

    #[test]
    fn pages_that_list_private_names() {
        use RedactionKind::*;
        let cases: [(&str, Option<RedactionKind>); 12] = [
            ("/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers", Some(UserName)),
            ("/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers/menuId/", Some(UserName)),
            ("/#view/Microsoft_AAD_IAM/GroupDetailsMenuBlade/~/Members/groupId/[id]", Some(UserName)),
            ("/#/users", Some(UserName)),
            ("/#/usersettings", None),
            ("/#view/Microsoft_Azure_Billing/SubscriptionsBladeV2", Some(Subscription)),
            ("/#blade/Microsoft_Azure_Billing/SubscriptionsBlade", Some(Subscription)),
            ("/#browse/resourcegroups", Some(ResourceGroup)),
            ("/#@[tenant]/resource/subscriptions/[id]/resourceGroups/rg-a/overview", Some(Resource)),
            ("/#@[tenant]/resource/subscriptions/[id]/resourceGroups/rg-a/providers/Microsoft.Web/sites/x/overview", None),
            ("/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Domains", Some(TenantDomain)),
            ("/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/[id]", None),
        ];
        for (path, want) in cases {
            assert_eq!(private_list(path), want, "{path}");
        }
    }

    /// Pages about one named thing, and the name their blade title gives.
    #[test]
    fn titled_pages_name_their_subject_in_the_blade_title() {
        use RedactionKind::*;
        let sub = "/#@[tenant]/resource/subscriptions/[id]";
        let cases: [(String, Option<RedactionKind>); 10] = [
            (format!("{sub}/overview"), Some(Subscription)),
            (format!("{sub}/users"), Some(Subscription)),
            // The subscription's own list of resource groups.
            (format!("{sub}/resourceGroups"), Some(Subscription)),
            (format!("{sub}/resourceGroups/rg-a/overview"), Some(ResourceGroup)),
            (
                format!("{sub}/resourceGroups/rg-a/providers/Microsoft.Web/sites/app-b/appServices"),
                Some(Resource),
            ),
            (
                "/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/AdministrativeRole/userId/[id]".into(),
                Some(UserName),
            ),
            (
                "/#blade/Microsoft_AAD_IAM/UserDetailsMenuBlade/Profile/userId/[id]".into(),
                Some(UserName),
            ),
            // Lists and service blades name no one thing.
            ("/#view/Microsoft_Azure_Billing/SubscriptionsBladeV2".into(), None),
            ("/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview".into(), None),
            ("/#@[tenant]/resource/subscriptions/".into(), None),
        ];
        for (path, want) in cases {
            assert_eq!(titled_page(&path), want, "{path}");
        }
        let names = [
            (
                Subscription,
                "Azure subscription 1",
                Some("Azure subscription 1"),
            ),
            (
                Subscription,
                "Azure subscription 1 | Access control (IAM)",
                Some("Azure subscription 1"),
            ),
            // Only a user's 2017 blade puts " - " before its section.
            (
                Subscription,
                "Contoso - Production",
                Some("Contoso - Production"),
            ),
            (UserName, "Megan Bowen - Profile", Some("Megan Bowen")),
            (
                UserName,
                "Megan Bowen | Assigned roles",
                Some("Megan Bowen"),
            ),
            (Subscription, "  ", None),
            (Subscription, "Loading\u{2026}", None),
            (Resource, "app-b...", None),
        ];
        for (kind, title, want) in names {
            assert_eq!(name_in_title(kind, title), want, "{title}");
        }
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
