//! An element's ARIA role, as the engine uses it. The content script reports
//! only the explicit `role` attribute (its first token, lower-case): the
//! implicit roles of HTML elements (HTML-AAM) are worked out here, from the
//! tag and the reported `type` and `href` attributes, so that their tables do
//! not weigh on the script every page loads (issue 12, the 6 KB budget).
//!
//! Two implicit roles need facts that are not reported, and are not given:
//! `<img alt="">` (presentation) reads as `img`, and a `<select multiple>`
//! (listbox) as `combobox`.

use crate::protocol::{Attrs, ElementFacts};

/// The implicit ARIA role of an element with this (lower-case) tag and these
/// attributes, or "" where HTML gives it none worth naming.
pub fn implicit_role(tag: &str, attrs: &Attrs) -> &'static str {
    match tag {
        "input" => input_role(attrs.get("type").map(String::as_str).unwrap_or("text")),
        "a" | "area" if attrs.get("href").is_some() => "link",
        "button" | "summary" => "button",
        "select" => "combobox",
        "textarea" => "textbox",
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "heading",
        "tr" => "row",
        "td" => "cell",
        "th" => "columnheader",
        "table" => "table",
        "tbody" | "thead" | "tfoot" => "rowgroup",
        "ul" | "ol" | "menu" => "list",
        "li" => "listitem",
        "nav" => "navigation",
        "main" => "main",
        "header" => "banner",
        "footer" => "contentinfo",
        "form" => "form",
        "img" => "img",
        "dialog" => "dialog",
        "aside" => "complementary",
        "section" => "region",
        "article" => "article",
        "option" => "option",
        "hr" => "separator",
        "progress" => "progressbar",
        "fieldset" | "details" => "group",
        "output" => "status",
        "search" => "search",
        _ => "",
    }
}

/// Roles of `<input type=…>`: a type not listed is a text box.
fn input_role(input_type: &str) -> &'static str {
    match input_type.trim().to_ascii_lowercase().as_str() {
        "button" | "submit" | "reset" | "image" => "button",
        "checkbox" => "checkbox",
        "radio" => "radio",
        "search" => "searchbox",
        "number" => "spinbutton",
        "range" => "slider",
        "hidden" | "file" | "color" => "",
        _ => "textbox",
    }
}

impl ElementFacts {
    /// The element's role: the explicit one the page gave, else its tag's
    /// implicit role. Locators and recordings compare this; fingerprints keep
    /// the reported (explicit) role, which the content script compares.
    pub fn aria_role(&self) -> &str {
        if self.role.is_empty() {
            implicit_role(&self.tag, &self.attrs)
        } else {
            &self.role
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(tag: &str, role: &str, attrs: &[(&str, &str)]) -> ElementFacts {
        ElementFacts {
            tag: tag.into(),
            role: role.into(),
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn explicit_first_then_the_implicit_role_of_the_tag() {
        let cases = [
            (facts("div", "tab", &[]), "tab"),
            (facts("button", "menuitem", &[]), "menuitem"),
            (facts("a", "", &[("href", "/x")]), "link"),
            (facts("a", "", &[]), ""),
            (facts("area", "", &[("href", "#")]), "link"),
            (facts("button", "", &[]), "button"),
            (facts("input", "", &[]), "textbox"),
            (facts("input", "", &[("type", "Checkbox")]), "checkbox"),
            (facts("input", "", &[("type", "search")]), "searchbox"),
            (facts("input", "", &[("type", "submit")]), "button"),
            (facts("input", "", &[("type", "hidden")]), ""),
            (facts("input", "", &[("type", "email")]), "textbox"),
            (facts("select", "", &[]), "combobox"),
            (facts("textarea", "", &[]), "textbox"),
            (facts("img", "", &[]), "img"),
            (facts("h3", "", &[]), "heading"),
            (facts("tr", "", &[]), "row"),
            (facts("summary", "", &[]), "button"),
            (facts("div", "", &[]), ""),
        ];
        for (f, role) in cases {
            assert_eq!(f.aria_role(), role, "{} {:?}", f.tag, f.attrs);
        }
    }
}
