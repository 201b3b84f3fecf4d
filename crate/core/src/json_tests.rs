//! The JSON layer against serde_json (a dev-dependency): the same texts are
//! accepted and rejected, accepted texts give the same values, and what we
//! write reads back as what was written.

use super::*;
use crate::sorted_map::SortedMap;
use std::collections::BTreeMap;

/// serde_json's tree in ours (objects: last duplicate wins, as in serde_json).
fn from_serde(v: &serde_json::Value) -> Json {
    match v {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(*b),
        serde_json::Value::Number(n) => Json::Num(n.as_f64().unwrap()),
        serde_json::Value::String(s) => Json::Str(s.clone()),
        serde_json::Value::Array(a) => Json::Arr(a.iter().map(from_serde).collect()),
        serde_json::Value::Object(o) => {
            Json::Obj(o.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect())
        }
    }
}

/// Ours, normalised the way serde_json's map is: sorted, last duplicate wins.
fn canonical(v: &Json) -> Json {
    match v {
        Json::Arr(a) => Json::Arr(a.iter().map(canonical).collect()),
        Json::Obj(o) => {
            let map: BTreeMap<&String, Json> = o.iter().map(|(k, v)| (k, canonical(v))).collect();
            Json::Obj(map.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        v => v.clone(),
    }
}

/// Equal trees; numbers within a few parts in 10^15 (neither serde_json's
/// default float parsing nor ours is correctly rounded in every case).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Num(x), Json::Num(y)) => (x - y).abs() <= 1e-14 * x.abs().max(y.abs()),
        (Json::Arr(x), Json::Arr(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Json::Obj(x), Json::Obj(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, a), (l, b))| k == l && same(a, b))
        }
        _ => a == b,
    }
}

