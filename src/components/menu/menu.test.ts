import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { ConversationType } from '../../protocol/enums.js';
import type { KitConversation, KitMessage } from '../../services/store/types.js';
import {
  DisabledConversationContextMenu,
  DisabledConversationontextMenu,
  DisabledMessageContextMenu,
} from './disabled-menu.js';
import type { DeleteConversationEvent, TapMessageEvent, UpdateConversationEvent } from '../shared/events.js';
import { isRecallable } from '../message-list/message-menu.js';
import {
  answerConfirm,
  bubbleTexts,
  connectUser,
  describeViolations,
  disconnectAll,
  items,
  menuOf,
  messageRows,
  mountChat,
  publishText,
  seriousViolations,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
} from '../shared/test-utils.js';

const menuLabels = (el: Element) =>
  [...(menuOf(el)?.querySelectorAll('[role="menuitem"]') ?? [])].map((i) => i.textContent!.trim());
const active = (el: Element) => shadow(el).activeElement as HTMLElement | null;

function rightClick(target: HTMLElement): MouseEvent {
  const rect = target.getBoundingClientRect();
  const event = new MouseEvent('contextmenu', {
    bubbles: true,
    composed: true,
    cancelable: true,
    button: 2,
    clientX: rect.left + 10,
    clientY: rect.top + 10,
  });
  target.dispatchEvent(event);
  return event;
}

