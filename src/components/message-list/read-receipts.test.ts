import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConversationType } from '../../protocol/enums.js';
import {
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  messageRows,
  mountChat,
  seriousViolations,
  serverApi,
  shadow,
  uniqueId,
  userOnTwoDevices,
  waitFor,
} from '../shared/test-utils.js';
import type { MessageList } from './message-list.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });
const receipts = (list: MessageList) =>
  messageRows(list).map((r) => r.querySelector('[part~="receipt"]')?.textContent?.trim() ?? '');
/** Private read state shows once per run of own messages, under its last bubble (the read time covers the ones above). */
const runReceipts = (list: MessageList) => receipts(list).filter(Boolean);

describe('read receipts', () => {
  afterEach(disconnectAll);

  it('private: the sender sees "Read" once the peer views the messages, on every device and after a reload', async () => {
    const { userId: aliceId, one: alice, peer: bob, view: a, view2: a2 } = await userOnTwoDevices('alice', 'bob');
    await alice.kit.sendText('one');
    await alice.kit.sendText('two');
    await waitFor(() => receipts(a.messages).join() === ',未读', 3000, 'unread');

    await mountChat(bob);
    await bob.kit.selectConversation(privateWith(aliceId));
    await waitFor(() => receipts(a.messages).join() === ',已读', 4000, 'read');
    await waitFor(() => runReceipts(a2.messages).join() === '已读', 4000, 'read on the other device');
    const violations = await seriousViolations(a.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);

    await alice.kit.sendText('three');
    await waitFor(() => receipts(a.messages).join() === ',,已读', 4000, 'new message read while the peer looks');

    const again = await connectUser(aliceId);
    const view = await mountChat(again);
    await again.kit.selectConversation(privateWith(bob.userId));
    await waitFor(() => runReceipts(view.messages).join() === '已读', 4000, 'read after a reload');
  });

  it('group: own messages show "N read" as members view them; the reader list is an accessible dialog', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const carol = await connectUser(uniqueId('carol'));
    const group = uniqueId('grp');
    const target = { conversationType: ConversationType.GROUP, targetId: group };
    await serverApi('/group/create.json', {
      userId: [alice.userId, bob.userId, carol.userId],
      groupId: group,
      groupName: 'G',
    });
    const a = await mountChat(alice);
    await alice.kit.selectConversation(target);
    await alice.kit.sendText('group hi');
    await waitFor(() => receipts(a.messages)[0] === '0 人已读', 3000, '0 read');
    // Nobody read it yet: plain text, not a button that would open an empty reader list.
    const zero = messageRows(a.messages)[0]!.querySelector('[part~="read-count"]')!;
    expect(zero.tagName).to.equal('SPAN');
    expect(messageRows(a.messages)[0]!.querySelector('button.read-count')).to.equal(null);

    const b = await mountChat(bob);
    await bob.kit.selectConversation(target);
    await waitFor(() => bubbleTexts(b.messages).includes('group hi'), 3000, 'bob sees it');
    await waitFor(() => receipts(a.messages)[0] === '1 人已读', 4000, '1 read');
    await mountChat(carol);
    await carol.kit.selectConversation(target);
    await waitFor(() => receipts(a.messages)[0] === '2 人已读', 4000, '2 read');

    const button = messageRows(a.messages)[0]!.querySelector<HTMLButtonElement>('button.read-count')!;
    button.focus();
    button.click();
    const dialog = await waitFor(
      () => shadow(a.messages).querySelector<HTMLElement>('[role="dialog"]'),
      2000,
      'dialog',
    );
    expect(dialog.getAttribute('aria-label')).to.equal('已读成员');
    await waitFor(() => dialog.querySelectorAll('li').length === 2, 3000, 'readers');
    const names = () =>
      [...dialog.querySelectorAll('.reader-name')]
        .map((n) => n.textContent)
        .sort()
        .join();
    await waitFor(
      () => names() === [`Name of ${bob.userId}`, `Name of ${carol.userId}`].sort().join(),
      3000,
      'reader names',
    );
    expect(shadow(a.messages).activeElement).to.equal(dialog);
    const violations = await seriousViolations(a.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
    await waitFor(
      () => !shadow(a.messages).querySelector('[role="dialog"]') && shadow(a.messages).activeElement === button,
      2000,
      'closed, focus back',
    );

    // History carries the count for a fresh device.
    const fresh = await connectUser(alice.userId);
    const view = await mountChat(fresh);
    await fresh.kit.selectConversation(target);
    await waitFor(() => receipts(view.messages)[0] === '2 人已读', 3000, 'count from history');
  });

  it('private: a sender opening the conversation in a fresh browser profile sees "Read" from the server', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const a = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob.userId));
    await alice.kit.sendText('seen on another device');
    await waitFor(() => receipts(a.messages).join() === '未读', 3000, 'unread');
    // Bob reads on his device while Alice is gone.
    await alice.client.disconnect();
    const b = await mountChat(bob);
    await bob.kit.selectConversation(privateWith(alice.userId));
    await waitFor(() => bubbleTexts(b.messages).includes('seen on another device'), 3000, 'bob sees it');
    // Bob's kit sends the receipt within a second of showing the message.
    await new Promise((r) => setTimeout(r, 1500));

    // A fresh profile: nothing kept in this browser.
    localStorage.clear();
    sessionStorage.clear();
    const fresh = await connectUser(alice.userId);
    const view = await mountChat(fresh);
    await fresh.kit.selectConversation(privateWith(bob.userId));
    await waitFor(() => receipts(view.messages).join() === '已读', 4000, 'read, from the server');
  });

  it('group: a second device of the sender shows the count from the server', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const second = await connectUser(alice.userId);
    const bob = await connectUser(uniqueId('bob'));
    const carol = await connectUser(uniqueId('carol'));
    const group = uniqueId('grp');
    const target = { conversationType: ConversationType.GROUP, targetId: group };
    await serverApi('/group/create.json', {
      userId: [alice.userId, bob.userId, carol.userId],
      groupId: group,
      groupName: 'G',
    });
    const a = await mountChat(alice);
    const a2 = await mountChat(second);
    await alice.kit.selectConversation(target);
    await second.kit.selectConversation(target);
    await alice.kit.sendText('sent on the first device');
    await waitFor(() => receipts(a.messages)[0] === '0 人已读', 3000, '0 read');
    // The second device got the message live, without a count: it asks the server.
    await waitFor(() => receipts(a2.messages)[0] === '0 人已读', 3000, '0 read on the second device');

    await mountChat(bob);
    await bob.kit.selectConversation(target);
    await waitFor(() => receipts(a2.messages)[0] === '1 人已读', 4000, '1 read on the second device');
    await mountChat(carol);
    await carol.kit.selectConversation(target);
    await waitFor(() => receipts(a.messages)[0] === '2 人已读', 4000, '2 read');
    await waitFor(() => receipts(a2.messages)[0] === '2 人已读', 4000, '2 read on the second device');
    // Counted once each, whatever arrived first: the live responses or the server's count.
    await new Promise((r) => setTimeout(r, 600));
    expect(receipts(a2.messages)[0]).to.equal('2 人已读');
  });
  it('group: a run of own messages shows one "N read" line, under its newest message', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const group = uniqueId('grp');
    const target = { conversationType: ConversationType.GROUP, targetId: group };
    await serverApi('/group/create.json', { userId: [alice.userId, bob.userId], groupId: group, groupName: 'G' });
    const a = await mountChat(alice);
    await alice.kit.selectConversation(target);
    for (const text of ['first', 'second', 'third']) await alice.kit.sendText(text);
    await waitFor(() => receipts(a.messages).join() === ',,0 人已读', 3000, 'one line, on the newest');
    expect(messageRows(a.messages)[2]!.querySelectorAll('[part~="read-count"]')).to.have.length(1);

    await mountChat(bob);
    await bob.kit.selectConversation(target);
    await waitFor(() => receipts(a.messages).join() === ',,1 人已读', 4000, 'read by bob, still one line');
  });
});
