// End to end: the live-stream chatroom demo (demo/live.html: three chatroom.html frames), driven in Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import type { RunningDemo } from '../../scripts/demo.js';
import { startScratchDemo, type ScratchDemo } from './harness.js';

const TIMEOUT = 10_000;
let scratch: ScratchDemo;
let demo: RunningDemo;
let page: Page;
const errors: string[] = [];

before(async () => {
  scratch = await startScratchDemo();
  demo = scratch.demo;
  page = await scratch.browser.newPage({ viewport: { width: 1500, height: 900 } });
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => errors.push(error.message));
});

after(() => scratch?.close());

/** Loads live.html and waits until the three viewers are in the room. */
async function openLive(): Promise<Record<'alice' | 'bob' | 'carol', FrameLocator>> {
  await page.goto(new URL('live.html', demo.demoUrl).href);
  const frames = {
    alice: page.frameLocator('iframe[name=alice]'),
    bob: page.frameLocator('iframe[name=bob]'),
    carol: page.frameLocator('iframe[name=carol]'),
  };
  for (const [id, frame] of Object.entries(frames)) await frame.getByText(`In the room as ${id}`).waitFor();
  return frames;
}

const editor = (frame: FrameLocator) => frame.locator('message-editor textarea');
const hint = (frame: FrameLocator) => frame.locator('message-editor [part~=hint]');

test('three viewers in the live room: the header counts them, a message reaches the others, nothing in a conversation list', async () => {
  const { alice, bob, carol } = await openLive();
  await alice.locator('message-list [part~=header]').getByText('Parley live').waitFor();
  await alice.locator('message-list [part~=member-count]').getByText('3 in the room').waitFor();

  await editor(alice).fill('Hello live room');
  await editor(alice).press('Enter');
  await alice.locator('message-list').getByText('Hello live room').waitFor();
  await bob.locator('message-list').getByText('Hello live room').waitFor();
  await carol.locator('message-list').getByText('Hello live room').waitFor();
  assert.equal(await bob.locator('conversation-list').count(), 0);
  assert.deepEqual(errors, []);
});

test('the moderator panel mutes Bob (his editor says why and for how long), mutes all, blocks him and lets him back', async () => {
  const { alice, bob, carol } = await openLive();
  // Only the host's page has the panel; the viewers are told who moderates.
  await bob.getByText('Alice Martin hosts this stream').waitFor();
  assert.equal(await bob.locator('#moderator').isVisible(), false);
  // In a narrow frame the panel starts folded, so the chat keeps the space.
  await alice.getByText('Moderator panel').click();
  // The host is not among the members she can moderate.
  assert.deepEqual(await alice.locator('#moderate-user option').allTextContents(), ['Bob Okafor', 'Carol Chen']);
  await alice.locator('#moderate-user').selectOption('bob');
  await alice.locator('#moderate-minutes').fill('3');
  await alice.getByRole('button', { name: 'Mute', exact: true }).click();
  await alice.locator('#moderate-result').getByText('Mute Bob Okafor: done').waitFor();
  await hint(bob)
    .getByText(/You are muted in this room · Ends at \d\d:\d\d \((3:00|2:5\d) left\)/)
    .waitFor();
  assert.equal(await editor(bob).isDisabled(), true);
  assert.equal(await editor(alice).isDisabled(), false);

  await alice.getByRole('button', { name: 'Unmute', exact: true }).click();
  await alice.locator('#moderate-result').getByText('Unmute Bob Okafor: done').waitFor();
  await bob.locator('message-editor textarea:not([disabled])').waitFor();

  // Mute all reaches the viewers' editors, but not the host's: Alice created the room, so she may still speak.
  await alice.getByRole('button', { name: 'Mute all', exact: true }).click();
  await alice.locator('#moderate-result').getByText('Mute all: done').waitFor();
  await hint(bob).getByText('Everyone is muted in this room').waitFor();
  await hint(carol).getByText('Everyone is muted in this room').waitFor();
  assert.equal(await editor(alice).isDisabled(), false);
  await editor(alice).fill('Only the host speaks now');
  await editor(alice).press('Enter');
  await bob.locator('message-list').getByText('Only the host speaks now').waitFor();
  await alice.getByRole('button', { name: 'Unmute all', exact: true }).click();
  await bob.locator('message-editor textarea:not([disabled])').waitFor();

  // Block: Bob is removed and told until when, once, in the room's header (the editor says it short, the
  // status line only that he is out); once unblocked he joins again from the notice bar.
  await alice.getByRole('button', { name: 'Block', exact: true }).click();
  await bob
    .locator('message-list [part~=room-notice]')
    .getByText(/^You are blocked from this room · Ends at \d\d:\d\d \(\d+:\d\d left\)$/)
    .waitFor();
  await bob
    .locator('message-editor')
    .getByText(/^Blocked from this room · \d+:\d\d left$/)
    .waitFor();
  await bob.locator('#status').getByText('Not in the room', { exact: true }).waitFor();
  await alice.locator('message-list [part~=member-count]').getByText('2 in the room').waitFor();
  // While blocked: no Leave in the room's header, and Join stays disabled until the block ends.
  assert.equal(await bob.locator('message-list').getByRole('button', { name: /leave/i }).count(), 0);
  assert.equal(await bob.getByRole('button', { name: 'Join the room' }).isDisabled(), true);
  await alice.getByRole('button', { name: 'Unblock', exact: true }).click();
  await bob.locator('#join-room:not([disabled])').waitFor();
  await bob.locator('message-list').getByRole('button', { name: 'Join again' }).click();
  await bob.getByText('In the room as bob').waitFor();
  await alice.locator('message-list [part~=member-count]').getByText('3 in the room').waitFor();
});

