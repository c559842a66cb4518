import { expect } from '@open-wc/testing';
import { selectTotalUnreadCount } from '../../services/store/conversation-actions.js';
import {
  answerConfirm,
  confirmDialogOf,
  connectUser,
  conversationItem,
  conversationNames,
  describeViolations,
  disconnectAll,
  items,
  menuOf,
  mountChat,
  publishText,
  seriousViolations,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';
import type { ConversationList } from './conversation-list.js';

async function choose(list: ConversationList, item: HTMLElement, label: string): Promise<void> {
  const rect = item.getBoundingClientRect();
  item.dispatchEvent(
    new MouseEvent('contextmenu', {
      bubbles: true,
      composed: true,
      cancelable: true,
      button: 2,
      clientX: rect.left + 10,
      clientY: rect.top + 10,
    }),
  );
  await list.updateComplete;
  const entry = [...(menuOf(list)?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])].find(
    (i) => i.textContent!.trim() === label,
  );
  if (!entry) throw new Error(`no ${label}`);
  entry.click();
}

describe('conversation menu', () => {
  afterEach(disconnectAll);

  it('pin puts a conversation first with a marker, on every device and after a reload; unpin undoes it', async () => {
    const meId = uniqueId('me');
    const me = await connectUser(meId);
    const me2 = await connectUser(meId);
    const [ann, ben] = [uniqueId('ann'), uniqueId('ben')];
    await publishText(ann, meId, 'older');
    await publishText(ben, meId, 'newer');
    const [v, v2] = [await mountChat(me), await mountChat(me2)];
    await waitFor(() => conversationNames(v.list).join() === `Name of ${ben},Name of ${ann}`, 3000, 'newest first');
    await choose(v.list, conversationItem(v.list, ann)!, '置顶');
    await waitFor(() => conversationNames(v.list)[0] === `Name of ${ann}`, 2000, 'pinned first');
    expect(items(v.list)[0]!.querySelector('[part="pin-marker"]')!.textContent).to.contain('已置顶');
    await waitFor(
      () =>
        conversationNames(v2.list)[0] === `Name of ${ann}` && items(v2.list)[0]!.querySelector('[part="pin-marker"]'),
      3000,
      'pinned on the other device',
    );
    await publishText(ben, meId, 'newest');
    await waitFor(() => conversationItem(v.list, ben)?.textContent?.includes('newest'), 3000, 'new message');
    expect(conversationNames(v.list)[0]).to.equal(`Name of ${ann}`);
    const fresh = await connectUser(meId);
    expect(fresh.kit.store.state.conversationList[0]!.targetId).to.equal(ann);

    await choose(v.list, conversationItem(v.list, ann)!, '取消置顶');
    await waitFor(
      () => conversationNames(v.list)[0] === `Name of ${ben}` && !shadow(v.list).querySelector('[part="pin-marker"]'),
      2000,
      'unpinned',
    );
  });

  it('a pin or mute the server cannot take is undone and explained in an alert line', async () => {
    const meId = uniqueId('me');
    const me = await connectUser(meId);
    const ann = uniqueId('ann');
    await publishText(ann, meId, 'hello');
    const v = await mountChat(me);
    await waitFor(() => conversationItem(v.list, ann), 3000, 'listed');
    await me.client.disconnect();
    await choose(v.list, conversationItem(v.list, ann)!, '置顶');
    const error = await waitFor(() => shadow(v.list).querySelector<HTMLElement>('[part~="error"]'), 3000, 'error line');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent!.trim()).to.match(/^会话操作失败（\d+）$/);
    expect(conversationItem(v.list, ann)!.querySelector('[part="pin-marker"]')).to.equal(null);
    expect(me.kit.store.state.conversationList[0]!.isTop).to.equal(false);
  });

  it('do not disturb shows the muted icon everywhere; hideNotificUnreadCount shows a dot; total unread leaves muted out', async () => {
    const meId = uniqueId('me');
    const me = await connectUser(meId);
    const me2 = await connectUser(meId);
    const [ann, ben] = [uniqueId('ann'), uniqueId('ben')];
    await publishText(ann, meId, 'a1');
    await publishText(ben, meId, 'b1');
    await publishText(ben, meId, 'b2');
    const [v, v2] = [await mountChat(me), await mountChat(me2)];
    v.list.hideNotificUnreadCount = true;
    await waitFor(() => items(v.list).length === 2, 3000, 'two');
    expect(selectTotalUnreadCount(me.kit.store.state)).to.equal(3);
    await choose(v.list, conversationItem(v.list, ben)!, '免打扰');
    await waitFor(() => conversationItem(v.list, ben)!.querySelector('[part="muted-icon"]'), 2000, 'muted icon');
    const badge = conversationItem(v.list, ben)!.querySelector('.badge')!;
    expect(badge.classList.contains('dot')).to.equal(true);
    expect(badge.textContent!.trim()).to.equal('');
    expect(conversationItem(v.list, ben)!.textContent).to.contain('有未读消息');
    expect(conversationItem(v.list, ann)!.querySelector('.badge')!.textContent).to.equal('1');
    expect(selectTotalUnreadCount(me.kit.store.state)).to.equal(1);
    expect(selectTotalUnreadCount(me.kit.store.state, true)).to.equal(3);
    expect(await me.kit.getTotalUnreadCount()).to.equal(1);
    await waitFor(
      () => conversationItem(v2.list, ben)?.querySelector('[part="muted-icon"]'),
      3000,
      'muted on the other device',
    );
    // Without hideNotificUnreadCount the number stays.
    expect(conversationItem(v2.list, ben)!.querySelector('.badge')!.textContent).to.equal('2');
    const violations = await seriousViolations(v.list);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    const greyBadge = await seriousViolations(v2.list);
    expect(greyBadge, describeViolations(greyBadge)).to.deep.equal([]);

    await choose(v.list, conversationItem(v.list, ben)!, '取消免打扰');
    await waitFor(
      () =>
        !conversationItem(v.list, ben)!.querySelector('[part="muted-icon"]') &&
        conversationItem(v.list, ben)!.querySelector('.badge')!.textContent === '2',
      2000,
      'unmuted',
    );
  });

  it('delete removes the conversation on the server: gone on the other device and after a reload, back with a new message', async () => {
    const meId = uniqueId('me');
    const me = await connectUser(meId);
    const me2 = await connectUser(meId);
    const ann = uniqueId('ann');
    await publishText(ann, meId, 'hi');
    const [v, v2] = [await mountChat(me), await mountChat(me2)];
    await waitFor(() => items(v.list).length === 1 && items(v2.list).length === 1, 3000, 'listed');
    // A confirmation first: Cancel keeps the conversation, here and on the server.
    await choose(v.list, items(v.list)[0]!, '删除会话');
    const dialog = await waitFor(() => confirmDialogOf(v.list), 2000, 'confirmation dialog');
    expect(dialog.querySelector('.confirm-title')!.textContent).to.equal('删除该会话？');
    expect(dialog.querySelector('.confirm-message')!.textContent).to.contain(ann);
    const confirmButton = dialog.querySelector<HTMLElement>('.confirm-action')!;
    expect(getComputedStyle(confirmButton).backgroundColor).to.equal('rgb(197, 34, 31)');
    await waitFor(() => shadow(v.list).activeElement?.classList.contains('confirm-cancel'), 1000, 'focus on Cancel');
    const dialogViolations = await seriousViolations(v.list);
    expect(dialogViolations, describeViolations(dialogViolations)).to.deep.equal([]);
    await answerConfirm(v.list, false);
    await waitFor(() => !confirmDialogOf(v.list), 1000, 'dialog closed');
    await waitFor(() => shadow(v.list).activeElement === items(v.list)[0], 1000, 'focus back on the conversation');
    const kept = await connectUser(meId);
    expect(kept.kit.store.state.conversationList.map((c) => c.targetId)).to.deep.equal([ann]);
    expect(items(v.list)).to.have.length(1);

    await choose(v.list, items(v.list)[0]!, '删除会话');
    await answerConfirm(v.list, true);
    await waitFor(() => items(v.list).length === 0, 2000, 'gone here');
    await waitFor(() => items(v2.list).length === 0, 3000, 'gone on the other device');
    const fresh = await connectUser(meId);
    expect(fresh.kit.store.state.conversationList).to.deep.equal([]);
    await publishText(ann, meId, 'again');
    await waitFor(() => items(v.list)[0]?.textContent?.includes('again'), 3000, 'back with a new message');
  });
});
