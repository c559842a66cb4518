// Regenerates docs/demo.png: starts the demo on free ports with a fresh data folder, has Alice and Bob
// exchange a few messages (Carol posts to the group through the Server API) and captures the page.
// Run: npx tsx scripts/screenshot.ts [out.png]
import type { FrameLocator } from 'playwright-core';
import { createServerApiClient } from '../server/api-client.js';
import { startScratchDemo } from '../test/e2e/harness.js';

const out = process.argv[2] ?? 'docs/demo.png';
const scratch = await startScratchDemo();
const { demo, browser } = scratch;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 840 } });
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
  // Carol posts to the group from "the app's backend", through the Server API.
  const { server } = demo;
  const api = createServerApiClient({ baseUrl: server.url, appKey: server.appKey, appSecret: server.appSecret });
  await api.call('/message/group/publish.json', {
    fromUserId: 'carol',
    toGroupId: 'parley-demo',
    objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content: 'Standup moved to 10:30 tomorrow.' }),
  });
  await alice.getByRole('button', { name: 'Bob Okafor' }).click();
  await say(alice, 'Hi Bob! Did the build go green?');
  await bob.locator('conversation-list [role=option]', { hasText: 'Alice Martin' }).click();
  await say(bob, 'It did, all tests pass. Shipping the demo now.');
  await say(alice, 'Great, thanks!');
  await page.waitForTimeout(800);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await scratch.close();
}
