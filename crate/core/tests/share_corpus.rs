//! The corpus of bad (and a few good) share codes in `tests/share_corpus/`:
//! every file is decoded and must give the error kind listed for it in
//! `expected.tsv` ("ok" for codes that must open). The files are committed;
//! `write_share_corpus` (ignored) regenerates them:
//!
//!     cargo test -p waymark-core --test share_corpus -- --ignored write_share_corpus
//!
//! They also seed the fuzz target (see crate/fuzz/README.md).

use std::path::PathBuf;
use waymark_core::protocol::Text;
use waymark_core::share::codec::{encode_body_unchecked, frame_unchecked};
use waymark_core::share::*;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/share_corpus")
}

fn step(host: &str, path: &str, label: &str) -> RecordedStep {
    RecordedStep {
        host: host.into(),
        path: path.into(),
        text: None,
        label: label.into(),
        locator: RecordedLocator {
            tag: "button".into(),
            role: "button".into(),
            name: label.into(),
            text: label.into(),
            attrs: Default::default(),
        },
    }
}

/// The smallest step the format can hold (6 bytes).
fn tiny_step() -> RecordedStep {
    let mut s = step("portal.azure.com", "/", "");
    s.locator.tag = "a".into();
    s.locator.role = String::new();
    s.locator.name = String::new();
    s.locator.text = String::new();
    s
}

fn recorded(steps: Vec<RecordedStep>) -> SharedGuide {
    SharedGuide::Recorded(RecordedGuide {
        title: "Corpus".into(),
        note: String::new(),
        steps,
    })
}

/// Frame a guide without validating it: a code with a correct checksum
/// whose content must be refused on its merits.
fn forged(g: &SharedGuide) -> String {
    frame_unchecked(1, &encode_body_unchecked(g))
}

fn with_attr(key: &str, value: &str) -> SharedGuide {
    let mut s = step("portal.azure.com", "/#home", "Open");
    s.locator.attrs.insert(key.into(), value.into());
    recorded(vec![s])
}

fn builtin(note: &str) -> SharedGuide {
    SharedGuide::Builtin {
        guide_id: "azure-for-office365".into(),
        from_step: None,
        note: note.into(),
        route: None,
    }
}

