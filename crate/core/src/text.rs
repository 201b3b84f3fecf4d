//! Small text helpers shared by the engine and the share code.

use crate::protocol::{msg, Text};

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

/// An element as a person reads it, from its ARIA role and accessible name,
/// as a message: "the button \u{201c}Delete\u{201d}", "the menu item
/// \u{201c}Users\u{201d}", "an unnamed link". The role is a message
/// (`ariaRole_menuitem`: "menu item") for the roles listed, else the role
/// as the page gave it. Names are clipped to 80 characters.
pub fn element_phrase(role: &str, name: &str) -> Text {
    const NAMED_ROLES: [&str; 28] = [
        "button",
        "cell",
        "checkbox",
        "columnheader",
        "combobox",
        "dialog",
        "gridcell",
        "heading",
        "img",
        "link",
        "listbox",
        "listitem",
        "menu",
        "menuitem",
        "navigation",
        "option",
        "radio",
        "row",
        "rowheader",
        "searchbox",
        "spinbutton",
        "switch",
        "tab",
        "textbox",
        "treeitem",
        "menuitemcheckbox",
        "menuitemradio",
        "region",
    ];
    let role: Text = match role.trim() {
        "" | "generic" | "presentation" | "none" => msg("ariaRole_element", []),
        "menuitemcheckbox" | "menuitemradio" => msg("ariaRole_menuitem", []),
        r if NAMED_ROLES.contains(&r) => msg(&format!("ariaRole_{r}"), []),
        r => r.into(),
    };
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        msg("elementUnnamed", [role])
    } else {
        msg("elementNamed", [role, clip(&name, 80).into()])
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
        assert_eq!(element_phrase("", ""), "an unnamed element");
        assert_eq!(element_phrase("link", ""), "an unnamed link");
        assert_eq!(
            element_phrase("doc-note", "x"),
            "the doc-note \u{201c}x\u{201d}"
        );
    }
}
