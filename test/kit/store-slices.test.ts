// The kit store's slices in Node: how they are bound onto the store, and what each does for a user,
// over the in-memory client (lists, paging, unread) and over a real server with real clients
// (sending, receipts, reactions, tags, drafts, typing, deletes, recalls).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType, MessageType } from '../../src/protocol/enums.js';
import { selectReactions } from '../../src/services/store/reactions.js';
import { selectPeerReadTime } from '../../src/services/store/receipts.js';
import { bindActions } from '../../src/services/store/slice.js';
import { KitStore } from '../../src/services/store/store.js';
import { loadDraft, saveDraft, sendTyping } from '../../src/services/store/drafts.js';
import { renameTag, selectTagMembers, setConversationTagged } from '../../src/services/store/tags.js';
import { selectTyping } from '../../src/services/store/typing.js';
import { conversationKey, messagesOf, type ConversationKey } from '../../src/services/store/types.js';
import { MemoryClient, privateConversations, textMessage } from '../fixtures/memory-client.js';
import { useTestServer, waitFor } from '../client/helpers.js';

const PRIVATE = ConversationType.PRIVATE;

/** The actions the elements, `imkit`, the docs and the tests call on a store. */
const ACTIONS = [
  'loadConversations',
  'selectConversation',
  'loadOlderMessages',
  'loadMessagesFrom',
  'markRead',
  'removeConversation',
  'deleteConversation',
  'setConversationTop',
  'setConversationMuted',
  'quitChatRoom',
  'sendText',
  'sendMessage',
  'retry',
  'addPending',
  'patchPending',
  'removePending',
  'sendPending',
  'sendFile',
  'setQuote',
  'recallMessage',
  'deleteMessage',
  'clearHistory',
  'toggleReaction',
  'loadTags',
  'createTag',
  'renameTag',
  'removeTag',
  'setConversationTagged',
  'saveDraft',
  'loadDraft',
  'sendTyping',
];

/** Every property name along an object's prototype chain, own ones first. */
function allNames(object: object): string[] {
  const names: string[] = [];
  for (let o: object | null = object; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null)
    names.push(...Object.getOwnPropertyNames(o));
  return names;
}

describe('store slices: binding', () => {
  it('offers every slice action as a method that needs no `this`, and no underscore member', async () => {
    const client = new MemoryClient('me');
    const open = { conversationType: PRIVATE, targetId: 'peer-1' };
    client.seedTexts(open, 3);
    const store = new KitStore({ client, isVisible: () => true });
    for (const name of ACTIONS)
      assert.equal(typeof (store as unknown as Record<string, unknown>)[name], 'function', name);
    assert.deepEqual(
      allNames(store).filter((n) => n.startsWith('_')),
      [],
    );
    // Actions are the slices' own functions: taken off the store they still act on it.
    const { selectConversation, setQuote } = store;
    await selectConversation(open);
    assert.equal(messagesOf(store.state, conversationKey(open)).list.length, 3);
    setQuote(conversationKey(open), messagesOf(store.state, conversationKey(open)).list[0]!);
    assert.equal(store.state.quotes[conversationKey(open)]?.messageUId, 'mem-peer-1-1');
    assert.throws(
      () => ((store as unknown as Record<string, unknown>).sendText = () => undefined),
      TypeError,
      'actions are read-only',
    );
    store.destroy();
  });

  it('refuses two slices that offer the same action, or one the store already has', () => {
    const noop = () => undefined;
    assert.throws(
      () => bindActions({}, { one: { actions: { send: noop } }, two: { actions: { send: noop } } }),
      /two slice's action send is already offered by one/,
    );
    assert.throws(
      () => bindActions({ destroy: noop }, { one: { actions: { destroy: noop } } }),
      /already offered by the store/,
    );
  });
});