test('at 1100×750 every frame shows its whole editor (Send visible) and the chat has the height', async () => {
  await page.setViewportSize({ width: 1100, height: 750 });
  try {
    const frames = await openLive();
    for (const [id, frame] of Object.entries(frames)) {
      const send = await frame
        .locator('message-editor')
        .getByRole('button', { name: 'Send', exact: true })
        .boundingBox();
      const frameBox = await page.locator(`iframe[name=${id}]`).boundingBox();
      assert.ok(
        send && frameBox && send.y + send.height <= frameBox.y + frameBox.height,
        `${id}: Send is inside the frame`,
      );
      const list = await frame.locator('message-list').boundingBox();
      assert.ok(list && list.height >= 250, `${id}: the messages get the height (${list?.height})`);
    }
  } finally {
    await page.setViewportSize({ width: 1500, height: 900 });
  }
});

test('the moderate endpoint accepts only its actions and demo users, and never shows the App Secret', async () => {
  const post = (body: unknown) =>
    fetch(new URL('/demo/moderate', demo.demoUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  assert.equal((await post({ action: 'destroy' })).status, 400);
  assert.equal((await post({ action: 'toString' })).status, 400);
  assert.equal((await post({ action: 'gag', userId: 'mallory' })).status, 400);
  assert.equal((await post({ action: 'gag', userId: 'bob', minutes: 0 })).status, 400);
  // The host cannot block herself out of her own room.
  assert.equal((await post({ action: 'block', userId: 'alice' })).status, 400);
  assert.equal((await fetch(new URL('/demo/moderate', demo.demoUrl))).status, 405);
  const ok = await post({ action: 'ungag', userId: 'bob' });
  assert.equal(ok.status, 200);
  assert.ok(!(await ok.text()).includes(demo.server.appSecret));
});

test('Join shows only while out of the room; after Leave the page says so and joins again from there', async () => {
  const { carol } = await openLive();
  const toolbarJoin = carol.locator('#join-room');
  assert.equal(await toolbarJoin.isVisible(), false, 'no Join button while in the room');
  await carol.locator('message-list').getByRole('button', { name: /leave/i }).click();
  await carol.getByText('You left the room.').waitFor();
  assert.equal(
    await carol
      .getByText(/Select a conversation/)
      .first()
      .isVisible(),
    false,
    'no talk of a conversation list',
  );
  assert.equal(await carol.locator('message-list').isVisible(), false);
  const rejoin = carol.getByRole('button', { name: 'Join the room' });
  assert.equal(await rejoin.count(), 1, 'one Join button');
  assert.equal(await rejoin.evaluate((button) => button === document.activeElement), true, 'focus moves to Join');
  await rejoin.click();
  await carol.getByText('In the room as carol').waitFor();
  await carol.locator('message-list [part~=member-count]').getByText('3 in the room').waitFor();
  assert.equal(await carol.getByText('You left the room.').isVisible(), false);
  assert.equal(await toolbarJoin.isVisible(), false);
  assert.deepEqual(errors, []);
});
