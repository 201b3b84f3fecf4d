//! The share-code text format (version 1). Spec: `SHARE_FORMAT.md`.
//!
//! `WAYMARK1-` + Crockford base32 of `varint(len) body crc32`, grouped by five
//! with hyphens. Crockford base32 because it has no punctuation, no
//! look-alike letters (I, L, O, U are left out, and read back as 1, 1, 0 when
//! a person retypes them), survives upper/lower casing, and never forms a
//! word chat tools turn into a link or emoji. The body is a small hand-written
//! binary encoding: a JSON payload would be about three times longer, and a
//! compressor would add more wasm than it saves on codes this short.

use super::error::{Flaw, ShareError};
use super::model::{
    RecordedGuide, RecordedLocator, RecordedStep, SharedGuide, ALLOWED_ATTRS, MAX_STEPS,
};
use super::sites::EXACT_HOSTS;

pub use super::version::{FORMAT_VERSION, PREFIX};
/// Input longer than this (bytes of text, separators included) is refused
/// before it is read: 8 KiB, twice the longest code `encode` writes, so that
/// added line breaks and indentation never matter.
pub const MAX_INPUT_BYTES: usize = 16 * 1024;
/// Most base32 characters a code may carry (= 4000 bytes of payload). The
/// longest code `encode` writes is therefore 9 + 6400 + 1279 = 7688
/// characters, under 8 KiB.
pub const MAX_CODE_CHARS: usize = 6400;
/// Most payload bytes (`varint(len) body crc32`).
pub const MAX_PAYLOAD_BYTES: usize = MAX_CODE_CHARS * 5 / 8;
/// Characters per group in the written code.
pub const GROUP: usize = 5;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const KIND_BUILTIN: u8 = 1;
const KIND_RECORDED: u8 = 2;

const SAME_HOST: u8 = 1;
const SAME_PATH: u8 = 2;
/// No text follows: the instruction is Waymark's own ("Click
/// \u{201c}<label>\u{201d}"), worded by each reader in its language. Written so
/// since version 1 (a Waymark before message ids wrote the English
/// sentence's absence the same way), so old and new codes read alike.
const DEFAULT_TEXT: u8 = 4;
const NAME_IS_LABEL: u8 = 8;
const TEXT_IS_LABEL: u8 = 16;
const KNOWN_FLAGS: u8 = 31;

// ---------------------------------------------------------------------------
// CRC-32 (IEEE 802.3, reflected, as in zip/PNG). Bitwise: codes are at most
// 4000 bytes, so a 1 KB table would cost more wasm than it saves time.
// CRC-32 detects every burst of up to 32 bits; one changed base32 character
// is a burst of at most 5 bits, so every single-character error is caught.
// ---------------------------------------------------------------------------

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// Unsigned LEB128, shared with the stuck-code writer (`stuck.rs`).
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A length-prefixed UTF-8 string, shared with `stuck.rs`.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_step(out: &mut Vec<u8>, step: &RecordedStep, prev: Option<&RecordedStep>) {
    let mut flags = 0;
    if prev.is_some_and(|p| p.host == step.host) {
        flags |= SAME_HOST;
    }
    if prev.is_some_and(|p| p.path == step.path) {
        flags |= SAME_PATH;
    }
    if step.text.is_none() {
        flags |= DEFAULT_TEXT;
    }
    if step.locator.name == step.label {
        flags |= NAME_IS_LABEL;
    }
    if step.locator.text == step.label {
        flags |= TEXT_IS_LABEL;
    }
    out.push(flags);
    if flags & SAME_HOST == 0 {
        match EXACT_HOSTS.iter().position(|h| *h == step.host) {
            Some(i) => out.push(i as u8 + 1),
            None => {
                out.push(0);
                put_str(out, &step.host);
            }
        }
    }
    if flags & SAME_PATH == 0 {
        put_str(out, &step.path);
    }
    if let Some(text) = &step.text {
        put_str(out, text);
    }
    put_str(out, &step.label);
    put_str(out, &step.locator.tag);
    put_str(out, &step.locator.role);
    if flags & NAME_IS_LABEL == 0 {
        put_str(out, &step.locator.name);
    }
    if flags & TEXT_IS_LABEL == 0 {
        put_str(out, &step.locator.text);
    }
    // Attribute keys outside the allow-list were refused by validation;
    // filter anyway so that this function alone never writes a bad id.
    let attrs: Vec<(usize, &String)> = step
        .locator
        .attrs
        .iter()
        .filter_map(|(k, v)| ALLOWED_ATTRS.iter().position(|a| a == k).map(|i| (i, v)))
        .collect();
    out.push(attrs.len() as u8);
    for (i, v) in attrs {
        out.push(i as u8 + 1);
        put_str(out, v);
    }
}

