//! Property tests for share codes (round trip, damage detection) with a
//! small deterministic generator, plus recording, redaction and export
//! tests. No proptest: a 30-line PRNG gives reproducible cases (the seed is
//! in every failure message) without a dependency.

use waymark_core::protocol::{ElementFacts, RecordEdit};
use waymark_core::share::codec::{MAX_INPUT_BYTES, PREFIX};
use waymark_core::share::model::{
    MAX_LABEL, MAX_LOCATOR_TEXT, MAX_NOTE, MAX_STEPS, MAX_STEP_TEXT, MAX_TITLE,
};
use waymark_core::share::sites;
use waymark_core::share::*;

/// xorshift64*: tiny, deterministic, good enough to drive a generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Text of up to `max` characters drawn from ASCII, Latin, CJK, emoji,
/// combining marks and HTML/Markdown punctuation (all allowed), never the
/// forbidden characters.
fn text(rng: &mut Rng, max: usize, newlines: bool) -> String {
    let len = match rng.below(4) {
        0 => 0,
        1 => max,
        _ => rng.below(max + 1),
    };
    (0..len)
        .map(|_| match rng.below(10) {
            0 => [
                '<', '>', '&', '"', '\'', '*', '_', '[', ']', '`', '#', '|', '\\',
            ][rng.below(13)],
            1 => char::from_u32(0xC0 + rng.below(0x100) as u32).unwrap_or('x'),
            2 => char::from_u32(0x4E00 + rng.below(0x5000) as u32).unwrap_or('x'),
            3 => char::from_u32(0x1F300 + rng.below(0x300) as u32).unwrap_or('x'),
            4 => char::from_u32(0x300 + rng.below(0x70) as u32).unwrap_or('x'),
            5 if newlines => '\n',
            _ => (b' ' + rng.below(95) as u8) as char,
        })
        .collect()
}

fn ident(rng: &mut Rng, max: usize) -> String {
    let chars = b"abcdefghijklmnopqrstuvwxyz0123456789-_.";
    let len = 1 + rng.below(max);
    (0..len)
        .map(|_| chars[rng.below(chars.len())] as char)
        .collect()
}

fn host(rng: &mut Rng) -> String {
    match rng.below(14) {
        0 => format!("sandbox-{}.reactblade.portal.azure.net", rng.below(99)),
        1 => "x.reactblade-ms.portal.azure.net".into(),
        2 => "y-2.reactblade-rc.portal.azure.net".into(),
        _ => rng.pick(&sites::EXACT_HOSTS).into(),
    }
}

fn path(rng: &mut Rng, host: &str) -> String {
    let mut p = if host == "www.microsoft.com" {
        "/en-us/microsoft-365/business".to_string()
    } else {
        String::new()
    };
    for _ in 0..rng.below(6) {
        p.push(if rng.chance(20) { '#' } else { '/' });
        p.push_str(&ident(rng, 20));
    }
    if p.is_empty() || !p.starts_with('/') {
        p.insert(0, '/');
    }
    p
}

fn step(rng: &mut Rng, prev: Option<&RecordedStep>) -> RecordedStep {
    let host = match prev {
        Some(p) if rng.chance(60) => p.host.clone(),
        _ => host(rng),
    };
    let path = match prev {
        Some(p) if p.host == host && rng.chance(50) => p.path.clone(),
        _ => path(rng, &host),
    };
    let label = text(rng, MAX_LABEL, false);
    let mut attrs = waymark_core::protocol::Attrs::new();
    for key in ALLOWED_ATTRS {
        if rng.chance(25) {
            let v = if key == "href" {
                match rng.below(3) {
                    0 => format!("https://{host}/{}", ident(rng, 30)),
                    1 => format!("#{}", ident(rng, 30)),
                    _ => format!("/{}", ident(rng, 30)),
                }
            } else {
                text(rng, 60, false)
            };
            attrs.insert(key.to_string(), v);
        }
    }
    let locator = RecordedLocator {
        tag: rng
            .pick(&["a", "button", "div", "span", "input", ""])
            .into(),
        role: rng
            .pick(&["link", "button", "menuitem", "tab", "row", "x"])
            .into(),
        name: if rng.chance(50) {
            label.clone()
        } else {
            text(rng, MAX_LOCATOR_TEXT, false)
        },
        text: if rng.chance(50) {
            label.clone()
        } else {
            text(rng, MAX_LOCATOR_TEXT, false)
        },
        attrs,
    };
    // A label is a fact of its locator (issue 13 item 4): empty, or what a
    // recording takes from the locator.
    let label = if rng.chance(10) {
        String::new()
    } else {
        locator.label()
    };
    RecordedStep {
        // Waymark's own instruction (no text) or the sender's.
        text: if rng.chance(50) {
            None
        } else {
            let t = text(rng, MAX_STEP_TEXT, true);
            Some(if t.trim().is_empty() {
                "Click it".into()
            } else {
                t
            })
        },
        locator,
        label,
        host,
        path,
    }
}

