import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import {
  connectUser,
  disconnectAll,
  items,
  mountChat,
  publishText,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });
const preview = (el: HTMLElement | undefined) =>
  el?.querySelector('.preview')?.textContent?.replace(/\s+/g, ' ').trim();

describe('conversation list state', () => {
  afterEach(disconnectAll);

  it('shows "[Draft] text" instead of the last message while a draft is saved (from another device too)', async () => {
    const meId = uniqueId('me');
    const me = await connectUser(meId);
    const other = await connectUser(meId);
    const ann = uniqueId('ann');
    await publishText(ann, meId, 'last message');
    const view = await mountChat(me);
    await waitFor(() => preview(items(view.list)[0]) === 'last message', 3000, 'preview');
    expect((await other.client.saveTextMessageDraft(privateWith(ann), 'half written')).code).to.equal(0);
    await waitFor(() => preview(items(view.list)[0]) === '[草稿] half written', 3000, 'draft preview');
    expect(items(view.list)[0]!.querySelector('[part="draft"]')!.textContent).to.equal('[草稿]');
    await other.client.clearTextMessageDraft(privateWith(ann));
    await waitFor(() => preview(items(view.list)[0]) === 'last message', 3000, 'draft cleared');
  });

  it('shows "[@me]" while a group has unread mentions, until the conversation is opened', async () => {
    const me = await connectUser(uniqueId('me'));
    const bob = await connectUser(uniqueId('bob'));
    const group = uniqueId('grp');
    await serverApi('/group/create.json', { userId: [me.userId, bob.userId], groupId: group, groupName: 'G' });
    const view = await mountChat(me);
    const target = { conversationType: ConversationType.GROUP, targetId: group };
    await bob.kit.sendMessage(
      target,
      {
        messageType: 'RC:TxtMsg',
        content: { content: '@me look', mentionedInfo: { type: 2, userIdList: [me.userId] } },
      },
      { isMentioned: true },
    );
    await waitFor(() => preview(items(view.list)[0])?.startsWith('[有人@我]'), 3000, '@ marker');
    expect(preview(items(view.list)[0])).to.contain('@me look');
    items(view.list)[0]!.click();
    await waitFor(() => !items(view.list)[0]!.querySelector('[part="mention"]'), 3000, 'marker cleared on open');
  });

  it('shows "typing…" in the header while the peer types, and a name in groups', async () => {
    const me = await connectUser(uniqueId('me'));
    const bob = await connectUser(uniqueId('bob'));
    const view = await mountChat(me);
    await me.kit.selectConversation(privateWith(bob.userId));
    await view.messages.updateComplete;
    const typing = () => shadow(view.messages).querySelector('[part="typing"]')?.textContent?.trim();
    expect(typing()).to.equal('');
    await bob.client.sendTypingStatusMessage(privateWith(me.userId), 'RC:TxtMsg');
    await waitFor(() => typing() === '对方正在输入…', 3000, 'typing');
    await bob.kit.sendText('done', privateWith(me.userId));
    await waitFor(() => typing() === '', 3000, 'typing ended with the message');

    const group = uniqueId('grp');
    await serverApi('/group/create.json', { userId: [me.userId, bob.userId], groupId: group, groupName: 'G' });
    await me.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: group });
    await bob.client.sendTypingStatusMessage(
      { conversationType: ConversationType.GROUP, targetId: group },
      'RC:TxtMsg',
    );
    await waitFor(() => typing() === `Name of ${bob.userId} 正在输入…`, 3000, 'group typing');
  });
});
