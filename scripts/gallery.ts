// `npm run gallery`: writes a PNG of every state of the kit and the demo to gallery/ (git ignores it), for a
// person to look through before calling a visual change done.
//   gallery/kit/    the screenshot-test scenes (web-test-runner.visual.config.mjs, drawn fresh, not compared)
//   gallery/kit/    also every overlay open, the connection banner's states, waiting and failed messages
//   gallery/demo/   the demo pages at 1100×750 and 390×844, every overlay open, and the chat gone offline
//                   (banner and a waiting message) and back
// Overlays are opened the way a user opens them (right click, the menu key, the emoji button, typing "@"), so
// this keeps working however the kit draws them. Run: npm run gallery [-- --skip-kit]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { createServerApiClient } from '../server/api-client.js';
import { startScratchDemo } from '../test/e2e/harness.js';

const OUT = 'gallery';
const WIDE = { width: 1100, height: 750 };
const PHONE = { width: 390, height: 844 };
const failures: string[] = [];

/** Takes one picture; a state that cannot be reached is reported and the gallery goes on. */
async function shoot(page: Page, name: string, reach: () => Promise<unknown> = async () => {}): Promise<void> {
  const path = join(OUT, 'demo', `${name}.png`);
  try {
    await reach();
    await page.waitForTimeout(400);
    await page.screenshot({ path });
    console.log(`wrote ${path}`);
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    console.error(`could not draw ${name}: ${failures.at(-1)}`);
  }
  await page.keyboard.press('Escape').catch(() => {});
}

/** The kit's screenshot scenes, drawn by the visual test run into gallery/kit instead of compared. */
function drawKitScenes(): void {
  const run = spawnSync('npx', ['wtr', '--config', 'web-test-runner.visual.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, PARLEY_VISUAL_GALLERY: join(OUT, 'kit') },
  });
  if (run.status !== 0) failures.push(`kit scenes: the visual run exited with ${run.status}`);
}

async function openChat(browser: Browser, baseUrl: string, user: string, viewport = WIDE): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(10_000);
  await page.goto(new URL(`chat.html?user=${user}`, baseUrl).href);
  await page.getByText(`Connected as ${user}`).waitFor();
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  const input = page.locator('message-editor textarea');
  await input.fill(text);
  await input.press('Enter');
  await page.locator('message-list').getByText(text).first().waitFor();
}

/** A conversation's row by its name (not by a preview that mentions the name). */
const row = (page: Page, name: string): Locator =>
  page
    .locator('conversation-list [role=option]')
    .filter({ has: page.locator('.name').getByText(name, { exact: true }) });
const lastBubble = (page: Page): Locator => page.locator('message-list [part~=bubble]').last();

/** Alice and Bob chat one to one and in the group (Carol posts there through the Server API). */
async function converse(alice: Page, bob: Page, api: ReturnType<typeof createServerApiClient>): Promise<void> {
  await api.call('/message/group/publish.json', {
    fromUserId: 'carol',
    toGroupId: 'parley-demo',
    objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content: 'Standup moved to 10:30 tomorrow 📅' }),
  });
  await alice.getByRole('button', { name: 'Bob Okafor' }).click();
  await say(alice, 'Hi Bob! Did the build go green?');
  await row(bob, 'Alice Martin').click();
  await say(bob, 'It did, all tests pass. Shipping the demo now 🚀');
  await say(alice, 'Great, thanks!');
  await alice.getByRole('button', { name: 'Parley demo' }).click();
  await say(alice, 'Lunch at noon? 🍜');
  await row(bob, 'Parley demo').click();
  await bob.locator('message-list').getByText('Lunch at noon?').waitFor();
  await row(alice, 'Bob Okafor').click();
}

/** Every overlay of the three elements, open, in Alice's page at 1100×750. */
async function overlays(alice: Page): Promise<void> {
  await shoot(alice, 'chat-1100x750');
  await shoot(alice, 'overlay-message-menu', () => lastBubble(alice).click({ button: 'right' }));
  await shoot(alice, 'overlay-message-menu-keyboard', async () => {
    await lastBubble(alice).click();
    await alice.keyboard.press('Shift+F10');
  });
  await shoot(alice, 'overlay-conversation-menu', () => row(alice, 'Bob Okafor').click({ button: 'right' }));
  await shoot(alice, 'overlay-tags-menu', async () => {
    await row(alice, 'Bob Okafor').click({ button: 'right' });
    await alice.getByRole('menuitem', { name: 'Tags…' }).click();
  });
  await shoot(alice, 'overlay-tag-dialog', async () => {
    await row(alice, 'Bob Okafor').click({ button: 'right' });
    await alice.getByRole('menuitem', { name: 'Tags…' }).click();
    await alice.getByRole('menuitem', { name: 'New tag…' }).click();
    await alice.getByRole('dialog').first().waitFor();
  });
  await shoot(alice, 'overlay-delete-confirmation', async () => {
    await row(alice, 'Bob Okafor').click({ button: 'right' });
    await alice.getByRole('menuitem', { name: 'Delete conversation' }).click();
    await alice.locator('conversation-list dialog.confirm-dialog[open]').waitFor();
  });
  await shoot(alice, 'overlay-emoji-picker', () =>
    alice.locator('message-editor').getByRole('button', { name: 'Emoji' }).click(),
  );
  await row(alice, 'Parley demo').click();
  await alice.locator('message-list').getByText('Lunch at noon?').waitFor();
  await shoot(alice, 'group-1100x750');
  await shoot(alice, 'overlay-mention-picker', async () => {
    await alice.locator('message-editor textarea').click();
    await alice.keyboard.type('@');
  });
  await alice.locator('message-editor textarea').fill('');
  await shoot(alice, 'overlay-readers', () => alice.locator('message-list [part~=read-count]').last().click());
}

