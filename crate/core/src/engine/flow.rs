//! The flow of a running guide: start, back, skip, restart, stop, and
//! completing the current step while its evidence is present (a click on
//! its target, arrival on a page, an element that appears or goes, rows).

use super::state::{Active, Click, Engine, StepRecord, StepStatus};
use super::view::evidence_id;
use crate::guide::{Evidence, EvidenceKind, Guide, Step};
use crate::protocol::{msg, Text};
use crate::recognise::{page_state, url_matches, PageState};
use crate::score::{locator_match, present};
use crate::text::clip;
use crate::url::{self, host_matches};

impl Engine {
    pub(super) fn start(&mut self, id: &str) -> Result<(), Text> {
        let Some(g) = self.guide(id) else {
            return Err(msg("errNoGuide", [clip(id, 60).into()]));
        };
        let steps = vec![
            StepRecord {
                status: StepStatus::Todo,
                evidence: Text::default(),
            };
            g.steps.len()
        ];
        let guide = g.id.clone();
        // The first route is offered first; a page open on another route's
        // pages chooses that one (`choose_route`, from `settle`).
        let route = g.routes.first().map(|r| r.id.clone()).unwrap_or_default();
        let current = first_on_route(g, &route, 0);
        self.state.seq += 1;
        self.state.active = Some(Active {
            guide,
            current,
            started: self.state.seq,
            steps,
            seen: false,
            why: Text::default(),
            on_page: false,
            route,
            route_picked: false,
            journey: Vec::new(),
        });
        self.state.notice = None;
        self.settle(None);
        Ok(())
    }

    pub(super) fn back(&mut self) -> Result<(), Text> {
        let prev = {
            let Some(a) = self.state.active.as_ref() else {
                return Err(msg("errNoGuideRunning", []));
            };
            let Some(g) = self.guide(&a.guide) else {
                return Err(msg("errNoGuideRunning", []));
            };
            (0..a.current.min(g.steps.len()))
                .rev()
                .find(|&i| on_route(g, &a.route, i))
        };
        let Some(a) = self.state.active.as_mut() else {
            return Err(msg("errNoGuideRunning", []));
        };
        let Some(prev) = prev else {
            return Err(msg("errFirstStep", []));
        };
        a.current = prev;
        if let Some(r) = a.steps.get_mut(a.current) {
            r.status = StepStatus::Todo;
            r.evidence = Text::default();
        }
        self.state.seq += 1;
        self.begin_step();
        self.state.notice = None;
        Ok(())
    }

    pub(super) fn skip(&mut self) -> Result<(), Text> {
        let Some(a) = self.state.active.as_mut() else {
            return Err(msg("errNoGuideRunning", []));
        };
        if a.finished() {
            return Err(msg("errFinishedNoSkip", []));
        }
        if let Some(r) = a.steps.get_mut(a.current) {
            r.status = StepStatus::Skipped;
            r.evidence = Text::default();
        }
        a.current += 1;
        self.state.seq += 1;
        self.begin_step();
        self.settle(None);
        Ok(())
    }

    pub(super) fn restart(&mut self) -> Result<(), Text> {
        let Some(id) = self.state.active.as_ref().map(|a| a.guide.clone()) else {
            return Err(msg("errNoGuideRunning", []));
        };
        self.start(&id)
    }

    pub(super) fn stop(&mut self) -> Result<(), Text> {
        let Some(a) = self.state.active.take() else {
            return Err(msg("errNoGuideRunning", []));
        };
        self.state.notice = Some(Text::msg(
            if a.finished() {
                "noticeGuideClosed"
            } else {
                "noticeGuideStopped"
            },
            [],
        ));
        Ok(())
    }

    /// The current step has just changed: reset per-step bookkeeping.
    pub(super) fn begin_step(&mut self) {
        // Steps of another route are passed over.
        let next = self.state.active.as_ref().and_then(|a| {
            let g = self.guide(&a.guide)?;
            Some(first_on_route(g, &a.route, a.current))
        });
        if let (Some(a), Some(next)) = (self.state.active.as_mut(), next) {
            a.current = next;
        }
        let seq = self.state.seq;
        let finished = match self.state.active.as_mut() {
            Some(a) => {
                a.started = seq;
                a.seen = false;
                a.why = Text::default();
                a.finished()
            }
            None => false,
        };
        if finished {
            self.state.notice = Some(Text::msg("statusFinished", []));
        }
    }

    /// Complete the current step while its evidence is present, advancing
    /// through as many steps as one event proves (A1's "the sign-up site
    /// opened" is also A2's "signed in: back on the sign-up site").
    pub(super) fn settle(&mut self, click: Option<Click<'_>>) {
        self.choose_route();
        let mut click = click;
        let limit = self
            .state
            .active
            .as_ref()
            .map(|a| a.steps.len())
            .unwrap_or(0);
        for _ in 0..=limit {
            self.join_step_tabs();
            let Some(evidence) = self.evidence_for_current(click.as_ref()) else {
                break;
            };
            if let Some(c) = &click {
                self.join(c.tab);
            }
            // A click proves one step only; the next step needs its own.
            click = None;
            let Some(a) = self.state.active.as_mut() else {
                break;
            };
            if let Some(r) = a.steps.get_mut(a.current) {
                r.status = StepStatus::Done;
                r.evidence = evidence;
            }
            a.current += 1;
            self.begin_step();
        }
    }

