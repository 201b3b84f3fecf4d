//! The JSON shape of the guide schema (guide.rs), for the engine to read
//! the guides build.rs embeds. Apart from guide.rs because build.rs
//! includes that file on its own (with serde, to read TOML); the field
//! modes here mirror its `#[serde]` attributes, and a test checks that
//! both read the embedded guides alike.

use super::guide::{
    Eligibility, Ending, Evidence, EvidenceKind, Excluded, FrameRule, Guide, GuideKind, Locator,
    MarkSpec, MarkSpecKind, OpenLink, Page, Route, Rule, RuleKind, Source, Step, Strategy,
    Unchecked,
};
use super::json::{json_names, json_struct};

json_struct!(Guide {
    schema,
    id,
    title,
    summary,
    precondition: default,
    caveats: default,
    paragraphs: default,
    kind: default,
    sources: default,
    eligibility: skip,
    routes: default,
    pages: default,
    steps: default,
    ending: skip,
});
json_struct!(Source {
    id,
    title,
    file,
    date
});
json_struct!(Eligibility {
    summary,
    rules: default,
    excluded: default,
    unchecked: default,
    explains: default,
    source,
});
json_struct!(Rule {
    kind,
    roles: default,
    text,
    source
});
json_names!(RuleKind {
    AnyMember = "any-member",
    DirectoryRole = "directory-role",
    AzureRbacRole = "azure-rbac-role",
});
json_struct!(Excluded { who, why, source });
json_struct!(Unchecked { what, why, source });
json_struct!(Route {
    id,
    title,
    pages,
    source
});
json_struct!(Ending {
    title,
    text,
    pages,
    target: default,
    source,
});
json_names!(GuideKind { Procedure = "procedure", Explanation = "explanation" });
json_struct!(Page {
    id,
    hosts,
    paths: default,
    hashes: default,
    frame: default,
    present: default,
    absent: default,
    sign_in: default,
    open: skip,
});
json_struct!(OpenLink { url, source });
json_names!(FrameRule { Any = "any", Top = "top", Sub = "sub" });
json_struct!(Locator {
    by,
    selector,
    within: skip,
    role: default,
    values: default,
    attr: default,
    nth: default,
    prefilter: or(yes),
});
json_names!(Strategy {
    Name = "name",
    AriaLabel = "aria-label",
    Text = "text",
    Attr = "attr",
    Href = "href",
    Position = "position",
    Css = "css",
});
json_struct!(Step {
    id,
    title,
    instruction,
    seed: default,
    today: default,
    route: default,
    source: default,
    pages,
    panel_only: default,
    warning: skip,
    look_for: default,
    target: default,
    marks: default,
    done,
    waits_for: default,
});
json_struct!(MarkSpec {
    kind,
    text,
    locator
});
json_names!(MarkSpecKind { DoNotUse = "do-not-use" });
json_struct!(Evidence {
    on,
    page: default,
    hosts: default,
    locator: skip,
    pages: default,
    min: default,
    noun: default,
    describe: default,
    targets: default,
});
json_names!(EvidenceKind {
    Click = "click",
    Navigate = "navigate",
    Appear = "appear",
    Disappear = "disappear",
    Rows = "rows",
    Leave = "leave",
});

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::GUIDES_JSON;

    /// The embedded guides read the same through this file as through
    /// guide.rs's serde attributes (which build.rs wrote them with).
    #[test]
    fn embedded_guides_read_as_serde_reads_them() {
        let ours: Vec<Guide> = crate::json::from_str(GUIDES_JSON).unwrap();
        let serde: Vec<Guide> = serde_json::from_str(GUIDES_JSON).unwrap();
        assert_eq!(ours.len(), crate::guide::BUILT_IN_IDS.len());
        assert_eq!(ours, serde);
    }

    /// Defaults written nowhere in the JSON come out as serde's defaults,
    /// and the JSON written back reads as the same guides.
    #[test]
    fn defaults_and_round_trip() {
        let minimal = r#"{"schema":1,"id":"g","title":"t","summary":"s",
            "steps":[{"id":"s1","title":"t","instruction":"i","pages":["p"],
            "done":[{"on":"rows","locator":{"by":"text","selector":"a"}}]}]}"#;
        let ours: Guide = crate::json::from_str(minimal).unwrap();
        let serde: Guide = serde_json::from_str(minimal).unwrap();
        assert_eq!(ours, serde);
        assert!(ours.steps[0].done[0].locator.as_ref().unwrap().prefilter);
        let guides: Vec<Guide> = crate::json::from_str(GUIDES_JSON).unwrap();
        let written = crate::json::to_string(&guides);
        assert_eq!(
            crate::json::from_str::<Vec<Guide>>(&written).unwrap(),
            guides
        );
        assert_eq!(
            serde_json::from_str::<Vec<Guide>>(&written).unwrap(),
            guides
        );
    }
}
