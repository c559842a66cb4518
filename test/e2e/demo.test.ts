// End to end: the demo `npm start` serves (server + Vite + demo pages), driven in Chromium as Alice and Bob.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import type { RunningDemo } from '../../scripts/demo.js';
import { startScratchDemo, type ScratchDemo } from './harness.js';

const TIMEOUT = 10_000;
let scratch: ScratchDemo;
let demo: RunningDemo;
let page: Page;

before(async () => {
  scratch = await startScratchDemo();
  demo = scratch.demo;
  page = await scratch.browser.newPage({ viewport: { width: 1280, height: 800 } });
  // A cold Vite dev server transforms every module on the first load (9-19 s on a busy 2-core machine):
  // load once with a long hang guard, so the tests' own timeout is about the demo, not the first transform.
  await page.goto(demo.demoUrl, { timeout: 60_000 });
  await page.frameLocator('iframe[name=alice]').getByText('Connected as alice').waitFor({ timeout: 60_000 });
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => console.error('page error:', error));
});

after(() => scratch?.close());

/** Loads the demo and waits until both frames are connected. */
async function openDemo(): Promise<{ alice: FrameLocator; bob: FrameLocator }> {
  await page.goto(demo.demoUrl);
  const alice = page.frameLocator('iframe[name=alice]');
  const bob = page.frameLocator('iframe[name=bob]');
  await alice.getByText('Connected as alice').waitFor();
  await bob.getByText('Connected as bob').waitFor();
  return { alice, bob };
}

async function send(frame: FrameLocator, text: string): Promise<void> {
  const input = frame.locator('message-editor textarea');
  await input.fill(text);
  await input.press('Enter');
  await frame.locator('message-list').getByText(text).waitFor();
  assert.equal(await input.inputValue(), '', 'the editor clears after sending');
}

const conversation = (frame: FrameLocator, name: string) =>
  frame.locator('conversation-list [role=option]', { hasText: name });

test('the demo serves a session with a token, never the App Secret', async () => {
  const res = await fetch(new URL('/demo/session.json?user=carol', demo.demoUrl));
  assert.equal(res.status, 200);
  const body = await res.text();
  const session = JSON.parse(body) as Record<string, unknown>;
  assert.equal(session.userId, 'carol');
  assert.equal(session.navi, demo.server.url);
  assert.equal(session.appkey, demo.server.appKey);
  assert.ok(typeof session.token === 'string' && session.token.length > 0);
  assert.ok(!body.includes(demo.server.appSecret));
  assert.equal((await fetch(new URL('/demo/session.json?user=mallory', demo.demoUrl))).status, 404);
});

test('Alice writes to Bob; Bob sees the preview and unread badge, opens it, and the badge clears', async () => {
  const { alice, bob } = await openDemo();
  await alice.getByRole('button', { name: 'Bob Okafor' }).click();
  await send(alice, 'Hi Bob, this is Parley!');

  const fromAlice = conversation(bob, 'Alice Martin');
  await fromAlice.getByText('Hi Bob, this is Parley!').waitFor();
  assert.equal((await fromAlice.locator('[part~=badge]').textContent())?.trim(), '1');

  await fromAlice.click();
  await bob.locator('message-list').getByText('Hi Bob, this is Parley!').waitFor();
  await fromAlice.locator('[part~=badge]').waitFor({ state: 'detached' });

  // And back: Bob's reply reaches Alice's open conversation live.
  await send(bob, 'Hello Alice 👋');
  await alice.locator('message-list').getByText('Hello Alice 👋').waitFor();
});

test('after a reload the conversation and its history are still there', async () => {
  const { alice, bob } = await openDemo();
  const withBob = conversation(alice, 'Bob Okafor');
  await withBob.getByText('Hello Alice 👋').waitFor();
  await withBob.click();
  const list = alice.locator('message-list');
  await list.getByText('Hi Bob, this is Parley!').waitFor();
  await list.getByText('Hello Alice 👋').waitFor();
  // Bob read Alice's message before the reload; the server remembers.
  await conversation(bob, 'Alice Martin').getByText('Hello Alice 👋').waitFor();
  assert.equal(await conversation(bob, 'Alice Martin').locator('[part~=badge]').count(), 0);
});

