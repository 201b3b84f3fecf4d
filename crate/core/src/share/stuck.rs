//! "Where I am stuck" codes (issue 9, the seed's "Need help? Contact
//! support"): what an admin hands a support engineer so that the engineer's
//! Waymark shows the same step and why Waymark found nothing to point at.
//!
//! Same family as share codes (`SHARE_FORMAT.md`): `WAYMARK2-` + Crockford
//! base32 of `varint(len) body crc32`, body kind `0x03`. Inert and
//! anonymous by construction: the report holds a built-in guide id and step
//! id, the browser's name and major version, the extension's version, for
//! each frame its site, its path and hash route with every id, e-mail
//! address and tenant removed (the query string is never kept) and which
//! page of the guide it was recognised as, and for each of the step's
//! locators three counts (elements found, matching, visible). No text read
//! from a page, no name, no tenant, no e-mail address and no id: `validate`
//! refuses a path that redaction would still change, so a code that carries
//! one is never written and never read.

use super::codec::{frame_unchecked, put_str, put_varint, unframe};
use super::error::{Flaw, ShareError};
use super::redact::{redact_path, KnownSecrets};
use super::sites::{site_kind, Site, EXACT_HOSTS};

/// The format version of stuck codes (share codes stay version 1).
pub const STUCK_VERSION: u32 = 2;
const KIND_STUCK: u8 = 3;

pub const MAX_FRAMES: usize = 8;
pub const MAX_LOCATORS: usize = 16;
pub const MAX_ID: usize = 64;
pub const MAX_BROWSER: usize = 40;
pub const MAX_EXT_VERSION: usize = 20;
pub const MAX_PATH: usize = 300;
pub const MAX_COUNT: usize = 10_000;

/// How a frame's page was recognised for the running guide's step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSeen {
    /// No page of the guide (or no guide).
    #[default]
    None,
    /// URL and page-state markers agree.
    Confirmed,
    /// URL matches; the markers were not answered yet.
    Pending,
    /// URL matches but the markers disagree (another state of the page).
    Other,
}

impl PageSeen {
    fn byte(self) -> u8 {
        match self {
            PageSeen::None => 0,
            PageSeen::Confirmed => 1,
            PageSeen::Pending => 2,
            PageSeen::Other => 3,
        }
    }
    fn from_byte(b: u8) -> Option<PageSeen> {
        Some(match b {
            0 => PageSeen::None,
            1 => PageSeen::Confirmed,
            2 => PageSeen::Pending,
            3 => PageSeen::Other,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            PageSeen::None => "not a page of this guide",
            PageSeen::Confirmed => "recognised",
            PageSeen::Pending => "address matches, page not confirmed yet",
            PageSeen::Other => "address matches, but the page shows another state",
        }
    }
}

/// One frame of the admin's browser, anonymous.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StuckFrame {
    pub host: String,
    /// Path and hash route, redacted, without the query string.
    pub path: String,
    pub top: bool,
    /// The guide page id it was recognised as ("" for none).
    pub page: String,
    pub seen: PageSeen,
}

/// What one of the step's target locators found: elements the selector
/// matched, those that also matched the locator's names or texts, and of
/// those the visible ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LocatorCount {
    pub found: usize,
    pub matched: usize,
    pub visible: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StuckReport {
    /// Built-in guide id; "" when no guide was running.
    pub guide_id: String,
    /// Step id; "" when no guide was running.
    pub step_id: String,
    /// e.g. "Chrome 156", "Firefox 153".
    pub browser: String,
    /// The extension's version, e.g. "0.1.0".
    pub version: String,
    pub frames: Vec<StuckFrame>,
    /// One per target locator of the step, in the guide's order.
    pub locators: Vec<LocatorCount>,
}

/// A decoded code: a shared guide (format 1) or a stuck report (format 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    Guide(super::model::SharedGuide),
    Stuck(StuckReport),
}

fn is_id(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The browser as the report names it: letters, digits, space, `.`, `/`.
pub fn is_browser_text(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '/' | '(' | ')' | '-'))
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '/' | '#'
                | '~'
                | '.'
                | '_'
                | '-'
                | '@'
                | '['
                | ']'
                | '%'
                | '!'
                | '$'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | '+'
                | ','
                | ';'
                | '='
                | ':'
        )
}