/// (file stem, code text, expected kind)
fn cases() -> Vec<(&'static str, String, &'static str)> {
    let good = encode(&builtin("From the support desk")).unwrap();
    let six = encode(&recorded(
        (0..6)
            .map(|i| step("portal.azure.com", "/#home", &format!("Step {i}")))
            .collect(),
    ))
    .unwrap();
    let flip = |code: &str, at: usize| {
        let mut c: Vec<char> = code.chars().collect();
        let i = (PREFIX_LEN + at..c.len()).find(|&i| c[i] != '-').unwrap();
        c[i] = if c[i] == 'Q' { 'R' } else { 'Q' };
        c.into_iter().collect::<String>()
    };
    let mut v: Vec<(&'static str, String, &'static str)> = vec![
        ("ok-builtin", good.clone(), "ok"),
        ("ok-recorded-6-steps", six.clone(), "ok"),
        (
            "ok-html-in-label",
            encode(&recorded(vec![step(
                "portal.azure.com",
                "/#home",
                "<script>alert(1)</script><img src=x onerror=alert(2)>",
            )]))
            .unwrap(),
            "ok",
        ),
        (
            "ok-mangled-by-mail",
            format!(
                "> \u{201c}{}\u{201d}.\r\n",
                good.to_lowercase()
                    .replace('-', "\u{2013}")
                    .replacen('\u{2013}', "\r\n> ", 2)
            ),
            "ok",
        ),
        ("empty", "  \n\t ".into(), "empty"),
        (
            "not-a-code",
            "Hello, please open the portal.".into(),
            "not-a-code",
        ),
        ("no-version", "WAYMARK-ABCDE".into(), "not-a-code"),
        (
            "wrong-version-2",
            good.replacen("WAYMARK1", "WAYMARK2", 1),
            "unknown-version",
        ),
        (
            "wrong-version-0",
            good.replacen("WAYMARK1", "WAYMARK0", 1),
            "unknown-version",
        ),
        (
            "invalid-character",
            good.replacen('-', "-$", 3),
            "invalid-character",
        ),
        (
            "invalid-character-u",
            format!("{good}U"),
            "invalid-character",
        ),
        (
            "truncated-end",
            good[..good.len() - 6].to_string(),
            "truncated",
        ),
        (
            "truncated-half",
            six[..six.len() / 2].to_string(),
            "truncated",
        ),
        ("truncated-prefix-only", "WAYMARK1-".into(), "truncated"),
        ("bit-flipped-middle", flip(&six, 40), "damaged"),
        ("bit-flipped-first", flip(&good, 3), "damaged"),
        (
            "bit-flipped-last",
            flip(&good, good.len() - PREFIX_LEN - 1),
            "damaged",
        ),
        ("extra-data", format!("{good}-00000-00000"), "damaged"),
        (
            "oversized-input",
            format!("WAYMARK1-{}", "ABCDE-".repeat(3000)),
            "too-large",
        ),
        (
            "oversized-code",
            format!("WAYMARK1-{}", "ABCDE-".repeat(1300)),
            "too-large",
        ),
        (
            "steps-10000",
            // Smallest possible steps, no hyphens: still ~96 KB of text.
            forged(&recorded(vec![tiny_step(); 10_000])).replace('-', ""),
            "too-large",
        ),
        // A short code whose step count says 10,000: refused before any
        // step is read or allocated.
        (
            "steps-10000-claimed",
            frame_unchecked(1, &[2, 0, 0, 0x90, 0x4e]),
            "too-many-steps",
        ),
        (
            "steps-51",
            forged(&recorded(vec![step("portal.azure.com", "/", "x"); 51])),
            "too-many-steps",
        ),
        ("no-steps", forged(&recorded(vec![])), "no-steps"),
        (
            "sign-in-host-microsoftonline",
            forged(&recorded(vec![step(
                "login.microsoftonline.com",
                "/common/login",
                "Next",
            )])),
            "sign-in-host",
        ),
        (
            "sign-in-host-live",
            forged(&recorded(vec![step("login.live.com", "/", "Next")])),
            "sign-in-host",
        ),
        (
            "sign-in-host-second-step",
            forged(&recorded(vec![
                step("portal.azure.com", "/", "Home"),
                step("login.microsoft.com", "/", "Sign in"),
            ])),
            "sign-in-host",
        ),
        (
            "unknown-host",
            forged(&recorded(vec![step("evil.example", "/", "Click")])),
            "unsupported-site",
        ),
        (
            "lookalike-host",
            forged(&recorded(vec![step(
                "portal.azure.com.evil.example",
                "/",
                "Click",
            )])),
            "unsupported-site",
        ),
        (
            "www-microsoft-outside-business",
            forged(&recorded(vec![step(
                "www.microsoft.com",
                "/en-us/windows",
                "Click",
            )])),
            "unsupported-site",
        ),
        (
            "javascript-href",
            forged(&with_attr("href", "javascript:alert(1)")),
            "unsafe-link",
        ),
        (
            "javascript-href-cased",
            forged(&with_attr("href", "JaVaScRiPt:alert(1)")),
            "unsafe-link",
        ),
        (
            "data-href",
            forged(&with_attr("href", "data:text/html;base64,PHNjcmlwdD4=")),
            "unsafe-link",
        ),
        (
            "other-host-href",
            forged(&with_attr("href", "https://evil.example/")),
            "unsafe-link",
        ),
        (
            "protocol-relative-href",
            forged(&with_attr("href", "//evil.example/")),
            "unsafe-link",
        ),
        (
            "rtl-override-label",
            forged(&recorded(vec![step(
                "portal.azure.com",
                "/",
                "Start\u{202e}eerf",
            )])),
            "forbidden-character",
        ),
        (
            "bidi-isolate-note",
            forged(&builtin("Read \u{2066}this\u{2069}")),
            "forbidden-character",
        ),
        (
            "control-char-note",
            forged(&builtin("ring \u{7} bell")),
            "forbidden-character",
        ),
        (
            "newline-in-label",
            forged(&recorded(vec![step("portal.azure.com", "/", "Two\nlines")])),
            "forbidden-character",
        ),
        (
            "label-too-long",
            forged(&recorded(vec![step(
                "portal.azure.com",
                "/",
                &"x".repeat(121),
            )])),
            "field-too-long",
        ),
        (
            // Issue 13 item 4: the preview would say "Overview" while the
            // highlight picks "Delete".
            "label-mismatch",
            forged(&recorded(vec![{
                let mut s = step("portal.azure.com", "/#home", "Delete");
                s.label = "Overview".into();
                s
            }])),
            "label-mismatch",
        ),
        (
            "label-mismatch-second-step",
            forged(&recorded(vec![
                step("portal.azure.com", "/#home", "Users"),
                {
                    let mut s = step("portal.azure.com", "/#home", "Delete user");
                    s.label = "Users".into();
                    s
                },
            ])),
            "label-mismatch",
        ),
        (
            // Opens, with a warning in the preview and the callout: the
            // instruction is the sender's free text (tests/e2e/share).
            "ok-instruction-names-another-element",
            encode(&recorded(vec![{
                let mut s = step("portal.azure.com", "/#home", "Delete");
                s.text = Some("Click \u{201c}Overview\u{201d} to see the summary.".into());
                s
            }]))
            .unwrap(),
            "ok",
        ),
        (
            "ok-label-cut",
            encode(&recorded(vec![{
                let long = format!("Manage {}", "all the things ".repeat(12));
                let mut s = step("portal.azure.com", "/#home", &long);
                s.label = s.locator.label();
                s
            }]))
            .unwrap(),
            "ok",
        ),
        (
            "note-too-long",
            forged(&builtin(&"n".repeat(301))),
            "field-too-long",
        ),
        (
            "bad-guide-id",
            forged(&SharedGuide::Builtin {
                guide_id: "../../etc/passwd".into(),
                from_step: None,
                note: String::new(),
                route: None,
            }),
            "bad-id",
        ),
        (
            "bad-route-id",
            forged(&SharedGuide::Builtin {
                guide_id: "office365-for-azure-ad".into(),
                from_step: None,
                note: String::new(),
                route: Some("admin center/../x".into()),
            }),
            "bad-id",
        ),
        (
            "ok-builtin-route",
            encode(&SharedGuide::Builtin {
                guide_id: "office365-for-azure-ad".into(),
                from_step: Some("bp3".into()),
                note: "Continue in the admin center.".into(),
                route: Some("admin-center".into()),
            })
            .unwrap(),
            "ok",
        ),
        (
            // Flags of a built-in guide: bit 0 step, bit 1 route; others unknown.
            "unknown-builtin-flag",
            frame_unchecked(1, &[1, 1, b'x', 4, 0]),
            "malformed",
        ),
        (
            "path-protocol-relative",
            forged(&recorded(vec![step(
                "portal.azure.com",
                "//evil.example/x",
                "Go",
            )])),
            "bad-path",
        ),
        (
            "path-javascript",
            forged(&recorded(vec![step(
                "portal.azure.com",
                "javascript:alert(1)",
                "Go",
            )])),
            "bad-path",
        ),
        ("unknown-kind", frame_unchecked(1, &[9, 0]), "malformed"),
        (
            "invalid-utf8",
            frame_unchecked(1, &[1, 2, 0xC3, 0x28, 0, 0]),
            "malformed",
        ),
        (
            "unknown-host-id",
            frame_unchecked(1, &[2, 0, 0, 1, 0, 99]),
            "malformed",
        ),
        (
            "unknown-attribute-id",
            frame_unchecked(
                1,
                &[
                    2, 0, 0, 1, 0b11000, 1, 1, b'/', 1, b'x', 1, b'a', 0, 1, 42, 1, b'v',
                ],
            ),
            "malformed",
        ),
        (
            "trailing-bytes",
            {
                let mut b = encode_body_unchecked(&builtin(""));
                b.push(0);
                frame_unchecked(1, &b)
            },
            "malformed",
        ),
    ];
    v.sort_by_key(|c| c.0);
    v
}

