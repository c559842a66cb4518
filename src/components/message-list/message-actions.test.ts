import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/enums.js';
import { selectQuote } from '../../services/store/compose.js';
import { conversationKey } from '../../services/store/types.js';
import { DisabledMessageContextMenu } from '../menu/disabled-menu.js';
import {
  bubbleTexts,
  connectUser,
  disconnectAll,
  items,
  menuOf,
  messageRows,
  mountChat,
  shadow,
  testService,
  uniqueId,
  userOnTwoDevices,
  waitFor,
} from '../shared/test-utils.js';
import type { MessageList } from './message-list.js';
import { recallRefusalKey } from './message-menu.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import { ParleyClient } from '../../services/client/index.js';
import { createKit } from '../../kit/kit.js';

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });
const menuLabels = (el: Element) =>
  [...(menuOf(el)?.querySelectorAll('[role="menuitem"]') ?? [])].map((i) => i.textContent!.trim());
const notices = (list: MessageList) => [...shadow(list).querySelectorAll('.notice')].map((n) => n.textContent);

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

async function choose(list: MessageList, row: HTMLElement, label: string): Promise<void> {
  rightClick(row);
  await list.updateComplete;
  const item = [...(menuOf(list)?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])].find(
    (i) => i.textContent!.trim() === label,
  );
  if (!item) throw new Error(`no menu item ${label} in ${menuLabels(list).join()}`);
  item.click();
}

describe('message actions', () => {
  afterEach(disconnectAll);

  it('recall turns the bubble into the recall notice for the sender, their other device and the peer', async () => {
    const { userId: aliceId, one: alice, peer: bob, view: a, view2: a2 } = await userOnTwoDevices('alice', 'bob');
    const b = await mountChat(bob);
    await bob.kit.selectConversation(privateWith(aliceId));
    await alice.kit.sendText('oops');
    await waitFor(
      () => bubbleTexts(b.messages).includes('oops') && bubbleTexts(a2.messages).includes('oops'),
      3000,
      'delivered',
    );

    await choose(a.messages, messageRows(a.messages)[0]!, '撤回');
    await waitFor(() => notices(a.messages).includes('你撤回了一条消息'), 3000, 'own notice');
    expect(bubbleTexts(a.messages)).to.deep.equal([]);
    await waitFor(() => notices(a2.messages).includes('你撤回了一条消息'), 3000, 'other device notice');
    await waitFor(() => notices(b.messages).includes(`Name of ${aliceId} 撤回了一条消息`), 3000, 'peer notice');
    expect(bubbleTexts(b.messages)).to.deep.equal([]);
    await waitFor(
      () => items(b.list)[0]?.querySelector('.preview')?.textContent === `Name of ${aliceId} 撤回了一条消息`,
      3000,
      'peer preview',
    );
    await waitFor(
      () => items(a.list)[0]?.querySelector('.preview')?.textContent === '你撤回了一条消息',
      3000,
      'own preview',
    );
  });

  it('the Recall item leaves an open menu when the window passes, and a refusal is shown', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const a = await mountChat(alice);
    a.messages.maxRecallDuration = 2;
    await alice.kit.selectConversation(privateWith(bob.userId));
    await alice.kit.sendText('short window');
    await waitFor(() => messageRows(a.messages)[0]?.dataset.sendState === 'sent', 3000, 'sent');
    rightClick(messageRows(a.messages)[0]!);
    await a.messages.updateComplete;
    expect(menuLabels(a.messages)).to.include('撤回');
    await waitFor(() => menuOf(a.messages) && !menuLabels(a.messages).includes('撤回'), 3000, 'recall item expired');
    expect(menuLabels(a.messages)).to.include('删除');
    menuOf(a.messages)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await a.messages.updateComplete;

    // The server refuses a recall of a message already recalled (here from the client, bypassing the kit).
    a.messages.maxRecallDuration = 0;
    await alice.kit.sendText('recalled elsewhere');
    await waitFor(() => messageRows(a.messages)[1]?.dataset.sendState === 'sent', 3000, 'second sent');
    const message = alice.kit.store.state.messages[conversationKey(privateWith(bob.userId))]!.list.at(-1)!;
    expect(
      (
        await alice.client.recallMessage(privateWith(bob.userId), {
          messageUId: message.messageUId,
          sentTime: message.sentTime,
        })
      ).code,
    ).to.equal(0);
    await choose(a.messages, messageRows(a.messages).at(-1)!, '撤回');
    const error = await waitFor(() => shadow(a.messages).querySelector('[part="error"]'), 3000, 'error shown');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.match(/撤回失败（\d+）/);
  });

  it('delete removes a message for me on every device and after a reload; the peer keeps it', async () => {
    const { userId: aliceId, one: alice, peer: bob, view: a, view2: a2 } = await userOnTwoDevices('alice', 'bob');
    await alice.kit.sendText('keep');
    await bob.kit.sendText('drop me', privateWith(aliceId));
    await waitFor(() => bubbleTexts(a.messages).length === 2 && bubbleTexts(a2.messages).length === 2, 3000, 'both');
    await choose(a.messages, messageRows(a.messages)[1]!, '删除');
    await waitFor(() => bubbleTexts(a.messages).join() === 'keep', 3000, 'deleted here');
    await waitFor(() => bubbleTexts(a2.messages).join() === 'keep', 3000, 'deleted on the other device');
    const fresh = await connectUser(aliceId);
    await fresh.kit.selectConversation(privateWith(bob.userId));
    const list = fresh.kit.store.state.messages[conversationKey(privateWith(bob.userId))]!.list;
    expect(list.map((m) => m.content.content)).to.deep.equal(['keep']);
    const bobs = (await bob.client.getHistoryMessages(privateWith(aliceId), { count: 10 })).data!.list;
    expect(bobs.map((m) => m.content.content)).to.deep.equal(['keep', 'drop me']);
  });

  it('Quote puts the message in the store for the editor; disableMenu hides each built-in item', async () => {
    const alice = await connectUser(uniqueId('alice'));
    const bob = await connectUser(uniqueId('bob'));
    const a = await mountChat(alice);
    await alice.kit.selectConversation(privateWith(bob.userId));
    await bob.kit.sendText('quote me', privateWith(alice.userId));
    await waitFor(() => bubbleTexts(a.messages).includes('quote me'), 3000, 'message');
    rightClick(messageRows(a.messages)[0]!);
    await a.messages.updateComplete;
    // Received message: no Recall; no forwardList: no Forward.
    expect(menuLabels(a.messages)).to.deep.equal(['复制', '删除', '引用', '回应']);
    menuOf(a.messages)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await a.messages.updateComplete;
    await choose(a.messages, messageRows(a.messages)[0]!, '引用');
    const key = conversationKey(privateWith(bob.userId));
    expect(selectQuote(alice.kit.store.state, key)?.content.content).to.equal('quote me');
    // The user goes on writing: focus is in the editor's input, not on the message.
    await waitFor(
      () => shadow(a.editor).activeElement === shadow(a.editor).querySelector('textarea'),
      1000,
      'input focused after Quote',
    );
    alice.kit.store.setQuote(key, null);
    expect(selectQuote(alice.kit.store.state, key)).to.equal(undefined);

    for (const id of Object.values(DisabledMessageContextMenu)) {
      a.messages.disableMenu = [id];
      await a.messages.updateComplete;
      rightClick(messageRows(a.messages)[0]!);
      await a.messages.updateComplete;
      const labels = menuLabels(a.messages);
      const hidden = {
        copy: '复制',
        delete: '删除',
        reference: '引用',
        forward: '转发',
        recall: '撤回',
        react: '回应',
      }[id];
      expect(labels).not.to.include(hidden);
      menuOf(a.messages)?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await a.messages.updateComplete;
    }
  });
});

