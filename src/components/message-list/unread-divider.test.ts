import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConversationType } from '../../protocol/enums.js';
import {
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  mountChat,
  publishText,
  seriousViolations,
  shadow,
  uniqueId,
  waitFor,
  type ChatView,
  type TestUser,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });
const text = (n: number) => `History message #${n}`;

/** The rendered bubble of message `n`, if it is in the DOM. */
function bubble(view: ChatView, n: number): HTMLElement | undefined {
  return [...shadow(view.messages).querySelectorAll<HTMLElement>('.bubble')].find((b) => b.textContent === text(n));
}

const scrollerOf = (view: ChatView) => shadow(view.messages).querySelector<HTMLElement>('.scroller')!;
const dividers = (view: ChatView) => [
  ...shadow(view.messages).querySelectorAll<HTMLElement>('[part="unread-divider"]'),
];
const newestPill = (view: ChatView) =>
  shadow(view.messages).querySelector<HTMLButtonElement>('[part="new-messages-pill"]');
const atBottom = (scroller: HTMLElement) => scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop < 2;
const frames = async (count = 3) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

/**
 * QA's case (bob opens Carol's chat with 1,000 unread of 1,200). The tests run in order on one history:
 * the first opens it unread and reads it, the next ones reopen it read.
 */