/// The body bytes of a guide, without validation. Public for tests and the
/// fuzz target, which need to build deliberately invalid codes.
#[doc(hidden)]
pub fn encode_body_unchecked(guide: &SharedGuide) -> Vec<u8> {
    let mut out = Vec::new();
    match guide {
        SharedGuide::Builtin {
            guide_id,
            from_step,
            note,
            route,
        } => {
            out.push(KIND_BUILTIN);
            put_str(&mut out, guide_id);
            // Bit 0: a starting step follows; bit 1: a route follows. A code
            // without a route is byte for byte what it was before routes.
            out.push(u8::from(from_step.is_some()) | (u8::from(route.is_some()) << 1));
            if let Some(s) = from_step {
                put_str(&mut out, s);
            }
            if let Some(r) = route {
                put_str(&mut out, r);
            }
            put_str(&mut out, note);
        }
        SharedGuide::Recorded(g) => {
            out.push(KIND_RECORDED);
            put_str(&mut out, &g.title);
            put_str(&mut out, &g.note);
            put_varint(&mut out, g.steps.len());
            let mut prev = None;
            for step in &g.steps {
                put_step(&mut out, step, prev);
                prev = Some(step);
            }
        }
    }
    out
}

/// Frame a body as code text: length, checksum, base32, prefix, groups.
/// No size check. Public for tests and the fuzz target.
#[doc(hidden)]
pub fn frame_unchecked(version: u32, body: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(body.len() + 8);
    put_varint(&mut bytes, body.len());
    bytes.extend_from_slice(body);
    let crc = crc32(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    let chars = base32(&bytes);
    let mut out = format!("WAYMARK{version}-");
    for (i, c) in chars.chars().enumerate() {
        if i > 0 && i % GROUP == 0 {
            out.push('-');
        }
        out.push(c);
    }
    out
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Encode a guide as a share code. Refuses (with the same errors `decode`
/// would give) a guide that breaks a rule or that would exceed the size
/// limit, so every code Waymark writes, Waymark reads.
pub fn encode(guide: &SharedGuide) -> Result<String, ShareError> {
    guide.validate()?;
    let body = encode_body_unchecked(guide);
    if body.len() + 8 > MAX_PAYLOAD_BYTES {
        return Err(ShareError::TooLarge {
            limit: MAX_CODE_CHARS,
        });
    }
    Ok(frame_unchecked(FORMAT_VERSION, &body))
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// Characters ignored anywhere in a code: white space (including no-break
/// and line separators), the hyphens we group with, and the dashes, soft
/// hyphens and zero-width characters that mail and word processors insert.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{ad}'
                | '\u{2010}'..='\u{2015}'
                | '\u{2212}'
                | '\u{200b}'..='\u{200d}'
                | '\u{2060}'
                | '\u{feff}'
        )
}

fn base32_value(c: char) -> Option<u8> {
    let c = c.to_ascii_uppercase();
    let c = match c {
        'O' => '0',
        'I' | 'L' => '1',
        _ => c,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|i| i as u8)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, ShareError> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or(ShareError::Malformed(Flaw::EndsEarly))?;
        self.pos += 1;
        Ok(b)
    }

    /// LEB128, at most 4 bytes (values < 2^28, far above any limit).
    fn varint(&mut self) -> Result<usize, ShareError> {
        let mut v: usize = 0;
        for i in 0..4 {
            let b = self.byte()?;
            v |= usize::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ShareError::Malformed(Flaw::NumberTooLong))
    }

    fn str(&mut self) -> Result<String, ShareError> {
        let len = self.varint()?;
        let end = self
            .pos
            .checked_add(len)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(ShareError::Malformed(Flaw::TextPastEnd))?;
        let s = std::str::from_utf8(&self.bytes[self.pos..end])
            .map_err(|_| ShareError::Malformed(Flaw::NotUtf8))?;
        self.pos = end;
        Ok(s.to_string())
    }
}

fn read_step(r: &mut Reader, prev: Option<&RecordedStep>) -> Result<RecordedStep, ShareError> {
    let flags = r.byte()?;
    if flags & !KNOWN_FLAGS != 0 {
        return Err(ShareError::Malformed(Flaw::UnknownStepFlags));
    }
    if prev.is_none() && flags & (SAME_HOST | SAME_PATH) != 0 {
        return Err(ShareError::Malformed(Flaw::FirstStepRefersBack));
    }
    let host = match prev.filter(|_| flags & SAME_HOST != 0) {
        Some(p) => p.host.clone(),
        None => match r.byte()? {
            0 => r.str()?,
            id => EXACT_HOSTS
                .get(usize::from(id) - 1)
                .ok_or(ShareError::Malformed(Flaw::UnknownSite))?
                .to_string(),
        },
    };
    let path = match prev.filter(|_| flags & SAME_PATH != 0) {
        Some(p) => p.path.clone(),
        None => r.str()?,
    };
    let text = if flags & DEFAULT_TEXT == 0 {
        Some(r.str()?)
    } else {
        None
    };
    let label = r.str()?;
    let tag = r.str()?;
    let role = r.str()?;
    let name = if flags & NAME_IS_LABEL != 0 {
        label.clone()
    } else {
        r.str()?
    };
    let ltext = if flags & TEXT_IS_LABEL != 0 {
        label.clone()
    } else {
        r.str()?
    };
    let count = r.byte()?;
    if usize::from(count) > ALLOWED_ATTRS.len() {
        return Err(ShareError::Malformed(Flaw::TooManyAttributes));
    }
    let mut attrs = crate::protocol::Attrs::new();
    for _ in 0..count {
        let id = usize::from(r.byte()?);
        let key = id
            .checked_sub(1)
            .and_then(|i| ALLOWED_ATTRS.get(i))
            .ok_or(ShareError::Malformed(Flaw::UnknownAttribute))?;
        let value = r.str()?;
        if attrs.insert(key.to_string(), value).is_some() {
            return Err(ShareError::Malformed(Flaw::RepeatedAttribute));
        }
    }
    Ok(RecordedStep {
        host,
        path,
        text,
        label,
        locator: RecordedLocator {
            tag,
            role,
            name,
            text: ltext,
            attrs,
        },
    })
}

pub(crate) fn read_body(body: &[u8]) -> Result<SharedGuide, ShareError> {
    let mut r = Reader {
        bytes: body,
        pos: 0,
    };
    let guide = match r.byte()? {
        KIND_BUILTIN => {
            let guide_id = r.str()?;
            let flags = r.byte()?;
            if flags & !3 != 0 {
                return Err(ShareError::Malformed(Flaw::UnknownStepMarker));
            }
            let from_step = if flags & 1 != 0 { Some(r.str()?) } else { None };
            let route = if flags & 2 != 0 { Some(r.str()?) } else { None };
            let note = r.str()?;
            SharedGuide::Builtin {
                guide_id,
                from_step,
                note,
                route,
            }
        }
        KIND_RECORDED => {
            let title = r.str()?;
            let note = r.str()?;
            let n = r.varint()?;
            // Checked before reading (or allocating) any step.
            if n > MAX_STEPS {
                return Err(ShareError::TooManySteps { limit: MAX_STEPS });
            }
            let mut steps: Vec<RecordedStep> = Vec::with_capacity(n);
            for _ in 0..n {
                let step = read_step(&mut r, steps.last())?;
                steps.push(step);
            }
            SharedGuide::Recorded(RecordedGuide { title, note, steps })
        }
        _ => return Err(ShareError::Malformed(Flaw::UnknownKind)),
    };
    if r.pos != body.len() {
        return Err(ShareError::Malformed(Flaw::ExtraData));
    }
    Ok(guide)
}

/// Decode a share code. Pure: reads only its argument. Accepts the code in
/// any case, with any white space, hyphens or line breaks inside, and with
/// quotes or punctuation around it; refuses everything else with a reason.
pub fn decode(text: &str) -> Result<SharedGuide, ShareError> {
    let (_, body) = unframe(text, &[FORMAT_VERSION])?;
    let guide = read_body(&body)?;
    guide.validate()?;
    Ok(guide)
}

/// The text form of any code of this family, checked: the format version
/// (one of `accept`, else `UnknownVersion`, told before anything else is
/// read) and the body, once its length and checksum are right. Stuck codes
/// (`stuck.rs`, format 2) share it with share codes (format 1).
pub(crate) fn unframe(text: &str, accept: &[u32]) -> Result<(u32, Vec<u8>), ShareError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ShareError::TooLarge {
            limit: MAX_INPUT_BYTES,
        });
    }
    // Quotes, backticks, brackets, a full stop after the code in a sentence:
    // none can be part of a code, which starts and ends with a letter or digit.
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    if text.is_empty() {
        return Err(ShareError::Empty);
    }
    // Line breaks can fall anywhere, even inside the prefix: separators are
    // skipped inside "WAYMARK" and before the version, and at least one must
    // follow the version (its digits could otherwise run into the data).
    let mut chars = text.chars().peekable();
    for expected in "WAYMARK".chars() {
        while chars.next_if(|&c| is_separator(c)).is_some() {}
        if !chars
            .next()
            .is_some_and(|c| c.eq_ignore_ascii_case(&expected))
        {
            return Err(ShareError::NotACode);
        }
    }
    while chars.next_if(|&c| is_separator(c)).is_some() {}
    let mut version: u32 = 0;
    let mut digits = 0;
    while let Some(d) = chars.next_if(char::is_ascii_digit) {
        digits += 1;
        if digits > 4 {
            return Err(ShareError::NotACode);
        }
        version = version * 10 + d.to_digit(10).unwrap_or(0);
    }
    let separator = chars.next();
    if digits == 0 || separator.is_some_and(|c| !is_separator(c)) {
        return Err(ShareError::NotACode);
    }
    if !accept.contains(&version) {
        return Err(ShareError::UnknownVersion(version));
    }
    if separator.is_none() {
        // "WAYMARK1-" and nothing else: the rest was not copied.
        return Err(ShareError::Truncated);
    }
    let after_chars = chars;

    let mut values = Vec::new();
    // A code quoted in a mail reply has "> " at the start of its lines.
    let mut line_start = false;
    for c in after_chars {
        if c == '\n' {
            line_start = true;
            continue;
        }
        if is_separator(c) || (line_start && c == '>') {
            continue;
        }
        line_start = false;
        let v = base32_value(c).ok_or(ShareError::InvalidCharacter(c))?;
        if values.len() == MAX_CODE_CHARS {
            return Err(ShareError::TooLarge {
                limit: MAX_CODE_CHARS,
            });
        }
        values.push(v);
    }
    if values.is_empty() {
        return Err(ShareError::Truncated);
    }

    let mut bytes = Vec::with_capacity(values.len() * 5 / 8);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for v in values {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits are padding: `encode` writes zeros. Anything else means
    // the last character was changed, or characters were lost.
    let padding_ok = acc == 0;

    let mut r = Reader {
        bytes: &bytes,
        pos: 0,
    };
    let len = r.varint().map_err(|_| ShareError::Damaged)?;
    if len > MAX_PAYLOAD_BYTES {
        return Err(ShareError::Damaged);
    }
    let head = r.pos;
    let need = head + len + 4;
    if bytes.len() < need {
        return Err(ShareError::Truncated);
    }
    if bytes.len() > need || !padding_ok {
        return Err(ShareError::Damaged);
    }
    let (framed, crc) = bytes.split_at(head + len);
    let crc = u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]);
    if crc32(framed) != crc {
        return Err(ShareError::Damaged);
    }
    Ok((version, framed[head..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn base32_round_trips_every_length() {
        for n in 0..20u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37) ^ 0xA5).collect();
            let body = frame_unchecked(1, &bytes);
            let guide = decode(&body);
            // Bodies here are not guides; they must fail past the checksum.
            assert!(
                matches!(guide, Err(ShareError::Malformed(_))),
                "{n}: {guide:?}"
            );
        }
    }

    #[test]
    fn builtin_round_trips_and_reads_leniently() {
        let g = SharedGuide::Builtin {
            guide_id: "azure-for-office365".into(),
            from_step: Some("a4".into()),
            note: "Hi!\nStart here.".into(),
            route: None,
        };
        let code = encode(&g).unwrap();
        assert!(code.starts_with(PREFIX));
        assert_eq!(decode(&code).unwrap(), g);
        let messy = format!(
            "  `{}`.\n",
            code.to_lowercase()
                .replace('0', "o")
                .replace('-', "\u{2013}")
                .replace("mark1", "mark1\r\n")
        );
        assert_eq!(decode(&messy).unwrap(), g);
    }

    #[test]
    fn every_single_character_change_is_caught() {
        let g = SharedGuide::Builtin {
            guide_id: "find-your-role".into(),
            from_step: None,
            note: String::new(),
            route: None,
        };
        let code = encode(&g).unwrap();
        let chars: Vec<char> = code.chars().collect();
        for i in PREFIX.len()..chars.len() {
            if chars[i] == '-' {
                continue;
            }
            for &a in ALPHABET {
                let a = a as char;
                if a == chars[i] {
                    continue;
                }
                let mut bad = chars.clone();
                bad[i] = a;
                let bad: String = bad.into_iter().collect();
                assert!(decode(&bad).is_err(), "{bad}");
            }
        }
    }
}
