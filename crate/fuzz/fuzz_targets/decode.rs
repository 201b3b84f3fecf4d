//! Fuzz the share-code decoder. Two modes:
//! - text (any input not starting with a 0 byte): the input is pasted as a
//!   code (lossy UTF-8), which exercises prefix parsing, base32, length and
//!   checksum; the bad-code corpus seeds this mode as is;
//! - body (a 0 byte, then the body): the body is framed with a correct
//!   length and checksum first, so that the fuzzer reaches the binary reader
//!   and the validation rules, which a random checksum would almost never
//!   let it see. `fuzz/seeds/decode/` seeds this mode.
//! - stuck body (a 1 byte, then the body): framed as format 2, for the
//!   "where I am stuck" reader (`share::stuck`).
//!
//! Properties: decode never panics; whatever it accepts is a valid guide
//! that encodes again (within the size limit) and decodes to itself, and
//! that both exports render; whatever `decode_any` accepts as a stuck
//! report is valid and encodes again to the same report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waymark_core::share::codec::frame_unchecked;
use waymark_core::share::stuck::{self, STUCK_VERSION};
use waymark_core::share::{
    decode, decode_any, encode, to_html, to_markdown, Code, ExportGuide, ExportWords, SharedGuide,
};

fuzz_target!(|data: &[u8]| {
    let text = match data.split_first() {
        Some((0, body)) => frame_unchecked(1, body),
        Some((1, body)) => frame_unchecked(STUCK_VERSION, body),
        _ => String::from_utf8_lossy(data).into_owned(),
    };
    if let Ok(Code::Stuck(r)) = decode_any(&text) {
        stuck::validate(&r).expect("decode_any returned an invalid report");
        let again = stuck::encode(&r).expect("a decoded report must encode again");
        assert_eq!(decode_any(&again), Ok(Code::Stuck(r)), "round trip");
        return;
    }
    let Ok(guide) = decode(&text) else {
        return;
    };
    guide.validate().expect("decode returned an invalid guide");
    let again = encode(&guide).expect("a decoded guide must encode again");
    assert_eq!(decode(&again).as_ref(), Ok(&guide), "round trip");
    if let SharedGuide::Recorded(g) = &guide {
        let export = ExportGuide::from_recorded(g, &ExportWords::english());
        let html = to_html(&export, &[], &ExportWords::english());
        assert!(!html.contains("<script"));
        let _ = to_markdown(&export, &ExportWords::english());
    }
});
