// End to end: restarting `npm start` (the IM server and the demo's Vite server) while a chat page stays open.
// The page must not be reloaded: the kit reconnects by itself and sends what was typed while offline.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServer } from '../../server/index.js';
import { startDemo, type RunningDemo } from '../../scripts/demo.js';
import { launchChromium } from './harness.js';

const TIMEOUT = 30_000;
const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-restart-'));
let demo: RunningDemo | undefined;
let browser: Browser;

before(async () => {
  demo = await startDemo({ serverPort: 0, demoPort: 0, dataDir });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a message typed while `npm start` restarts is sent once it is back, and the page is not reloaded', async () => {
  const serverPort = Number(new URL(demo!.server.url).port);
  const demoPort = Number(new URL(demo!.demoUrl).port);
  const page = await browser.newPage({ viewport: { width: 1100, height: 750 } });
  page.setDefaultTimeout(TIMEOUT);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(new URL('chat.html?user=alice', demo!.demoUrl).href);
  await page.getByText('Connected as alice').waitFor();
  await page.getByRole('button', { name: 'Bob Okafor' }).click();
  await page.locator('message-editor').getByRole('button', { name: 'Send', exact: true }).waitFor();
  // A mark only this page load carries: a reload would drop it.
  await page.evaluate(() => ((window as unknown as { pageLoad: string }).pageLoad = 'first'));

  const stopped = demo!;
  demo = undefined;
  await stopped.close();
  await page.getByText('alice: offline').waitFor();
  const input = page.locator('message-editor textarea');
  await input.fill('Typed while the server was down');
  await input.press('Enter');
  await page.locator('message-list').getByText('Typed while the server was down').waitFor();

  demo = await startDemo({ serverPort, demoPort, dataDir });
  await page.getByText('Connected as alice').waitFor();
  // Bob, on a fresh page, finds it in his conversation list: the queued message reached the server.
  const bob = await browser.newPage({ viewport: { width: 1100, height: 750 } });
  bob.setDefaultTimeout(TIMEOUT);
  await bob.goto(new URL('chat.html?user=bob', demo.demoUrl).href);
  await bob
    .locator('conversation-list [role=option]', { hasText: 'Alice Martin' })
    .getByText('Typed while the server was down')
    .waitFor();
  // Give Vite's client time to have reloaded the page if it were going to (it polls every second).
  await page.waitForTimeout(2_500);
  assert.equal(
    await page.evaluate(() => (window as unknown as { pageLoad?: string }).pageLoad),
    'first',
    'the page was not reloaded',
  );
  assert.deepEqual(pageErrors, []);
  await bob.close();
  await page.close();
});

test('when only the IM server restarts, the page stays and sends what was typed while it was down', async () => {
  const running = demo!;
  const page = await browser.newPage({ viewport: { width: 1100, height: 750 } });
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(new URL('chat.html?user=carol', running.demoUrl).href);
  await page.getByText('Connected as carol').waitFor();
  await page.getByRole('button', { name: 'Alice Martin' }).click();
  await page.locator('message-editor').getByRole('button', { name: 'Send', exact: true }).waitFor();
  await page.evaluate(() => ((window as unknown as { pageLoad: string }).pageLoad = 'first'));

  // The IM server alone goes down and comes back on its port and data; the demo's web server stays up.
  await running.server.close();
  await page.getByText('carol: offline').waitFor();
  const input = page.locator('message-editor textarea');
  await input.fill('Sent after the IM server came back');
  await input.press('Enter');
  const again = await startServer({
    port: Number(new URL(running.server.url).port),
    host: '127.0.0.1',
    dataDir,
    chatroom: { userChangeNotify: 'all' },
  });
  try {
    await page.getByText('Connected as carol').waitFor();
    const alice = await browser.newPage({ viewport: { width: 1100, height: 750 } });
    alice.setDefaultTimeout(TIMEOUT);
    await alice.goto(new URL('chat.html?user=alice', running.demoUrl).href);
    await alice
      .locator('conversation-list [role=option]', { hasText: 'Carol Chen' })
      .getByText('Sent after the IM server came back')
      .waitFor();
    assert.equal(
      await page.evaluate(() => (window as unknown as { pageLoad?: string }).pageLoad),
      'first',
      'the page was not reloaded',
    );
    await alice.close();
  } finally {
    await page.close();
    await again.close();
  }
});
