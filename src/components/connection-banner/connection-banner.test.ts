import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { ConversationType } from '../../protocol/enums.js';
import { ParleyClient } from '../../services/client/index.js';
import { createKit, CoreEvent } from '../../kit/kit.js';
import { openOutboxDb } from '../../services/store/outbox-db.js';
import {
  bubbleTexts,
  describeViolations,
  messageRows,
  mountChat,
  seriousViolations,
  serverApi,
  shadow,
  testService,
  uniqueId,
  waitFor,
  type Session,
  type TestUser,
} from '../shared/test-utils.js';
import type { ConnectionBanner } from './connection-banner.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });
const users: TestUser[] = [];

/** A user of the test server (`main`, no send limit) or of the second one (`paced`: 5 a second, stoppable). */
async function connect(
  userId: string,
  server: 'main' | 'paced',
  reconnectDelay = { min: 1500, max: 3000 },
): Promise<TestUser & { session: Session }> {
  const s = (await fetch(
    `/__parley/session?user=${encodeURIComponent(userId)}${server === 'paced' ? '&server=paced' : ''}`,
  ).then((r) => r.json())) as Session;
  // Slow enough retries that the countdown shows whole seconds.
  const client = new ParleyClient({
    appkey: s.appkey,
    navi: s.navi,
    reconnectMinDelay: reconnectDelay.min,
    reconnectMaxDelay: reconnectDelay.max,
  });
  const kit = createKit({ client });
  kit.init({ appkey: s.appkey, service: testService(), provideOn: null });
  const res = await client.connect(s.token);
  if (res.code !== 0) throw new Error(`connect ${userId} failed: ${res.code}`);
  await kit.emit(CoreEvent.CONVERSATION, true);
  const user = { userId, kit, client, session: s };
  users.push(user);
  return user;
}