/// The path a report keeps of a URL's path and hash: query string dropped,
/// ids, e-mail addresses and tenant domains replaced by tokens, a
/// `#@<tenant>/` prefix replaced whatever the domain, cut to `MAX_PATH`.
pub fn report_path(path_and_hash: &str, secrets: &KnownSecrets) -> String {
    let (path, hash) = match path_and_hash.find('#') {
        Some(i) => (&path_and_hash[..i], &path_and_hash[i..]),
        None => (path_and_hash, ""),
    };
    let path = path.split('?').next().unwrap_or("");
    let mut hash = hash.to_string();
    if let Some(rest) = hash.strip_prefix("#@") {
        let end = rest.find('/').unwrap_or(rest.len());
        hash = format!("#@[tenant]{}", &rest[end..]);
    }
    let joined = format!("{}{}", if path.is_empty() { "/" } else { path }, hash);
    let (red, _) = redact_path(&joined, secrets);
    let clean: String = red.chars().filter(|&c| is_path_char(c)).collect();
    let mut out = String::new();
    for c in clean.chars() {
        if out.len() + c.len_utf8() > MAX_PATH {
            break;
        }
        out.push(c);
    }
    out
}

fn too_long(field: &'static str, s: &str, limit: usize) -> Result<(), ShareError> {
    if s.chars().count() > limit {
        Err(ShareError::FieldTooLong { field, limit })
    } else {
        Ok(())
    }
}

/// The rules every written and every read report satisfies.
pub fn validate(r: &StuckReport) -> Result<(), ShareError> {
    too_long("guide id", &r.guide_id, MAX_ID)?;
    too_long("step id", &r.step_id, MAX_ID)?;
    if !is_id(&r.guide_id) {
        return Err(ShareError::BadId { field: "guide id" });
    }
    if !is_id(&r.step_id) || r.guide_id.is_empty() != r.step_id.is_empty() {
        return Err(ShareError::BadId { field: "step id" });
    }
    too_long("browser name", &r.browser, MAX_BROWSER)?;
    too_long("extension version", &r.version, MAX_EXT_VERSION)?;
    if !is_browser_text(&r.browser) || !is_browser_text(&r.version) {
        return Err(ShareError::ForbiddenCharacter {
            field: "browser name",
        });
    }
    if r.frames.len() > MAX_FRAMES {
        return Err(ShareError::Malformed(Flaw::TooManyFrames));
    }
    if r.locators.len() > MAX_LOCATORS {
        return Err(ShareError::Malformed(Flaw::TooManyLocators));
    }
    for f in &r.frames {
        match site_kind(&f.host, &f.path) {
            Site::Supported => {}
            Site::SignIn => return Err(ShareError::SignInHost(f.host.clone())),
            Site::Unsupported => return Err(ShareError::UnsupportedSite(f.host.clone())),
        }
        too_long("path", &f.path, MAX_PATH)?;
        too_long("page id", &f.page, MAX_ID)?;
        if !is_id(&f.page) {
            return Err(ShareError::BadId { field: "page id" });
        }
        if !f.path.starts_with('/')
            || f.path.starts_with("//")
            || !f.path.chars().all(is_path_char)
            || !redact_path(&f.path, &KnownSecrets::default()).1.is_empty()
        {
            return Err(ShareError::BadPath);
        }
    }
    for l in &r.locators {
        if l.found > MAX_COUNT || l.matched > l.found || l.visible > l.matched {
            return Err(ShareError::Malformed(Flaw::LocatorCounts));
        }
    }
    Ok(())
}

fn body(r: &StuckReport) -> Vec<u8> {
    let mut out = vec![KIND_STUCK];
    put_str(&mut out, &r.guide_id);
    put_str(&mut out, &r.step_id);
    put_str(&mut out, &r.browser);
    put_str(&mut out, &r.version);
    out.push(r.frames.len() as u8);
    for f in &r.frames {
        out.push(u8::from(f.top));
        match EXACT_HOSTS.iter().position(|h| *h == f.host) {
            Some(i) => out.push(i as u8 + 1),
            None => {
                out.push(0);
                put_str(&mut out, &f.host);
            }
        }
        put_str(&mut out, &f.path);
        put_str(&mut out, &f.page);
        out.push(f.seen.byte());
    }
    out.push(r.locators.len() as u8);
    for l in &r.locators {
        put_varint(&mut out, l.found);
        put_varint(&mut out, l.matched);
        put_varint(&mut out, l.visible);
    }
    out
}

