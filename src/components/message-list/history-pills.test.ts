import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { changeLanguage } from '../../i18n/index.js';
import {
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  messageRows,
  mountChat,
  publishText,
  seriousViolations,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

/** Lit's dev-mode warnings about a render scheduled by the one that just completed (issued once per element). */
const extraRenders: string[] = [];
const consoleWarn = console.warn;

describe('history pills', () => {
  before(() => {
    console.warn = (...args: unknown[]) => {
      if (String(args[0]).includes('scheduled an update')) extraRenders.push(String(args[0]));
      consoleWarn.apply(console, args);
    };
  });
  after(() => {
    console.warn = consoleWarn;
  });
  afterEach(async () => {
    await changeLanguage('zh_CN');
    await disconnectAll();
    // The pills decide before a render, or show themselves in place: never a render right after a render.
    expect(extraRenders, 'Lit change-in-update warnings').to.deep.equal([]);
  });

  it('opening a conversation with more unread than fit shows "N unread"; clicking loads every message up to the first unread and shows it', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    for (let i = 1; i <= 45; i++) await publishText(bob, alice.userId, `m${i}`);
    const view = await mountChat(alice);
    await waitFor(() => alice.kit.store.state.conversationList[0]?.unreadMessageCount === 45, 3000, 'unread');
    await alice.kit.selectConversation(privateWith(bob));
    const root = shadow(view.messages);
    const pill = await waitFor(
      () => root.querySelector<HTMLButtonElement>('[part="unread-pill"]:not([hidden])'),
      3000,
      'unread pill',
    );
    expect(pill.textContent).to.contain('45 条未读消息');
    expect(bubbleTexts(view.messages).length).to.equal(20);
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);

    pill.click();
    await waitFor(() => bubbleTexts(view.messages).length === 45, 3000, 'every message loaded');
    expect(bubbleTexts(view.messages)).to.deep.equal(Array.from({ length: 45 }, (_, i) => `m${i + 1}`));
    const scroller = root.querySelector<HTMLElement>('.scroller')!;
    await waitFor(
      () => {
        const row = messageRows(view.messages)[0]!.getBoundingClientRect();
        const box = scroller.getBoundingClientRect();
        return row.top >= box.top - 2 && row.top < box.bottom;
      },
      2000,
      'first unread in view',
    );
    expect(root.querySelector('[part="unread-pill"]:not([hidden])')).to.equal(null);
  });

  it('no unread pill when the unread messages fit on screen', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    await publishText(bob, alice.userId, 'just one');
    const view = await mountChat(alice);
    await waitFor(() => alice.kit.store.state.conversationList[0]?.unreadMessageCount === 1, 3000, 'unread');
    await alice.kit.selectConversation(privateWith(bob));
    await waitFor(() => bubbleTexts(view.messages).includes('just one'), 3000, 'message');
    await new Promise((r) => setTimeout(r, 200));
    expect(shadow(view.messages).querySelector('[part="unread-pill"]:not([hidden])')).to.equal(null);
  });

  it('"N new messages" appears while scrolled up and scrolls to the newest when clicked', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    for (let i = 1; i <= 20; i++) await publishText(bob.userId, alice.userId, `old ${i}`);
    const view = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob.userId));
    await waitFor(() => bubbleTexts(view.messages).length === 20, 3000, 'page');
    const root = shadow(view.messages);
    const scroller = root.querySelector<HTMLElement>('.scroller')!;
    const atBottom = () => scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop < 2;
    await waitFor(atBottom, 2000, 'at bottom');
    // The first-unread pill of this open is not what this test is about.
    root.querySelector<HTMLButtonElement>('[part="unread-pill"]:not([hidden])')?.click();
    await waitFor(() => !root.querySelector('[part="unread-pill"]:not([hidden])'), 3000, 'no unread pill');
    scroller.scrollTop = scroller.scrollHeight / 2;
    await new Promise((r) => setTimeout(r, 50));

    await bob.kit.sendText('new 1', privateWith(alice.userId));
    await bob.kit.sendText('new 2', privateWith(alice.userId));
    const pill = await waitFor(
      () =>
        root.querySelector<HTMLButtonElement>('[part="new-messages-pill"]')?.textContent?.includes('2 条新消息') &&
        root.querySelector<HTMLButtonElement>('[part="new-messages-pill"]'),
      3000,
      'new pill',
    );
    expect(atBottom()).to.equal(false);
    pill.click();
    await waitFor(() => atBottom() && !root.querySelector('[part="new-messages-pill"]'), 2000, 'scrolled to newest');

    // Scrolling down by hand clears it too.
    scroller.scrollTop = scroller.scrollHeight / 2;
    await new Promise((r) => setTimeout(r, 50));
    await bob.kit.sendText('new 3', privateWith(alice.userId));
    await waitFor(
      () => root.querySelector('[part="new-messages-pill"]')?.textContent?.includes('1 条新消息'),
      3000,
      'pill again',
    );
    // One message is "1 new message" in English (i18next plurals), two are "2 new messages".
    await alice.kit.changeLanguage({ lang: 'en' });
    await waitFor(
      () => root.querySelector('[part="new-messages-pill"]')?.textContent?.trim() === '↓ 1 new message',
      3000,
      'singular',
    );
    await bob.kit.sendText('new 4', privateWith(alice.userId));
    await waitFor(
      () => root.querySelector('[part="new-messages-pill"]')?.textContent?.trim() === '↓ 2 new messages',
      3000,
      'plural',
    );
    scroller.scrollTop = scroller.scrollHeight;
    await waitFor(() => !root.querySelector('[part="new-messages-pill"]'), 2000, 'cleared by scrolling');
  });
});
