//! A minimal, deterministic ZIP writer (deflate, no zip64, no encryption).
//!
//! Why not the `zip` CLI: a fresh machine may lack it. Why not the `zip`
//! crate: its feature set and default dependencies (bzip2, zstd, aes, ...)
//! change between majors; the store needs only deflate, which is ~100 lines
//! on top of flate2. Entries are written in sorted path order with a fixed
//! timestamp (1980-01-01), so the same input gives the same bytes.

use crate::util::Result;
use crate::{fail, util};
use flate2::{write::DeflateEncoder, Compression};
use std::io::Write;
use std::path::Path;

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
/// 1980-01-01 00:00 in MS-DOS date format; time 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Build a zip archive from (path inside the archive, contents) pairs.
pub fn build(mut files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>> {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in &files {
        if data.len() > u32::MAX as usize || out.len() > u32::MAX as usize {
            return Err(fail!("{name}: too large for a zip without zip64"));
        }
        let crc = crc32fast::hash(data);
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
        enc.write_all(data)?;
        let deflated = enc.finish()?;
        // Tiny files can grow when deflated; store those as they are.
        let (method, body): (u16, &[u8]) = if deflated.len() < data.len() {
            (8, &deflated)
        } else {
            (0, data)
        };
        let offset = out.len() as u32;
        // Bit 11: the name is UTF-8.
        let flags: u16 = 1 << 11;

        u32le(&mut out, LOCAL_SIG);
        u16le(&mut out, 20); // version needed: 2.0 (deflate)
        u16le(&mut out, flags);
        u16le(&mut out, method);
        u16le(&mut out, DOS_TIME);
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, crc);
        u32le(&mut out, body.len() as u32);
        u32le(&mut out, data.len() as u32);
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);

        u32le(&mut central, CENTRAL_SIG);
        u16le(&mut central, (3 << 8) | 20); // made by: Unix, 2.0
        u16le(&mut central, 20);
        u16le(&mut central, flags);
        u16le(&mut central, method);
        u16le(&mut central, DOS_TIME);
        u16le(&mut central, DOS_DATE);
        u32le(&mut central, crc);
        u32le(&mut central, body.len() as u32);
        u32le(&mut central, data.len() as u32);
        u16le(&mut central, name.len() as u16);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk number
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0o100644 << 16); // external: regular file, rw-r--r--
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let cd_len = central.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, END_SIG);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, files.len() as u16);
    u16le(&mut out, files.len() as u16);
    u32le(&mut out, cd_len);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0); // comment length
    Ok(out)
}

/// Zip every file under `dir`, with paths relative to it ('/' separated), so
/// that manifest.json sits at the archive root as the stores require.
pub fn zip_dir(dir: &Path) -> Result<Vec<u8>> {
    fn walk(base: &Path, dir: &Path, files: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            if p.is_dir() {
                walk(base, &p, files)?;
            } else {
                let rel = p.strip_prefix(base).expect("walk stays under base");
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                files.push((name, util::read(&p)?));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    build(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read the archive back with a tiny reader: proves the offsets, sizes and
    /// checksums are consistent, and that deflated data inflates to the input.
    fn entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        use flate2::read::DeflateDecoder;
        use std::io::Read;
        let rd16 = |o: usize| u16::from_le_bytes([zip[o], zip[o + 1]]) as usize;
        let rd32 = |o: usize| u32::from_le_bytes(zip[o..o + 4].try_into().unwrap()) as usize;
        let end = zip.len() - 22;
        assert_eq!(rd32(end) as u32, END_SIG);
        let count = rd16(end + 10);
        let mut cd = rd32(end + 16);
        let mut out = Vec::new();
        for _ in 0..count {
            assert_eq!(rd32(cd) as u32, CENTRAL_SIG);
            let method = rd16(cd + 10);
            let crc = rd32(cd + 16) as u32;
            let csize = rd32(cd + 20);
            let usize_ = rd32(cd + 24);
            let nlen = rd16(cd + 28);
            let off = rd32(cd + 42);
            let name = String::from_utf8(zip[cd + 46..cd + 46 + nlen].to_vec()).unwrap();
            assert_eq!(rd32(off) as u32, LOCAL_SIG);
            let data_at = off + 30 + rd16(off + 26) + rd16(off + 28);
            let body = &zip[data_at..data_at + csize];
            let data = if method == 8 {
                let mut v = Vec::new();
                DeflateDecoder::new(body).read_to_end(&mut v).unwrap();
                v
            } else {
                body.to_vec()
            };
            assert_eq!(data.len(), usize_);
            assert_eq!(crc32fast::hash(&data), crc);
            out.push((name, data));
            cd += 46 + nlen;
        }
        out
    }

    #[test]
    fn round_trips_and_is_deterministic() {
        let files = vec![
            ("manifest.json".to_string(), b"{}".to_vec()),
            ("engine/waymark.js".to_string(), b"export {};\n".repeat(100)),
        ];
        let a = build(files.clone()).unwrap();
        let b = build(files.into_iter().rev().collect()).unwrap();
        assert_eq!(a, b);
        let e = entries(&a);
        assert_eq!(e[0].0, "engine/waymark.js");
        assert_eq!(e[0].1, b"export {};\n".repeat(100));
        assert_eq!(e[1], ("manifest.json".to_string(), b"{}".to_vec()));
    }
}
