import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { ParleyClient, TextMessage } from '../../services/client/index.js';
import type { IReceivedMessage } from '../../services/client/types.js';
import type { CustomMessage } from '../../services/custom-message.js';
import type { KitStore } from '../../services/store/store.js';
import type { ConversationKey } from '../../services/store/types.js';
import { frames, onScreen } from '../shared/big-list-utils.js';
import {
  bubbleTexts,
  connectUser,
  disconnectAll,
  messageRows,
  mountChat,
  publishText,
  serverApi,
  session,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

/** A bare protocol client (no kit): sends thousands of messages without a store to keep up. */
async function sender(userId: string): Promise<ParleyClient> {
  const s = await session(userId);
  const client = new ParleyClient({ appkey: s.appkey, navi: s.navi });
  const res = await client.connect(s.token);
  if (res.code !== 0) throw new Error(`connect ${userId} failed: ${res.code}`);
  return client;
}

/** Sends `n${from}` … `n${to}` to `targetId`, a batch at a time, in order of sentTime. */
async function sendTexts(client: ParleyClient, targetId: string, from: number, to: number): Promise<number> {
  const BATCH = 200;
  let last = 0;
  for (let start = from; start <= to; start += BATCH) {
    const sends = [];
    for (let n = start; n < Math.min(to + 1, start + BATCH); n++)
      sends.push(client.sendMessage(privateWith(targetId), new TextMessage({ content: `n${n}` })));
    const results = await Promise.all(sends);
    last = Math.max(last, ...results.map((r) => r.data?.sentTime ?? 0));
    const failed = results.find((r) => r.code !== 0);
    if (failed) throw new Error(`send failed: ${failed.code}`);
  }
  return last;
}

/** Loads a conversation's whole history, page by page (waiting out a page the list itself asked for). */
async function loadAll(store: KitStore, key: ConversationKey): Promise<void> {
  while (store.state.messages[key]!.hasMore) {
    if (store.state.messages[key]!.loading) await new Promise((r) => setTimeout(r, 10));
    else await store.loadOlderMessages(key);
  }
}

/** Messages in the conversation, and how many of the newest are unread. */
const TOTAL = 10_000;
const UNREAD = 1000;
const FIRST_UNREAD = TOTAL - UNREAD + 1;

const scrollerOf = (list: Element) => shadow(list).querySelector<HTMLElement>('.scroller')!;
const atBottom = (scroller: HTMLElement) => scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop < 2;
const focusedRow = (list: Element) =>
  (shadow(list).activeElement as HTMLElement | null)?.closest<HTMLElement>('.row') ?? null;

describe('<message-list> scrolling', () => {
  afterEach(disconnectAll);

  it('jumps to the first unread message with 10,000 messages loaded: it ends up in view and focused', async function () {
    this.timeout(240_000);
    const aliceId = uniqueId('alice');
    const bobId = uniqueId('bob');
    await session(aliceId);
    const bob = await sender(bobId);
    try {
      // Alice has read all but the newest UNREAD.
      const lastRead = await sendTexts(bob, aliceId, 1, TOTAL - UNREAD);
      // Fast sends get sentTimes ahead of the clock; reading "up to now" must include the last one.
      await new Promise((r) => setTimeout(r, Math.max(0, lastRead - Date.now()) + 50));
      const reader = await sender(aliceId);
      expect((await reader.clearMessagesUnreadStatus(privateWith(bobId))).code).to.equal(0);
      await reader.disconnect();
      await sendTexts(bob, aliceId, TOTAL - UNREAD + 1, TOTAL);
    } finally {
      await bob.disconnect();
    }

    const alice = await connectUser(aliceId);
    const view = await mountChat(alice);
    await waitFor(() => alice.kit.store.state.conversationList[0]?.unreadMessageCount === UNREAD, 5000, 'unread');
    await alice.kit.selectConversation(privateWith(bobId));
    const root = shadow(view.messages);
    const pill = await waitFor(
      () => root.querySelector<HTMLButtonElement>('[part="unread-pill"]:not([hidden])'),
      5000,
      'unread pill',
    );
    const key = `1:${bobId}` as const;
    await loadAll(alice.kit.store, key);
    expect(alice.kit.store.state.messages[key]!.list).to.have.length(TOTAL);
    const scroller = scrollerOf(view.messages);
    await waitFor(
      () => atBottom(scroller) && bubbleTexts(view.messages).includes(`n${TOTAL}`),
      5000,
      'still at the newest',
    );
    // The first unread message is far outside the rendered window.
    expect(bubbleTexts(view.messages)).to.not.include(`n${FIRST_UNREAD}`);
    expect(messageRows(view.messages).length).to.be.below(60);
    pill.click();
    const row = await waitFor(() => focusedRow(view.messages), 5000, 'a row focused');
    await frames();
    expect(row.querySelector('[part~="bubble"]')?.textContent?.trim()).to.equal(`n${FIRST_UNREAD}`);
    expect(row.getAttribute('aria-posinset')).to.equal(String(FIRST_UNREAD));
    expect(onScreen(row, scroller)).to.equal(true);
    // Aligned to the top of the view, corrected once the rows around it were measured.
    expect(Math.abs(row.getBoundingClientRect().top - scroller.getBoundingClientRect().top)).to.be.below(4);
    // (Booleans, not elements, in assertions: a failing one would serialise the whole page.)
    expect(root.querySelector('[part="unread-pill"]:not([hidden])') === null, 'unread pill gone').to.equal(true);
  });

  it('scrolling does not re-render rows already in the window', async function () {
    this.timeout(60_000);
    const TYPE = 'kit:counted';
    const renders = new Map<string, number>();
    const customMessage: CustomMessage = {
      userMessage: {
        [TYPE]: (m: IReceivedMessage) => {
          const text = String(m.content.text);
          renders.set(text, (renders.get(text) ?? 0) + 1);
          return `<span>${text}</span>`;
        },
      },
    };
    const alice = await connectUser(uniqueId('alice'), undefined, { customMessage });
    const bob = uniqueId('bob');
    await session(bob);
    for (let i = 1; i <= 150; i++) {
      await serverApi('/message/private/publish.json', {
        fromUserId: bob,
        toUserId: alice.userId,
        objectName: TYPE,
        content: JSON.stringify({ text: `c${i}` }),
      });
    }
    const view = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob));
    const key = `1:${bob}` as const;
    await loadAll(alice.kit.store, key);
    const scroller = scrollerOf(view.messages);
    await waitFor(
      () => atBottom(scroller) && shadow(view.messages).textContent?.includes('c150'),
      5000,
      'newest on screen',
    );
    await frames();

    // Scroll up step by step, far enough for the window to bring in new rows several times.
    const inWindow = () =>
      messageRows(view.messages).map((r) => r.querySelector('[part~="custom-bubble"]')?.textContent ?? '');
    let broughtIn = 0;
    for (let step = 0; step < 12; step++) {
      const before = new Map(renders);
      const kept = new Set(inWindow());
      scroller.scrollTop -= 150;
      await frames();
      const now = inWindow();
      expect(now.filter((text) => kept.has(text)).length, 'rows that stayed in the window').to.be.above(2);
      for (const text of now) {
        if (kept.has(text))
          expect(renders.get(text), `${text} rendered again while scrolling`).to.equal(before.get(text));
        else broughtIn++;
      }
    }
    expect(broughtIn, 'rows the window brought in').to.be.above(10);
  });

  it('shows "No earlier messages" only after scrolling to the start of a history longer than its first page', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    await publishText(bob, alice.userId, 'short 1');
    await publishText(bob, alice.userId, 'short 2');
    const view = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob));
    await waitFor(() => bubbleTexts(view.messages).join() === 'short 1,short 2', 3000, 'short chat');
    await new Promise((r) => setTimeout(r, 300));
    expect(shadow(view.messages).querySelector('.status') === null, 'no "No earlier messages"').to.equal(true);

    // Taller than the view but all in the first page (20): its top is just the top, nothing to announce.
    const carol = uniqueId('carol');
    for (let i = 1; i <= 15; i++) await publishText(carol, alice.userId, `fits ${i}`);
    await alice.kit.selectConversation(privateWith(carol));
    await waitFor(() => bubbleTexts(view.messages).length === 15, 3000, 'one-page chat');
    const scroller = scrollerOf(view.messages);
    await waitFor(() => scroller.scrollTop > 0 && atBottom(scroller), 2000, 'opened at the newest');
    scroller.scrollTop = 0;
    await waitFor(() => scroller.scrollTop === 0, 2000, 'at the top');
    await new Promise((r) => setTimeout(r, 300));
    expect(shadow(view.messages).querySelector('.status') === null, 'no "No earlier messages"').to.equal(true);

    // Longer than the first page: once the reader has scrolled back through the older page to the start.
    const dave = uniqueId('dave');
    for (let i = 1; i <= 25; i++) await publishText(dave, alice.userId, `long ${i}`);
    await alice.kit.selectConversation(privateWith(dave));
    await waitFor(() => bubbleTexts(view.messages).length === 20, 3000, 'first page');
    await waitFor(() => scroller.scrollTop > 0 && atBottom(scroller), 2000, 'opened at the newest');
    expect(shadow(view.messages).querySelector('.status') === null, 'no "No earlier messages"').to.equal(true);
    const status = await waitFor(
      () => {
        if (scroller.scrollTop > 0) scroller.scrollTop = 0;
        return shadow(view.messages).querySelector<HTMLElement>('.status:not([role])');
      },
      4000,
      'no more',
    );
    expect(alice.kit.store.state.messages[`1:${dave}`]!.hasMore).to.equal(false);
    expect(bubbleTexts(view.messages)[0]).to.equal('long 1');
    expect(status.textContent?.trim()).to.equal('没有更早的消息了');
    await frames();
    expect(onScreen(status, scroller)).to.equal(true);
  });
});
