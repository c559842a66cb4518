// End to end: a demo page opened while the IM server is down (or its WebSocket unreachable). The page shows one
// state ("Connecting…") while the server is away and, once it is back, connects by itself and works: no reload,
// no lasting error.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { GATEWAY_PATH } from '../../src/protocol/constants.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { startDemo, type RunningDemo } from '../../scripts/demo.js';
import { launchChromium } from './harness.js';

const TIMEOUT = 30_000;
const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-down-'));
let demo: RunningDemo;
let restarted: RunningServer | undefined;
let browser: Browser;

before(async () => {
  demo = await startDemo({ serverPort: 0, demoPort: 0, dataDir });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await restarted?.close();
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a page opened while the server is down connects once it is back, and works', async () => {
  const { port, host } = demo.server;
  // The IM server goes away; the demo's page server (and its session endpoint) stays.
  await demo.server.close();

  const page = await browser.newPage({ viewport: { width: 1100, height: 750 } });
  page.setDefaultTimeout(TIMEOUT);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(new URL('chat.html?user=alice', demo.demoUrl).href);
  // One state while it waits: the status line and the banner both say it is connecting, the list guesses nothing.
  await page.locator('#status').getByText('Connecting…').waitFor();
  assert.equal(await page.locator('conversation-list').getByText('No conversations yet').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Send my card' }).isDisabled(), true);

  // The same server again: same port and data folder (so the same app key and the demo users).
  restarted = await startServer({ port, host, dataDir, chatroom: { userChangeNotify: 'all' } });
  await page.locator('#status').getByText('Connected as alice').waitFor();
  await page.locator('connection-banner [part=banner]').waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Bob Okafor' }).click();
  const input = page.locator('message-editor textarea');
  await input.fill('Hello after the outage');
  await input.press('Enter');
  await page
    .locator('conversation-list [role=option]', { hasText: 'Bob Okafor' })
    .getByText('Hello after the outage')
    .waitFor();
  assert.equal(await page.locator('message-list').getByText('Not sent').count(), 0);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('a page whose WebSocket cannot reach the server (the session can) connects once it can, and works', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 750 } });
  let blocked = true;
  // The gateway refuses the page's socket while `blocked`: every connect fails as with the server down.
  await context.routeWebSocket(
    (url) => url.pathname === GATEWAY_PATH,
    (socket) => (blocked ? socket.close() : socket.connectToServer()),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(new URL('chat.html?user=bob', demo.demoUrl).href);
  // The kit is set up and its connect keeps failing: the banner and the status line say the same thing.
  await page.locator('connection-banner [part=banner]').getByText('Connecting…').waitFor();
  assert.equal(await page.locator('#status').textContent(), 'Connecting…');
  assert.equal(await page.locator('conversation-list').getByText('No conversations yet').count(), 0);

  blocked = false;
  await page.locator('#status').getByText('Connected as bob').waitFor();
  await page.locator('connection-banner [part=banner]').waitFor({ state: 'detached' });
  await page
    .locator('conversation-list [role=option]', { hasText: 'Alice Martin' })
    .getByText('Hello after the outage')
    .waitFor();
  assert.deepEqual(pageErrors, []);
  await context.close();
});