describe('context menus', () => {
  afterEach(disconnectAll);

  it('the conversation menu opens on right-click with built-in and custom items; disableMenu hides built-ins', async () => {
    const me = await connectUser(uniqueId('me'));
    await publishText(uniqueId('ann'), me.userId, 'hello');
    const view = await mountChat(me);
    await waitFor(() => items(view.list).length === 1, 3000, 'conversation');
    const seen: KitConversation[] = [];
    view.list.customMenu = [
      { name: () => '拉黑', callback: (c) => void seen.push(c) },
      { name: () => undefined, callback: () => undefined },
    ];
    await view.list.updateComplete;
    const event = rightClick(items(view.list)[0]!);
    expect(event.defaultPrevented).to.equal(true);
    await view.list.updateComplete;
    expect(menuLabels(view.list)).to.deep.equal(['置顶', '免打扰', '清空聊天记录', '标签…', '删除会话', '拉黑']);
    expect(menuOf(view.list)!.getAttribute('aria-label')).to.equal('会话操作');
    await waitFor(() => active(view.list)?.getAttribute('role') === 'menuitem', 1000, 'focus in menu');
    menuOf(view.list)!.querySelectorAll<HTMLElement>('[role="menuitem"]')[5]!.click();
    await view.list.updateComplete;
    expect(menuOf(view.list)).to.equal(null);
    expect(seen[0]!.targetId).to.equal(items(view.list)[0]!.dataset.key!.slice(2));

    expect(DisabledConversationContextMenu).to.equal(DisabledConversationontextMenu);
    view.list.disableMenu = [
      DisabledConversationontextMenu.Top,
      DisabledConversationontextMenu.Notification,
      DisabledConversationontextMenu.ClearHistory,
      DisabledConversationontextMenu.Tags,
      DisabledConversationontextMenu.Delete,
    ];
    await view.list.updateComplete;
    rightClick(items(view.list)[0]!);
    await view.list.updateComplete;
    expect(menuLabels(view.list)).to.deep.equal(['拉黑']);
    await sendKeys({ press: 'Escape' });
    view.list.customMenu = [];
    await view.list.updateComplete;
    // Nothing to show: the browser's own menu is left alone.
    expect(rightClick(items(view.list)[0]!).defaultPrevented).to.equal(false);
    expect(menuOf(view.list)).to.equal(null);
  });

  it('opens from the keyboard (Shift+F10, context-menu key), is arrow-operable, and Escape returns focus', async () => {
    const me = await connectUser(uniqueId('me'));
    await publishText(uniqueId('ann'), me.userId, 'one');
    await publishText(uniqueId('ben'), me.userId, 'two');
    const view = await mountChat(me);
    await waitFor(() => items(view.list).length === 2, 3000, 'conversations');
    const picked: string[] = [];
    view.list.disableMenu = [
      DisabledConversationontextMenu.Top,
      DisabledConversationontextMenu.Notification,
      DisabledConversationontextMenu.ClearHistory,
      DisabledConversationontextMenu.Tags,
    ];
    view.list.customMenu = [
      { name: () => 'First', callback: () => void picked.push('first') },
      { name: () => 'Second', callback: () => void picked.push('second') },
    ];
    await view.list.updateComplete;
    items(view.list)[0]!.focus();
    await sendKeys({ press: 'Shift+F10' });
    await waitFor(() => active(view.list)?.textContent?.trim() === '删除会话', 1000, 'first menu item focused');
    await sendKeys({ press: 'ArrowDown' });
    expect(active(view.list)!.textContent!.trim()).to.equal('First');
    await sendKeys({ press: 'End' });
    expect(active(view.list)!.textContent!.trim()).to.equal('Second');
    await sendKeys({ press: 'ArrowDown' });
    expect(active(view.list)!.textContent!.trim()).to.equal('删除会话');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => active(view.list) === items(view.list)[0], 1000, 'focus back on the item');
    expect(menuOf(view.list)).to.equal(null);

    // Tab closes the menu too, and focus goes back.
    await sendKeys({ press: 'Shift+F10' });
    await waitFor(() => menuOf(view.list), 1000, 'menu again');
    await sendKeys({ press: 'Tab' });
    await waitFor(() => !menuOf(view.list) && active(view.list) === items(view.list)[0], 1000, 'closed by Tab');

    // A click outside closes it.
    rightClick(items(view.list)[1]!);
    await view.list.updateComplete;
    expect(menuOf(view.list)).to.not.equal(null);
    await sendMouse({ type: 'click', position: [700, 400] });
    await waitFor(() => !menuOf(view.list), 1000, 'closed by an outside click');
    expect(picked).to.deep.equal([]);

    items(view.list)[0]!.focus();
    await sendKeys({ press: 'ContextMenu' });
    await waitFor(() => menuOf(view.list), 1000, 'menu from the context-menu key');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    expect(picked).to.deep.equal(['second']);
    await waitFor(() => active(view.list) === items(view.list)[0], 1000, 'focus back after choosing');
  });

  it('Delete removes the conversation, fires deleteConversation and keeps focus in the list; updateConversation reports changes', async () => {
    const me = await connectUser(uniqueId('me'));
    const [ann, ben] = [uniqueId('ann'), uniqueId('ben')];
    await publishText(ann, me.userId, 'one');
    await publishText(ben, me.userId, 'two');
    const view = await mountChat(me);
    await waitFor(() => items(view.list).length === 2, 3000, 'conversations');
    view.list.disableMenu = [
      DisabledConversationontextMenu.Top,
      DisabledConversationontextMenu.Notification,
      DisabledConversationontextMenu.ClearHistory,
      DisabledConversationontextMenu.Tags,
    ];

    const updated = oneEvent(view.root, 'updateConversation') as Promise<UpdateConversationEvent>;
    await publishText(ann, me.userId, 'three');
    const update = await updated;
    expect(update.detail.targetId).to.equal(ann);
    expect(update.detail.latestMessage!.content.content).to.equal('three');
    expect(update.bubbles && update.composed).to.equal(true);

    items(view.list)[0]!.focus();
    const deleted = oneEvent(view.root, 'deleteConversation') as Promise<DeleteConversationEvent>;
    await sendKeys({ press: 'Shift+F10' });
    await waitFor(() => active(view.list)?.textContent?.trim() === '删除会话', 1000, 'delete focused');
    await sendKeys({ press: 'Enter' });
    // The confirmation dialog opens on Cancel; Tab reaches Delete.
    await waitFor(() => active(view.list)?.classList.contains('confirm-cancel'), 2000, 'Cancel focused');
    await sendKeys({ press: 'Tab' });
    expect(active(view.list)!.classList.contains('confirm-action')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    const event = await deleted;
    expect(event.detail.targetId).to.equal(ann);
    expect(event.bubbles && event.composed).to.equal(true);
    await waitFor(() => items(view.list).length === 1, 1000, 'removed');
    await waitFor(() => active(view.list) === items(view.list)[0], 1000, 'focus on the neighbour');

    // Deleting the last one leaves focus inside the list, not on the page body.
    rightClick(items(view.list)[0]!);
    await waitFor(() => active(view.list)?.textContent?.trim() === '删除会话', 1000, 'delete focused again');
    await sendKeys({ press: 'Enter' });
    await answerConfirm(view.list, true);
    await waitFor(() => items(view.list).length === 0, 1000, 'empty');
    await waitFor(() => active(view.list)?.classList.contains('scroller'), 1000, 'focus on the empty list');
  });

  it('the message menu: Copy for text, custom items per message, Forward to forwardList targets; keyboard operable', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const carol = uniqueId('carol');
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob.userId });
    await alice.kit.sendText('forward me');
    await serverApi('/message/private/publish.json', {
      fromUserId: bob.userId,
      toUserId: alice.userId,
      objectName: 'RC:ImgMsg',
      content: JSON.stringify({ content: 'iVBORw0KGgo=', imageUri: 'https://example.com/a.png' }),
    });
    await waitFor(
      () => messageRows(view.messages).length === 2 && messageRows(view.messages)[0]!.dataset.sendState === 'sent',
      3000,
      'two messages',
    );
    const tapped: KitMessage[] = [];
    view.messages.disableMenu = [
      DisabledMessageContextMenu.Delete,
      DisabledMessageContextMenu.Reference,
      DisabledMessageContextMenu.Recall,
    ];
    view.messages.customMenu = [
      { name: (m) => (m.messageType !== 'RC:TxtMsg' ? 'Save image' : undefined), callback: (m) => void tapped.push(m) },
    ];
    let asked: KitMessage | undefined;
    view.messages.forwardList = {
      callback: (m) => ((asked = m as KitMessage), [{ conversationType: ConversationType.PRIVATE, targetId: carol }]),
    };
    await view.messages.updateComplete;

    const [text, image] = messageRows(view.messages);
    rightClick(text!);
    await view.messages.updateComplete;
    expect(menuLabels(view.messages)).to.deep.equal(['复制', '转发', '回应']);
    await sendKeys({ press: 'Escape' });
    rightClick(image!);
    await view.messages.updateComplete;
    expect(menuLabels(view.messages)).to.deep.equal(['转发', 'Save image']);
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    expect(tapped[0]!.messageType).to.equal('RC:ImgMsg');
    await waitFor(() => active(view.messages) === messageRows(view.messages)[1], 1000, 'focus back on the message');

    // Keyboard: arrows move between messages, Shift+F10 opens, Enter forwards.
    await sendKeys({ press: 'ArrowUp' });
    expect(active(view.messages)).to.equal(messageRows(view.messages)[0]);
    await sendKeys({ press: 'Shift+F10' });
    await waitFor(() => active(view.messages)?.textContent?.trim() === '复制', 1000, 'menu focused');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => items(view.list).some((i) => i.dataset.key === `1:${carol}` && i.textContent?.includes('forward me')),
      3000,
      'forwarded',
    );
    expect(asked!.content.content).to.equal('forward me');
    await waitFor(
      () => shadow(view.messages).querySelector('[role="status"]')?.textContent === '已转发到 1 个会话',
      1000,
      'announced',
    );
    // Shown too, not only announced: a visible line under the messages.
    const line = shadow(view.messages).querySelector<HTMLElement>('[part~=status-line]')!;
    expect(line.getBoundingClientRect().height).to.be.greaterThan(10);
    expect(line.classList.contains('visually-hidden')).to.equal(false);
    await waitFor(
      () => shadow(view.editor).activeElement === shadow(view.editor).querySelector('textarea'),
      1000,
      'input focused after Forward',
    );

    view.messages.disableMenu = Object.values(DisabledMessageContextMenu);
    view.messages.forwardList = undefined;
    await view.messages.updateComplete;
    expect(rightClick(messageRows(view.messages)[0]!).defaultPrevented).to.equal(false);
  });

  it('tapMessage fires for image messages with the message as detail', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = uniqueId('bob');
    await serverApi('/message/private/publish.json', {
      fromUserId: bob,
      toUserId: alice.userId,
      objectName: 'RC:ImgMsg',
      content: JSON.stringify({ content: 'iVBORw0KGgo=', imageUri: 'https://example.com/a.png' }),
    });
    const view = await mountChat(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: bob });
    const media = await waitFor(() => shadow(view.messages).querySelector<HTMLButtonElement>('.media'), 3000, 'image');
    const tapped = oneEvent(view.root, 'tapMessage') as Promise<TapMessageEvent>;
    media.click();
    const event = await tapped;
    expect(event.detail.messageType).to.equal('RC:ImgMsg');
    expect(event.detail.content.imageUri).to.equal('https://example.com/a.png');
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('maxRecallDuration: 0 means 120 s; the recall window follows it', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const view = await mountChat(alice);
    expect(view.messages.recallDuration).to.equal(120);
    view.messages.setAttribute('max-recall-duration', '30');
    await view.messages.updateComplete;
    expect(view.messages.maxRecallDuration).to.equal(30);
    expect(view.messages.recallDuration).to.equal(30);
    const own = { messageDirection: 1, sendState: 'sent', sentTime: 1_000_000 } as KitMessage;
    expect(isRecallable(own, 30, 1_000_000 + 29_000)).to.equal(true);
    expect(isRecallable(own, 30, 1_000_000 + 31_000)).to.equal(false);
    expect(isRecallable(own, 0, 1_000_000 + 119_000)).to.equal(true);
    expect(isRecallable({ ...own, messageDirection: 2 }, 0, 1_000_000)).to.equal(false);
  });

  it('open menus pass axe with no serious violations', async () => {
    const me = await connectUser(uniqueId('me'));
    const peer = uniqueId('peer');
    await publishText(peer, me.userId, 'hi');
    const view = await mountChat(me);
    await waitFor(() => items(view.list).length === 1, 3000, 'conversation');
    await me.kit.selectConversation({ conversationType: ConversationType.PRIVATE, targetId: peer });
    await waitFor(() => bubbleTexts(view.messages).includes('hi'), 3000, 'message');
    rightClick(items(view.list)[0]!);
    await view.list.updateComplete;
    let violations = await seriousViolations(view.list);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
    rightClick(messageRows(view.messages)[0]!);
    await view.messages.updateComplete;
    violations = await seriousViolations(view.root);
    expect(violations, describeViolations(violations)).to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
  });
});
