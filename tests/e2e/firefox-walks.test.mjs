// Every guide walked end to end in Firefox ESR (issue 10 item 5), with the
// same walk definitions as the Chromium specs (guide-walks.mjs): dist/firefox
// installed through WebDriver BiDi, the sidebar's document (panel.html) open
// in a tab, each guide started there and followed by clicking what the
// overlay highlights, including the steps inside the portal's cross-origin
// blade frames.
//
// One Firefox serves every walk of this file (a launch costs seconds);
// before each walk the extension is installed afresh and the replica sites'
// storage cleared (FirefoxSession.fresh), so no walk sees another's guide,
// verdicts or signed-in account.
//
// Firefox has no per-host resolver rule with a port, so every host resolves
// to 127.0.0.1 (network.dns.forceResolve) and the replica server listens on
// 443, which needs root; without root (or Firefox, or the build) the walks
// are skipped with the reason.
import { test } from 'node:test';
import { firefoxForFile, firefoxMissing } from './harness.mjs';
import {
  walkGuideA,
  walkGuideBAdminCenter,
  walkGuideBSignUp,
  walkGuideC,
  walkDirectories,
  walkGuideE,
  walkGetHelp,
  openStuckCode,
  walkGuideA2017,
  walkGuideC2017,
  walkGuideB2017,
  walkGuideAEntra,
  walkGuideCEntra,
  walkGuideEReader,
  walkJourney,
} from './guide-walks.mjs';

const skip = firefoxMissing() || false;
const firefox = firefoxForFile({ skip });
let walked = 0;

/** A walk in the shared Firefox, on a fresh install of the extension. */
function walk(name, fn, timeout = 150000) {
  test(`Firefox ESR: ${name}`, { skip, timeout }, async (t) => {
    const ff = firefox.session;
    if (!ff) {
      t.skip('could not listen on 127.0.0.1:443 (needed for Firefox; another process may hold it)');
      return;
    }
    if (walked++) await ff.fresh();
    await fn(ff);
  });
}

walk('guide C (find-your-role): Entra ID > Users > the user in the re-rendered blade frame > Assigned roles, and each guide\'s verdict', walkGuideC);
walk('guide A (azure-for-office365): Start free > sign-in > sign-up > Entra ID > All users (resumed after the event page stops) > rows', walkGuideA);
walk('guide B (office365-for-azure-ad) from the admin center: Purchase services > ... > Active users, and the ending until Dismiss', walkGuideBAdminCenter);
walk('guide B (office365-for-azure-ad) on today\'s email-first sign-up: the work email, Sign in highlighted, "Create a new account" marked, never highlighted', walkGuideBSignUp);
walk('explanation D (directories): the five points, the account and directory read, the account menu step done on evidence', walkDirectories);
walk('guide E (add-subscription-to-directory) as Owner: Subscriptions > ... > Change, warned before the move', walkGuideE);
walk('Get help: the stuck code, then contact-support to "Create a support request"; the code opened in a fresh install', async (s) => {
  const stuck = await walkGetHelp(s);
  await s.fresh();
  await openStuckCode(s, stuck);
});
// The variants the Chromium specs walk too: the 2017 wordings, the Entra
// admin center, Guide E as Reader, the guided journey.
walk('guide A with the 2017 wording: Browse > Azure Active Directory > Users and groups', walkGuideA2017);
walk('guide C with the 2017 wording: Browse > Active Directory > USERS > the user > Directory role', walkGuideC2017);
walk('guide B on the 2017 route: plan > the trial form marked "do not fill", Sign in > sign-in > Try now > Continue > Active users', (s) =>
  walkGuideB2017(s, 'https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products?layout=2017'),
);
walk('guide A on entra.microsoft.com (today\'s nav): Entra ID > Users > the users list in the blade frame', walkGuideAEntra);
walk('guide C on entra.microsoft.com (older nav): Identity > Users > All users > the user > Assigned roles', walkGuideCEntra);
walk('guide E as Reader: "My role" Reader does not qualify, in the panel and on the page', walkGuideEReader);
walk('the guided journey: a stale portal tab\'s route change does not complete the sign-up; the guided tab\'s arrival does', walkJourney);
