import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { reactionKey, selectReactions } from '../../services/store/reactions.js';
import { conversationKey } from '../../services/store/types.js';
import {
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  menuOf,
  messageRows,
  mountChat,
  seriousViolations,
  userOnTwoDevices,
  waitFor,
} from '../shared/test-utils.js';
import type { MessageList } from './message-list.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });
/** The accessible names of the reaction buttons under the first message. */
const reactions = (list: MessageList) =>
  [...(messageRows(list)[0]?.querySelectorAll('[part="reaction"]') ?? [])].map((b) => b.getAttribute('aria-label'));

function rightClick(target: HTMLElement): void {
  const rect = target.getBoundingClientRect();
  target.dispatchEvent(
    new MouseEvent('contextmenu', {
      bubbles: true,
      composed: true,
      cancelable: true,
      button: 2,
      clientX: rect.left + 10,
      clientY: rect.top + 10,
    }),
  );
}

async function pick(list: MessageList, label: string, role = 'menuitem'): Promise<HTMLElement> {
  await list.updateComplete;
  const entry = await waitFor(
    () =>
      [...(menuOf(list)?.querySelectorAll<HTMLElement>(`[role="${role}"]`) ?? [])].find(
        (i) => i.textContent!.trim() === label,
      ),
    2000,
    label,
  );
  return entry;
}

describe('reactions', () => {
  afterEach(disconnectAll);

  it('React adds an emoji under the bubble for everyone, live; clicking toggles the own reaction on every device', async () => {
    const { userId: aliceId, one: alice, peer: bob, view: a, view2: a2 } = await userOnTwoDevices('alice', 'bob');
    const b = await mountChat(bob);
    await bob.kit.selectConversation(privateWith(aliceId));
    await alice.kit.sendText('lunch?');
    await waitFor(
      () => bubbleTexts(b.messages).includes('lunch?') && bubbleTexts(a2.messages).includes('lunch?'),
      3000,
      'delivered',
    );

    // Bob reacts from the menu: a second step lists the emoji as checkable items.
    rightClick(messageRows(b.messages)[0]!);
    (await pick(b.messages, '回应')).click();
    const thumbs = await pick(b.messages, '用 👍 回应', 'menuitemcheckbox');
    expect(thumbs.getAttribute('aria-checked')).to.equal('false');
    const violations = await seriousViolations(b.messages);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    thumbs.click();
    await waitFor(() => reactions(b.messages).join() === '👍 1，你已回应', 2000, 'own reaction shown');
    await waitFor(() => reactions(a.messages).join() === '👍 1', 3000, 'the sender sees it live');
    await waitFor(() => reactions(a2.messages).join() === '👍 1', 3000, "the sender's other device sees it");

    // Alice adds hers by clicking the reaction; her other device shows it as hers.
    messageRows(a.messages)[0]!.querySelector<HTMLElement>('[part="reaction"]')!.click();
    await waitFor(() => reactions(a.messages).join() === '👍 2，你已回应', 2000, 'two here');
    await waitFor(() => reactions(a2.messages).join() === '👍 2，你已回应', 3000, 'two on the other device');
    await waitFor(() => reactions(b.messages).join() === '👍 2，你已回应', 3000, 'two for bob');
    expect(messageRows(a.messages)[0]!.querySelector('[part="reaction"]')!.getAttribute('aria-pressed')).to.equal(
      'true',
    );
    const withReactions = await seriousViolations(a.messages);
    expect(withReactions, describeViolations(withReactions)).to.deep.equal([]);

    // The menu shows Bob's reaction checked; choosing it takes it back.
    rightClick(messageRows(b.messages)[0]!);
    (await pick(b.messages, '回应')).click();
    const checked = await pick(b.messages, '用 👍 回应', 'menuitemcheckbox');
    expect(checked.getAttribute('aria-checked')).to.equal('true');
    checked.click();
    await waitFor(() => reactions(b.messages).join() === '👍 1', 2000, 'taken back');
    await waitFor(
      () => reactions(a.messages).join() === '👍 1，你已回应' && reactions(a2.messages).join() === '👍 1，你已回应',
      3000,
      'taken back everywhere',
    );

    // History carries the reactions.
    const fresh = await connectUser(bob.userId);
    await fresh.kit.selectConversation(privateWith(aliceId));
    const message = fresh.kit.store.state.messages[conversationKey(privateWith(aliceId))]!.list[0]!;
    expect(selectReactions(message, bob.userId)).to.deep.equal([{ emoji: '👍', count: 1, mine: false }]);
    expect(message.expansion).to.deep.equal({ [reactionKey(0, aliceId)]: aliceId });
  });

  it('keys fit the expansion rules for any user id', () => {
    expect(reactionKey(1, 'user-1')).to.equal('r1_user-1');
    const odd = reactionKey(5, 'someone@example.com/with a very long id indeed');
    expect(odd).to.match(/^r5_=[a-z0-9]+$/);
    expect(odd.length).to.be.at.most(32);
    expect(reactionKey(0, 'x'.repeat(29)).length).to.equal(32);
    expect(reactionKey(0, 'x'.repeat(30))).to.match(/^r0_=/);
  });
});