fn guide(rng: &mut Rng) -> SharedGuide {
    if rng.chance(30) {
        return SharedGuide::Builtin {
            guide_id: ident(rng, 64),
            from_step: rng.chance(50).then(|| ident(rng, 64)),
            note: text(rng, MAX_NOTE, true),
            route: rng.chance(50).then(|| ident(rng, 64)),
        };
    }
    let n = 1 + match rng.below(3) {
        0 => rng.below(MAX_STEPS),
        _ => rng.below(8),
    };
    let mut steps: Vec<RecordedStep> = Vec::new();
    for _ in 0..n {
        let s = step(rng, steps.last());
        steps.push(s);
    }
    SharedGuide::Recorded(RecordedGuide {
        title: text(rng, MAX_TITLE, false),
        note: text(rng, MAX_NOTE, true),
        steps,
    })
}

#[test]
fn share_round_trip_property() {
    let (mut ok, mut too_large) = (0, 0);
    for seed in 1..=3000u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let g = guide(&mut rng);
        g.validate()
            .unwrap_or_else(|e| panic!("seed {seed}: generator made an invalid guide: {e}"));
        match encode(&g) {
            Ok(code) => {
                ok += 1;
                assert!(code.starts_with(PREFIX));
                assert!(code.len() <= 8192, "seed {seed}: {} bytes", code.len());
                assert!(
                    code.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
                    "seed {seed}: {code}"
                );
                assert_eq!(decode(&code).as_ref(), Ok(&g), "seed {seed}");
                // Mangled the way chat and mail mangle it: still the same.
                let mangled = format!(
                    "\n> {}\u{a0}\n",
                    code.to_lowercase()
                        .replace('-', " ")
                        .replacen(' ', "\r\n", 3)
                );
                assert_eq!(decode(&mangled).as_ref(), Ok(&g), "seed {seed}");
                // Damaged: one random character changed, or the end cut off.
                let chars: Vec<char> = code.chars().collect();
                let i = PREFIX.len() + rng.below(chars.len() - PREFIX.len());
                if chars[i] != '-' {
                    let mut bad = chars.clone();
                    bad[i] = if chars[i] == 'Z' { '0' } else { 'Z' };
                    let bad: String = bad.into_iter().collect();
                    let e = decode(&bad).unwrap_err();
                    assert!(
                        ["damaged", "truncated"].contains(&e.kind()),
                        "seed {seed}: {e:?}"
                    );
                }
                let cut = PREFIX.len() + rng.below(chars.len() - PREFIX.len());
                let short: String = chars[..cut].iter().collect();
                assert!(decode(&short).is_err(), "seed {seed}: cut at {cut}");
            }
            Err(ShareError::TooLarge { .. }) => too_large += 1,
            Err(e) => panic!("seed {seed}: {e}"),
        }
    }
    // Both paths must be exercised: most guides fit, maximal ones do not.
    assert!(
        ok >= 2000 && too_large > 0,
        "{ok} round trips, {too_large} too large"
    );
    println!("{ok} round trips, {too_large} refused as too large");
}

#[test]
fn share_every_truncation_is_refused() {
    let mut rng = Rng(42);
    let mut steps: Vec<RecordedStep> = Vec::new();
    for _ in 0..6 {
        let s = step(&mut rng, steps.last());
        steps.push(s);
    }
    let code = encode(&SharedGuide::Recorded(RecordedGuide {
        title: "t".into(),
        note: String::new(),
        steps,
    }))
    .unwrap();
    let significant = code.trim_end_matches('-');
    for cut in 0..significant.len() {
        let e = decode(&significant[..cut]).unwrap_err();
        assert!(
            ["empty", "not-a-code", "truncated", "damaged"].contains(&e.kind()),
            "cut {cut}: {e:?}"
        );
    }
}

