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

const dotOf = (list: HTMLElement, id: string) =>
  items(list as never)
    .find((i) => i.dataset.key === `1:${id}`)
    ?.querySelector('[part="online-dot"]') ?? undefined;

describe('<conversation-list> online dots (showOnlineStatus)', () => {
  afterEach(() => disconnectAll());

  it('shows a dot while the peer is connected, and takes it away when she leaves', async () => {
    const [me, peer, quiet] = [uniqueId('me'), uniqueId('peer'), uniqueId('quiet')];
    await publishText(peer, me, 'ping');
    await publishText(quiet, me, 'hello');
    const user = await connectUser(me, testService(), { showOnlineStatus: true });
    const view = await mountChat(user);
    await waitFor(() => items(view.list).length === 2, 3000, 'two conversations');
    expect(dotOf(view.list, peer)).to.equal(undefined);

    const other = await connectUser(peer);
    await waitFor(() => !!dotOf(view.list, peer), 5000, 'online dot');
    expect(dotOf(view.list, peer)!.getAttribute('aria-label')).to.equal('在线');
    expect(dotOf(view.list, quiet)).to.equal(undefined);
    // Inside the item, on the avatar's edge: not clipped by the round picture.
    const dot = dotOf(view.list, peer)!.getBoundingClientRect();
    const avatar = items(view.list)
      .find((i) => i.dataset.key === `1:${peer}`)!
      .querySelector('.avatar')!
      .getBoundingClientRect();
    expect(dot.right).to.be.closeTo(avatar.right, 1);
    expect(dot.bottom).to.be.closeTo(avatar.bottom, 1);
    expect(dot.width).to.be.greaterThan(6);
    await expect(view.list).to.be.accessible();

    await other.client.disconnect();
    await waitFor(() => !dotOf(view.list, peer), 5000, 'dot gone');
  });

  it('shows no dots and follows nobody without the option', async () => {
    const [me, peer] = [uniqueId('me'), uniqueId('peer')];
    await publishText(peer, me, 'ping');
    const user = await connectUser(me);
    const view = await mountChat(user);
    await connectUser(peer);
    await waitFor(() => items(view.list).length === 1, 3000, 'conversation');
    await new Promise((r) => setTimeout(r, 400));
    expect(shadow(view.list).querySelector('[part="online-dot"]')).to.equal(null);
    expect((await user.client.getSubscribeUserList(1, 200, 0)).data).to.deep.equal([]);
  });
});
