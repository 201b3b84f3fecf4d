//! "Need help? Contact support" (issue 9; the seed's last section): the
//! panel's Get help makes a "where I am stuck" code and starts the
//! `contact-support` guide (Help + support > Create a support request).
//!
//! The code (`share::stuck`, format 2 of the share-code family) says which
//! guide and step ran, how each frame's page was recognised (site, path and
//! hash route with ids, addresses and tenants removed, the guide page and its
//! state), what the step's locators found (elements, matches, visible
//! matches: why nothing was highlighted), the browser and the extension's
//! version. The panel shows it as lines before it can be copied. A support
//! engineer opens it with `panel.html?code=` (or the code box): the same
//! lines, from their own copy of the guide, and the step offered to start.

use super::state::Engine;
use super::view::target_id;
use crate::guide::{Guide, Strategy};
use crate::protocol::{msg, HelpView, Message, Text};
use crate::recognise::{page_state, PageState};
use crate::score::locator_match;
use crate::share::redact::KnownSecrets;
use crate::share::stuck::{
    self, LocatorCount, PageSeen, StuckFrame, StuckReport, MAX_FRAMES, MAX_LOCATORS,
};
use crate::share::SharedGuide;
use crate::url;

/// The guide Get help starts.
pub(super) const HELP_GUIDE: &str = "contact-support";

fn seen_of(s: PageState) -> PageSeen {
    match s {
        PageState::Confirmed => PageSeen::Confirmed,
        PageState::Pending => PageSeen::Pending,
        PageState::Other => PageSeen::Other,
        PageState::No => PageSeen::None,
    }
}

/// "Chrome 156" from what the panel reports, or a neutral word: the report
/// refuses anything else.
fn clean_label(s: &str, max: usize, fallback: &str) -> String {
    let t: String = s.trim().chars().take(max).collect();
    if t.is_empty() || !stuck::is_browser_text(&t) {
        fallback.to_string()
    } else {
        t
    }
}

/// How a strategy looks for an element, for the lines of a report.
fn locator_words(g: &Guide, step: usize, i: usize) -> Text {
    let Some(l) = g.steps.get(step).and_then(|s| s.target.get(i)) else {
        return msg("helpLocatorN", [(i + 1).into()]);
    };
    // How it looks is worded by the catalogue; what it looks for (the
    // page's own words, a selector) is data, shown as written.
    let how = match l.by {
        Strategy::Name => "helpByName",
        Strategy::AriaLabel => "helpByAriaLabel",
        Strategy::Text => "helpByText",
        Strategy::Attr => "helpByAttr",
        Strategy::Href => "helpByHref",
        Strategy::Position => "helpByPosition",
        Strategy::Css => "helpByCss",
    };
    let what = if l.values.is_empty() {
        Text::Data(format!("`{}`", l.selector))
    } else {
        Text::Message(Message {
            id: "anyOf".to_string(),
            args: l
                .values
                .iter()
                .take(4)
                .map(|v| Text::Data(format!("\"{v}\"")))
                .collect(),
        })
    };
    msg(how, [what])
}

