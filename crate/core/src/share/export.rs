//! Export any guide (built-in or recorded) as Markdown or as one
//! self-contained HTML page, for tickets and knowledge bases.
//!
//! All guide text is untrusted here (a recorded label is page text; a shared
//! guide came from a stranger): Markdown escapes every character Markdown
//! gives a meaning to, HTML escapes every character HTML does, and the page
//! carries a CSP that forbids scripts and any load but inline images.

use super::model::{is_forbidden_char, RecordedGuide};
pub use crate::protocol::ExportWords;

/// What the engine fills from a built-in or a recorded guide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportGuide {
    pub title: String,
    pub note: String,
    pub steps: Vec<ExportStep>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportStep {
    pub title: String,
    /// Where the step happens: "portal.azure.com — Microsoft Entra ID".
    pub where_: String,
    pub instruction: String,
    pub warning: Option<String>,
}

pub use crate::protocol::MAX_SCREENSHOT_BYTES;

const PNG_DATA_PREFIX: &str = "data:image/png;base64,";
/// Base64 of the 8-byte PNG signature plus the first 3 bytes of the IHDR
/// length: every PNG data URL starts with this.
const PNG_BASE64_MAGIC: &str = "iVBORw0KGgo";

impl ExportGuide {
    /// The export view of a recorded guide.
    pub fn from_recorded(g: &RecordedGuide, words: &ExportWords) -> ExportGuide {
        ExportGuide {
            title: if g.title.is_empty() {
                words.recorded.clone()
            } else {
                g.title.clone()
            },
            note: g.note.clone(),
            steps: g
                .steps
                .iter()
                .map(|s| {
                    // The sender's words, else Waymark's in the panel's
                    // language ("Click \u{201c}$1\u{201d}", the label).
                    let instruction = match (&s.text, s.label.trim()) {
                        (Some(own), _) => own.clone(),
                        (None, "") => words.click_unnamed.clone(),
                        (None, label) if words.click.is_empty() => label.to_string(),
                        (None, label) => words.click.replace("$1", label),
                    };
                    ExportStep {
                        title: if s.label.is_empty() {
                            instruction.lines().next().unwrap_or("").to_string()
                        } else {
                            s.label.clone()
                        },
                        where_: format!("{}{}", s.host, s.path),
                        instruction,
                        warning: None,
                    }
                })
                .collect(),
        }
    }
}

/// Drop characters no export should carry (controls, direction overrides).
fn clean(s: &str, keep_newlines: bool) -> String {
    s.chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| !is_forbidden_char(c, keep_newlines) || c == '\t')
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// Escape one line of untrusted text for Markdown (CommonMark + GFM): every
/// ASCII punctuation character with a meaning gets a backslash, which
/// CommonMark guarantees is always a literal.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in clean(s, false).chars() {
        if "\\`*_{}[]()<>#+-.!|~&=:\"'$^@".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Several lines of untrusted text as Markdown, each line escaped, with hard
/// line breaks kept as such. `prefix` starts every line (for quotes).
fn markdown_lines(s: &str, prefix: &str) -> String {
    let cleaned = clean(s, true);
    cleaned
        .lines()
        .map(|l| format!("{prefix}{}", escape_markdown(l.trim())))
        .collect::<Vec<_>>()
        .join("  \n")
}

/// The guide as Markdown.
pub fn to_markdown(guide: &ExportGuide, words: &ExportWords) -> String {
    let mut out = format!("# {}\n\n", escape_markdown(&guide.title));
    if !guide.note.trim().is_empty() {
        out.push_str(&markdown_lines(&guide.note, "> "));
        out.push_str("\n\n");
    }
    for (i, step) in guide.steps.iter().enumerate() {
        out.push_str(&format!(
            "## {}\\. {}\n\n",
            i + 1,
            escape_markdown(&step.title)
        ));
        if !step.where_.is_empty() {
            out.push_str(&format!(
                "{}{}\n\n",
                label_md(&words.where_, "*"),
                escape_markdown(&step.where_)
            ));
        }
        out.push_str(&markdown_lines(&step.instruction, ""));
        out.push_str("\n\n");
        if let Some(w) = step.warning.as_deref().filter(|w| !w.trim().is_empty()) {
            out.push_str(&format!(
                "> {}{}\n\n",
                label_md(&words.warning, "**"),
                markdown_lines(w, "")
            ));
        }
    }
    if !words.footer.is_empty() {
        out.push_str(&format!("*{}*\n", escape_markdown(&words.footer)));
    }
    out
}