#[test]
fn share_decode_bounds_work_on_huge_input() {
    let huge = format!("WAYMARK1-{}", "A".repeat(MAX_INPUT_BYTES));
    assert_eq!(decode(&huge).unwrap_err().kind(), "too-large");
}

#[test]
fn share_error_messages_are_sentences() {
    let e = decode("WAYMARK1-ABCDE-FGHJK").unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("This code"), "{msg}");
    assert!(msg.ends_with('.'), "{msg}");
    assert_eq!(
        decode("WAYMARK7-ABC").unwrap_err().to_string(),
        "This code was made by a different version of Waymark (format 7; this one reads format 1). Update Waymark, or ask the sender for a code from the same version."
    );
}

// ---------------------------------------------------------------------------
// Recording and redaction
// ---------------------------------------------------------------------------

fn facts(tag: &str, role: &str, name: &str, attrs: &[(&str, &str)]) -> ElementFacts {
    ElementFacts {
        tag: tag.into(),
        role: role.into(),
        name: name.into(),
        text: name.into(),
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        visible: true,
        ..ElementFacts::default()
    }
}

fn secrets() -> KnownSecrets {
    KnownSecrets {
        tenants: vec!["Contoso Ltd".into()],
        users: vec!["Adele Vance".into()],
        ..KnownSecrets::default()
    }
}

#[test]
fn share_recording_redacts_and_reports_what() {
    let mut r = Recording::new(secrets());
    let v = record_click(
        &mut r,
        "https://portal.azure.com/?l=en#@contoso.onmicrosoft.com/view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/6f1e2a90-1b7c-4f9e-9d3e-0a1b2c3d4e5f",
        &facts(
            "button",
            "button",
            "Adele Vance adele@contoso.onmicrosoft.com",
            &[
                ("aria-label", "Open Adele Vance"),
                ("data-automation-id", "userRow"),
                ("class", "ms-Button root-123"),
                ("value", "x"),
            ],
        ),
    )
    .unwrap();
    let s = &v.step;
    assert_eq!(
        s.path,
        "/#@[tenant]/view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/[id]"
    );
    assert_eq!(s.label, "[user] [email]");
    // Waymark's instruction, a message worded from the (redacted) label.
    assert_eq!(s.text, None);
    // aria-label held a user name: dropped whole (exact-match attribute);
    // class and value are not on the allow-list.
    assert_eq!(
        s.locator.attrs.keys().collect::<Vec<_>>(),
        vec!["data-automation-id"]
    );
    let kinds: Vec<(RedactionKind, &str)> = v
        .redactions
        .iter()
        .map(|r| (r.kind, r.field.as_str()))
        .collect();
    assert!(kinds.contains(&(RedactionKind::TenantDomain, "path")));
    assert!(kinds.contains(&(RedactionKind::Guid, "path")));
    assert!(kinds.contains(&(RedactionKind::UserName, "name")));
    assert!(kinds.contains(&(RedactionKind::Email, "name")));
    assert!(kinds.contains(&(RedactionKind::UserName, "attribute aria-label")));
    // The originals are nowhere, not even in the persisted recording.
    let persisted = serde_json::to_string(&r).unwrap();
    for secret_part in ["adele@", "6f1e2a90", "contoso.onmicrosoft", "Open Adele"] {
        assert!(
            !persisted.contains(secret_part),
            "{secret_part} in {persisted}"
        );
    }
    // Redacted step texts match the real ones on another tenant's portal.
    assert!(matches_redacted(&s.label, "Megan Bowen megan@fabrikam.com"));
}

