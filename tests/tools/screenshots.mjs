// The README's images (`cargo xtask screenshots`): the portal replica with a
// step highlighted, the panel running that guide, and the welcome page, in
// headless Chromium with the built extension. Usage: node tools/screenshots.mjs OUT_DIR
import path from 'node:path';
import { startServer, launchChromium, startGuide, waitForStep, inTop, until, panelText } from '../e2e/harness.mjs';

const out = path.resolve(process.argv[2] || 'screenshots');
const GUIDE = 'find-your-role';
const server = await startServer();
try {
  const s = await launchChromium({ server, keepWelcome: true });
  try {
    const id = await s.extensionId();
    const welcome = await until(
      async () => s.context.pages().find((p) => p.url() === `chrome-extension://${id}/welcome.html`) ?? null,
      'the welcome page',
    );
    await welcome.setViewportSize({ width: 900, height: 760 });
    await welcome.waitForLoadState('load');
    await welcome.screenshot({ path: path.join(out, 'welcome.png') });
    await welcome.close();

    const panel = await s.openPanel();
    await panel.setViewportSize({ width: 400, height: 900 });
    await startGuide(panel, GUIDE);
    const page = await s.newPage();
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.goto('https://portal.azure.com/#home');
    const step = await waitForStep(page, `${GUIDE}/`, 20000, {
      frame: inTop,
      target: (t) => /Entra ID/.test(`${t.name} ${t.text}`),
    });
    await until(async () => /Step 1 of/.test(await panelText(panel)) || null, 'the panel to show the running guide');
    // The callout fades in; take the picture once it is fully shown.
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(out, 'overlay-portal.png') });
    // From the top: the running guide first, not where the Start button was.
    await panel.evaluate(() => {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      window.scrollTo(0, 0);
    });
    await panel.screenshot({ path: path.join(out, 'panel-guide.png') });
    console.log(`screenshots: step ${step.target.step} on ${page.url()}`);
  } finally {
    await s.close();
  }
} finally {
  await server.close();
}
