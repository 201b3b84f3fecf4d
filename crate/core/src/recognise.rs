//! Page recognition: which page of a guide a frame shows, from its URL (host,
//! path, hash route, top or sub frame) and its page-state markers (answers
//! to the marker queries the engine put in the frame's watch).

use super::guide::{FrameRule, Locator, Page, Strategy};
use super::protocol::{Query, QueryResult, MAX_QUERY_ITEMS};
use super::score::present;
use super::url::{glob_matches, host_matches, Parts};

/// What the URL rules say, before markers.
pub fn url_matches(page: &Page, url: &Parts, top: bool) -> bool {
    let frame_ok = match page.frame {
        FrameRule::Any => true,
        FrameRule::Top => top,
        FrameRule::Sub => !top,
    };
    frame_ok
        && page.hosts.iter().any(|h| host_matches(h, &url.host))
        && (page.paths.is_empty() || page.paths.iter().any(|p| glob_matches(p, &url.path)))
        && (page.hashes.is_empty() || page.hashes.iter().any(|h| glob_matches(h, &url.hash)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageState {
    /// URL and markers agree (or the page has no markers).
    Confirmed,
    /// URL matches; the markers have not been answered yet.
    Pending,
    /// URL matches but the markers say another state (e.g. the users list
    /// is not rendered, the form is there instead of the receipt).
    Other,
    /// The URL does not match.
    No,
}

pub fn marker_id(page: &str, present: bool, i: usize) -> String {
    format!("m/{page}/{}{i}", if present { "p" } else { "a" })
}

/// The page's state for a frame at `url` whose latest answers are `results`
/// (`None`: no answer to the current watch yet).
pub fn page_state(
    page: &Page,
    url: &Parts,
    top: bool,
    results: Option<&[QueryResult]>,
) -> PageState {
    if !url_matches(page, url, top) {
        return PageState::No;
    }
    if page.present.is_empty() && page.absent.is_empty() {
        return PageState::Confirmed;
    }
    let Some(results) = results else {
        return PageState::Pending;
    };
    let found = |present_marker: bool, i: usize, l: &Locator| -> Option<bool> {
        let id = marker_id(&page.id, present_marker, i);
        results.iter().find(|r| r.id == id).map(|r| present(l, r))
    };
    for (i, l) in page.present.iter().enumerate() {
        match found(true, i, l) {
            None => return PageState::Pending,
            Some(false) => return PageState::Other,
            Some(true) => {}
        }
    }
    for (i, l) in page.absent.iter().enumerate() {
        match found(false, i, l) {
            None => return PageState::Pending,
            Some(true) => return PageState::Other,
            Some(false) => {}
        }
    }
    PageState::Confirmed
}

/// The query that asks a content script about locator `l`.
pub fn query_for(id: String, l: &Locator, limit: u32, report_clicks: bool) -> Query {
    let text_any =
        if l.prefilter && matches!(l.by, Strategy::Name | Strategy::AriaLabel | Strategy::Text) {
            // As written: the content script lower-cases and collapses
            // white space on both sides, so normalising here too, for every
            // frame on every message, was work done twice.
            l.values
                .iter()
                .filter(|v| !v.trim().is_empty())
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
    Query {
        id,
        selector: l.selector.clone(),
        within: l.within.clone(),
        text_any,
        limit: limit.min(MAX_QUERY_ITEMS),
        report_clicks,
    }
}

/// Marker queries for a page (cheap: a handful of matches each).
pub fn marker_queries(page: &Page) -> Vec<Query> {
    let mut out = Vec::new();
    for (i, l) in page.present.iter().enumerate() {
        out.push(query_for(marker_id(&page.id, true, i), l, 5, false));
    }
    for (i, l) in page.absent.iter().enumerate() {
        out.push(query_for(marker_id(&page.id, false, i), l, 5, false));
    }
    out
}
