//! The store zips, written with the `zip` crate (deflate only), byte for byte
//! reproducible: entries in sorted path order, every entry stamped
//! 1980-01-01 00:00 (the earliest MS-DOS date, the zip format's zero) with
//! permissions rw-r--r--, no extra fields, so the same folder gives the same
//! bytes on every build and every machine.

use crate::util::{self, Result};
use anyhow::{bail, Context};
use std::io::{Cursor, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The options of every entry: what makes the output reproducible.
fn entry_options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
        .large_file(false)
}

/// Build a zip archive from (path inside the archive, contents) pairs.
pub fn build(mut files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>> {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(w) = files.windows(2).find(|w| w[0].0 == w[1].0) {
        bail!("{} is in the archive twice", w[0].0);
    }
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in &files {
        zip.start_file(name.as_str(), entry_options())
            .with_context(|| format!("zip: {name}"))?;
        zip.write_all(data)
            .with_context(|| format!("zip: {name}"))?;
    }
    Ok(zip.finish().context("zip: central directory")?.into_inner())
}

/// Zip every file under `dir`, with paths relative to it ('/' separated), so
/// that manifest.json sits at the archive root as the stores require.
pub fn zip_dir(dir: &Path) -> Result<Vec<u8>> {
    fn walk(base: &Path, dir: &Path, files: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        for e in std::fs::read_dir(dir).with_context(|| format!("read {}", dir.display()))? {
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
    use std::io::Read;
    use zip::ZipArchive;

    /// Read the archive back with the crate's reader: names in order, the
    /// contents, and the fixed time, method and permissions of each entry.
    fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut f = archive.by_index(i).unwrap();
                assert_eq!(f.compression(), CompressionMethod::Deflated);
                assert_eq!(f.last_modified(), Some(DateTime::default()));
                assert_eq!(f.unix_mode(), Some(0o100644));
                let mut data = Vec::new();
                f.read_to_end(&mut data).unwrap();
                (f.name().unwrap().to_string(), data)
            })
            .collect()
    }

    #[test]
    fn round_trips_sorted_and_is_deterministic() {
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

    #[test]
    fn a_duplicate_path_is_refused() {
        let f = ("a.txt".to_string(), b"a".to_vec());
        assert!(build(vec![f.clone(), f]).is_err());
    }

    /// Two builds of the same folder, the second from copies written later
    /// with other permissions and mtimes, give the same bytes.
    #[test]
    fn a_folder_zips_to_the_same_bytes_whatever_its_mtimes_and_modes() {
        use std::os::unix::fs::PermissionsExt;
        let base = util::root().join("target/xtask/zip-test");
        let _ = std::fs::remove_dir_all(&base);
        let write_tree = |dir: &Path, mode: u32| {
            for (name, body) in [
                ("manifest.json", "{}".to_string()),
                ("icons/icon-16.png", "png".repeat(50)),
                ("_locales/en/messages.json", "{\"a\":1}".to_string()),
            ] {
                let p = dir.join(name);
                util::write(&p, body).unwrap();
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
            }
        };
        write_tree(&base.join("one"), 0o600);
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_tree(&base.join("two"), 0o755);
        let one = zip_dir(&base.join("one")).unwrap();
        let two = zip_dir(&base.join("two")).unwrap();
        assert_eq!(one, two);
        let names: Vec<String> = entries(&one).into_iter().map(|e| e.0).collect();
        assert_eq!(
            names,
            [
                "_locales/en/messages.json",
                "icons/icon-16.png",
                "manifest.json"
            ]
        );
        std::fs::remove_dir_all(&base).unwrap();
    }
}