/// A label ("Where:") in Markdown emphasis (`mark`), then a space; nothing
/// when the panel sent no word for it.
fn label_md(word: &str, mark: &str) -> String {
    if word.is_empty() {
        String::new()
    } else {
        format!("{mark}{}{mark} ", escape_markdown(word))
    }
}

/// Escape text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in clean(s, true).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn html_lines(s: &str) -> String {
    escape_html(s.trim()).replace('\n', "<br>")
}

/// A screenshot is embedded only if it is a PNG data URL: the right prefix,
/// strict base64 (no white space, padding only at the end), the PNG
/// signature, and under the size cap. Anything else is left out.
pub fn valid_png_data_url(url: &str) -> bool {
    let Some(b64) = url.strip_prefix(PNG_DATA_PREFIX) else {
        return false;
    };
    if url.len() > MAX_SCREENSHOT_BYTES || b64.len() % 4 != 0 || !b64.starts_with(PNG_BASE64_MAGIC)
    {
        return false;
    }
    let body = b64.trim_end_matches('=');
    b64.len() - body.len() <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

const STYLE: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}\
h1{font-size:1.6rem;margin-bottom:.5rem}\
.note{border-left:4px solid #0f6cbd;padding:.25rem .75rem;background:#f0f6fc;white-space:normal}\
ol{padding-left:1.4rem}li{margin:1.25rem 0}\
h2{font-size:1.1rem;margin:0 0 .25rem}\
.where{color:#555;font-size:.9rem;word-break:break-all;margin:0 0 .5rem}\
.warning{border:2px solid #c50f1f;background:#fdf3f4;padding:.5rem .75rem;font-weight:600}\
img{max-width:100%;border:1px solid #ccc;margin-top:.5rem}\
.missing{color:#777;font-style:italic}\
footer{margin-top:2rem;color:#777;font-size:.85rem}\
@media (prefers-color-scheme:dark){body{background:#1b1b1b;color:#eee}.note{background:#0b2740}.warning{background:#3b0a10}.where,.missing,footer{color:#aaa}}";

/// The guide as one self-contained HTML page. `screenshots[i]` is the
/// optional screenshot of step i (a `data:image/png;base64,` URL); invalid
/// ones are replaced by a short note instead of being embedded.
pub fn to_html(guide: &ExportGuide, screenshots: &[Option<String>], words: &ExportWords) -> String {
    let title = escape_html(&guide.title);
    let mut out = String::with_capacity(4096);
    let lang = crate::protocol::language_tag(&words.lang);
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        if lang.is_empty() { "en" } else { &lang }
    ));
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    ));
    out.push_str(&format!("<h1>{title}</h1>\n"));
    if !guide.note.trim().is_empty() {
        out.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            html_lines(&guide.note)
        ));
    }
    out.push_str("<ol>\n");
    for (i, step) in guide.steps.iter().enumerate() {
        out.push_str(&format!("<li>\n<h2>{}</h2>\n", escape_html(&step.title)));
        if !step.where_.is_empty() {
            out.push_str(&format!(
                "<p class=\"where\">{}</p>\n",
                escape_html(&step.where_)
            ));
        }
        out.push_str(&format!("<p>{}</p>\n", html_lines(&step.instruction)));
        if let Some(w) = step.warning.as_deref().filter(|w| !w.trim().is_empty()) {
            out.push_str(&format!(
                "<p class=\"warning\" role=\"note\">{}</p>\n",
                html_lines(w)
            ));
        }
        match screenshots.get(i).and_then(Option::as_deref) {
            Some(url) if valid_png_data_url(url) => {
                let alt = words
                    .shot
                    .replace("$1", &(i + 1).to_string())
                    .replace("$2", &step.title);
                out.push_str(&format!(
                    "<img src=\"{url}\" alt=\"{}\">\n",
                    escape_html(&alt)
                ))
            }
            Some(_) => out.push_str(&format!(
                "<p class=\"missing\">{}</p>\n",
                escape_html(&words.shot_missing)
            )),
            None => {}
        }
        out.push_str("</li>\n");
    }
    out.push_str(&format!(
        "</ol>\n<footer>{}</footer>\n</body>\n</html>\n",
        escape_html(&words.footer)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_data_urls_are_checked() {
        assert!(valid_png_data_url(
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="
        ));
        assert!(!valid_png_data_url(
            "data:image/svg+xml;base64,iVBORw0KGgo="
        ));
        assert!(!valid_png_data_url(
            "data:image/png;base64,iVBORw0KGgo\" onerror=\"x"
        ));
        assert!(!valid_png_data_url("data:image/png;base64,AAAAAAAA"));
        assert!(!valid_png_data_url("javascript:alert(1)"));
    }
}
