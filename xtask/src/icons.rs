//! The extension's icons, drawn at build time and written as PNG.
//!
//! Why generated: the repository keeps no binary blobs, and one vector
//! description gives crisp 16/32/48/128 px icons. The glyph is a map pin
//! (a waymark) in white on a rounded blue square, antialiased by 4x4
//! supersampling. Output is deterministic.

/// Icon sizes the manifest names (`icons/icon-<size>.png`).
pub const SIZES: [u32; 4] = [16, 32, 48, 128];

const BLUE: [u8; 3] = [0x0b, 0x5c, 0xad];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];

/// Which paint covers the point (x, y) in unit coordinates (0..1, y down).
/// None = transparent.
fn paint_at(x: f64, y: f64) -> Option<[u8; 3]> {
    // Rounded square, corner radius 0.2.
    let r = 0.2;
    let cx = x.clamp(r, 1.0 - r);
    let cy = y.clamp(r, 1.0 - r);
    if (x - cx).powi(2) + (y - cy).powi(2) > r * r {
        return None;
    }
    // Pin: a circle on top of a triangle pointing down, with a hole.
    let (px, py, pr) = (0.5, 0.40, 0.25);
    let d2 = (x - px).powi(2) + (y - py).powi(2);
    if d2 < 0.095f64.powi(2) {
        return Some(BLUE);
    }
    let in_circle = d2 < pr * pr;
    // Triangle from the circle's tangent band down to the tip at y = 0.88.
    let tip = 0.88;
    let in_triangle = y >= py && y <= tip && {
        let half = 0.215 * (tip - y) / (tip - py);
        (x - px).abs() <= half
    };
    if in_circle || in_triangle {
        Some(WHITE)
    } else {
        Some(BLUE)
    }
}

/// RGBA pixels of one icon.
fn draw(size: u32) -> Vec<u8> {
    const SS: u32 = 4;
    let mut px = Vec::with_capacity((size * size * 4) as usize);
    for j in 0..size {
        for i in 0..size {
            let (mut acc, mut hits) = ([0u32; 3], 0u32);
            for sj in 0..SS {
                for si in 0..SS {
                    let x = (f64::from(i * SS + si) + 0.5) / f64::from(size * SS);
                    let y = (f64::from(j * SS + sj) + 0.5) / f64::from(size * SS);
                    if let Some(c) = paint_at(x, y) {
                        for k in 0..3 {
                            acc[k] += u32::from(c[k]);
                        }
                        hits += 1;
                    }
                }
            }
            // Colour is the average of covered samples (straight alpha);
            // alpha is the coverage. No sample covered: transparent black.
            for a in acc {
                px.push(a.checked_div(hits).unwrap_or(0) as u8);
            }
            px.push((hits * 255 / (SS * SS)) as u8);
        }
    }
    px
}

/// Encode RGBA pixels as a PNG (8-bit RGBA) with the `png` crate. Its
/// output depends only on the pixels and these settings: deterministic.
pub fn encode_png(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::High);
    let mut writer = enc
        .write_header()
        .expect("writing a PNG header to a Vec cannot fail");
    writer
        .write_image_data(rgba)
        .expect("the pixel buffer has width * height * 4 bytes");
    writer.finish().expect("writing a PNG to a Vec cannot fail");
    out
}

/// (file name, PNG bytes) for every size.
pub fn all() -> Vec<(String, Vec<u8>)> {
    SIZES
        .iter()
        .map(|&s| (format!("icon-{s}.png"), encode_png(s, s, &draw(s))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_small_valid_pngs() {
        for (name, png) in all() {
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}");
            assert!(png.len() < 4096, "{name} is {} bytes", png.len());
            // IHDR width/height.
            let size: u32 = name
                .trim_start_matches("icon-")
                .trim_end_matches(".png")
                .parse()
                .unwrap();
            assert_eq!(&png[16..20], &size.to_be_bytes());
        }
    }

    /// What a browser decodes is exactly what was drawn.
    #[test]
    fn pngs_decode_to_the_drawn_pixels() {
        for (name, bytes) in all() {
            let size: u32 = name
                .trim_start_matches("icon-")
                .trim_end_matches(".png")
                .parse()
                .unwrap();
            let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
                .read_info()
                .unwrap();
            let mut buf = vec![0; reader.output_buffer_size().unwrap()];
            let info = reader.next_frame(&mut buf).unwrap();
            assert_eq!((info.width, info.height), (size, size), "{name}");
            assert_eq!(info.color_type, png::ColorType::Rgba, "{name}");
            assert_eq!(&buf[..info.buffer_size()], &draw(size)[..], "{name}");
        }
    }

    #[test]
    fn corners_are_transparent_and_centre_is_painted() {
        let px = draw(32);
        assert_eq!(px[3], 0, "top-left corner");
        let centre = ((16 * 32 + 16) * 4) as usize;
        assert_eq!(px[centre + 3], 255);
    }
}