describe("message actions: the server's recall window", () => {
  afterEach(disconnectAll);

  it("a maxRecallDuration longer than the server allows is capped: Recall hides after the server's 3 s, and the console says why", async () => {
    // The `paced` test server allows recalls for 3 s only.
    const connect = async (userId: string) => {
      const s = (await fetch(`/__parley/session?user=${encodeURIComponent(userId)}&server=paced`).then((r) =>
        r.json(),
      )) as { appkey: string; navi: string; token: string };
      const client = new ParleyClient({ appkey: s.appkey, navi: s.navi });
      const kit = createKit({ client });
      kit.init({ appkey: s.appkey, service: testService(), provideOn: null });
      expect((await client.connect(s.token)).code).to.equal(0);
      return { userId, client, kit };
    };
    const alice = await connect(uniqueId('alice'));
    const bob = uniqueId('bob');
    try {
      expect(alice.client.getRecallPolicy()).to.deep.equal({ windowMs: 3000, by: 'sender' });
      const a = await mountChat(alice);
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(String(args[0]));
      try {
        a.messages.maxRecallDuration = 600;
        expect(a.messages.recallDuration).to.equal(3);
      } finally {
        console.warn = warn;
      }
      expect(warnings.some((w) => w.includes('maxRecallDuration 600 s') && w.includes('3 s'))).to.equal(true);

      await alice.kit.selectConversation(privateWith(bob));
      await alice.kit.sendText('quick');
      await waitFor(() => messageRows(a.messages)[0]?.dataset.sendState === 'sent', 3000, 'sent');
      rightClick(messageRows(a.messages)[0]!);
      await a.messages.updateComplete;
      expect(menuLabels(a.messages)).to.include('撤回');
      await waitFor(
        () => menuOf(a.messages) && !menuLabels(a.messages).includes('撤回'),
        5000,
        'recall item gone at the server window',
      );
      menuOf(a.messages)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));

      // Past the server's window the server refuses (25101), and the kit says it is too late.
      const message = alice.kit.store.state.messages[conversationKey(privateWith(bob))]!.list.at(-1)!;
      const res = await alice.kit.store.recallMessage(message);
      expect(res.code).to.equal(ErrorCode.RECALL_MESSAGE);
      // Why a refusal happened, in the user's words: too late (25101 past the server's window), not
      // the sender (25107), else the code.
      const at = { sentTime: 1_000_000 };
      expect(recallRefusalKey(ErrorCode.RECALL_MESSAGE, at, 3, 1_000_000 + 3_500)).to.equal('message.recallTooLate');
      expect(recallRefusalKey(ErrorCode.RECALL_MESSAGE, at, 3, 1_000_000 + 1_000)).to.equal('message.recallFailed');
      expect(recallRefusalKey(ErrorCode.RECALL_MESSAGE, at, 0, 1_000_000 + 999_000)).to.equal('message.recallFailed');
      expect(recallRefusalKey(ErrorCode.RECALL_MESSAGE_USER_INVALID, at, 3, 1_000_000)).to.equal(
        'message.recallNotAllowed',
      );
      expect(a.messages.t('message.recallTooLate')).to.equal('撤回失败：已超过可撤回的时间');
      expect(a.messages.t('message.recallNotAllowed')).to.equal('撤回失败：只有发送者可以撤回这条消息');
    } finally {
      alice.kit.destroy();
      await alice.client.disconnect();
    }
  });
});
