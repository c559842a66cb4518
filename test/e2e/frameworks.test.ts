// End to end: the Vue 3 and React 19 demo pages drive the same kit against the local server. Each page sends
// a message the other receives; the custom message type, a custom menu item, forwarding and the kit's events
// (heard through each framework's own binding) are checked along the way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningDemo } from '../../scripts/demo.js';
import { startScratchDemo, type ScratchDemo } from './harness.js';

const TIMEOUT = 10_000;
let scratch: ScratchDemo;
let demo: RunningDemo;
let browser: Browser;
const errors: string[] = [];

before(async () => {
  scratch = await startScratchDemo();
  ({ demo, browser } = scratch);
});

after(async () => {
  await scratch?.close();
});

async function open(pageName: string, user: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => errors.push(`${pageName}: ${error.message}`));
  await page.goto(new URL(`${pageName}?user=${user}`, demo.demoUrl).href);
  await page.getByText(`Connected as ${user}`).waitFor();
  return page;
}

async function send(page: Page, text: string): Promise<void> {
  const input = page.locator('message-editor textarea');
  await input.fill(text);
  await input.press('Enter');
  await page.locator('message-list').getByText(text).waitFor();
  assert.equal(await input.inputValue(), '');
}

const conversation = (page: Page, name: string) => page.locator('conversation-list [role=option]', { hasText: name });
const notice = (page: Page) => page.locator('.notice');

test('Vue 3: Alice writes to Bob on the React page; events reach Vue handlers; a card renders', async () => {
  const vue = await open('vue.html', 'alice');
  const react = await open('react.html', 'bob');
  await vue.getByRole('button', { name: 'Bob Okafor' }).click();
  await send(vue, 'Hello from Vue');
  await conversation(react, 'Alice Martin').getByText('Hello from Vue').waitFor();

  // tapConversation through React 19's `ontapConversation` prop.
  await conversation(react, 'Alice Martin').click();
  await notice(react).getByText('Opened Alice Martin').waitFor();
  await react.locator('message-list').getByText('Hello from Vue').waitFor();
  await send(react, 'Hello from React');
  await vue.locator('message-list').getByText('Hello from React').waitFor();

  // tapConversation through Vue's `@tapConversation`.
  await conversation(vue, 'Bob Okafor').click();
  await notice(vue).getByText('Opened Bob Okafor').waitFor();

  // The custom message type with its renderer, on both sides; the preview uses the lastMessage renderer.
  await vue.getByRole('button', { name: 'Send my card' }).click();
  await vue.locator('message-list [part~=custom-bubble]').getByText('@alice').waitFor();
  await react.locator('message-list [part~=custom-bubble]').getByText('Alice Martin').waitFor();
  await conversation(react, 'Alice Martin').getByText('[Card] Alice Martin').waitFor();
  await vue.close();
  await react.close();
  assert.deepEqual(errors, []);
});

test('React 19: custom menu items and forwarding to the group', async () => {
  const react = await open('react.html', 'bob');
  const vue = await open('vue.html', 'carol');
  await conversation(react, 'Alice Martin').click();
  // Custom conversation menu item (set as a property by React).
  await conversation(react, 'Alice Martin').click({ button: 'right' });
  await react.getByRole('menuitem', { name: 'Copy conversation ID' }).click();
  await notice(react).getByText('Conversation ID: alice').waitFor();
  // Custom message menu item, only on cards.
  await react.locator('message-list [part~=custom-bubble]').first().click({ button: 'right' });
  await react.getByRole('menuitem', { name: 'Open card' }).click();
  await notice(react).getByText('Card of Alice Martin').waitFor();
  // Forward a text to the group; Carol (on the Vue page) sees it arrive in the group.
  await react.locator('message-list [part~=bubble]', { hasText: 'Hello from Vue' }).click({ button: 'right' });
  await react.getByRole('menuitem', { name: 'Forward' }).click();
  await conversation(vue, 'Parley demo').getByText('Hello from Vue').waitFor();
  await react.close();
  await vue.close();
  assert.deepEqual(errors, []);
});

test('plain HTML: the custom card and the custom menu work there too', async () => {
  const page = await open('chat.html', 'carol');
  // No conversation open yet: the card has nowhere to go.
  assert.equal(await page.getByRole('button', { name: 'Send my card' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Parley demo' }).click();
  await send(page, 'Plain HTML says hi');
  await page.getByRole('button', { name: 'Send my card' }).click();
  await page.locator('message-list [part~=custom-bubble]').getByText('@carol').waitFor();
  await conversation(page, 'Parley demo').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy conversation ID' }).click();
  await notice(page).getByText('Conversation ID: parley-demo').waitFor();
  await page.close();
  assert.deepEqual(errors, []);
});

test('Vue and React on a phone (390×844): one column, Back returns to the list', async () => {
  for (const pageName of ['vue.html', 'react.html']) {
    const page = await open(pageName, 'bob', { width: 390, height: 844 });
    const back = page.getByRole('button', { name: 'Back to conversations' });
    const withAlice = page
      .locator('conversation-list [role=option]')
      .filter({ has: page.locator('.name').getByText('Alice Martin', { exact: true }) });
    await withAlice.waitFor();
    assert.equal(await page.locator('message-list').isVisible(), false, `${pageName}: the list comes first`);
    await withAlice.click();
    await back.waitFor();
    assert.equal(
      await page.locator('conversation-list').isVisible(),
      false,
      `${pageName}: the messages replace the list`,
    );
    await back.click();
    await withAlice.waitFor({ state: 'visible' });
    assert.equal(await back.isVisible(), false);
    await page.close();
  }
  assert.deepEqual(errors, []);
});

test('Vue and React: "Signed in as" switches the user, and the language picker reaches the framework-drawn toolbar', async () => {
  for (const pageName of ['vue.html', 'react.html']) {
    const page = await open(pageName, 'alice');
    const signedInAs = page.getByRole('combobox', { name: 'Signed in as' });
    assert.equal(await signedInAs.inputValue(), 'alice', `${pageName}: shows who I am`);
    await signedInAs.selectOption('carol');
    await page.getByText('Connected as carol').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('user'), 'carol');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
    await page.getByText('carol として接続中').waitFor();
    await page.getByRole('button', { name: '名刺を送る' }).waitFor();
    await page.locator('message-list').getByText('トークを選択してチャットを始めましょう').waitFor();
    await page.close();
  }
  assert.deepEqual(errors, []);
});