describe('store slices: conversations and history (in-memory client)', () => {
  it('lists pushed conversations newest first, pages history back, and clears the unread of the one opened', async () => {
    const client = new MemoryClient('me');
    const conversations = privateConversations(3, 'me'); // peer-1 newest; peer-1 has 1 unread
    client.seedTexts({ conversationType: PRIVATE, targetId: 'peer-1' }, 50);
    const store = new KitStore({ client, isVisible: () => true, historyPageSize: 20 });
    client.announce(conversations);
    assert.deepEqual(
      store.state.conversationList.map((c) => c.targetId),
      ['peer-1', 'peer-2', 'peer-3'],
    );
    assert.equal(store.state.conversationList[0]!.unreadMessageCount, 1);
    await store.loadConversations();
    assert.equal(store.state.conversationsLoaded, true);
    const open = { conversationType: PRIVATE, targetId: 'peer-1' };
    await store.selectConversation(open);
    const key = conversationKey(open);
    assert.equal(store.selectedConversation?.targetId, 'peer-1');
    assert.equal(store.state.conversationList[0]!.unreadMessageCount, 0, 'opening clears the unread');
    assert.deepEqual([messagesOf(store.state, key).list.length, messagesOf(store.state, key).hasMore], [20, true]);
    await store.loadOlderMessages();
    await store.loadOlderMessages();
    await store.loadOlderMessages();
    const list = messagesOf(store.state, key).list;
    assert.deepEqual([list.length, messagesOf(store.state, key).hasMore], [50, false]);
    assert.deepEqual(
      list
        .slice(0, 2)
        .map((m) => m.content.content)
        .map((t) => String(t).split(' ').slice(0, 2).join(' ')),
      ['Message 1', 'Message 2'],
    );
    store.removeConversation(open);
    assert.equal(store.state.selected, null);
    assert.deepEqual(
      store.state.conversationList.map((c) => c.targetId),
      ['peer-2', 'peer-3'],
    );
    store.destroy();
  });

  it('counts a new message as unread and moves its conversation up, except in the open one while the page is seen', async () => {
    const client = new MemoryClient('me');
    let visible = true;
    const store = new KitStore({ client, isVisible: () => visible });
    client.announce(privateConversations(2, 'me').map((c) => ({ ...c, unreadMessageCount: 0 })));
    const open = { conversationType: PRIVATE, targetId: 'peer-1' };
    await store.selectConversation(open);
    const later = (targetId: string, n: number) => ({
      ...textMessage({ conversationType: PRIVATE, targetId }, n, targetId, 'me'),
      sentTime: Date.now() + n,
    });
    client.receive(later('peer-2', 101));
    assert.deepEqual(
      store.state.conversationList.map((c) => [c.targetId, c.unreadMessageCount]),
      [
        ['peer-2', 1],
        ['peer-1', 0],
      ],
    );
    client.receive(later('peer-1', 102));
    assert.deepEqual(
      store.state.conversationList.map((c) => [c.targetId, c.unreadMessageCount]),
      [
        ['peer-1', 0],
        ['peer-2', 1],
      ],
    );
    assert.equal(messagesOf(store.state, conversationKey(open)).list.at(-1)?.messageUId, 'mem-peer-1-102');
    visible = false;
    client.receive(later('peer-1', 103));
    assert.equal(store.state.conversationList[0]!.unreadMessageCount, 1, 'unseen while the page is hidden');
    store.destroy();
  });

  it('hides what customIntercept hides, and stops following the client once destroyed', async () => {
    const client = new MemoryClient('me');
    const store = new KitStore({ client, customIntercept: { interceptConversation: (c) => c.targetId === 'peer-2' } });
    const other = new KitStore({ client });
    client.announce(privateConversations(3, 'me'));
    assert.deepEqual(
      store.state.conversationList.map((c) => c.targetId),
      ['peer-1', 'peer-3'],
    );
    store.destroy();
    const before = store.state;
    let calls = 0;
    store.subscribe(() => calls++);
    client.receive({
      ...textMessage({ conversationType: PRIVATE, targetId: 'peer-9' }, 1, 'peer-9', 'me'),
      sentTime: Date.now(),
    });
    assert.equal(store.state, before, 'a destroyed store keeps its last state');
    assert.equal(calls, 0);
    assert.equal(
      other.state.conversationList[0]?.targetId,
      'peer-9',
      'another store on the same client still follows it',
    );
    other.destroy();
  });
});

