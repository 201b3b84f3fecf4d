// Guide C (find-your-role) on today's portal and on the 2017 layout:
// Entra ID > Users > the user (inside the cross-origin, re-rendering users
// list) > Assigned roles / Directory role.
import { test } from 'node:test';
import { serveReplicas, useChromium, extensionMissing } from './harness.mjs';
import { walkGuideC, walkGuideC2017 } from './guide-walks.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

test('guide C today: Entra ID > Users > the user (blade frame, re-rendered) > Assigned roles', { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideC(s);
});

test('guide C with the 2017 wording: Browse > Active Directory > USERS > the user > Directory role / ORGANIZATIONAL ROLE', { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideC2017(s);
});