#[test]
fn share_recording_never_keeps_typed_text() {
    let mut r = Recording::default();
    // A contenteditable box: its "visible text" is what was typed.
    let mut f = facts(
        "div",
        "textbox",
        "my secret draft",
        &[("title", "my secret draft")],
    );
    f.text = "my secret draft".into();
    let v = record_click(&mut r, "https://admin.microsoft.com/#/users", &f).unwrap();
    assert_eq!(v.step.locator.text, "");
    assert_eq!(v.step.locator.name, "");
    assert!(v.step.locator.attrs.is_empty());
    assert_eq!(v.step.label, "");
    // A search box labelled by aria-label keeps its (attribute) name.
    let f = facts(
        "input",
        "searchbox",
        "Search resources, services, and docs (G+/)",
        &[
            ("aria-label", "Search resources, services, and docs (G+/)"),
            ("type", "text"),
        ],
    );
    let v = record_click(&mut r, "https://portal.azure.com/#home", &f).unwrap();
    assert_eq!(v.step.label, "Search resources, services, and docs (G+/)");
    assert_eq!(v.step.locator.text, "");
}

#[test]
fn share_recording_refuses_and_changes_nothing() {
    let mut r = Recording::default();
    let f = facts("button", "button", "Next", &[]);
    for url in [
        "https://login.microsoftonline.com/common/login",
        "https://login.live.com/",
        "https://x.login.microsoft.com/",
    ] {
        assert_eq!(
            record_click(&mut r, url, &f),
            Err(RecordRefusal::SignInPage)
        );
    }
    for url in [
        "https://example.com/",
        "https://www.microsoft.com/en-us/windows",
        "http://portal.azure.com/",
    ] {
        assert!(record_click(&mut r, url, &f).is_err(), "{url}");
    }
    assert!(r.is_empty());
    // Hostile link and text: dropped or neutralised, never kept as is.
    let f = facts(
        "a",
        "link",
        "Start\u{202e} free\u{7}",
        &[("href", "javascript:alert(1)"), ("title", "x")],
    );
    let v = record_click(&mut r, "https://azure.microsoft.com/en-us/free/", &f).unwrap();
    assert_eq!(v.step.label, "Start free");
    assert!(!v.step.locator.attrs.contains_key("href"));
    for _ in 0..(MAX_STEPS - 1) {
        let f = facts("button", "button", &format!("B{}", r.len()), &[]);
        record_click(&mut r, "https://portal.azure.com/#home", &f).unwrap();
    }
    assert_eq!(
        record_click(
            &mut r,
            "https://portal.azure.com/#home",
            &facts("a", "link", "more", &[])
        ),
        Err(RecordRefusal::TooManySteps)
    );
    assert!(encode(&SharedGuide::Recorded(r.to_guide())).is_ok());
}

#[test]
fn share_recording_edits_with_bounds() {
    let mut r = Recording::new(secrets());
    for name in ["One", "Two", "Three"] {
        record_click(
            &mut r,
            "https://portal.azure.com/#home",
            &facts("button", "button", name, &[]),
        )
        .unwrap();
    }
    let before = r.clone();
    assert!(matches!(
        r.apply(&RecordEdit::Delete { index: 3 }),
        Err(EditError::NoSuchStep { index: 3, len: 3 })
    ));
    assert!(r.apply(&RecordEdit::Move { from: 0, to: 9 }).is_err());
    assert!(r
        .apply(&RecordEdit::Move {
            from: u32::MAX,
            to: 0
        })
        .is_err());
    assert!(r
        .apply(&RecordEdit::SetText {
            index: 0,
            text: " \n ".into()
        })
        .is_err());
    assert!(r
        .apply(&RecordEdit::SetText {
            index: 0,
            text: "x".repeat(MAX_STEP_TEXT + 1)
        })
        .is_err());
    assert_eq!(r, before, "refused edits change nothing");

    r.apply(&RecordEdit::Move { from: 0, to: 2 }).unwrap();
    let labels: Vec<String> = r.steps().into_iter().map(|v| v.step.label).collect();
    assert_eq!(labels, ["Two", "Three", "One"]);
    r.apply(&RecordEdit::Delete { index: 1 }).unwrap();
    let v = r
        .set_step_text(0, "Ask Adele Vance (adele@contoso.com) to\nclick Two")
        .unwrap();
    assert_eq!(
        v.step.text.as_deref(),
        Some("Ask [user] ([email]) to\nclick Two")
    );
    assert_eq!(v.redactions.len(), 2);
    assert_eq!(r.set_note("For Contoso Ltd").unwrap().len(), 1);
    assert_eq!(r.note(), "For [tenant]");
    assert_eq!(
        EditError::NoSuchStep { index: 4, len: 2 }.to_string(),
        "There is no step 5 (the recording has 2 steps)."
    );
}

