// Screen readers, contrast, keyboard (issue 10 items 2 and 3) in Chromium.
// The states are the table of a11y-checks.mjs, which firefox-panel.test.mjs
// runs in Firefox ESR: axe-core (tests/package.json, its source evaluated
// into the page: no network) checks the WCAG 2.0/2.1/2.2 A and AA rules on
// panel.html in each state (the guide list, every built-in guide running,
// each verdict, someone else's verdict, Get help, a share code, its
// preview, a bad code's error, record mode) in light and dark, and inside
// the overlay's shadow root: the verdict badges, the callout on step 1
// ("Why this element?" open and closed), collapsed to its marker and on
// step 2, each light and under the portal's dark theme (fxs-mode-dark,
// toggled as the portal's settings do), and on the Microsoft 365 admin
// center, whose background it follows. In forced colours the highlight and
// the callout keep a visible border; with reduced motion nothing animates.
// The panel is used with Tab alone, and every control shows where the focus
// is. The callout has no Back on the first step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing } from './harness.mjs';
import { assertPanelStates, assertCalloutStates, assertAdminCenterCallout } from './a11y-checks.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

function a11yTest(name, run, timeout) {
  test(name, { skip, timeout }, async (t) => {
    const s = await useChromium(t);
    for (const line of await run(s)) t.diagnostic(line);
    assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
  });
}

a11yTest('panel: 0 axe violations in every state, light and dark (and each verdict badge); Tab reaches every control with a visible focus ring', assertPanelStates, 600000);
a11yTest("callout: 0 axe violations in its shadow root, light and under the portal's dark theme; forced colours; reduced motion; no Back on step 1", assertCalloutStates, 180000);
a11yTest("callout on the Microsoft 365 admin center follows the page's own background (no public theme hook), light and dark", assertAdminCenterCallout, 120000);
