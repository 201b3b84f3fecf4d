// Get help (the seed's "Need help? Contact support"): the panel makes a
// "where I am stuck" code, shown line by line before it is copied, with no
// name, tenant, e-mail address or id; the overlay then walks Help + support >
// Create a support request. The code, opened in a fresh profile with
// panel.html?code=, shows the same step and diagnosis; a damaged code gets
// role="alert" and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing } from './harness.mjs';
import { walkGetHelp, openStuckCode } from './guide-walks.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

test('a stuck code made on one profile, opened in a fresh one: same step and diagnosis; then Help + support > Create a support request', { skip, timeout: 150000 }, async (t) => {
  let stuck;
  const admin = await useChromium(t);
  stuck = await walkGetHelp(admin);
  await admin.close();

  // A support engineer, another browser profile.
  const engineer = await useChromium(t);
  await openStuckCode(engineer, stuck);
});
