//! The engine's own small JSON layer: a value tree, a strict parser, a
//! writer, and typed conversion (`FromJson` / `ToJson`) declared per type
//! with the `json_struct!`, `json_tagged!` and `json_names!` macros.
//!
//! Why not serde + serde_json: in the wasm, serde_json and the code serde
//! derives for ~60 message and state types were ~180 KB of the engine's
//! ~630 KB, most of it visitors monomorphised per type and per field. Here a
//! field read is one call to a helper instantiated once per field type
//! (`Fields::req::<String>`, ...), over a tree parsed once. `build.rs` still
//! uses serde (for TOML); nothing in the wasm does.
//!
//! The wire format is unchanged and is serde_json's: fields keep their Rust
//! names, enum tags and unit variants are kebab-case strings, `None` is
//! `null`. Reading is at least as strict as the serde derives were (every
//! type now rejects unknown fields): unknown fields, duplicate fields,
//! missing required fields, wrong types and trailing text are errors that
//! name the field. Native tests compare this parser with
//! serde_json (a dev-dependency) on valid and invalid text.

use std::fmt::Write as _;

/// A parsed JSON value. Objects keep their members in text order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

/// Nesting deeper than this is rejected (serde_json's limit too): a hostile
/// message cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

/// Parse one JSON text (RFC 8259: no comments, no trailing commas, nothing
/// after the value but white space).
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let value = p.value()?;
    p.space();
    if p.pos != p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> String {
        format!("{what} at byte {}", self.pos)
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.space();
        match self.bytes.get(self.pos) {
            None => Err(self.error("unexpected end of input")),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'[' | b'{') => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.error("nested too deeply"));
                }
                let v = if self.bytes[self.pos] == b'[' {
                    self.array()
                } else {
                    self.object()
                };
                self.depth -= 1;
                v
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn array(&mut self) -> Result<Json, String> {
        self.pos += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Arr(items));
        }
        loop {
            items.push(self.value()?);
            if self.eat(b']') {
                return Ok(Json::Arr(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected `,` or `]`"));
            }
        }
    }

    fn object(&mut self) -> Result<Json, String> {
        self.pos += 1;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Obj(members));
        }
        loop {
            self.space();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.error("expected a member name"));
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.error("expected `:`"));
            }
            members.push((key, self.value()?));
            if self.eat(b'}') {
                return Ok(Json::Obj(members));
            }
            if !self.eat(b',') {
                return Err(self.error("expected `,` or `}`"));
            }
        }
    }

    /// A number, checked against the JSON grammar and converted without
    /// `str::parse::<f64>`: that pulls ~20 KB of tables into the wasm. The
    /// first 19 significant digits are kept (the rest only scale the
    /// exponent), then scaled by a power of ten: exact for the integers and
    /// short decimals the protocol carries, within a few units in the last
    /// place otherwise.
    fn number(&mut self) -> Result<Json, String> {
        let negative = self.bytes[self.pos] == b'-';
        if negative {
            self.pos += 1;
        }
        let mut mantissa: u64 = 0;
        let mut exponent: i64 = 0;
        // Digits of integer part or fraction, folded into mantissa/exponent.
        let digits = |p: &mut Self, mantissa: &mut u64, exponent: &mut i64, fraction: bool| {
            let from = p.pos;
            while let Some(d) = p.bytes.get(p.pos).filter(|b| b.is_ascii_digit()) {
                let d = u64::from(d - b'0');
                if *mantissa < 1_000_000_000_000_000_000 {
                    *mantissa = *mantissa * 10 + d;
                    *exponent -= i64::from(fraction);
                } else {
                    *exponent += i64::from(!fraction);
                }
                p.pos += 1;
            }
            p.pos - from
        };
        let first = self.pos;
        match digits(self, &mut mantissa, &mut exponent, false) {
            0 => return Err(self.error("expected a digit")),
            n if n > 1 && self.bytes[first] == b'0' => {
                return Err(self.error("leading zero in a number"))
            }
            _ => {}
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if digits(self, &mut mantissa, &mut exponent, true) == 0 {
                return Err(self.error("expected a digit after `.`"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            let sign = match self.bytes.get(self.pos) {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            if sign != 0 {
                self.pos += 1;
            }
            let (mut written, mut ignored) = (0u64, 0i64);
            if digits(self, &mut written, &mut ignored, false) == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
            // Beyond 10^±400 the value is 0 or out of range anyway.
            let written = if ignored > 0 { 400 } else { written.min(400) } as i64;
            exponent += if sign < 0 { -written } else { written };
        }
        let n = scale(mantissa as f64, exponent);
        if !n.is_finite() {
            return Err(self.error("number out of range"));
        }
        Ok(Json::Num(if negative { -n } else { n }))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut n = 0;
        for _ in 0..4 {
            let d = self
                .bytes
                .get(self.pos)
                .and_then(|b| (*b as char).to_digit(16))
                .ok_or_else(|| self.error("bad \\u escape"))?;
            n = n * 16 + d;
            self.pos += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, String> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            // Copy the run of plain bytes at once; it is valid UTF-8 because
            // the input is a &str and the run stops only at ASCII bytes.
            let run = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(std::str::from_utf8(&self.bytes[run..self.pos]).unwrap_or(""));
            match self.bytes.get(self.pos) {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = self.bytes.get(self.pos).copied();
                    self.pos += 1;
                    out.push(match escaped {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("bad escape"));
                        }
                    });
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    /// After `\u`: one code point, joining a surrogate pair. A lone
    /// surrogate is an error (it is not a Unicode scalar value).
    fn unicode_escape(&mut self) -> Result<char, String> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.bytes[self.pos..].starts_with(b"\\u") {
                return Err(self.error("lone surrogate"));
            }
            self.pos += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.error("lone surrogate"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.error("lone surrogate"))
    }
}

/// `value * 10^exponent`. Exact (one rounding) while the exponent is within
/// ±22 and `value` below 2^53; otherwise a few roundings.
fn scale(mut value: f64, mut exponent: i64) -> f64 {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    if value == 0.0 {
        return 0.0;
    }
    while exponent > 22 {
        value *= 1e22;
        exponent -= 22;
    }
    while exponent < -22 {
        value /= 1e22;
        exponent += 22;
    }
    let power = POWERS[exponent.unsigned_abs() as usize];
    if exponent < 0 {
        value / power
    } else {
        value * power
    }
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// Append `s` as a JSON string, escaping as serde_json does (quote,
/// backslash and control characters only).
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let short = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if (c as u32) < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if short.is_empty() {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push_str(short);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Append a number. Integers (all ids, counts and timestamps) are written
/// exactly; other values with at most three decimals, which is finer than
/// anything the engine reads (CSS pixels), and beyond 2^53 to 15 digits.
/// Not finite: `null`.
pub fn write_num(out: &mut String, n: f64) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if !n.is_finite() {
        out.push_str("null");
    } else if n.fract() == 0.0 && n.abs() < EXACT {
        let _ = write!(out, "{}", n as i64);
    } else if n.abs() >= EXACT {
        // Only hostile input is this large: keep it a finite number, to 15
        // digits, without pulling float formatting into the wasm.
        let (mut mantissa, mut exponent) = (n, 0);
        while mantissa.abs() >= EXACT {
            mantissa /= 10.0;
            exponent += 1;
        }
        let _ = write!(out, "{}e{exponent}", mantissa.round() as i64);
    } else if n.abs() >= EXACT / 1000.0 {
        let _ = write!(out, "{}", n.round() as i64);
    } else {
        let thousandths = (n.abs() * 1000.0).round() as i64;
        let sign = if n < 0.0 && thousandths != 0 { "-" } else { "" };
        let (whole, frac) = (thousandths / 1000, thousandths % 1000);
        let _ = write!(out, "{sign}{whole}");
        if frac != 0 {
            let digits = format!("{frac:03}");
            let _ = write!(out, ".{}", digits.trim_end_matches('0'));
        }
    }
}

impl Json {
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => write_num(out, *n),
            Json::Str(s) => write_str(out, s),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Obj(members) => {
                let mut o = ObjWriter::new(out);
                for (k, v) in members {
                    o.field(k, v);
                }
                o.end();
            }
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Num(_) => "a number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }
}

/// Writes one object's members; `end()` closes it.
pub struct ObjWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjWriter<'a> {
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        ObjWriter { out, first: true }
    }

    pub fn field<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(':');
        value.to_json(self.out);
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

// ---------------------------------------------------------------------------
// Typed conversion
// ---------------------------------------------------------------------------

/// A type that can be written as JSON.
pub trait ToJson {
    fn to_json(&self, out: &mut String);
}

/// A type that can be read from a JSON value, strictly. The value is taken
/// by value: strings move out of the tree instead of being copied (an
/// `export` may carry megabytes of screenshots).
pub trait FromJson: Sized {
    fn from_json(v: Json) -> Result<Self, String>;
    /// The value of an absent field: `None` makes the field required.
    /// Only `Option` overrides it (absent means `None`, as with serde).
    fn when_absent() -> Option<Self> {
        None
    }
}

/// The value as JSON text.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.to_json(&mut out);
    out
}

/// Parse text straight into a typed value.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, String> {
    T::from_json(parse(text)?)
}

fn expected(what: &str, got: &Json) -> String {
    format!("expected {what}, found {}", got.kind())
}

impl ToJson for Json {
    fn to_json(&self, out: &mut String) {
        self.write(out)
    }
}

impl ToJson for str {
    fn to_json(&self, out: &mut String) {
        write_str(out, self)
    }
}

impl ToJson for String {
    fn to_json(&self, out: &mut String) {
        write_str(out, self)
    }
}

impl FromJson for String {
    fn from_json(v: Json) -> Result<Self, String> {
        match v {
            Json::Str(s) => Ok(s),
            _ => Err(expected("a string", &v)),
        }
    }
}

impl ToJson for bool {
    fn to_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" })
    }
}