    /// `choose-route`: the admin follows route `id` of the running guide
    /// ("I'm on the sign-up site"). The pages no longer choose the route for
    /// this run; the current step is the route's first step not yet done or
    /// skipped (steps on every route keep what they proved).
    pub(super) fn pick_route(&mut self, id: &str) -> Result<(), Text> {
        let Some(a) = self.state.active.as_ref() else {
            return Err(msg("errNoGuideRunning", []));
        };
        let Some(g) = self.guide(&a.guide) else {
            return Err(msg("errNoGuideRunning", []));
        };
        let Some(r) = g.routes.iter().find(|r| r.id == id) else {
            return Err(msg("errNoRoute", [clip(id, 60).into()]));
        };
        if a.finished() {
            return Err(msg("errFinishedNoRoute", []));
        }
        let title = r.title.clone();
        let first = (0..a.steps.len())
            .find(|&i| on_route(g, id, i) && a.steps[i].status == StepStatus::Todo)
            .unwrap_or(a.steps.len());
        let changed = a.route != id;
        if let Some(a) = self.state.active.as_mut() {
            a.route_picked = true;
            if changed {
                a.route = id.to_string();
                a.current = first;
            }
        }
        if changed {
            self.state.seq += 1;
            self.begin_step();
            self.settle(None);
        }
        self.state.notice = Some(Text::msg("routeFollowing", [clip(&title, 200).into()]));
        Ok(())
    }

    /// Is `tab` part of the guided journey (or is there none yet)?
    pub(super) fn in_journey(&self, tab: i64) -> bool {
        self.state
            .active
            .as_ref()
            .is_none_or(|a| a.journey.is_empty() || a.journey.contains(&tab))
    }

    fn join(&mut self, tab: i64) {
        if let Some(a) = self.state.active.as_mut() {
            if !a.journey.contains(&tab) {
                a.journey.push(tab);
            }
        }
    }

    /// The tabs showing the current step's page (markers confirmed) are
    /// where the guide runs: they join the journey.
    fn join_step_tabs(&mut self) {
        let Some((g, _, step)) = self.current() else {
            return;
        };
        let tabs: Vec<i64> = self
            .state
            .frames
            .iter()
            .filter(|f| {
                let parts = url::parse(&f.url);
                step.pages.iter().filter_map(|p| g.page(p)).any(|p| {
                    !p.sign_in
                        && page_state(p, &parts, f.top, f.results.as_deref())
                            == PageState::Confirmed
                })
            })
            .map(|f| f.tab)
            .collect();
        for tab in tabs {
            self.join(tab);
        }
    }

    /// While no step of the run is done (or skipped), the latest top frame on
    /// one of a route's pages chooses that route: an admin already in the
    /// Microsoft 365 admin center is offered the admin center's route. Once
    /// a step is done, or the admin chose a route in the panel, the route
    /// stays.
    fn choose_route(&mut self) {
        let Some(a) = self.state.active.as_ref() else {
            return;
        };
        if a.route_picked || a.steps.iter().any(|r| r.status != StepStatus::Todo) {
            return;
        }
        let Some(g) = self.guide(&a.guide) else {
            return;
        };
        if g.routes.len() < 2 {
            return;
        }
        let mut best: Option<(u64, &str)> = None;
        for f in self.state.frames.iter().filter(|f| f.top) {
            let parts = url::parse(&f.url);
            for r in &g.routes {
                let hit = r
                    .pages
                    .iter()
                    .filter_map(|p| g.page(p))
                    .any(|p| url_matches(p, &parts, true));
                if hit && best.is_none_or(|(at, _)| f.arrived > at) {
                    best = Some((f.arrived, r.id.as_str()));
                }
            }
        }
        let Some((_, id)) = best else {
            return;
        };
        if id == a.route {
            return;
        }
        let id = id.to_string();
        let first = first_on_route(g, &id, 0);
        if let Some(a) = self.state.active.as_mut() {
            a.route = id;
            a.current = first;
        }
        self.begin_step();
    }

