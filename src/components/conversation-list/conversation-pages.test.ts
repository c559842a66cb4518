import { expect } from '@open-wc/testing';
import {
  connectUser,
  disconnectAll,
  items,
  mountChat,
  publishText,
  shadow,
  testService,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

/** Scrolls the list's scroller to its end, as a user does. */
function scrollToEnd(list: HTMLElement): void {
  const scroller = shadow(list).querySelector<HTMLElement>('.scroller')!;
  scroller.scrollTop = scroller.scrollHeight;
  scroller.dispatchEvent(new Event('scroll'));
}

const keys = (list: HTMLElement) => items(list as never).map((i) => i.dataset.key);

describe('<conversation-list> pages', () => {
  afterEach(() => disconnectAll());

  it('loads the next page of conversations when scrolled to the end, until there are no more', async () => {
    const me = uniqueId('pager');
    const peers = Array.from({ length: 25 }, (_, i) => uniqueId(`peer${String(i).padStart(2, '0')}`));
    for (const peer of peers) await publishText(peer, me, `hello from ${peer}`);
    const user = await connectUser(me, testService(), { conversationPullCount: 10 });
    const view = await mountChat(user);
    await waitFor(() => items(view.list).length === 10, 3000, 'first page');
    // Newest first: the last peer wrote last.
    expect(keys(view.list)[0]).to.equal(`1:${peers[24]}`);

    scrollToEnd(view.list);
    await waitFor(() => items(view.list).length === 20, 3000, 'second page');
    scrollToEnd(view.list);
    await waitFor(() => items(view.list).length === 25, 3000, 'last page');
    expect(new Set(keys(view.list)).size).to.equal(25);
    expect(keys(view.list).at(-1)).to.equal(`1:${peers[0]}`);
    scrollToEnd(view.list);
    await new Promise((r) => setTimeout(r, 300));
    expect(items(view.list).length).to.equal(25);

    // A reload of the first page (a reconnect does one) keeps what was paged in.
    await user.kit.store.loadConversations();
    expect(new Set(keys(view.list)).size).to.equal(25);
    // A new message moves an old conversation to the top without losing any.
    await publishText(peers[0]!, me, 'back again');
    await waitFor(() => keys(view.list)[0] === `1:${peers[0]}`, 3000, 'old conversation on top');
    expect(items(view.list).length).to.equal(25);
  });
});