impl FromJson for bool {
    fn from_json(v: Json) -> Result<Self, String> {
        match v {
            Json::Bool(b) => Ok(b),
            _ => Err(expected("a boolean", &v)),
        }
    }
}

impl ToJson for f64 {
    fn to_json(&self, out: &mut String) {
        write_num(out, *self)
    }
}

impl FromJson for f64 {
    fn from_json(v: Json) -> Result<Self, String> {
        match v {
            Json::Num(n) => Ok(n),
            _ => Err(expected("a number", &v)),
        }
    }
}

/// A whole number within `min..=max` (checked in f64, where every bound
/// used here is exact or rounds outward harmlessly).
fn integer(v: Json, min: f64, max: f64) -> Result<f64, String> {
    match v {
        Json::Num(n) if n.fract() == 0.0 && n >= min && n <= max => Ok(n),
        Json::Num(_) => Err("expected a whole number in range".to_string()),
        _ => Err(expected("a number", &v)),
    }
}

macro_rules! json_integers {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
        impl FromJson for $t {
            fn from_json(v: Json) -> Result<Self, String> {
                integer(v, <$t>::MIN as f64, <$t>::MAX as f64).map(|n| n as $t)
            }
        }
    )*};
}
json_integers!(u32, u64, i64, usize);

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, out: &mut String) {
        match self {
            Some(v) => v.to_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: Json) -> Result<Self, String> {
        match v {
            Json::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
    fn when_absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: ToJson> ToJson for Box<T> {
    fn to_json(&self, out: &mut String) {
        (**self).to_json(out)
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(v: Json) -> Result<Self, String> {
        T::from_json(v).map(Box::new)
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.to_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, out: &mut String) {
        self.as_slice().to_json(out)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: Json) -> Result<Self, String> {
        match v {
            Json::Arr(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| T::from_json(item).map_err(|e| format!("[{i}]: {e}")))
                .collect(),
            _ => Err(expected("an array", &v)),
        }
    }
}

impl ToJson for [f64; 4] {
    fn to_json(&self, out: &mut String) {
        self.as_slice().to_json(out)
    }
}

impl FromJson for [f64; 4] {
    fn from_json(v: Json) -> Result<Self, String> {
        let items = Vec::<f64>::from_json(v)?;
        items
            .try_into()
            .map_err(|items: Vec<f64>| format!("expected 4 numbers, found {}", items.len()))
    }
}

/// Reads one object's fields by name, moving each out of the tree, and in
/// `done()` rejects the fields nobody asked for. A field that occurs twice
/// is an error, as with serde.
pub struct Fields {
    members: Vec<(String, Json)>,
    used: Vec<bool>,
}

impl Fields {
    pub fn of(v: Json) -> Result<Self, String> {
        let members = Self::members(v)?;
        let used = vec![false; members.len()];
        Ok(Fields { members, used })
    }

    /// An object's members, in text order (for maps keyed by name).
    pub fn members(v: Json) -> Result<Vec<(String, Json)>, String> {
        match v {
            Json::Obj(members) => Ok(members),
            _ => Err(expected("an object", &v)),
        }
    }

    fn raw(&mut self, key: &str) -> Result<Option<Json>, String> {
        let mut found = None;
        for (i, (k, _)) in self.members.iter().enumerate() {
            if k == key {
                if found.is_some() {
                    return Err(format!("duplicate field `{key}`"));
                }
                found = Some(i);
            }
        }
        Ok(found.map(|i| {
            self.used[i] = true;
            std::mem::replace(&mut self.members[i].1, Json::Null)
        }))
    }

    /// A field that must be present (an `Option` may be absent).
    pub fn req<T: FromJson>(&mut self, key: &str) -> Result<T, String> {
        match self.raw(key)? {
            Some(v) => T::from_json(v).map_err(|e| format!("`{key}`: {e}")),
            None => T::when_absent().ok_or_else(|| format!("missing field `{key}`")),
        }
    }

    /// A field that takes `fallback()` when absent.
    pub fn or<T: FromJson>(&mut self, key: &str, fallback: fn() -> T) -> Result<T, String> {
        match self.raw(key)? {
            Some(v) => T::from_json(v).map_err(|e| format!("`{key}`: {e}")),
            None => Ok(fallback()),
        }
    }

    /// The tag of an internally tagged enum (`"kind": "hello"`).
    pub fn tag(&mut self, key: &str) -> Result<String, String> {
        match self.raw(key)? {
            Some(Json::Str(s)) => Ok(s),
            Some(v) => Err(format!("`{key}`: {}", expected("a string", &v))),
            None => Err(format!("missing field `{key}`")),
        }
    }

    /// Every field was asked for: anything else is an unknown field.
    pub fn done(self) -> Result<(), String> {
        match self.used.iter().position(|used| !used) {
            Some(i) => Err(format!("unknown field `{}`", self.members[i].0)),
            None => Ok(()),
        }
    }
}

/// Whether a `skip` field holds its default (and is left out when written).
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Implements `FromJson` and `ToJson` for a struct with named fields, one
/// line per field, in the order they are written:
/// - `name` — required (an `Option` may be absent and is written as null);
/// - `name: default` — absent means `Default::default()`;
/// - `name: skip` — as `default`, and not written when it equals the default;
/// - `name: or(f)` — absent means `f()`;
/// - `name: transient` — never read nor written: always the default.
macro_rules! json_struct {
    ($ty:ident { $($field:ident $(: $mode:ident $(($fallback:expr))?)?),* $(,)? }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(v: $crate::json::Json) -> Result<Self, String> {
                let mut f = $crate::json::Fields::of(v)?;
                let value = $ty {
                    $($field: $crate::json::json_struct!(@read f, $field $(, $mode $(($fallback))?)?),)*
                };
                f.done()?;
                Ok(value)
            }
        }
        impl $crate::json::ToJson for $ty {
            fn to_json(&self, out: &mut String) {
                let mut o = $crate::json::ObjWriter::new(out);
                $($crate::json::json_struct!(@write o, self.$field, $field $(, $mode)?);)*
                o.end();
            }
        }
    };
    (@read $f:ident, $field:ident) => { $f.req(stringify!($field))? };
    (@read $f:ident, $field:ident, default) => { $f.or(stringify!($field), Default::default)? };
    (@read $f:ident, $field:ident, skip) => { $f.or(stringify!($field), Default::default)? };
    (@read $f:ident, $field:ident, or($fallback:expr)) => { $f.or(stringify!($field), $fallback)? };
    (@read $f:ident, $field:ident, transient) => { Default::default() };
    (@write $o:ident, $value:expr, $field:ident, transient) => {};
    (@write $o:ident, $value:expr, $field:ident, skip) => {
        if !$crate::json::is_default(&$value) {
            $o.field(stringify!($field), &$value);
        }
    };
    (@write $o:ident, $value:expr, $field:ident $(, $mode:ident)?) => {
        $o.field(stringify!($field), &$value);
    };
}
pub(crate) use json_struct;

/// Implements `FromJson` and `ToJson` for an enum of unit variants written
/// as strings: `json_names!(PaintOutcome { Shown = "shown", Lost = "lost" })`.
macro_rules! json_names {
    ($ty:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(v: $crate::json::Json) -> Result<Self, String> {
                match v {
                    $($crate::json::Json::Str(s) if s == $name => Ok($ty::$variant),)*
                    $crate::json::Json::Str(s) => Err(format!("unknown variant `{s}`")),
                    _ => Err("expected a string".to_string()),
                }
            }
        }
        impl $crate::json::ToJson for $ty {
            fn to_json(&self, out: &mut String) {
                $crate::json::write_str(out, match self { $($ty::$variant => $name,)* })
            }
        }
    };
}
pub(crate) use json_names;

/// Implements `FromJson` and `ToJson` for an internally tagged enum of
/// struct variants (`{"kind": "hello", ...}`), fields as in `json_struct!`:
/// `json_tagged!(FromPage, "kind" { Hello = "hello" { waymark, url }, ... })`.
macro_rules! json_tagged {
    ($ty:ident, $tag:literal {
        $($variant:ident = $name:literal { $($field:ident $(: $mode:ident $(($fallback:expr))?)?),* $(,)? }),* $(,)?
    }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(v: $crate::json::Json) -> Result<Self, String> {
                let mut f = $crate::json::Fields::of(v)?;
                let value = match f.tag($tag)?.as_str() {
                    $($name => $ty::$variant {
                        $($field: $crate::json::json_struct!(@read f, $field $(, $mode $(($fallback))?)?),)*
                    },)*
                    other => return Err(format!("unknown variant `{other}`")),
                };
                f.done()?;
                Ok(value)
            }
        }
        impl $crate::json::ToJson for $ty {
            fn to_json(&self, out: &mut String) {
                let mut o = $crate::json::ObjWriter::new(out);
                match self {
                    $($ty::$variant { $($field),* } => {
                        o.field($tag, $name);
                        $($crate::json::json_struct!(@write o, *$field, $field $(, $mode)?);)*
                    })*
                }
                o.end();
            }
        }
    };
}
pub(crate) use json_tagged;

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
