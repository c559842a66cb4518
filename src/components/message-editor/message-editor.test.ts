import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConversationType, MessageType } from '../../protocol/enums.js';
import type { IReceivedMessage } from '../../services/client/types.js';
import { conversationKey } from '../../services/store/types.js';
import { DRAFT_IDLE_MS } from './draft-controller.js';
import {
  bubbleTexts,
  connectUser,
  publishText,
  describeViolations,
  disconnectAll,
  mountChat,
  seriousViolations,
  session,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

describe('<message-editor>', () => {
  afterEach(disconnectAll);

  it('is disabled with a hint while no conversation is selected', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    const textarea = shadow(view.editor).querySelector('textarea')!;
    const send = shadow(view.editor).querySelector<HTMLButtonElement>('.send')!;
    expect(textarea.disabled).to.equal(true);
    expect(send.disabled).to.equal(true);
    expect(shadow(view.editor).querySelector('.hint')!.textContent).to.equal('选择一个会话后即可发送消息');
    expect(textarea.getAttribute('aria-describedby')).to.equal('hint');

    await me.kit.selectConversation(privateWith(uniqueId('peer')));
    await view.editor.updateComplete;
    expect(textarea.disabled).to.equal(false);
    expect(shadow(view.editor).querySelector('.hint')).to.equal(null);
  });

  it('sends with Enter, adds a line with Shift+Enter, trims, refuses blank text, clears and keeps focus', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    await me.kit.selectConversation(privateWith(uniqueId('peer')));
    await view.editor.updateComplete;
    const textarea = shadow(view.editor).querySelector('textarea')!;
    textarea.focus();

    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    await view.messages.updateComplete;
    expect(bubbleTexts(view.messages)).to.deep.equal([]);
    expect(shadow(view.editor).querySelector<HTMLButtonElement>('.send')!.disabled).to.equal(true);

    textarea.value = '';
    textarea.dispatchEvent(new InputEvent('input'));
    await sendKeys({ type: '  line one' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'line two  ' });
    expect(textarea.value).to.equal('  line one\nline two  ');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => bubbleTexts(view.messages).length === 1, 2000, 'sent');
    expect(bubbleTexts(view.messages)).to.deep.equal(['line one\nline two']);
    expect(textarea.value).to.equal('');
    expect(shadow(view.editor).activeElement).to.equal(textarea);
  });

  it('does not send while an input method is composing', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    await me.kit.selectConversation(privateWith(uniqueId('peer')));
    await view.editor.updateComplete;
    const textarea = shadow(view.editor).querySelector('textarea')!;
    textarea.value = 'nihao';
    textarea.dispatchEvent(new InputEvent('input'));
    textarea.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }),
    );
    await view.messages.updateComplete;
    expect(bubbleTexts(view.messages)).to.deep.equal([]);
    expect(textarea.value).to.equal('nihao');

    shadow(view.editor).querySelector<HTMLButtonElement>('.send')!.click();
    await waitFor(() => bubbleTexts(view.messages).length === 1, 2000, 'sent by button');
    expect(bubbleTexts(view.messages)).to.deep.equal(['nihao']);
  });

  it('keeps a draft per conversation', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    const [p1, p2] = [uniqueId('p1'), uniqueId('p2')];
    // The server keeps drafts only for conversations that can exist: the peers are registered users.
    await Promise.all([session(p1), session(p2)]);
    await me.kit.selectConversation(privateWith(p1));
    await view.editor.updateComplete;
    const textarea = shadow(view.editor).querySelector('textarea')!;
    textarea.value = 'draft for p1';
    textarea.dispatchEvent(new InputEvent('input'));
    await me.kit.selectConversation(privateWith(p2));
    await view.editor.updateComplete;
    expect(textarea.value).to.equal('');
    await me.kit.selectConversation(privateWith(p1));
    await view.editor.updateComplete;
    expect(textarea.value).to.equal('draft for p1');
  });

  it('has no serious or critical axe violations, enabled or not', async () => {
    const me = await connectUser(uniqueId('me'));
    const view = await mountChat(me);
    let violations = await seriousViolations(view.editor);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    await me.kit.selectConversation(privateWith(uniqueId('peer')));
    await view.editor.updateComplete;
    violations = await seriousViolations(view.editor);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
  });
  it('shows a quoted message with a cancel button and sends an RC:ReferenceMsg, then clears the quote', async () => {
    const [me, peer] = await Promise.all([connectUser(uniqueId('me')), connectUser(uniqueId('peer'))]);
    await publishText(peer.userId, me.userId, 'original text');
    const view = await mountChat(me);
    const conversation = privateWith(peer.userId);
    await me.kit.selectConversation(conversation);
    await waitFor(() => bubbleTexts(view.messages).includes('original text'), 3000, 'original');
    const key = conversationKey(conversation);
    const original = me.kit.store.state.messages[key]!.list.find((m) => m.messageUId)!;

    me.kit.store.setQuote(key, original);
    await view.editor.updateComplete;
    const bar = () => shadow(view.editor).querySelector<HTMLElement>('.quote');
    await waitFor(() => bar()?.textContent?.includes(`Name of ${peer.userId}`), 3000, 'sender name');
    expect(bar()!.textContent).to.contain('original text');
    const cancel = bar()!.querySelector<HTMLButtonElement>('button')!;
    expect(cancel.getAttribute('aria-label')).to.equal('取消引用');
    cancel.click();
    await view.editor.updateComplete;
    expect(bar()).to.equal(null);
    expect(shadow(view.editor).activeElement).to.equal(shadow(view.editor).querySelector('textarea'));

    me.kit.store.setQuote(key, original);
    await view.editor.updateComplete;
    const violations = await seriousViolations(view.editor);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    await sendKeys({ type: 'my reply' });
    await sendKeys({ press: 'Enter' });
    // The reply bubble shows the quoted snippet above the reply.
    await waitFor(
      () => bubbleTexts(view.messages).some((t) => t.includes('my reply') && t.includes('original text')),
      3000,
      'reply shown',
    );
    await view.editor.updateComplete;
    expect(bar()).to.equal(null);
    expect(me.kit.store.state.quotes[key] ?? null).to.equal(null);

    const received = await waitForAsync(async () => {
      const res = await peer.client.getHistoryMessages(privateWith(me.userId), { count: 10 });
      return res.data?.list.find((m: IReceivedMessage) => m.messageType === MessageType.REFERENCE);
    });
    const content = received.content as Record<string, unknown>;
    expect(content.content).to.equal('my reply');
    expect(content.referMsgUserId).to.equal(peer.userId);
    expect(content.objName).to.equal(MessageType.TEXT);
    expect(content.referMsgUid).to.equal(original.messageUId);
    expect((content.referMsg as { content: string }).content).to.equal('original text');
  });

  it('syncs drafts through the server: saved on leaving, restored on another device, cleared on send', async () => {
    const userId = uniqueId('me');
    const me = await connectUser(userId);
    const view = await mountChat(me);
    const [p1, p2] = [uniqueId('p1'), uniqueId('p2')];
    // The server keeps drafts only for conversations that can exist: the peers are registered users.
    await Promise.all([session(p1), session(p2)]);
    await me.kit.selectConversation(privateWith(p1));
    await view.editor.updateComplete;
    const textarea = shadow(view.editor).querySelector('textarea')!;
    textarea.focus();
    await sendKeys({ type: 'draft for p1' });
    await me.kit.selectConversation(privateWith(p2));
    await view.editor.updateComplete;
    expect(textarea.value).to.equal('');
    const saved = await waitForAsync(async () => {
      const res = await me.client.getTextMessageDraft(privateWith(p1));
      return res.data === 'draft for p1' ? res.data : undefined;
    });
    expect(saved).to.equal('draft for p1');

    // Idle save, without leaving the conversation.
    await sendKeys({ type: 'idle p2' });
    await new Promise((r) => setTimeout(r, DRAFT_IDLE_MS + 300));
    expect((await me.client.getTextMessageDraft(privateWith(p2))).data).to.equal('idle p2');

    // Another device of the same user sees it when it opens the conversation.
    const other = await connectUser(userId);
    const otherView = await mountChat(other);
    await other.kit.selectConversation(privateWith(p1));
    const otherArea = shadow(otherView.editor).querySelector('textarea')!;
    await waitFor(() => otherArea.value === 'draft for p1', 3000, 'restored draft');

    // Sending clears it on the server.
    otherArea.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => bubbleTexts(otherView.messages).includes('draft for p1'), 3000, 'sent draft');
    await waitForAsync(async () =>
      (await me.client.getTextMessageDraft(privateWith(p1))).data === '' ? true : undefined,
    );
  });

  it('sends a typing status while typing in a private conversation, at most every few seconds, never for blank text', async () => {
    const [me, peer] = await Promise.all([connectUser(uniqueId('me')), connectUser(uniqueId('peer'))]);
    const typing: string[] = [];
    peer.client.addEventListener('typing_status', (e) => {
      for (const s of e.status) for (const u of s.list) typing.push(u.userId);
    });
    const view = await mountChat(me);
    await me.kit.selectConversation(privateWith(peer.userId));
    await view.editor.updateComplete;
    const textarea = shadow(view.editor).querySelector('textarea')!;
    textarea.focus();
    await sendKeys({ type: '   ' });
    await new Promise((r) => setTimeout(r, 400));
    expect(typing).to.deep.equal([]);
    await sendKeys({ type: 'hello there' });
    await waitFor(() => typing.length > 0, 3000, 'typing status');
    expect(typing[0]).to.equal(me.userId);
    const sent = typing.length;
    await sendKeys({ type: ' more words' });
    await new Promise((r) => setTimeout(r, 400));
    expect(typing.length).to.equal(sent);
  });
});

async function waitForAsync<T>(check: () => Promise<T | undefined>, timeout = 3000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() - start > timeout) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