impl Engine {
    /// What the engine can say about where the admin is: anonymous by
    /// construction (see `share::stuck`).
    pub(super) fn stuck_report(&self, browser: &str, version: &str) -> StuckReport {
        let secrets = KnownSecrets {
            tenants: self
                .state
                .account
                .iter()
                .map(|a| a.directory.clone())
                .filter(|d| !d.is_empty())
                .collect(),
            users: self
                .state
                .account
                .iter()
                .flat_map(|a| [a.account.clone(), a.display_name.clone()])
                .filter(|u| !u.is_empty())
                .collect(),
            ..KnownSecrets::default()
        };
        let mut report = StuckReport {
            browser: clean_label(browser, stuck::MAX_BROWSER, "unknown browser"),
            version: clean_label(version, stuck::MAX_EXT_VERSION, "unknown"),
            ..StuckReport::default()
        };
        let current = self.current();
        if let Some((g, _, step)) = current {
            report.guide_id = g.id.clone();
            report.step_id = step.id.clone();
        }
        // Frames: the ones on the step's pages first, then the others; top
        // frames before blade frames; at most MAX_FRAMES, on supported sites.
        let mut frames: Vec<(u8, StuckFrame)> = Vec::new();
        for f in &self.state.frames {
            let parts = url::parse(&f.url);
            let hash = if parts.hash.is_empty() {
                String::new()
            } else {
                format!("#{}", parts.hash.trim_start_matches('#'))
            };
            let path = stuck::report_path(&format!("{}{hash}", parts.path), &secrets);
            let mut page = String::new();
            let mut seen = PageSeen::None;
            let mut on_step = false;
            if let Some((g, _, step)) = current {
                for p in g.pages.iter().filter(|p| !p.sign_in) {
                    let s = page_state(p, &parts, f.top, f.results.as_deref());
                    if s == PageState::No {
                        continue;
                    }
                    let here = step.pages.contains(&p.id);
                    // The step's own page wins over any other page of the guide.
                    if page.is_empty() || (here && !on_step) {
                        page = p.id.clone();
                        seen = seen_of(s);
                        on_step = here;
                    }
                }
            }
            let frame = StuckFrame {
                host: parts.host.clone(),
                path,
                top: f.top,
                page,
                seen,
            };
            let one = StuckReport {
                frames: vec![frame.clone()],
                ..StuckReport::default()
            };
            if stuck::validate(&one).is_err() {
                continue;
            }
            let rank = match (on_step, f.top) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => 3,
            };
            if !frames.iter().any(|(_, x)| *x == frame) {
                frames.push((rank, frame));
            }
        }
        frames.sort_by_key(|f| f.0);
        report.frames = frames
            .into_iter()
            .take(MAX_FRAMES)
            .map(|(_, f)| f)
            .collect();
        // Locators: what each of the step's targets found on the step's pages.
        if let Some((g, _, step)) = current {
            for (i, l) in step.target.iter().enumerate().take(MAX_LOCATORS) {
                let id = target_id(step, i);
                let mut c = LocatorCount::default();
                for f in &self.state.frames {
                    if !Self::on_step(g, step, f) {
                        continue;
                    }
                    for r in f.results.iter().flatten().filter(|r| r.id == id) {
                        c.found += r.count as usize;
                        for e in &r.items {
                            if locator_match(l, e).is_some() {
                                c.matched += 1;
                                if e.visible {
                                    c.visible += 1;
                                }
                            }
                        }
                    }
                }
                c.found = c.found.clamp(c.matched, stuck::MAX_COUNT);
                report.locators.push(c);
            }
        }
        report
    }

    /// The report as lines a person reads (the admin before copying, the
    /// engineer after opening): from this Waymark's own copy of the guide.
    pub(super) fn describe_stuck(&self, r: &StuckReport) -> Vec<Text> {
        let mut out = Vec::new();
        let g = self.guide(&r.guide_id);
        match g {
            None if r.guide_id.is_empty() => out.push(msg("helpNoGuide", [])),
            None => out.push(msg(
                "helpUnknownGuide",
                [r.guide_id.as_str().into(), r.step_id.as_str().into()],
            )),
            Some(g) => {
                let at = g.steps.iter().position(|s| s.id == r.step_id);
                match at.and_then(|i| g.steps.get(i).map(|s| (i, s))) {
                    Some((i, s)) => {
                        let words = self.step_words(g, i, s);
                        out.push(msg(
                            "helpGuideStep",
                            [
                                self.guide_title(g),
                                (i + 1).into(),
                                g.steps.len().into(),
                                words.title,
                            ],
                        ));
                        out.push(msg("helpStepSays", [words.instruction]));
                        if !words.look_for.is_empty() {
                            out.push(msg("helpLookedFor", [words.look_for]));
                        }
                    }
                    None => out.push(msg(
                        "helpUnknownStep",
                        [self.guide_title(g), r.step_id.as_str().into()],
                    )),
                }
            }
        }
        if r.frames.is_empty() {
            out.push(msg("helpNoPages", []));
        }
        for f in &r.frames {
            let page = if f.page.is_empty() {
                msg("helpNotGuidePage", [])
            } else {
                let seen = match f.seen {
                    PageSeen::None => "pageSeenNone",
                    PageSeen::Confirmed => "pageSeenConfirmed",
                    PageSeen::Pending => "pageSeenPending",
                    PageSeen::Other => "pageSeenOther",
                };
                msg("helpGuidePage", [f.page.as_str().into(), msg(seen, [])])
            };
            let address = format!("{}{}", f.host, f.path);
            let which = if f.top {
                "helpOpenPage"
            } else {
                "helpOpenBlade"
            };
            out.push(msg(which, [address.into(), page]));
        }
        if let Some(g) = g {
            let step = g.steps.iter().position(|s| s.id == r.step_id);
            for (i, c) in r.locators.iter().enumerate() {
                let words: Text = step.map_or_else(
                    || msg("helpLocatorN", [(i + 1).into()]),
                    |s| locator_words(g, s, i),
                );
                let why = if c.found == 0 {
                    msg("helpNoElement", [])
                } else if c.matched == 0 {
                    msg("helpNoneNamed", [c.found.into()])
                } else if c.visible == 0 {
                    msg("helpAllHidden", [c.matched.into()])
                } else {
                    msg("helpVisible", [c.visible.into()])
                };
                out.push(msg("helpLocator", [(i + 1).into(), words, why]));
            }
        }
        out.push(msg(
            "helpBrowser",
            [r.browser.as_str().into(), r.version.as_str().into()],
        ));
        out
    }

    /// `get-help`: make the code, show it, and start the contact-support
    /// guide (Help + support > Create a support request).
    pub(super) fn get_help(&mut self, browser: &str, version: &str) -> Result<(), Text> {
        let report = self.stuck_report(browser, version);
        let code = stuck::encode(&report).map_err(|e| msg("errMakeHelpCode", [e.message()]))?;
        let lines = self.describe_stuck(&report);
        self.state.help = Some(HelpView {
            code,
            lines,
            from_code: false,
        });
        if self
            .state
            .active
            .as_ref()
            .is_none_or(|a| a.guide != HELP_GUIDE)
        {
            self.start_from_panel(HELP_GUIDE)?;
        }
        Ok(())
    }

    /// `open-code` with a stuck code: the same lines, and the step offered
    /// to start (as a shared built-in guide from that step).
    pub(super) fn open_stuck(&mut self, r: StuckReport) -> Result<(), Text> {
        let preview = if r.guide_id.is_empty() {
            None
        } else {
            self.check_builtin(&r.guide_id, Some(&r.step_id))
                .map_err(|e| e.message())?;
            Some(SharedGuide::Builtin {
                guide_id: r.guide_id.clone(),
                from_step: Some(r.step_id.clone()),
                // The panel's help view already says where this comes from.
                note: String::new(),
                // The step's own route, if it has one (`shared_route`).
                route: None,
            })
        };
        let code = stuck::encode(&r).map_err(|e| e.message())?;
        self.state.help = Some(HelpView {
            code,
            lines: self.describe_stuck(&r),
            from_code: true,
        });
        self.show_preview(preview);
        self.state.notice = None;
        Ok(())
    }
}
