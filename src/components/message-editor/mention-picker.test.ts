import { changeLanguage } from '../../i18n/index.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConversationType, MessageType } from '../../protocol/enums.js';
import { MentionedType } from '../../services/client/messages.js';
import type { IReceivedMessage } from '../../services/client/types.js';
import { conversationKey } from '../../services/store/types.js';
import {
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  mountChat,
  serverApi,
  seriousViolations,
  shadow,
  testService,
  uniqueId,
  waitFor,
  type ChatView,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

async function groupChat() {
  const ids = [uniqueId('me'), uniqueId('bob'), uniqueId('carol')] as const;
  const group = uniqueId('grp');
  await serverApi('/group/create.json', { userId: [...ids], groupId: group, groupName: 'Team' });
  const service = {
    ...testService({ [ids[1]]: { name: 'Bob' }, [ids[2]]: { name: 'Carol' } }),
    getGroupMembers: () => ids.map((id, i) => ({ id, name: ['Me', 'Bob', 'Carol'][i]! })),
  };
  const me = await connectUser(ids[0], service);
  const bob = await connectUser(ids[1]);
  const carol = await connectUser(ids[2]);
  const conversation = { conversationType: ConversationType.GROUP, targetId: group };
  const view = await mountChat(me);
  await me.kit.selectConversation(conversation);
  await view.editor.updateComplete;
  return { me, bob, carol, conversation, view };
}

const options = (view: ChatView) =>
  [...shadow(view.editor).querySelectorAll<HTMLElement>('[role="option"]')].map((o) => o.textContent!.trim());
const textarea = (view: ChatView) => shadow(view.editor).querySelector('textarea')!;

describe('<message-editor> @mentions', () => {
  afterEach(async () => {
    await changeLanguage('zh_CN');
    await disconnectAll();
  });

  it('opens the member list on @, filters while typing, picks with Enter and sends mentionedInfo (SINGAL)', async () => {
    const { bob, carol, conversation, view } = await groupChat();
    const area = textarea(view);
    area.focus();
    await sendKeys({ type: 'hi @' });
    await waitFor(() => options(view).length === 3, 3000, 'member list');
    expect(options(view)).to.deep.equal(['@all 群内所有人', '@Bob', '@Carol']);
    const list = shadow(view.editor).querySelector('[role="listbox"]')!;
    expect(list.getAttribute('aria-label')).to.equal('选择要提醒的人');
    expect(area.getAttribute('aria-activedescendant')).to.equal('mention-0');
    const violations = await seriousViolations(view.editor);
    expect(violations, describeViolations(violations)).to.deep.equal([]);

    await sendKeys({ type: 'ca' });
    await view.editor.updateComplete;
    expect(options(view)).to.deep.equal(['@Carol']);
    await sendKeys({ press: 'Enter' });
    await view.editor.updateComplete;
    expect(area.value).to.equal('hi @Carol ');
    expect(shadow(view.editor).querySelector('[role="listbox"]')).to.equal(null);
    expect(shadow(view.editor).activeElement).to.equal(area);

    await sendKeys({ type: 'look' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => bubbleTexts(view.messages).includes('hi @Carol look'), 3000, 'sent');
    // The highlight comes with the late bubbles' module, which a mention asks for at once.
    await waitFor(() => shadow(view.messages).querySelector('[part~="mention"]') !== null, 3000, 'highlighted');
    const shown = shadow(view.messages).querySelector('[part~="mention"]')!;
    expect(shown.textContent).to.equal('@Carol');
    expect(shown.getAttribute('part')).to.equal('mention');

    // Carol's conversation carries the @ marker until she reads it; Bob's does not.
    await carol.kit.emit('conversation', true);
    const key = conversationKey(conversation);
    await waitFor(
      () => carol.kit.store.state.conversationList.find((c) => c.key === key)?.hasMentioned,
      3000,
      'carol @me',
    );
    const received = await waitForMessage(carol.client, conversation);
    expect(received.isMentioned).to.equal(true);
    expect((received.content as { mentionedInfo: unknown }).mentionedInfo).to.deep.equal({
      type: MentionedType.SINGAL,
      userIdList: [carol.userId],
    });
    await bob.kit.emit('conversation', true);
    await waitFor(() => bob.kit.store.state.conversationList.find((c) => c.key === key), 3000, 'bob has it');
    expect(bob.kit.store.state.conversationList.find((c) => c.key === key)!.hasMentioned).to.equal(false);
  });

  it('picks @all with Tab and arrow keys, sends type ALL; Escape closes and keeps focus', async () => {
    const { bob, conversation, view } = await groupChat();
    const area = textarea(view);
    area.focus();
    await sendKeys({ type: '@' });
    await waitFor(() => options(view).length === 3, 3000, 'member list');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await view.editor.updateComplete;
    expect(area.getAttribute('aria-activedescendant')).to.equal('mention-1');
    await sendKeys({ press: 'Escape' });
    await view.editor.updateComplete;
    expect(shadow(view.editor).querySelector('[role="listbox"]')).to.equal(null);
    expect(shadow(view.editor).activeElement).to.equal(area);
    expect(area.value).to.equal('@');

    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '@' });
    await waitFor(() => options(view).length === 3, 3000, 'reopened');
    await sendKeys({ press: 'Tab' });
    await view.editor.updateComplete;
    // The same text in every UI language (the sender's is Chinese): "@all".
    expect(area.value).to.equal('@all ');
    await sendKeys({ type: 'meeting now' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => bubbleTexts(view.messages).includes('@all meeting now'), 3000, 'sent');
    const received = await waitForMessage(bob.client, conversation);
    expect((received.content as { mentionedInfo: { type: number } }).mentionedInfo.type).to.equal(MentionedType.ALL);
    expect(shadow(view.messages).querySelector('[part~="mention"]')?.textContent).to.equal('@all');
    const key = conversationKey(conversation);
    await bob.kit.emit('conversation', true);
    await waitFor(
      () => bob.kit.store.state.conversationList.find((c) => c.key === key)?.hasMentioned,
      3000,
      'bob @all',
    );
    // Bob reads Japanese: he sees the mention highlighted as one of him, explained in his language.
    await changeLanguage('ja');
    const bobView = await mountChat(bob);
    await bob.kit.selectConversation(conversation);
    const mention = await waitFor(
      () => shadow(bobView.messages).querySelector<HTMLElement>('[part~="mention-me"]'),
      3000,
      'highlighted for bob',
    );
    expect(mention.textContent).to.equal('@all');
    expect(mention.title).to.equal('グループの全員へのメンション');
    const bubble = mention.closest('.bubble')!;
    expect(getComputedStyle(mention).fontWeight).to.equal('600');
    expect(getComputedStyle(mention).backgroundColor).to.not.equal(getComputedStyle(bubble).backgroundColor);
  });

  it('does not open a member list in private conversations', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    await me.kit.selectConversation(privateWith(uniqueId('peer')));
    await view.editor.updateComplete;
    textarea(view).focus();
    await sendKeys({ type: 'mail me @' });
    await view.editor.updateComplete;
    expect(shadow(view.editor).querySelector('[role="listbox"]')).to.equal(null);
  });
});

async function waitForMessage(
  client: { getHistoryMessages: (c: never, o: never) => Promise<{ data?: { list: IReceivedMessage[] } }> },
  conversation: { conversationType: number; targetId: string },
): Promise<IReceivedMessage> {
  const start = performance.now();
  for (;;) {
    const res = await client.getHistoryMessages(conversation as never, { count: 10 } as never);
    const found = res.data?.list.find((m) => m.messageType === MessageType.TEXT);
    if (found) return found;
    if (performance.now() - start > 3000) throw new Error('timed out waiting for the message');
    await new Promise((r) => setTimeout(r, 50));
  }
}
