// Sign-in pages are never touched (brief §3, issue 2 item 6): with a guide
// running, login.microsoftonline.com gets no element, no marker, no shadow
// root, no attribute and no extension script (no isolated world), while the
// portal page in the same browser does get the content script (the positive
// control that proves the detection works).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, chromiumForFile, extensionMissing, extensionContexts, startGuide, readPage, isClean, until } from './harness.mjs';
import { LOGIN_URL } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();
const browser = chromiumForFile({ skip });

async function domFacts(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      htmlAttrs: [...document.documentElement.attributes].map((a) => a.name + '=' + a.value).sort(),
      bodyAttrs: [...document.body.attributes].map((a) => a.name + '=' + a.value).sort(),
      shadowHosts: all.filter((e) => e.shadowRoot).map((e) => e.tagName),
      waymarkish: all.filter((e) => [...e.attributes].some((a) => /waymark/i.test(a.name) || /waymark/i.test(a.value)) || /waymark/i.test(e.id)).length,
      lastBodyChild: document.body.lastElementChild ? document.body.lastElementChild.id || document.body.lastElementChild.tagName : null,
      elementCount: all.length,
    };
  });
}

test('login.microsoftonline.com stays untouched while a guide runs, through the whole sign-in', { skip, timeout: 90000 }, async () => {
  const s = browser.session;
  const panel = await s.openPanel();
  await startGuide(panel, 'azure-for-office365');

  // Positive control: the portal gets the content script.
  const portal = await s.newPage();
  await portal.goto('https://portal.azure.com/#home');
  await portal.waitForSelector('.fxs-topbar');
  const pc = await until(async () => {
    const c = await extensionContexts(s.context, portal);
    return c.extension.length ? c : null;
  }, 'the content script on portal.azure.com');
  assert.ok(pc.extension.length >= 1);

  // The sign-in page: nothing at all.
  const login = await s.newPage();
  await login.goto(LOGIN_URL);
  await login.waitForSelector('#i0116');
  const before = await domFacts(login);
  const views = [];
  const check = async (label) => {
    const c = await extensionContexts(s.context, login);
    assert.deepEqual(c.extension.map((x) => x.origin + ' ' + x.name), [], `${label}: extension execution context in the sign-in page`);
    const reads = await readPage(login);
    for (const r of reads) assert.ok(isClean(r), `${label}: Waymark markers in ${r.url}`);
    const f = await domFacts(login);
    assert.deepEqual(f.shadowHosts, [], `${label}: shadow roots`);
    assert.equal(f.waymarkish, 0, `${label}: waymark attributes`);
    assert.deepEqual(f.htmlAttrs, before.htmlAttrs, `${label}: <html> attributes changed`);
    assert.deepEqual(f.bodyAttrs, before.bodyAttrs, `${label}: <body> attributes changed`);
    views.push(label);
  };
  await login.waitForTimeout(1000); // give a misbehaving content script time to act
  await check('user name view');
  await login.fill('#i0116', 'kelley@contoso.onmicrosoft.com');
  await login.click('#idSIButton9');
  await login.waitForSelector('#i0118', { state: 'visible' });
  await check('password view');
  await login.fill('#i0118', 'not-a-real-password');
  await login.click('#idSIButton9');
  await login.waitForSelector('#KmsiCheckboxField', { state: 'visible' });
  await check('stay signed in view');
  assert.equal(views.length, 3);

  // Leaving sign-in returns to the portal, where Waymark works again.
  await Promise.all([login.waitForURL((u) => u.hostname === 'portal.azure.com'), login.click('#idSIButton9')]);
  await login.waitForSelector('.fxs-topbar');
  const back = await until(async () => {
    const c = await extensionContexts(s.context, login);
    return c.extension.length ? c : null;
  }, 'the content script back on the portal after sign-in');
  assert.ok(back.extension.length >= 1);
  assert.deepEqual(s.errors, [], 'console or page errors:\n' + s.errors.map((e) => e.text).join('\n'));
});