/// Write a report as a `WAYMARK2-` code. Refuses (never writes) a report
/// that breaks a rule of `validate`.
pub fn encode(r: &StuckReport) -> Result<String, ShareError> {
    validate(r)?;
    Ok(frame_unchecked(STUCK_VERSION, &body(r)))
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, ShareError> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or(ShareError::Malformed(Flaw::EndsEarly))?;
        self.pos += 1;
        Ok(b)
    }
    fn varint(&mut self) -> Result<usize, ShareError> {
        let mut v = 0usize;
        for shift in [0, 7, 14, 21] {
            let b = self.byte()?;
            v |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ShareError::Malformed(Flaw::NumberTooLong))
    }
    fn str(&mut self, limit: usize) -> Result<String, ShareError> {
        let n = self.varint()?;
        // Bytes: a field of `limit` characters takes at most 4 bytes each.
        if n > limit * 4 {
            return Err(ShareError::Malformed(Flaw::FieldTooLong));
        }
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(ShareError::Malformed(Flaw::EndsEarly))?;
        let s = std::str::from_utf8(&self.bytes[self.pos..end])
            .map_err(|_| ShareError::Malformed(Flaw::NotUtf8))?;
        self.pos = end;
        Ok(s.to_string())
    }
}

fn read(body: &[u8]) -> Result<StuckReport, ShareError> {
    let mut r = Reader {
        bytes: body,
        pos: 0,
    };
    if r.byte()? != KIND_STUCK {
        return Err(ShareError::Malformed(Flaw::UnknownKind));
    }
    let mut out = StuckReport {
        guide_id: r.str(MAX_ID)?,
        step_id: r.str(MAX_ID)?,
        browser: r.str(MAX_BROWSER)?,
        version: r.str(MAX_EXT_VERSION)?,
        ..StuckReport::default()
    };
    let n = usize::from(r.byte()?);
    if n > MAX_FRAMES {
        return Err(ShareError::Malformed(Flaw::TooManyFrames));
    }
    for _ in 0..n {
        let top = match r.byte()? {
            0 => false,
            1 => true,
            _ => return Err(ShareError::Malformed(Flaw::UnknownFrameFlags)),
        };
        let host = match r.byte()? {
            0 => r.str(100)?,
            i => EXACT_HOSTS
                .get(usize::from(i) - 1)
                .ok_or(ShareError::Malformed(Flaw::UnknownSite))?
                .to_string(),
        };
        let path = r.str(MAX_PATH)?;
        let page = r.str(MAX_ID)?;
        let seen =
            PageSeen::from_byte(r.byte()?).ok_or(ShareError::Malformed(Flaw::UnknownPageState))?;
        out.frames.push(StuckFrame {
            host,
            path,
            top,
            page,
            seen,
        });
    }
    let n = usize::from(r.byte()?);
    if n > MAX_LOCATORS {
        return Err(ShareError::Malformed(Flaw::TooManyLocators));
    }
    for _ in 0..n {
        out.locators.push(LocatorCount {
            found: r.varint()?,
            matched: r.varint()?,
            visible: r.varint()?,
        });
    }
    if r.pos != body.len() {
        return Err(ShareError::Malformed(Flaw::ExtraData));
    }
    validate(&out)?;
    Ok(out)
}

