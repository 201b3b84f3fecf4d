// Least privilege, exactly (issue 13 item 8): on www.microsoft.com, a host
// Waymark shares with every other Microsoft page, the content script runs on
// the Microsoft 365 business pages only, and not on a page whose query
// string (or a deeper path) merely contains "/microsoft-365/business". The
// rendered manifests themselves are asserted in xtask/src/manifest.rs; this
// spec checks that Chromium reads the patterns the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, chromiumForFile, extensionMissing, extensionContexts, until, sleep } from './harness.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();
const browser = chromiumForFile({ skip });

const hasContentScript = async (page) => (await extensionContexts(browser.session.context, page)).extension.length > 0;

// The replica server answers a path it has no file for with a plain-text
// 404: the same kind of document on both sides of the line, so the positive
// controls prove that such a page would show the content script.
const RUNS = [
  'https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products',
  'https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products?market=us',
  'https://www.microsoft.com/en-us/microsoft-365/business/missing.txt',
];
const NEVER = [
  'https://www.microsoft.com/en-us/search?q=/microsoft-365/business',
  'https://www.microsoft.com/search.txt?r=/en-us/microsoft-365/business/x',
  'https://www.microsoft.com/en-us/store/b/microsoft-365/business',
  'https://www.microsoft.com/en-us/microsoft-365/business-insights-ideas',
];

// A fresh tab per URL: after a navigation within one tab, the previous
// document's content-script context can still be listed for a moment.
async function visit(url, check) {
  const page = await browser.session.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await check(page);
  } finally {
    await page.close();
  }
}

test('www.microsoft.com: the content script runs on the Microsoft 365 business pages and nowhere else', { skip, timeout: 120000 }, async () => {
  for (const url of RUNS) {
    await visit(url, (page) => until(() => hasContentScript(page), `the content script on ${url}`));
  }
  for (const url of NEVER) {
    await visit(url, async (page) => {
      await sleep(1500); // the positive controls above showed up well within this
      assert.equal(await hasContentScript(page), false, `content script on ${url}`);
    });
  }
});