describe('store slices: against a real server', () => {
  const { connect } = useTestServer();

  /** Two users, each with a connected client and a store on it. */
  async function pair(a: string, b: string) {
    const [ca, cb] = [await connect(a), await connect(b)];
    const stores = [
      new KitStore({ client: ca.client, isVisible: () => true }),
      new KitStore({ client: cb.client, isVisible: () => true }),
    ] as const;
    await Promise.all(stores.map((s) => s.loadConversations()));
    return {
      alice: stores[0],
      bob: stores[1],
      toBob: { conversationType: PRIVATE, targetId: b },
      toAlice: { conversationType: PRIVATE, targetId: a },
    };
  }

  it('sends optimistically; the peer lists it as unread, opens it, and the sender sees it read', async () => {
    const { alice, bob, toBob, toAlice } = await pair('sa', 'sb');
    const states: string[] = [];
    alice.subscribe((s) => {
      const state = messagesOf(s, conversationKey(toBob)).list[0]?.sendState;
      if (state && states.at(-1) !== state) states.push(state);
    });
    const sent = await alice.sendText('  hello bob  ', toBob);
    assert.deepEqual([sent?.sendState, sent?.content.content], ['sent', 'hello bob']);
    assert.deepEqual(states, ['sending', 'sent']);
    assert.equal(await alice.sendText('   ', toBob), undefined, 'blank text is refused');
    await waitFor(() => bob.state.conversationList[0]?.unreadMessageCount === 1, 'bob lists the message as unread');
    assert.equal(bob.state.conversationList[0]!.latestMessage?.messageUId, sent!.messageUId);
    await bob.selectConversation(toAlice);
    assert.equal(bob.state.conversationList[0]!.unreadMessageCount, 0);
    await waitFor(
      () => selectPeerReadTime(alice.state, conversationKey(toBob)) >= sent!.sentTime,
      'alice sees bob read it',
    );
    alice.destroy();
    bob.destroy();
  });

  it('reactions, deletes and recalls reach the other side', async () => {
    const { alice, bob, toBob, toAlice } = await pair('ra', 'rb');
    await bob.selectConversation(toAlice);
    const first = (await alice.sendText('react to me', toBob))!;
    const second = (await alice.sendText('take me back', toBob))!;
    await waitFor(() => messagesOf(bob.state, conversationKey(toAlice)).list.length === 2, 'bob has both');
    assert.equal((await alice.toggleReaction(first, '👍')).code, 0);
    const onBob = () =>
      messagesOf(bob.state, conversationKey(toAlice)).list.find((m) => m.messageUId === first.messageUId)!;
    await waitFor(
      () => selectReactions(onBob(), 'rb').some((r) => r.emoji === '👍' && r.count === 1),
      'bob sees the reaction',
    );
    const mine = messagesOf(alice.state, conversationKey(toBob)).list.find((m) => m.messageUId === first.messageUId)!;
    assert.deepEqual(selectReactions(mine, 'ra'), [{ emoji: '👍', count: 1, mine: true }]);
    assert.equal((await alice.toggleReaction(mine, '👍')).code, 0);
    await waitFor(() => selectReactions(onBob(), 'rb').length === 0, 'bob sees it taken back');
    assert.equal((await alice.recallMessage(second)).code, 0);
    await waitFor(
      () =>
        messagesOf(bob.state, conversationKey(toAlice)).list.some(
          (m) => m.messageType === MessageType.RECALL_MESSAGE_NOTIFICATION,
        ),
      'bob sees the recall',
    );
    assert.equal((await bob.deleteMessage(onBob())).code, 0);
    assert.ok(
      !messagesOf(bob.state, conversationKey(toAlice)).list.some((m) => m.messageUId === first.messageUId),
      'deleted for bob',
    );
    assert.ok(
      messagesOf(alice.state, conversationKey(toBob)).list.some((m) => m.messageUId === first.messageUId),
      'alice keeps hers',
    );
    alice.destroy();
    bob.destroy();
  });

  it('tags, drafts and typing, through the module-level functions the elements call', async () => {
    const { alice, bob, toBob, toAlice } = await pair('ta', 'tb');
    await alice.sendText('tag this chat', toBob);
    const created = await alice.createTag('Work');
    assert.equal(created.code, 0);
    const tagId = created.data!;
    assert.deepEqual(
      alice.state.tags.map((t) => t.tagName),
      ['Work'],
    );
    assert.equal((await alice.createTag(' work ')).code, 33101, 'a second tag of the same name is refused');
    assert.equal((await setConversationTagged(alice, tagId, toBob, true)).code, 0);
    assert.deepEqual(selectTagMembers(alice.state, tagId), [conversationKey(toBob)]);
    assert.equal((await renameTag(alice, tagId, 'Office')).code, 0);
    assert.deepEqual(
      alice.state.tags.map((t) => t.tagName),
      ['Office'],
    );
    const key: ConversationKey = conversationKey(toBob);
    assert.equal(await saveDraft(alice, key, 'half a thought'), true);
    assert.equal(await loadDraft(alice, key), 'half a thought');
    assert.equal(await saveDraft(alice, key, '   '), true);
    assert.equal(await loadDraft(alice, key), '');
    await bob.selectConversation(toAlice);
    sendTyping(alice, key);
    await waitFor(() => selectTyping(bob.state, conversationKey(toAlice)).includes('ta'), 'bob sees alice typing');
    alice.destroy();
    bob.destroy();
  });
});