describe('the "new messages" divider and the way back to the newest', function () {
  this.timeout(90_000);
  let bob: TestUser;
  let carol: string;

  before(async () => {
    carol = uniqueId('carol');
    bob = await connectUser(uniqueId('bob'));
    for (let i = 1; i <= 200; i++) await publishText(carol, bob.userId, text(i));
    const read = await bob.client.clearMessagesUnreadStatus(privateWith(carol));
    expect(read.code).to.equal(0);
    for (let i = 201; i <= 1200; i++) await publishText(carol, bob.userId, text(i));
    await waitFor(
      () => bob.kit.store.state.conversationList.find((c) => c.targetId === carol)?.unreadMessageCount === 1000,
      10_000,
      '1,000 unread',
    );
  });
  after(disconnectAll);

  it('the unread pill lands on the divider, with room above it, right above the first unread message; it stays after the messages are read', async () => {
    const view = await mountChat(bob);
    await bob.kit.selectConversation(privateWith(carol));
    const root = shadow(view.messages);
    const pill = await waitFor(
      () => root.querySelector<HTMLButtonElement>('[part="unread-pill"]:not([hidden])'),
      5000,
      'unread pill',
    );
    expect(pill.textContent).to.contain('1000 条未读消息');
    // The first unread message is not loaded yet: no divider at a wrong place.
    await waitFor(() => bubble(view, 1200), 3000, 'newest');
    expect(dividers(view)).to.deep.equal([]);

    pill.click();
    const scroller = scrollerOf(view);
    const [divider] = await waitFor(() => dividers(view).length === 1 && dividers(view), 5000, 'the divider');
    expect(divider!.textContent?.trim()).to.equal('以下为新消息');
    await waitFor(() => bubble(view, 201), 5000, 'first unread rendered');
    await frames();
    const view_ = scroller.getBoundingClientRect();
    // The divider's words and lines (its box starts with the room left above them).
    const line = divider!.querySelector('span')!.getBoundingClientRect();
    const first = bubble(view, 201)!.getBoundingClientRect();
    // In view, not flush against the top edge, and the first unread message directly under it.
    expect(line.top - view_.top, 'room above the divider').to.be.at.least(8);
    expect(line.bottom).to.be.at.most(view_.bottom);
    expect(first.top).to.be.at.least(line.bottom);
    expect(first.top - line.bottom, 'nothing between the divider and the first unread').to.be.below(24);
    // The divider is the first unread message's row, and the row before it is the last read message.
    const row = divider!.closest<HTMLElement>('[role="listitem"]')!;
    expect(row.querySelector('.bubble')?.textContent).to.equal(text(201));

    // Reading upwards: the last read message sits above the divider.
    scroller.scrollTop -= 150;
    const lastRead = await waitFor(() => bubble(view, 200), 5000, 'last read message');
    expect(lastRead.getBoundingClientRect().bottom).to.be.at.most(divider!.getBoundingClientRect().top);

    // Opening marked everything read; the divider stays where it was, also when a message arrives.
    await waitFor(
      () => bob.kit.store.state.conversationList.find((c) => c.targetId === carol)?.unreadMessageCount === 0,
      5000,
      'read',
    );
    await publishText(carol, bob.userId, 'one more');
    await waitFor(() => bubbleTexts(view.messages).includes('one more') || !atBottom(scroller), 3000, 'arrived');
    await frames();
    expect(dividers(view)).to.have.length(1);
    expect(dividers(view)[0]!.closest('[role="listitem"]')!.querySelector('.bubble')?.textContent).to.equal(text(201));
    const violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });

  it('a few unread on screen: the divider above the first of them at once; reopened with nothing unread, no divider', async () => {
    const dan = uniqueId('dan');
    for (let i = 1; i <= 27; i++) await publishText(dan, bob.userId, text(i));
    expect((await bob.client.clearMessagesUnreadStatus(privateWith(dan))).code).to.equal(0);
    for (let i = 28; i <= 30; i++) await publishText(dan, bob.userId, text(i));
    await waitFor(
      () => bob.kit.store.state.conversationList.find((c) => c.targetId === dan)?.unreadMessageCount === 3,
      5000,
      '3 unread',
    );
    const view = await mountChat(bob);
    await bob.kit.selectConversation(privateWith(dan));
    const [divider] = await waitFor(() => dividers(view).length === 1 && dividers(view), 5000, 'the divider');
    await waitFor(() => atBottom(scrollerOf(view)), 3000, 'at the newest');
    const area = scrollerOf(view).getBoundingClientRect();
    const line = divider!.querySelector('span')!.getBoundingClientRect();
    expect(line.top).to.be.at.least(area.top);
    expect(line.bottom).to.be.at.most(area.bottom);
    expect(bubble(view, 27)!.getBoundingClientRect().bottom).to.be.at.most(line.top);
    expect(bubble(view, 28)!.getBoundingClientRect().top).to.be.at.least(line.bottom);
    // They all fit on screen: no pill to jump up.
    expect(shadow(view.messages).querySelector('[part="unread-pill"]:not([hidden])')).to.equal(null);

    await bob.kit.selectConversation(privateWith(uniqueId('someone-else')));
    await bob.kit.selectConversation(privateWith(dan));
    await waitFor(() => bubble(view, 28) && atBottom(scrollerOf(view)), 5000, 'reopened');
    await frames();
    expect(dividers(view)).to.deep.equal([]);
  });

  it('far above the newest, "↓ Jump to newest" shows without new messages, counts them when they come, and goes back by keyboard', async () => {
    const view = await mountChat(bob);
    await bob.kit.selectConversation(privateWith(carol));
    const scroller = scrollerOf(view);
    await waitFor(() => bubbleTexts(view.messages).includes('one more') && atBottom(scroller), 5000, 'at newest');
    await frames();
    expect(newestPill(view), 'no pill at the newest').to.equal(null);

    // A little way up is not far: no pill.
    scroller.scrollTop -= scroller.clientHeight / 2;
    await frames(4);
    expect(newestPill(view), 'no pill half a screen up').to.equal(null);

    // About 600 messages up (QA's case).
    for (let i = 0; i < 400 && !bubble(view, 600); i++) {
      scroller.scrollTop -= scroller.clientHeight;
      await frames(2);
    }
    const pill = await waitFor(() => newestPill(view), 3000, 'newest pill');
    expect(pill.textContent?.trim()).to.equal('↓ 回到最新消息');
    expect(pill.querySelector('[aria-hidden="true"]')?.textContent, 'the arrow is not read out').to.equal('↓');
    const box = pill.getBoundingClientRect();
    const area = scroller.getBoundingClientRect();
    expect(box.top).to.be.at.least(area.top);
    expect(box.bottom).to.be.at.most(area.bottom);

    // New messages while up there: the same pill counts them.
    await publishText(carol, bob.userId, 'newest of all');
    await waitFor(() => newestPill(view)?.textContent?.includes('1 条新消息'), 3000, 'counted');
    expect(shadow(view.messages).querySelectorAll('[part="new-messages-pill"]')).to.have.length(1);

    // Keyboard: Tab from the log reaches the pill; Enter goes to the newest and focuses it.
    await bob.kit.changeLanguage({ lang: 'en' });
    await waitFor(() => newestPill(view)?.textContent?.trim() === '↓ 1 new message', 3000, 'English');
    scroller.focus();
    for (let i = 0; i < 5 && shadow(view.messages).activeElement !== newestPill(view); i++)
      await sendKeys({ press: 'Tab' });
    expect(shadow(view.messages).activeElement, 'Tab reaches the pill').to.equal(newestPill(view));
    await sendKeys({ press: 'Enter' });
    await waitFor(() => atBottom(scroller) && newestPill(view) === null, 5000, 'back at the newest');
    expect(bubbleTexts(view.messages).at(-1)).to.equal('newest of all');
    const focused = shadow(view.messages).activeElement;
    expect(focused?.closest('[role="listitem"]')?.querySelector('.bubble')?.textContent).to.equal('newest of all');
    await bob.kit.changeLanguage({ lang: 'zh_CN' });
  });
});