const PREFIX_LEN: usize = "WAYMARK1-".len();

#[test]
#[ignore = "regenerates tests/share_corpus/"]
fn write_share_corpus() {
    let d = dir();
    std::fs::create_dir_all(&d).unwrap();
    let mut tsv = String::from("# file\texpected error kind (ShareError::kind), or ok\n");
    for (name, code, kind) in cases() {
        let file = format!("{name}.txt");
        std::fs::write(d.join(&file), code).unwrap();
        tsv.push_str(&format!("{file}\t{kind}\n"));
    }
    std::fs::write(d.join("expected.tsv"), tsv).unwrap();

    // Body-mode seeds for the fuzz target: a 0 byte, then a valid body.
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/decode");
    std::fs::create_dir_all(&seeds).unwrap();
    let mut rich = step("sandbox-1.reactblade.portal.azure.net", "/#view/x", "Users");
    rich.text = Some("Open the list.\nThen wait.".into());
    for (k, v) in [
        ("href", "#view/x/users"),
        ("aria-label", "Users"),
        ("data-testid", "u"),
    ] {
        rich.locator.attrs.insert(k.into(), v.into());
    }
    let guides = [
        builtin("note"),
        SharedGuide::Builtin {
            guide_id: "office365-for-azure-ad".into(),
            from_step: Some("b2".into()),
            note: String::new(),
            route: Some("sign-up-site".into()),
        },
        recorded(vec![
            step(
                "www.microsoft.com",
                "/en-us/microsoft-365/business",
                "Buy now",
            ),
            rich,
            step("admin.microsoft.com", "/#/users", "Active users"),
            step("admin.microsoft.com", "/#/users", "Add a user"),
        ]),
    ];
    for (i, g) in guides.iter().enumerate() {
        let mut bytes = vec![0u8];
        bytes.extend(encode_body_unchecked(g));
        std::fs::write(seeds.join(format!("body-{i}")), bytes).unwrap();
    }
}

