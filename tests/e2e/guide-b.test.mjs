// Guide B (office365-for-azure-ad), the seed's 2017 route: walked from the
// Microsoft 365 plans page to the admin center's Active users: plan card
// (rendered late), the 2017 trial form marked "do not fill this in" with
// "Sign in" (upper right) highlighted, sign-in told in the panel only,
// "Try now", "Continue", and Users > Active users with the directory's
// users. The sign-up replica shows the 2017 form with layout=2017 (the
// products.office.com redirect carries it); today's routes are in
// guide-b-today.test.mjs.
import { test } from 'node:test';
import { serveReplicas, useChromium, extensionMissing } from './harness.mjs';
import { walkGuideB2017 } from './guide-walks.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

test('guide B from www.microsoft.com (2017 form): plan > trial form trap > sign-in > Try now > Continue > Active users', { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideB2017(s, 'https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products?layout=2017');
});

test('guide B from the seed\'s products.office.com/business (redirects to the plans page)', { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideB2017(s, 'https://products.office.com/business');
});