/** The connection banner and a message that waits for the connection: Alice's browser goes off the network. */
async function offline(alice: Page): Promise<void> {
  await alice.context().setOffline(true);
  try {
    // The open socket is not cut by the switch: the client notices at its next heartbeat (up to ~25 s).
    await shoot(alice, 'connection-offline', () =>
      alice.locator('connection-banner [part~=banner]').waitFor({ timeout: 60_000 }),
    );
    await shoot(alice, 'message-waiting', async () => {
      const input = alice.locator('message-editor textarea');
      await input.fill('Sent while offline, goes out on reconnect');
      await input.press('Enter');
      await alice.locator('message-list').getByText('Waiting for connection').waitFor();
    });
  } finally {
    await alice.context().setOffline(false);
  }
  await shoot(alice, 'connection-back', () =>
    alice.locator('message-list').getByText('Waiting for connection').waitFor({ state: 'detached', timeout: 20_000 }),
  );
}

/** The demo pages as a visitor sees them, wide and on a phone. */
async function pages(browser: Browser, baseUrl: string): Promise<void> {
  for (const [label, viewport] of [
    ['1100x750', WIDE],
    ['390x844', PHONE],
  ] as const) {
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(10_000);
    await shoot(page, `index-${label}`, async () => {
      await page.goto(baseUrl);
      await page.frameLocator('iframe[name=alice]').getByText('Connected as alice').waitFor();
    });
    await shoot(page, `chatroom-${label}`, async () => {
      await page.goto(new URL('chatroom.html?user=alice', baseUrl).href);
      await page.getByText('In the room as alice').waitFor();
    });
    await shoot(page, `chatroom-left-${label}`, async () => {
      await page.locator('message-list').getByRole('button', { name: /leave/i }).click();
      await page.getByText('You left the room.').waitFor();
    });
    await page.close();
  }
  const wide = await browser.newPage({ viewport: WIDE });
  wide.setDefaultTimeout(10_000);
  await shoot(wide, 'live-1100x750', async () => {
    await wide.goto(new URL('live.html', baseUrl).href);
    await wide.frameLocator('iframe[name=carol]').getByText('In the room as carol').waitFor();
  });
  for (const framework of ['vue', 'react']) {
    await shoot(wide, `${framework}-1100x750`, async () => {
      await wide.goto(new URL(`${framework}.html?user=bob`, baseUrl).href);
      await wide.getByText('Connected as bob').waitFor();
      await row(wide, 'Alice Martin').click();
    });
  }
  await wide.close();

  // The one-column chat on a phone: the list, a tapped conversation, and Back.
  const phone = await openChat(browser, baseUrl, 'alice', PHONE);
  await shoot(phone, 'chat-390x844-list');
  await shoot(phone, 'chat-390x844-messages', () => row(phone, 'Bob Okafor').click());
  await shoot(phone, 'chat-390x844-back', () => phone.getByRole('button', { name: 'Back to conversations' }).click());
  await phone.close();
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'demo'), { recursive: true });
const scratch = await startScratchDemo();
try {
  const { demo, browser } = scratch;
  const api = createServerApiClient({
    baseUrl: demo.server.url,
    appKey: demo.server.appKey,
    appSecret: demo.server.appSecret,
  });
  const alice = await openChat(browser, demo.demoUrl, 'alice');
  const bob = await openChat(browser, demo.demoUrl, 'bob');
  await converse(alice, bob, api);
  await overlays(alice);
  await offline(alice);
  await pages(browser, demo.demoUrl);
} finally {
  await scratch.close();
}
if (!process.argv.includes('--skip-kit')) drawKitScenes();
if (failures.length > 0) {
  console.error(`\n${failures.length} state(s) not drawn:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`\nThe gallery is in ${OUT}/: look at every picture.`);
}
