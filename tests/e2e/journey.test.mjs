// Evidence from the guided journey only (issue 13 item 2): a portal tab left
// open from before the guide started changes its route while the sign-up
// form still shows in the guided tab; "Complete the sign-up" stays to do.
// The guided tab reaching the portal completes it.
import { test } from 'node:test';
import { serveReplicas, useChromium, extensionMissing } from './harness.mjs';
import { walkJourney } from './guide-walks.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

test("a stale portal tab's route change does not complete the sign-up; the guided tab's arrival does", { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  await walkJourney(s);
});