test('a group message reaches the other member', async () => {
  const { alice, bob } = await openDemo();
  await alice.getByRole('button', { name: 'Parley demo' }).click();
  await send(alice, 'Welcome to the group');
  const group = conversation(bob, 'Parley demo');
  await group.getByText('Welcome to the group').waitFor();
  assert.equal((await group.locator('[part~=badge]').textContent())?.trim(), '1');
  await group.click();
  await bob.locator('message-list').getByText('Welcome to the group').waitFor();
});

test('the demo in Japanese (?lang=ja): the strings load on demand and the kit shows them', async () => {
  await page.goto(new URL('./chat.html?user=carol&lang=ja', demo.demoUrl).href);
  // The demo's own toolbar speaks Japanese too.
  await page.getByText('carol として接続中').waitFor();
  await page.getByRole('button', { name: '名刺を送る' }).waitFor();
  await page.locator('message-list').getByText('トークを選択してチャットを始めましょう').waitFor();
  // With no conversation open the editor shows only why it cannot send (its send button is hidden).
  await page.locator('message-editor').getByText('トークを選択するとメッセージを送信できます').waitFor();
  await page.locator('#start-chat button').first().click();
  await page.locator('message-editor').getByRole('button', { name: '送信', exact: true }).waitFor();
});

test('at 1100×750 the toolbar keeps to one line in en, zh_CN and ja, a notice showing too; no Vite lines in the console', async () => {
  const wide = await scratch.browser.newPage({ viewport: { width: 1100, height: 750 } });
  wide.setDefaultTimeout(TIMEOUT);
  const lines: string[] = [];
  wide.on('console', (message) => lines.push(message.text()));
  try {
    for (const [lang, connected] of [
      ['en', 'Connected as alice'],
      ['zh_CN', '已连接：alice'],
      ['ja', 'alice として接続中'],
    ] as const) {
      await wide.goto(new URL(`./chat.html?user=alice&lang=${lang}`, demo.demoUrl).href);
      await wide.getByText(connected).waitFor();
      // Tapping a conversation in the list puts a notice in the toolbar as well.
      await wide.locator('#start-chat button').last().click();
      await wide.locator('conversation-list [role=option]').first().click();
      await wide.locator('#notice:not(:empty)').waitFor();
      const boxes = await wide
        .locator('.toolbar > *')
        .evaluateAll((items) =>
          items.map((item) => item.getBoundingClientRect()).filter((box) => box.height > 0 && box.width > 0),
        );
      // One line: every item overlaps every other vertically.
      const lowestTop = Math.max(...boxes.map((box) => box.top));
      const highestBottom = Math.min(...boxes.map((box) => box.bottom));
      assert.ok(lowestTop < highestBottom, `${lang}: the toolbar on one line (${JSON.stringify(boxes)})`);
    }
    assert.deepEqual(
      lines.filter((line) => /\[vite\]|websocket/i.test(line)),
      [],
    );
  } finally {
    await wide.close();
  }
});

test("the language picker switches the kit and the demo's own strings, and the user switch keeps the language", async () => {
  await page.goto(new URL('./chat.html?user=alice', demo.demoUrl).href);
  await page.getByText('Connected as alice').waitFor();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh_CN');
  await page.getByText('已连接：alice').waitFor();
  await page.locator('message-list').getByText('请在左侧选择一个会话').waitFor();
  await page.getByRole('button', { name: '发送我的名片' }).waitFor();
  await page.getByText('聊天对象').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'zh_CN');
  // A card and its menu item, in Chinese.
  await page.getByRole('button', { name: 'Bob Okafor' }).click();
  await page.getByRole('button', { name: '发送我的名片' }).click();
  const card = page.locator('message-list [part~=custom-bubble]').last();
  await card.getByText('个人名片').waitFor();
  await card.click({ button: 'right' });
  await page.getByRole('menuitem', { name: '打开名片' }).waitFor();
  await page.keyboard.press('Escape');
  // Switching the user reloads the page as Bob, still in Chinese.
  await page.getByRole('combobox', { name: '当前用户' }).selectOption('bob');
  await page.getByText('已连接：bob').waitFor();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await page.getByText('Connected as bob').waitFor();
  await page
    .locator('message-list')
    .getByText(/Select a conversation/)
    .waitFor();
});

