//! Small text helpers shared by the engine and the share code.

/// `s` cut to `max` characters, with an ellipsis when it was longer.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// An element as a person reads it, from its ARIA role and accessible name:
/// "the button \u{201c}Delete\u{201d}", "the menu item \u{201c}Users\u{201d}",
/// "a link (no name)". Names are clipped to 80 characters.
pub fn element_phrase(role: &str, name: &str) -> String {
    let role = match role.trim() {
        "" | "generic" | "presentation" | "none" => "element",
        "menuitem" => "menu item",
        "menuitemcheckbox" | "menuitemradio" => "menu item",
        "gridcell" => "grid cell",
        "treeitem" => "tree item",
        "columnheader" => "column header",
        "rowheader" => "row header",
        "combobox" => "combo box",
        "textbox" => "text box",
        "searchbox" => "search box",
        "spinbutton" => "number box",
        "listitem" => "list item",
        "img" => "image",
        r => r,
    };
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        let a = if role.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{a} {role} (no name)")
    } else {
        format!("the {role} \u{201c}{}\u{201d}", clip(&name, 80))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_read_as_role_and_name() {
        assert_eq!(
            element_phrase("button", "Delete"),
            "the button \u{201c}Delete\u{201d}"
        );
        assert_eq!(
            element_phrase("menuitem", " Users\n "),
            "the menu item \u{201c}Users\u{201d}"
        );
        assert_eq!(element_phrase("", ""), "an element (no name)");
        assert_eq!(element_phrase("link", ""), "a link (no name)");
    }
}
