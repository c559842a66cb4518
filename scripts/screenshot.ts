// Regenerates docs/demo.png: starts the demo on free ports with a fresh data folder, has Alice and Bob
// exchange a few messages and captures the page at 1100×750. Each frame is narrower than 640 px, so it shows the
// one-column app: Bob's frame the open chat, Alice's her conversation list, where Carol's group message (posted
// through the Server API) waits with its unread badge.
// Run: npx tsx scripts/screenshot.ts [out.png]
import type { FrameLocator } from 'playwright-core';
import { createServerApiClient } from '../server/api-client.js';
import { startScratchDemo } from '../test/e2e/harness.js';

const out = process.argv[2] ?? 'docs/demo.png';
const scratch = await startScratchDemo();
const { demo, browser } = scratch;
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 750 } });
  await page.goto(demo.demoUrl);
  const alice = page.frameLocator('iframe[name=alice]');
  const bob = page.frameLocator('iframe[name=bob]');
  await alice.getByText('Connected as alice').waitFor();
  await bob.getByText('Connected as bob').waitFor();

  const say = async (frame: FrameLocator, text: string) => {
    await frame.locator('message-editor textarea').fill(text);
    await frame.locator('message-editor textarea').press('Enter');
    await frame.locator('message-list').getByText(text).waitFor();
  };
  await alice.getByRole('button', { name: 'Bob Okafor' }).click();
  await say(alice, 'Hi Bob! Did the build go green?');
  await bob.locator('conversation-list [role=option]', { hasText: 'Alice Martin' }).click();
  await say(bob, 'It did, all tests pass 🎉 Shipping the demo now.');
  await say(alice, 'Great, thanks! 🙌');
  await say(bob, '明天见 · また明日');
  await alice.getByRole('button', { name: 'Back to conversations' }).click();
  // Carol posts to the group from "the app's backend", through the Server API.
  const { server } = demo;
  const api = createServerApiClient({ baseUrl: server.url, appKey: server.appKey, appSecret: server.appSecret });
  await api.call('/message/group/publish.json', {
    fromUserId: 'carol',
    toGroupId: 'parley-demo',
    objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content: 'Standup moved to 10:30 tomorrow 📅' }),
  });
  await alice.locator('conversation-list').getByText('Standup moved to 10:30 tomorrow').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await scratch.close();
}