test('the theme picker turns the demo and the kit dark, and Auto follows the system', async () => {
  const context = await scratch.browser.newContext({ viewport: { width: 1100, height: 750 }, colorScheme: 'dark' });
  const dark = await context.newPage();
  dark.setDefaultTimeout(TIMEOUT);
  try {
    await dark.goto(new URL('./chat.html?user=alice', demo.demoUrl).href);
    await dark.getByText('Connected as alice').waitFor();
    const toolbarBackground = () =>
      dark.locator('.toolbar').evaluate((toolbar) => getComputedStyle(toolbar).backgroundColor);
    const isDarkColour = (rgb: string) =>
      rgb
        .match(/\d+/g)!
        .slice(0, 3)
        .reduce((sum, value) => sum + Number(value), 0) <
      3 * 100;
    // Auto (the default) follows the browser's dark scheme: the demo's toolbar too, not only the kit.
    assert.ok(
      isDarkColour(await toolbarBackground()),
      `dark toolbar under a dark system scheme (${await toolbarBackground()})`,
    );
    await dark.getByRole('combobox', { name: /^Theme/ }).selectOption('light');
    assert.ok(!isDarkColour(await toolbarBackground()), 'light toolbar once Light is picked');
    assert.equal(
      await dark.locator('message-list').getAttribute('theme'),
      'light',
      "the kit's elements get theme=light",
    );
    await dark.getByRole('combobox', { name: /^Theme/ }).selectOption('dark');
    assert.ok(isDarkColour(await toolbarBackground()));
    assert.equal(await dark.locator('conversation-list').getAttribute('theme'), 'dark');
    // The choice is kept for the next page.
    await dark.reload();
    await dark.getByText('Connected as alice').waitFor();
    assert.equal(await dark.locator('message-editor').getAttribute('theme'), 'dark');
    await dark.getByRole('combobox', { name: /^Theme/ }).selectOption('system');
    assert.equal(await dark.locator('message-editor').getAttribute('theme'), null);
  } finally {
    await context.close();
  }
});

test('on a phone (390×844) the chat is one column: the list, a tapped conversation with a back button, and back', async () => {
  const phone = await scratch.browser.newPage({ viewport: { width: 390, height: 844 } });
  phone.setDefaultTimeout(TIMEOUT);
  try {
    await phone.goto(new URL('./chat.html?user=alice', demo.demoUrl).href);
    await phone.getByText('Connected as alice').waitFor();
    const list = phone.locator('conversation-list');
    const messages = phone.locator('message-list');
    const back = phone.getByRole('button', { name: 'Back to conversations' });
    const withBob = list.locator('[role=option]', { hasText: 'Bob Okafor' });
    await withBob.waitFor();
    assert.equal(await messages.isVisible(), false, 'the list comes first, alone');
    assert.equal(await back.isVisible(), false);
    const listBox = await list.boundingBox();
    assert.ok(listBox && listBox.width >= 380, `the list takes the width (${listBox?.width})`);

    await withBob.click();
    await messages.getByText('Hi Bob, this is Parley!').waitFor();
    assert.equal(await list.isVisible(), false, 'the messages replace the list');
    assert.equal(await back.evaluate((button) => button === document.activeElement), true, 'focus moves to Back');
    const bubble = await messages.getByText('Hi Bob, this is Parley!').boundingBox();
    assert.ok(bubble && bubble.x >= 0 && bubble.x + bubble.width <= 390, 'the bubble fits the screen');

    await phone.keyboard.press('Enter');
    await withBob.waitFor({ state: 'visible' });
    assert.equal(await messages.isVisible(), false);
    assert.equal(
      await withBob.evaluate((row) => row === (row.getRootNode() as ShadowRoot).activeElement),
      true,
      'focus returns to the row',
    );
  } finally {
    await phone.close();
  }
});