fn agree(text: &str) {
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(
            same(&canonical(a), &canonical(&from_serde(b))),
            "{text:?}: {a:?} vs {b:?}"
        ),
        (Err(_), Err(_)) => {}
        _ => panic!("disagree on {text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

const VALID: &[&str] = &[
    r#"{"waymark":1,"kind":"hello","url":"https://portal.azure.com/#home","title":"Home","top":true}"#,
    r#"  [1, -2, 3.5, -0.25e2, 1E3, 0, -0, 1e-7, 123456789012]  "#,
    r#"{"a":{"b":[[],{},[null,true,false]]},"c":"\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r"}"#,
    r#""plain ünïcödé — text""#,
    r#"{"dup":1,"dup":2}"#,
    "null",
    "\"\"",
    r#"{"rect":[0.5,10,200.25,-3]}"#,
    "[1.7976931348623157e308, 2.2250738585072014e-308, 5e-324, 1e-400, 123456789012345678901234567890, 0.1, 0.30000000000000004, 1732000000123.5, -9007199254740993, 1E+2, 1e-2]",
    "[0.000000000000000000000000000001234, 12345678901234567890123e-10, 1e0000000000000000000000000000000000000001]",
];

const INVALID: &[&str] = &[
    "",
    " ",
    "{",
    "[1,]",
    "{\"a\":1,}",
    "{a:1}",
    "01",
    "-",
    "1.",
    ".5",
    "1e",
    "+1",
    "tru",
    "nul",
    "[1 2]",
    "{\"a\" 1}",
    "\"unterminated",
    "\"bad \\x escape\"",
    "\"lone \\ud800 surrogate\"",
    "\"low first \\udc00\"",
    "\"tab\there\"",
    "1 2",
    "[]]",
    "1e400",
    "\"\\u12\"",
    "NaN",
    "1e99999999999999999999999",
    "-1.8e308",
];

#[test]
fn agrees_with_serde_json_on_fixed_texts() {
    for text in VALID {
        assert!(parse(text).is_ok(), "{text}");
        agree(text);
    }
    for text in INVALID {
        assert!(parse(text).is_err(), "{text}");
        agree(text);
    }
}

/// Every truncation and every one-byte change (to a byte from a set that
/// matters to JSON) of the valid texts: both parsers accept or both reject.
#[test]
fn agrees_with_serde_json_on_every_small_change() {
    let bytes: &[u8] = b"{}[]\",:\\ 0-1.eE+tnfu\x01a";
    let mut checked = 0;
    for text in VALID {
        for end in 0..text.len() {
            if text.is_char_boundary(end) {
                agree(&text[..end]);
                checked += 1;
            }
        }
        for i in 0..text.len() {
            for &b in bytes {
                let mut changed = text.as_bytes().to_vec();
                changed[i] = b;
                if let Ok(changed) = String::from_utf8(changed) {
                    agree(&changed);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 3000, "{checked}");
}

#[test]
fn deep_nesting_is_rejected_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    assert!(parse(&deep).unwrap_err().contains("nested too deeply"));
    let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(parse(&ok).is_ok());
}

#[test]
fn strings_are_written_as_serde_json_writes_them() {
    let mut all = String::new();
    for c in (0u32..0x80).chain([0xe9, 0x2028, 0xfeff, 0x1f600]) {
        all.push(char::from_u32(c).unwrap());
    }
    for s in [
        all.as_str(),
        "",
        "plain",
        "quote \" and \\ backslash",
        "ünï",
    ] {
        assert_eq!(to_string(s), serde_json::to_string(s).unwrap());
        assert_eq!(from_str::<String>(&to_string(s)).unwrap(), s);
    }
}

#[test]
fn numbers_are_exact_for_integers_and_thousandths_otherwise() {
    let cases: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.0, "0"),
        (42.0, "42"),
        (-7.0, "-7"),
        (1_732_000_000_123.0, "1732000000123"),
        (9_007_199_254_740_991.0, "9007199254740991"),
        (0.5, "0.5"),
        (-0.25, "-0.25"),
        (10.3333333, "10.333"),
        (-0.0004, "0"),
        (1e300, "(15 digits)"),
        (-2.5e20, "-2500000000000000e5"),
        (f64::NAN, "null"),
        (f64::INFINITY, "null"),
    ];
    for (n, text) in cases {
        let written = to_string(n);
        if !text.starts_with('(') {
            assert_eq!(&written, text, "{n}");
        }
        if n.is_finite() {
            let back = from_str::<f64>(&written).unwrap();
            let tolerance = if n.abs() < 1e15 {
                0.0005
            } else {
                1e-14 * n.abs()
            };
            assert!((back - n).abs() <= tolerance, "{n} -> {written}");
        }
    }
    assert_eq!(to_string(&u64::MAX), u64::MAX.to_string());
    assert!(from_str::<u32>("4294967296").is_err());
    assert!(from_str::<u32>("-1").is_err());
    assert!(from_str::<u32>("1.5").is_err());
    assert_eq!(from_str::<u32>("1e3").unwrap(), 1000);
    assert_eq!(from_str::<i64>("-12").unwrap(), -12);
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Sample {
    id: String,
    count: u32,
    note: Option<String>,
    tags: Vec<String>,
    flag: bool,
    rect: [f64; 4],
    attrs: SortedMap<String>,
    on: bool,
}

fn yes() -> bool {
    true
}

json_struct!(Sample {
    id,
    count,
    note,
    tags: skip,
    flag: default,
    rect: default,
    attrs: default,
    on: or(yes),
});

#[derive(Debug, Clone, Copy, PartialEq)]
enum Colour {
    Red,
    DarkBlue,
}

json_names!(Colour {
    Red = "red",
    DarkBlue = "dark-blue",
});

#[derive(Debug, Clone, PartialEq)]
enum Message {
    Hello {
        waymark: u32,
        url: String,
    },
    Paint {
        waymark: u32,
        colour: Colour,
        note: Option<String>,
        tags: Vec<String>,
    },
}

json_tagged!(Message, "kind" {
    Hello = "hello" { waymark, url },
    Paint = "paint" { waymark, colour, note, tags: skip },
});

#[test]
fn structs_read_strictly_and_write_what_they_read() {
    let s: Sample = from_str(r#"{"id":"a","count":3}"#).unwrap();
    assert_eq!(
        s,
        Sample {
            id: "a".into(),
            count: 3,
            on: true,
            ..Default::default()
        }
    );
    assert_eq!(
        to_string(&s),
        r#"{"id":"a","count":3,"note":null,"flag":false,"rect":[0,0,0,0],"attrs":{},"on":true}"#
    );
    let full = Sample {
        id: "b\"".into(),
        count: 0,
        note: Some("n".into()),
        tags: vec!["x".into(), "y".into()],
        flag: true,
        rect: [1.5, 2.0, 3.25, 4.0],
        attrs: [("href".to_string(), "/x".to_string())]
            .into_iter()
            .collect(),
        on: false,
    };
    assert_eq!(from_str::<Sample>(&to_string(&full)).unwrap(), full);

    let err = |text: &str| from_str::<Sample>(text).unwrap_err();
    assert!(err(r#"{"count":3}"#).contains("missing field `id`"));
    assert!(err(r#"{"id":"a","count":3,"value":"secret"}"#).contains("unknown field `value`"));
    assert!(err(r#"{"id":"a","id":"b","count":3}"#).contains("duplicate field `id`"));
    assert!(err(r#"{"id":1,"count":3}"#).contains("`id`: expected a string"));
    assert!(
        err(r#"{"id":"a","count":3,"tags":["x",2]}"#).contains("`tags`: [1]: expected a string")
    );
    assert!(err(r#"{"id":"a","count":3,"rect":[1,2,3]}"#).contains("4 numbers"));
    assert!(err(r#"{"id":"a","count":3,"attrs":{"k":1}}"#).contains("`attrs`: `k`"));
    assert!(err("[]").contains("expected an object"));
}

#[test]
fn enums_read_their_tags_and_names() {
    let m: Message = from_str(r#"{"kind":"paint","waymark":1,"colour":"dark-blue"}"#).unwrap();
    assert_eq!(
        m,
        Message::Paint {
            waymark: 1,
            colour: Colour::DarkBlue,
            note: None,
            tags: vec![]
        }
    );
    assert_eq!(
        to_string(&m),
        r#"{"kind":"paint","waymark":1,"colour":"dark-blue","note":null}"#
    );
    let hello = Message::Hello {
        waymark: 1,
        url: "u".into(),
    };
    assert_eq!(from_str::<Message>(&to_string(&hello)).unwrap(), hello);
    assert_eq!(to_string(&Colour::Red), r#""red""#);

    let err = |text: &str| from_str::<Message>(text).unwrap_err();
    assert!(err(r#"{"kind":"nope","waymark":1}"#).contains("unknown variant `nope`"));
    assert!(err(r#"{"waymark":1}"#).contains("missing field `kind`"));
    assert!(
        err(r#"{"kind":"hello","waymark":1,"url":"u","colour":"red"}"#)
            .contains("unknown field `colour`")
    );
    assert!(err(r#"{"kind":"paint","waymark":1,"colour":"green"}"#).contains("unknown variant"));
    assert!(err(r#"{"kind":7}"#).contains("expected a string"));
}
