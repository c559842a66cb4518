import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { conversationKey } from '../../services/store/types.js';
import { DisabledConversationContextMenu } from '../menu/disabled-menu.js';
import {
  answerConfirm,
  bubbleTexts,
  confirmDialogOf,
  connectUser,
  describeViolations,
  disconnectAll,
  items,
  menuOf,
  mountChat,
  seriousViolations,
  shadow,
  uniqueId,
  userOnTwoDevices,
  waitFor,
} from '../shared/test-utils.js';
import type { ConversationList } from './conversation-list.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });
const menuLabels = (el: Element) =>
  [...(menuOf(el)?.querySelectorAll('[role="menuitem"]') ?? [])].map((i) => i.textContent!.trim());

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

async function pick(list: ConversationList, label: string): Promise<void> {
  await list.updateComplete;
  const entry = [...(menuOf(list)?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])].find(
    (i) => i.textContent!.trim() === label,
  );
  if (!entry) throw new Error(`no ${label} in ${menuLabels(list).join()}`);
  entry.click();
  await list.updateComplete;
}

describe('clear history', () => {
  afterEach(disconnectAll);

  it('asks for confirmation, empties the list here and on the other device, and stays cleared after a reload; the peer keeps theirs', async () => {
    const { userId: meId, one: me, peer: bob, view: v, view2: v2 } = await userOnTwoDevices('me', 'bob');
    await me.kit.sendText('one');
    await bob.kit.sendText('two', privateWith(meId));
    await waitFor(
      () => bubbleTexts(v.messages).length === 2 && bubbleTexts(v2.messages).length === 2,
      3000,
      'both messages',
    );

    rightClick(items(v.list)[0]!);
    await pick(v.list, '清空聊天记录');
    // A confirmation dialog: nothing is cleared until the user confirms.
    const dialog = await waitFor(() => confirmDialogOf(v.list), 2000, 'confirmation');
    expect(menuOf(v.list)).to.equal(null);
    expect(dialog.querySelector('.confirm-title')!.textContent).to.equal('清空聊天记录？');
    expect(dialog.querySelector('.confirm-action')!.textContent!.trim()).to.equal('清空');
    expect(bubbleTexts(v.messages).length).to.equal(2);
    const violations = await seriousViolations(v.list);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    await answerConfirm(v.list, false);
    await waitFor(() => !confirmDialogOf(v.list), 1000, 'dialog closed');
    expect(bubbleTexts(v.messages).length).to.equal(2);

    rightClick(items(v.list)[0]!);
    await pick(v.list, '清空聊天记录');
    await answerConfirm(v.list, true);
    await waitFor(() => bubbleTexts(v.messages).length === 0, 3000, 'cleared here');
    expect(shadow(v.messages).querySelector('.placeholder')).to.not.equal(null);
    await waitFor(() => bubbleTexts(v2.messages).length === 0, 3000, 'cleared on the other device');

    const fresh = await connectUser(meId);
    await fresh.kit.selectConversation(privateWith(bob.userId));
    expect(fresh.kit.store.state.messages[conversationKey(privateWith(bob.userId))]!.list).to.deep.equal([]);
    const bobs = (await bob.client.getHistoryMessages(privateWith(meId), { count: 10 })).data!.list;
    expect(bobs.map((m) => m.content.content)).to.deep.equal(['one', 'two']);
  });

  it('disableMenu hides the item', async () => {
    const me = await connectUser(uniqueId('me'));
    const v = await mountChat(me);
    await me.kit.sendText('hello', privateWith(uniqueId('ann')));
    await waitFor(() => items(v.list).length === 1 && !me.kit.store.state.conversationList[0]!.local, 3000, 'listed');
    v.list.disableMenu = [DisabledConversationContextMenu.ClearHistory];
    await v.list.updateComplete;
    rightClick(items(v.list)[0]!);
    await v.list.updateComplete;
    expect(menuLabels(v.list)).to.not.include('清空聊天记录');
    expect(menuLabels(v.list)).to.include('删除会话');
  });
});