#[test]
fn share_corpus_every_code_gets_its_expected_answer() {
    let d = dir();
    let tsv = std::fs::read_to_string(d.join("expected.tsv")).expect("expected.tsv");
    let mut checked = 0;
    for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (file, kind) = line.split_once('\t').expect("file<TAB>kind");
        let text = std::fs::read_to_string(d.join(file)).expect(file);
        let got = decode(&text);
        // Pure: the same answer every time.
        assert_eq!(got, decode(&text), "{file}");
        match (&got, kind) {
            (Ok(g), "ok") => assert_eq!(decode(&encode(g).unwrap()).as_ref(), Ok(g), "{file}"),
            (Err(e), k) if e.kind() == k => {
                let msg = e.to_string();
                assert!(
                    msg.len() > 20 && msg.ends_with('.') && !msg.contains("Malformed"),
                    "{file}: {msg}"
                );
            }
            _ => panic!("{file}: expected {kind}, got {got:?}"),
        }
        checked += 1;
    }
    // The committed corpus is the one the generator writes.
    assert_eq!(checked, cases().len(), "regenerate the corpus");
    println!("{checked} corpus codes checked");
}

/// Codes made before routes existed still decode, with no route, and
/// encode again to the very same code (a code without a route did not
/// change).
#[test]
fn share_corpus_codes_from_before_routes_still_decode() {
    let old = std::fs::read_to_string(dir().join("ok-builtin.txt")).unwrap();
    let g = decode(&old).expect("an old code");
    let SharedGuide::Builtin { route, .. } = &g else {
        panic!("built-in")
    };
    assert_eq!(route, &None);
    assert_eq!(encode(&g).unwrap(), old.trim());
    let with_route = std::fs::read_to_string(dir().join("ok-builtin-route.txt")).unwrap();
    let Ok(SharedGuide::Builtin { route, .. }) = decode(&with_route) else {
        panic!("built-in with a route")
    };
    assert_eq!(route.as_deref(), Some("admin-center"));
}

