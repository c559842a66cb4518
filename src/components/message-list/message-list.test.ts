import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConversationType } from '../../protocol/enums.js';
import {
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  items,
  messageRows,
  mountChat,
  publishText,
  seriousViolations,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

describe('<message-list>', () => {
  afterEach(disconnectAll);

  it('shows a sent message at once, and the peer sees it with an unread badge that clears on open', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const a = await mountChat(alice);
    const b = await mountChat(bob);

    await alice.kit.selectConversation(privateWith(bob.userId));
    await a.editor.updateComplete;
    shadow(a.editor).querySelector('textarea')!.focus();
    await sendKeys({ type: 'hello bob' });
    await sendKeys({ press: 'Enter' });
    // Optimistic: in Alice's list right away.
    await a.messages.updateComplete;
    expect(bubbleTexts(a.messages)).to.deep.equal(['hello bob']);
    await waitFor(() => messageRows(a.messages)[0]?.dataset.sendState === 'sent', 3000, 'sent state');

    // Bob: a new conversation with the preview and an unread badge, within a second.
    const started = performance.now();
    const item = await waitFor(() => items(b.list).find((i) => i.textContent?.includes('hello bob')), 1000, 'preview');
    expect(performance.now() - started).to.be.below(1000);
    expect(item.querySelector('.name')!.textContent).to.equal(`Name of ${alice.userId}`);
    expect(item.querySelector('.badge')!.textContent).to.equal('1');

    item.click();
    await waitFor(() => bubbleTexts(b.messages).includes('hello bob'), 3000, "message in Bob's list");
    const row = messageRows(b.messages)[0]!;
    expect(row.classList.contains('own')).to.equal(false);
    // One-to-one: the header names the peer, so no name above the bubble; screen readers still hear it.
    expect(row.querySelector('.sender')).to.equal(null);
    await waitFor(
      () => row.querySelector('.sender-label')?.textContent === `Name of ${alice.userId}`,
      2000,
      'name for screen readers',
    );
    await waitFor(() => !items(b.list)[0]!.querySelector('.badge'), 2000, 'badge cleared');
    // Read on the server too: a fresh load of Bob's list has no unread count.
    await bob.kit.store.loadConversations();
    expect(bob.kit.store.state.conversationList[0]!.unreadMessageCount).to.equal(0);
  });

  it('shows messages that arrive in the open conversation and keeps them read', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const b = await mountChat(bob);
    await bob.kit.selectConversation(privateWith(alice.userId));
    await alice.kit.sendText('one', privateWith(bob.userId));
    await alice.kit.sendText('two', privateWith(bob.userId));
    await waitFor(() => bubbleTexts(b.messages).join() === 'one,two', 3000, 'live messages');
    await waitFor(() => bob.kit.store.state.conversationList[0]?.unreadMessageCount === 0, 2000, 'read');
    expect(items(b.list)[0]!.querySelector('.badge')).to.equal(null);
  });

  it('loads older history when scrolled to the top, keeping the view in place', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    await connectUser(bob).then((u) => u.client.disconnect());
    for (let i = 1; i <= 45; i++) await publishText(bob, alice.userId, `history ${i}`);
    const a = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob));
    await waitFor(() => bubbleTexts(a.messages).length === 20, 3000, 'first page');
    const scroller = shadow(a.messages).querySelector<HTMLElement>('.scroller')!;
    await waitFor(
      () => scroller.scrollTop > 0 && Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2,
      2000,
      'opened at the newest',
    );
    expect(bubbleTexts(a.messages).at(-1)).to.equal('history 45');

    scroller.scrollTop = 0;
    await waitFor(() => bubbleTexts(a.messages).length === 40, 3000, 'second page');
    expect(bubbleTexts(a.messages)[0]).to.equal('history 6');
    // The message that was at the top stays in view instead of jumping.
    expect(scroller.scrollTop).to.be.above(100);

    scroller.scrollTop = 0;
    await waitFor(() => bubbleTexts(a.messages).length === 45, 3000, 'last page');
    expect(bubbleTexts(a.messages)[0]).to.equal('history 1');
    // The last page keeps the view where it was: the start is seen once scrolled up to it.
    scroller.scrollTop = 0;
    await waitFor(
      () => shadow(a.messages).querySelector('.status')?.textContent?.trim() === '没有更早的消息了',
      2000,
      'no more',
    );
  });

  it('follows new messages only while the reader is at the bottom', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    for (let i = 1; i <= 20; i++) await publishText(bob.userId, alice.userId, `m${i}`);
    const a = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob.userId));
    await waitFor(() => bubbleTexts(a.messages).length === 20, 3000, 'page');
    const scroller = shadow(a.messages).querySelector<HTMLElement>('.scroller')!;
    const atBottom = () => scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop < 2;
    await waitFor(atBottom, 2000, 'at bottom');

    scroller.scrollTop = scroller.scrollHeight / 2;
    await new Promise((r) => setTimeout(r, 50));
    const reading = scroller.scrollTop;
    await bob.kit.sendText('while reading', privateWith(alice.userId));
    await waitFor(() => bubbleTexts(a.messages).includes('while reading'), 3000, 'new message');
    await a.messages.updateComplete;
    expect(scroller.scrollTop).to.equal(reading);

    scroller.scrollTop = scroller.scrollHeight;
    await new Promise((r) => setTimeout(r, 50));
    await bob.kit.sendText('at the bottom', privateWith(alice.userId));
    await waitFor(() => bubbleTexts(a.messages).includes('at the bottom'), 3000, 'second message');
    await a.messages.updateComplete;
    expect(atBottom()).to.equal(true);
  });

  it('shows sender names in group conversations', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const group = uniqueId('grp');
    await serverApi('/group/create.json', { userId: [alice.userId, bob.userId], groupId: group, groupName: 'G' });
    const a = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: group });
    await bob.kit.sendText('hi group', { conversationType: ConversationType.GROUP, targetId: group });
    await waitFor(() => bubbleTexts(a.messages).includes('hi group'), 3000, 'group message');
    await waitFor(
      () => messageRows(a.messages)[0]!.querySelector('.sender')?.textContent === `Name of ${bob.userId}`,
      2000,
      'sender name',
    );
  });

  it('keeps a send made while disconnected waiting, and sends it exactly once after the reconnect', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const a = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob.userId));
    await alice.client.disconnect();
    void alice.kit.sendText('sent later');
    await a.messages.updateComplete;
    const row = messageRows(a.messages)[0]!;
    expect(row.dataset.sendState).to.equal('waiting');
    expect(row.querySelector('.state')!.textContent!.trim()).to.equal('等待网络连接');
    expect(row.querySelector('button.retry')).to.equal(null);

    const s = await fetch(`/__parley/session?user=${alice.userId}`).then((r) => r.json());
    expect((await alice.client.connect(s.token)).code).to.equal(0);
    await waitFor(() => messageRows(a.messages)[0]?.dataset.sendState === 'sent', 3000, 'sent after the reconnect');
    expect(bubbleTexts(a.messages)).to.deep.equal(['sent later']);

    const history = await bob.client.getHistoryMessages(privateWith(alice.userId), { count: 20 });
    expect(history.data!.list.map((m) => m.content.content)).to.deep.equal(['sent later']);
  });

  it('renders message text as text, never as HTML', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const b = await mountChat(bob);
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await alice.kit.sendText(payload, privateWith(bob.userId));
    await bob.kit.selectConversation(privateWith(alice.userId));
    await waitFor(() => bubbleTexts(b.messages).includes(payload), 3000, 'payload as text');
    expect(shadow(b.messages).querySelector('.bubble img, .bubble script')).to.equal(null);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('asks to select a conversation, and passes axe with messages shown', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const a = await mountChat(alice);
    expect(shadow(a.messages).textContent).to.contain('请在左侧选择一个会话');
    expect(await seriousViolations(a.messages)).to.deep.equal([]);

    await alice.kit.selectConversation(privateWith(bob.userId));
    await alice.kit.sendText('hi');
    await bob.kit.sendText('hello back', privateWith(alice.userId));
    await waitFor(() => bubbleTexts(a.messages).length === 2, 3000, 'two messages');
    const log = shadow(a.messages).querySelector('[role="log"]')!;
    expect(log.getAttribute('aria-live')).to.equal('polite');
    const violations = await seriousViolations(a.messages);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });
});