/// Decode any Waymark code: a share code (format 1) or a stuck report
/// (format 2). Pure; a refused code changes nothing.
pub fn decode_any(text: &str) -> Result<Code, ShareError> {
    let (version, body) = unframe(text, &[super::version::FORMAT_VERSION, STUCK_VERSION])?;
    if version == STUCK_VERSION {
        read(&body).map(Code::Stuck)
    } else {
        let guide = super::codec::read_body(&body)?;
        guide.validate()?;
        Ok(Code::Guide(guide))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> StuckReport {
        StuckReport {
            guide_id: "azure-for-office365".into(),
            step_id: "a4".into(),
            browser: "Chrome 156".into(),
            version: "0.1.0".into(),
            frames: vec![
                StuckFrame {
                    host: "portal.azure.com".into(),
                    path: "/#home".into(),
                    top: true,
                    page: "portal".into(),
                    seen: PageSeen::Confirmed,
                },
                StuckFrame {
                    host: "sandbox-3.reactblade.portal.azure.net".into(),
                    path: "/ReactView/Index".into(),
                    top: false,
                    page: String::new(),
                    seen: PageSeen::None,
                },
            ],
            locators: vec![
                LocatorCount {
                    found: 14,
                    matched: 0,
                    visible: 0,
                },
                LocatorCount {
                    found: 1,
                    matched: 1,
                    visible: 0,
                },
            ],
        }
    }

    #[test]
    fn round_trips_as_a_version_2_code() {
        let r = sample();
        let code = encode(&r).expect("encodes");
        assert!(code.starts_with("WAYMARK2-"), "{code}");
        assert_eq!(decode_any(&code), Ok(Code::Stuck(r.clone())));
        // Read leniently, like share codes.
        let messy = format!("> {}\n", code.to_lowercase().replace('-', " - "));
        assert_eq!(decode_any(&messy), Ok(Code::Stuck(r)));
    }

    #[test]
    fn share_codes_still_decode_through_decode_any() {
        let g = super::super::model::SharedGuide::Builtin {
            guide_id: "find-your-role".into(),
            from_step: Some("c2".into()),
            note: String::new(),
            route: None,
        };
        let code = super::super::codec::encode(&g).expect("encodes");
        assert_eq!(decode_any(&code), Ok(Code::Guide(g)));
        // A share-code reader does not take a stuck code for a guide.
        let stuck = encode(&sample()).expect("encodes");
        assert_eq!(
            super::super::codec::decode(&stuck).map_err(|e| e.kind()),
            Err("unknown-version")
        );
    }

    #[test]
    fn every_single_character_change_is_caught() {
        let code = encode(&sample()).expect("encodes");
        let alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let start = "WAYMARK2-".len();
        for (i, c) in code.char_indices().skip(start) {
            if c == '-' {
                continue;
            }
            for d in alphabet.chars().filter(|&d| d != c) {
                let mut bad = code.clone();
                bad.replace_range(i..i + 1, &d.to_string());
                assert!(decode_any(&bad).is_err(), "{bad}");
            }
        }
    }

    #[test]
    fn the_path_keeps_no_ids_addresses_tenants_or_query() {
        let s = KnownSecrets::default();
        assert_eq!(
            report_path("/?login_hint=kelley%40contoso.onmicrosoft.com#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/9b6c2f4e-1a3d-4c8b-8e2f-5d7a1c3b9e01", &s),
            "/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/[id]"
        );
        assert_eq!(
            report_path("/#@contoso.com/resource/subscriptions/7c1e5a92-4b3d-4f8e-a6c0-2d9b8e1f4a37/overview", &s),
            "/#@[tenant]/resource/subscriptions/[id]/overview"
        );
        assert_eq!(
            report_path("/users/adele%40contoso.com", &s),
            "/users/[email]"
        );
    }

    #[test]
    fn a_report_with_an_id_or_address_is_never_written() {
        // (what the report carries, the refusal)
        type Change = fn(&mut StuckReport);
        let cases: &[(&str, Change, &str)] = &[
            (
                "a user id in the path",
                |r| {
                    r.frames[0].path = "/#view/X/userId/9b6c2f4e-1a3d-4c8b-8e2f-5d7a1c3b9e01".into()
                },
                "bad-path",
            ),
            (
                "an address in the path",
                |r| r.frames[0].path = "/users/kelley@contoso.com".into(),
                "bad-path",
            ),
            (
                "a sign-in host",
                |r| r.frames[0].host = "login.microsoftonline.com".into(),
                "sign-in-host",
            ),
            (
                "another site",
                |r| r.frames[0].host = "evil.example".into(),
                "unsupported-site",
            ),
            (
                "a bidi override in the browser",
                |r| r.browser = "Chrome\u{202e}156".into(),
                "forbidden-character",
            ),
            (
                "a visible count no query gives",
                |r| r.locators[0].visible = 3,
                "malformed",
            ),
        ];
        for (case, change, refusal) in cases {
            let mut r = sample();
            change(&mut r);
            assert_eq!(encode(&r).map_err(|e| e.kind()), Err(*refusal), "{case}");
        }
    }

    #[test]
    fn a_report_without_a_guide_is_allowed() {
        let r = StuckReport {
            browser: "Firefox 153".into(),
            version: "0.1.0".into(),
            ..StuckReport::default()
        };
        let code = encode(&r).expect("encodes");
        assert_eq!(decode_any(&code), Ok(Code::Stuck(r)));
        let half = StuckReport {
            guide_id: "find-your-role".into(),
            ..StuckReport::default()
        };
        assert_eq!(encode(&half).map_err(|e| e.kind()), Err("bad-id"));
    }
}