#[test]
fn share_secrets_learned_later_redact_earlier_steps() {
    let mut r = Recording::default();
    record_click(
        &mut r,
        "https://portal.azure.com/#home",
        &facts(
            "button",
            "button",
            "Switch to Fabrikam Inc",
            &[("title", "Fabrikam Inc")],
        ),
    )
    .unwrap();
    let added = r.set_secrets(KnownSecrets {
        tenants: vec!["Fabrikam Inc".into()],
        ..KnownSecrets::default()
    });
    assert!(added >= 3, "{added}");
    let v = &r.steps()[0];
    assert_eq!(v.step.label, "Switch to [tenant]");
    assert!(!v.step.locator.attrs.contains_key("title"));
    assert!(encode(&SharedGuide::Recorded(r.to_guide())).is_ok());
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

fn hostile_export() -> ExportGuide {
    ExportGuide {
        title: "<script>alert(1)</script> & *bold*".into(),
        note: "Line one\n# not a heading\n[link](javascript:alert(1))".into(),
        steps: vec![ExportStep {
            title: "Click \"Start\" <img src=x onerror=alert(1)>".into(),
            where_: "portal.azure.com/#view/x?y=<b>".into(),
            instruction: "1. Do `this` | that\u{202e}".into(),
            warning: Some("Don't fill in the <form>".into()),
        }],
    }
}

#[test]
fn share_html_export_escapes_everything_and_allows_only_png() {
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==".to_string();
    let html = to_html(
        &hostile_export(),
        &[Some(png.clone())],
        &ExportWords::english(),
    );
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"
    ));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<b>"));
    assert!(!html.contains("\u{202e}"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold*"));
    assert!(html.contains("Click &quot;Start&quot; &lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains(&format!("<img src=\"{png}\"")));
    // Anything but a PNG data URL is left out.
    for bad in [
        "https://evil.example/x.png",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "data:image/png;base64,iVBORw0KGgo\"><script>alert(1)</script>",
        "data:text/html;base64,iVBORw0KGgo=",
    ] {
        let html = to_html(
            &hostile_export(),
            &[Some(bad.into())],
            &ExportWords::english(),
        );
        assert!(
            !html.contains("evil.example") && !html.contains("svg") && !html.contains("<script>"),
            "{bad}"
        );
        assert!(html.contains("Screenshot left out"));
    }
    // Fewer screenshots than steps, or more: fine.
    assert!(!to_html(&hostile_export(), &[], &ExportWords::english()).contains("<img"));
    let _ = to_html(
        &hostile_export(),
        &[None, None, Some(png)],
        &ExportWords::english(),
    );
}

#[test]
fn share_markdown_export_escapes_control_characters() {
    let md = to_markdown(&hostile_export(), &ExportWords::english());
    assert!(
        md.starts_with("# \\<script\\>alert\\(1\\)\\</script\\> \\& \\*bold\\*\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "> Line one  \n> \\# not a heading  \n> \\[link\\]\\(javascript\\:alert\\(1\\)\\)"
        ),
        "{md}"
    );
    assert!(md.contains("1\\. Do \\`this\\` \\| that\n"), "{md}");
    assert!(!md.contains('\u{202e}'));
    assert!(
        md.contains("> **Warning\\:** Don\\'t fill in the \\<form\\>"),
        "{md}"
    );
    // Every untrusted '<' is escaped: no raw HTML reaches a renderer.
    assert_eq!(md.matches('<').count(), md.matches("\\<").count());
}

#[test]
fn share_export_from_recorded_guide() {
    let mut r = Recording::default();
    r.set_title("Find *your* role").unwrap();
    record_click(
        &mut r,
        "https://portal.azure.com/#home",
        &facts(
            "a",
            "link",
            "Microsoft Entra ID",
            &[("href", "/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade")],
        ),
    )
    .unwrap();
    let g = ExportGuide::from_recorded(&r.to_guide(), &ExportWords::english());
    assert_eq!(g.steps[0].where_, "portal.azure.com/#home");
    let md = to_markdown(&g, &ExportWords::english());
    assert!(md.contains("# Find \\*your\\* role"));
    assert!(md.contains("## 1\\. Microsoft Entra ID"));
}