/** Waits until an async check holds. */
async function eventually(check: () => Promise<boolean>, what: string, timeout = 3000): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Tells the page it is off (or back on) the network the way the browser does: `navigator.onLine` and the event. */
function setOffline(offline: boolean): void {
  if (offline) Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  else delete (navigator as { onLine?: boolean }).onLine;
  dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

const paced = (action: 'stop' | 'start') =>
  fetch(`/__parley/paced?action=${action}`, { method: 'POST' }).then((r) => r.json());

async function mountBanner(user: TestUser): Promise<ConnectionBanner> {
  const banner = await fixture<ConnectionBanner>(
    html`<connection-banner .store=${user.kit.store}></connection-banner>`,
  );
  await banner.updateComplete;
  return banner;
}

const bannerText = (banner: ConnectionBanner) =>
  shadow(banner).querySelector('.banner')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const statusText = (banner: ConnectionBanner) => shadow(banner).querySelector('[role="status"]')!.textContent!.trim();

/** Types `text` into the editor and presses Enter, as a user does. */
function typeAndSend(editor: HTMLElement, text: string): void {
  const area = shadow(editor).querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

describe('imkit.init sendRatePerSecond', () => {
  it('takes an integer 0–1000 and refuses anything else with a clear error', () => {
    for (const bad of [-1, 1001, 2.5, Number.NaN, '5' as unknown as number]) {
      expect(
        () => createKit({ client: new ParleyClient() }).init({ sendRatePerSecond: bad, provideOn: null }),
        String(bad),
      ).to.throw(RangeError, /sendRatePerSecond must be an integer from 0 to 1000/);
    }
    for (const good of [0, 5, 1000]) {
      const kit = createKit({ client: new ParleyClient() });
      expect(() => kit.init({ sendRatePerSecond: good, provideOn: null })).to.not.throw();
      kit.destroy();
    }
  });
});

describe('outgoing queue and <connection-banner>', () => {
  afterEach(async () => {
    delete (navigator as { onLine?: boolean }).onLine;
    await paced('start');
    for (const user of users.splice(0)) {
      user.kit.destroy();
      await user.client.disconnect();
    }
  });

  it('delivers ten messages typed quickly in order under the server limit, none shows Retry', async () => {
    const alice = await connect(uniqueId('alice'), 'paced');
    const bob = await connect(uniqueId('bob'), 'paced');
    const a = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob.userId));
    await a.editor.updateComplete;
    let sawFailed = false;
    const stop = alice.kit.store.subscribe((s) => {
      if (s.messages[`1:${bob.userId}`]?.list.some((m) => m.sendState === 'failed')) sawFailed = true;
    });
    const texts = Array.from({ length: 10 }, (_, i) => `quick ${i + 1}`);
    for (const text of texts) {
      typeAndSend(a.editor, text);
      await a.editor.updateComplete;
    }
    await a.messages.updateComplete;
    expect(bubbleTexts(a.messages)).to.deep.equal(texts);
    await waitFor(() => messageRows(a.messages).every((r) => r.dataset.sendState === 'sent'), 8000, 'all sent');
    stop();
    expect(sawFailed).to.equal(false);
    expect(shadow(a.messages).querySelector('button.retry')).to.equal(null);
    const history = await bob.client.getHistoryMessages(privateWith(alice.userId), { count: 20 });
    expect(history.data!.list.map((m) => m.content.content)).to.deep.equal(texts);
  });

  it('shows the banner while the server is down, queues a send as waiting, delivers it after the reconnect', async () => {
    const alice = await connect(uniqueId('alice'), 'paced');
    const bob = await connect(uniqueId('bob'), 'paced');
    const a = await mountChat(alice);
    const banner = await mountBanner(alice);
    await alice.kit.selectConversation(privateWith(bob.userId));
    expect(shadow(banner).querySelector('.banner')).to.equal(null);
    expect(banner.getBoundingClientRect().height).to.equal(0);
    expect(statusText(banner)).to.equal('');

    await paced('stop');
    await waitFor(() => bannerText(banner).startsWith('连接已断开'), 5000, 'banner shows the lost connection');
    expect(bannerText(banner)).to.match(/连接已断开 \d 秒后重试/);
    expect(statusText(banner)).to.equal('正在重新连接…');
    // The bar floats over the chat: the element itself still takes no space.
    expect(shadow(banner).querySelector('.banner')!.getBoundingClientRect().height).to.be.above(10);
    expect(banner.getBoundingClientRect().height).to.equal(0);
    const violations = await seriousViolations(banner);
    expect(violations, describeViolations(violations)).to.have.length(0);
    await waitFor(() => shadow(a.editor).querySelector('.offline-note'), 2000, 'editor says sends wait');
    expect(shadow(a.editor).querySelector('.offline-note')!.textContent).to.equal('当前离线，消息将在连接恢复后发送');
    expect(shadow(a.editor).querySelector('textarea')!.disabled).to.equal(false);

    typeAndSend(a.editor, 'typed offline');
    await a.messages.updateComplete;
    const row = messageRows(a.messages).at(-1)!;
    expect(row.dataset.sendState).to.equal('waiting');
    expect(row.querySelector('.state')!.textContent).to.equal('等待网络连接');

    await paced('start');
    await waitFor(() => messageRows(a.messages).at(-1)?.dataset.sendState === 'sent', 8000, 'sent after the reconnect');
    await waitFor(() => !shadow(banner).querySelector('.banner'), 2000, 'banner gone');
    expect(shadow(a.editor).querySelector('.offline-note')).to.equal(null);
    await waitFor(() => bob.client.getConnectionStatus() === 0, 8000, 'bob back');
    const history = await bob.client.getHistoryMessages(privateWith(alice.userId), { count: 20 });
    expect(history.data!.list.map((m) => m.content.content)).to.deep.equal(['typed offline']);
  });

  it('shows the banner as soon as the browser goes offline, queues a send as waiting, reconnects at once when back online', async () => {
    // Retries slower than the test: only the offline and online events can explain what happens.
    const alice = await connect(uniqueId('alice'), 'main', { min: 60_000, max: 60_000 });
    const bob = await connect(uniqueId('bob'), 'main');
    const a = await mountChat(alice);
    const banner = await mountBanner(alice);
    await alice.kit.selectConversation(privateWith(bob.userId));
    expect(shadow(banner).querySelector('.banner')).to.equal(null);

    // The socket stays open (the server is up): without reacting to the event the client would notice at the next heartbeat.
    setOffline(true);
    await waitFor(() => bannerText(banner).startsWith('网络不可用'), 1000, 'banner says the network is gone');
    expect(statusText(banner)).to.equal('网络不可用');
    expect(alice.client.getConnectionStatus()).to.equal(3); // NETWORK_UNAVAILABLE
    await waitFor(() => shadow(a.editor).querySelector('.offline-note'), 1000, 'editor says sends wait');

    typeAndSend(a.editor, 'typed while offline');
    await a.messages.updateComplete;
    const row = messageRows(a.messages).at(-1)!;
    expect(row.dataset.sendState).to.equal('waiting');
    expect(row.querySelector('.state')!.textContent).to.equal('等待网络连接');

    setOffline(false);
    await waitFor(() => alice.client.getConnectionStatus() === 0, 3000, 'reconnected without waiting for the backoff');
    await waitFor(() => messageRows(a.messages).at(-1)?.dataset.sendState === 'sent', 5000, 'sent after the reconnect');
    await waitFor(() => !shadow(banner).querySelector('.banner'), 2000, 'banner gone');
    // Bob's client lives in the same page, so the offline event dropped his socket too.
    await waitFor(() => bob.client.getConnectionStatus() === 0, 3000, 'bob reconnected');
    const history = await bob.client.getHistoryMessages(privateWith(alice.userId), { count: 20 });
    expect(history.data!.list.map((m) => m.content.content)).to.deep.equal(['typed while offline']);
  });

  it('after a reload an unsent message shows with Retry and Delete; Retry sends it once, Delete forgets it', async () => {
    const aliceId = uniqueId('alice');
    const first = await connect(aliceId, 'main');
    const bob = await connect(uniqueId('bob'), 'main');
    await first.kit.selectConversation(privateWith(bob.userId));
    await first.client.disconnect();
    void first.kit.sendText('kept one');
    void first.kit.sendText('kept two');
    const db = openOutboxDb(first.session.appkey, aliceId);
    await eventually(async () => (await db.all()).length === 2, 'both kept in IndexedDB');
    // The page goes away: its store and client are gone, only IndexedDB remains.
    first.kit.destroy();

    const second = await connect(aliceId, 'main');
    const a = await mountChat(second);
    await second.kit.selectConversation(privateWith(bob.userId));
    await waitFor(() => bubbleTexts(a.messages).length === 2, 3000, 'unsent messages shown again');
    expect(bubbleTexts(a.messages)).to.deep.equal(['kept one', 'kept two']);
    const rows = messageRows(a.messages);
    expect(rows.map((r) => r.dataset.sendState)).to.deep.equal(['failed', 'failed']);
    expect([...rows[0]!.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['重发', '删除']);

    rows[0]!.querySelector<HTMLButtonElement>('button.retry:not(.discard)')!.click();
    await waitFor(() => messageRows(a.messages)[0]?.dataset.sendState === 'sent', 3000, 'sent after Retry');
    rows[1]!.querySelector<HTMLButtonElement>('button.discard')!.click();
    await waitFor(() => bubbleTexts(a.messages).length === 1, 3000, 'deleted');
    expect(bubbleTexts(a.messages)).to.deep.equal(['kept one']);
    await eventually(async () => (await db.all()).length === 0, 'nothing kept any more');

    const history = await bob.client.getHistoryMessages(privateWith(aliceId), { count: 20 });
    expect(history.data!.list.map((m) => m.content.content)).to.deep.equal(['kept one']);
  });

  it('keeps a file sent while offline (the File itself) across a reload; Retry uploads and sends it once', async () => {
    const aliceId = uniqueId('alice');
    const first = await connect(aliceId, 'main');
    const bob = await connect(uniqueId('bob'), 'main');
    const view = await mountChat(first);
    await first.kit.selectConversation(privateWith(bob.userId));
    await first.client.disconnect();
    void view.editor.sendFiles([new File(['notes kept offline'], 'notes.txt', { type: 'text/plain' })]);
    await waitFor(() => messageRows(view.messages)[0]?.dataset.sendState === 'waiting', 3000, 'file waits');
    const db = openOutboxDb(first.session.appkey, aliceId);
    await eventually(async () => (await db.all())[0]?.file instanceof Blob, 'the file kept in IndexedDB');
    first.kit.destroy();
    view.root.remove();

    const second = await connect(aliceId, 'main');
    const a = await mountChat(second);
    await second.kit.selectConversation(privateWith(bob.userId));
    const row = await waitFor(() => messageRows(a.messages)[0], 3000, 'file message shown again');
    expect(row.dataset.sendState).to.equal('failed');
    expect(row.textContent).to.contain('notes.txt');
    row.querySelector<HTMLButtonElement>('button.retry:not(.discard)')!.click();
    await waitFor(() => messageRows(a.messages)[0]?.dataset.sendState === 'sent', 5000, 'sent after Retry');
    await eventually(async () => (await db.all()).length === 0, 'nothing kept any more');

    const history = await bob.client.getHistoryMessages(privateWith(aliceId), { count: 20 });
    expect(history.data!.list).to.have.length(1);
    const content = history.data!.list[0]!.content as { name: string; fileUrl: string };
    expect(content.name).to.equal('notes.txt');
    const body = await fetch(content.fileUrl).then((r) => r.text());
    expect(body).to.equal('notes kept offline');
  });

  it('a message the server refuses (not in the group) stays failed with its reason, Retry and Delete', async () => {
    const alice = await connect(uniqueId('alice'), 'main');
    const group = uniqueId('grp');
    expect(
      (await serverApi('/group/create.json', { userId: [uniqueId('carol')], groupId: group, groupName: 'G' })).code,
    ).to.equal(200);
    const a = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: group });
    const result = await alice.kit.sendText('not a member');
    expect(result?.sendState).to.equal('failed');
    expect(result?.failCode).to.equal(22406);
    await a.messages.updateComplete;
    const row = messageRows(a.messages)[0]!;
    expect(row.querySelector('.state')!.textContent).to.equal('发送失败：你不在该群组中');
    expect([...row.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['重发', '删除']);
    const db = openOutboxDb(alice.session.appkey, alice.userId);
    await eventually(
      async () => (await db.all()).some((r) => r.message.failCode === 22406),
      'kept as unsent with its reason',
    );
  });
});