/// Recorded codes made before a step's instruction became a message (the
/// committed corpus files, written by that Waymark) decode: a step whose
/// code carried no text (flag 4, "Waymark's own instruction") reads as
/// Waymark's message, worded by the reader; one with the sender's text
/// keeps it. The bytes of that part did not change, so the codes encode
/// again to the very same text and an older Waymark reads new codes alike.
#[test]
fn share_corpus_recorded_codes_from_before_step_messages_still_decode() {
    let old = std::fs::read_to_string(dir().join("ok-recorded-6-steps.txt")).unwrap();
    let g = decode(&old).expect("an old code");
    let SharedGuide::Recorded(r) = &g else {
        panic!("recorded")
    };
    for (i, s) in r.steps.iter().enumerate() {
        assert_eq!(s.text, None, "step {i}");
        assert_eq!(
            s.instruction(),
            Text::msg("recordedStepClick", [format!("Step {i}").into()])
        );
    }
    assert_eq!(encode(&g).unwrap(), old.trim());

    let own =
        std::fs::read_to_string(dir().join("ok-instruction-names-another-element.txt")).unwrap();
    let Ok(SharedGuide::Recorded(r)) = decode(&own) else {
        panic!("recorded")
    };
    let said = "Click \u{201c}Overview\u{201d} to see the summary.";
    assert_eq!(r.steps[0].text.as_deref(), Some(said));
    assert_eq!(r.steps[0].instruction(), Text::Data(said.into()));

    // Written by hand as the format says, not by `encode`: one step on
    // portal.azure.com (site 1) whose element has no name, flags 4 (no
    // text), 8 and 16 (name and text equal the empty label).
    let mut body = vec![2, 3];
    body.extend(b"Old");
    body.extend([0, 1, 4 | 8 | 16, 1, 6]);
    body.extend(b"/#home");
    body.extend([0, 1, b'a', 4]);
    body.extend(b"link");
    body.push(0);
    let Ok(SharedGuide::Recorded(r)) = decode(&frame_unchecked(1, &body)) else {
        panic!("a hand-written old code")
    };
    assert_eq!(r.steps[0].text, None);
    assert_eq!(
        r.steps[0].instruction(),
        Text::msg("recordedStepClickUnnamed", [])
    );

    // The sender's text that reads like Waymark's is still the sender's:
    // a reader never guesses a message from English words.
    let mut typed = step("portal.azure.com", "/#home", "Users");
    typed.text = Some("Click \u{201c}Users\u{201d}".into());
    let code = encode(&recorded(vec![typed.clone()])).unwrap();
    let Ok(SharedGuide::Recorded(r)) = decode(&code) else {
        panic!("recorded")
    };
    assert_eq!(r.steps[0], typed);
    assert_ne!(
        code,
        encode(&recorded(vec![step("portal.azure.com", "/#home", "Users")])).unwrap()
    );
}

/// A step flag this reader does not know (a later format's) is refused,
/// naming the flaw; so is an empty text where the sender's belongs.
#[test]
fn share_codes_with_unknown_step_flags_or_empty_texts_are_refused() {
    for bit in [32u8, 64, 128] {
        let mut body = vec![2, 0, 0, 1, bit | 4 | 8 | 16, 1, 1, b'/', 0, 1, b'a', 0, 0];
        assert_eq!(
            decode(&frame_unchecked(1, &body)),
            Err(ShareError::Malformed(Flaw::UnknownStepFlags)),
            "flag {bit}"
        );
        body[4] = 8 | 16;
        body.splice(8..8, [1, b' ']);
        assert_eq!(
            decode(&frame_unchecked(1, &body)),
            Err(ShareError::Malformed(Flaw::NoStepText))
        );
    }
    assert_eq!(
        ShareError::Malformed(Flaw::UnknownStepFlags).message(),
        Text::msg(
            "shareErrMalformed",
            [Text::msg("malformedUnknownStepFlags", [])]
        )
    );
}

#[test]
fn share_corpus_html_label_stays_text() {
    let code = std::fs::read_to_string(dir().join("ok-html-in-label.txt")).unwrap();
    let SharedGuide::Recorded(g) = decode(&code).unwrap() else {
        panic!("recorded")
    };
    assert!(g.steps[0].label.starts_with("<script>"));
    let html = to_html(
        &ExportGuide::from_recorded(&g, &ExportWords::english()),
        &[],
        &ExportWords::english(),
    );
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
}