    /// The evidence text if the current step is proven now, else `None`.
    pub(super) fn evidence_for_current(&mut self, click: Option<&Click<'_>>) -> Option<Text> {
        let (g, a, step) = self.current()?;
        let started = a.started;
        let mut seen = a.seen;
        let mut proof = None;
        for (i, e) in step.done.iter().enumerate() {
            let describe = self.evidence_words(g, a.current, step, e);
            let found = match e.on {
                EvidenceKind::Click => click
                    .and_then(|c| self.click_matches(step, c, &e.targets))
                    .map(|name| {
                        if name.is_empty() {
                            describe.clone()
                        } else {
                            msg("evidenceClicked", [describe.clone(), name.into()])
                        }
                    }),
                EvidenceKind::Navigate => self
                    .arrival(g, e, started, None)
                    .map(|host| msg("evidenceOnHost", [describe.clone(), host.into()])),
                EvidenceKind::Leave => {
                    let own: Vec<&str> = step
                        .pages
                        .iter()
                        .filter_map(|p| g.page(p))
                        .flat_map(|p| p.hosts.iter().map(String::as_str))
                        .collect();
                    self.arrival(g, e, started, Some(&own))
                        .map(|host| msg("evidenceOnHost", [describe.clone(), host.into()]))
                }
                EvidenceKind::Appear => {
                    (self.evidence_count(g, step, i, e, true) > 0).then(|| describe.clone())
                }
                EvidenceKind::Disappear => {
                    let n = self.evidence_count(g, step, i, e, true);
                    if n > 0 {
                        seen = true;
                        None
                    } else if seen {
                        Some(describe.clone())
                    } else {
                        None
                    }
                }
                EvidenceKind::Rows => {
                    let n = self.evidence_count(g, step, i, e, false);
                    let min = e.min.max(1) as usize;
                    (n >= min).then(|| {
                        let noun = if e.noun.is_empty() {
                            msg("rowsNoun", [])
                        } else {
                            e.noun.as_str().into()
                        };
                        msg("evidenceCount", [describe.clone(), n.into(), noun])
                    })
                }
            };
            if found.is_some() {
                proof = found;
                break;
            }
        }
        if let Some(a) = self.state.active.as_mut() {
            a.seen = seen;
        }
        proof
    }

    /// A click proves the step when it hit one of the step's own target
    /// queries and the element still matches that locator. Returns the
    /// element's name (for the evidence text).
    pub(super) fn click_matches(&self, step: &Step, c: &Click<'_>, only: &[u32]) -> Option<String> {
        let prefix = format!("t/{}/", step.id);
        let i: usize = c.query.strip_prefix(&prefix)?.parse().ok()?;
        if !only.is_empty() && !only.iter().any(|&t| t as usize == i) {
            return None;
        }
        let l = step.target.get(i)?;
        locator_match(l, c.element)?;
        let label = if c.element.name.is_empty() {
            &c.element.text
        } else {
            &c.element.name
        };
        Some(clip(label, 80))
    }

    /// A frame that arrived since the step started and is on `e.page`
    /// (markers confirmed) or one of `e.hosts`: returns its host.
    pub(super) fn arrival(
        &self,
        g: &Guide,
        e: &Evidence,
        started: u64,
        not_hosts: Option<&[&str]>,
    ) -> Option<String> {
        self.state.frames.iter().find_map(|f| {
            if f.arrived < started || !self.in_journey(f.tab) {
                return None;
            }
            let parts = url::parse(&f.url);
            let page_ok = !e.page.is_empty()
                && g.page(&e.page).is_some_and(|p| {
                    page_state(p, &parts, f.top, f.results.as_deref()) == PageState::Confirmed
                });
            let host_ok = e.hosts.iter().any(|h| host_matches(h, &parts.host))
                && not_hosts.is_none_or(|own| !own.iter().any(|h| host_matches(h, &parts.host)));
            (page_ok || host_ok).then_some(parts.host)
        })
    }

    /// appear / disappear / rows: visible matches (or the total count, for
    /// rows) of evidence `i` across frames on the evidence's pages.
    pub(super) fn evidence_count(
        &self,
        g: &Guide,
        step: &Step,
        i: usize,
        e: &Evidence,
        visible_only: bool,
    ) -> usize {
        let Some(l) = &e.locator else {
            return 0;
        };
        let pages = if e.pages.is_empty() {
            &step.pages
        } else {
            &e.pages
        };
        let id = evidence_id(step, i);
        let mut total = 0usize;
        for f in &self.state.frames {
            let parts = url::parse(&f.url);
            let on = pages
                .iter()
                .filter_map(|p| g.page(p))
                .any(|p| url_matches(p, &parts, f.top));
            if !on {
                continue;
            }
            let Some(r) = f
                .results
                .as_ref()
                .and_then(|rs| rs.iter().find(|r| r.id == id))
            else {
                continue;
            };
            total += if visible_only {
                usize::from(present(l, r))
            } else {
                r.count as usize
            };
        }
        total
    }
}

/// Is step `i` of `g` on route `route`? A step without a route is on every
/// route; a guide without routes has one way through.
pub(super) fn on_route(g: &Guide, route: &str, i: usize) -> bool {
    g.steps
        .get(i)
        .is_some_and(|s| s.route.is_empty() || s.route == route)
}

/// The first step at or after `from` on `route` (`steps.len()`: none left).
pub(super) fn first_on_route(g: &Guide, route: &str, from: usize) -> usize {
    (from..g.steps.len())
        .find(|&i| on_route(g, route, i))
        .unwrap_or(g.steps.len())
}
