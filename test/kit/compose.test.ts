// The store's compose slice (quotes) and the upload checks: pure state, no network.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConversationType, MessageType } from '../../src/protocol/enums.js';
import { ParleyClient } from '../../src/services/client/index.js';
import { selectCurrentQuote, selectQuote } from '../../src/services/store/compose.js';
import { messagePlaceholder } from '../../src/services/store/messages.js';
import { KitStore } from '../../src/services/store/store.js';
import { conversationKey } from '../../src/services/store/types.js';
import { checkFile } from '../../src/services/store/upload-jobs.js';
import { hasUpload, sendFile } from '../../src/services/store/uploads.js';

const a = { conversationType: ConversationType.PRIVATE, targetId: 'a' };
const b = { conversationType: ConversationType.GROUP, targetId: 'b' };
const message = messagePlaceholder(a, 'u1', { messageType: MessageType.TEXT, content: { content: 'hi' } }, 'pk-1');

test('store.setQuote replaces the quotes, never mutates them, and keeps them when nothing changes', () => {
  const store = new KitStore({ client: new ParleyClient({ appkey: 'k', navi: 'http://127.0.0.1:9' }) });
  const empty = store.state.quotes;
  store.setQuote(conversationKey(a), message);
  const one = store.state.quotes;
  assert.notEqual(one, empty);
  assert.deepEqual(empty, {});
  assert.equal(selectQuote(store.state, conversationKey(a)), message);
  store.setQuote(conversationKey(a), message);
  assert.equal(store.state.quotes, one);
  store.setQuote(conversationKey(a), null);
  assert.equal(selectQuote(store.state, conversationKey(a)), undefined);
  assert.equal(one[conversationKey(a)], message);
  store.destroy();
});

test('store.setQuote keeps a quote per conversation and notifies subscribers', async () => {
  const store = new KitStore({ client: new ParleyClient({ appkey: 'k', navi: 'http://127.0.0.1:9' }) });
  const seen: (unknown | null)[] = [];
  store.subscribe((state) => seen.push(selectQuote(state, conversationKey(a))));
  store.setQuote(conversationKey(a), message);
  store.setQuote(conversationKey(a), message);
  assert.equal(seen.length, 1);
  assert.equal(selectQuote(store.state, conversationKey(b)), undefined);
  assert.equal(selectCurrentQuote(store.state), null);
  await store.selectConversation(a).catch(() => undefined);
  assert.equal(selectCurrentQuote(store.state), message);
  store.setQuote(conversationKey(a), null);
  assert.equal(selectCurrentQuote(store.state), null);
  store.destroy();
});

test('checkFile refuses empty files, files over the limit and refused types', () => {
  const file = (size: number, type = 'text/plain') => new File([new Uint8Array(size)], 'f.txt', { type });
  assert.equal(checkFile(file(0)), 'empty');
  assert.equal(checkFile(file(10), { maxBytes: 5 }), 'tooLarge');
  assert.equal(checkFile(file(10), { maxBytes: 10 }), null);
  assert.equal(checkFile(file(10, 'application/x-msdownload'), { refusedTypes: ['application/x-msdownload'] }), 'type');
  assert.equal(checkFile(file(20 * 1024 * 1024 + 1)), 'tooLarge');
});

test('an upload made while not connected waits, its job kept, until the store is destroyed', async () => {
  const client = new ParleyClient({ appkey: 'k', navi: 'http://127.0.0.1:9' });
  const store = new KitStore({ client });
  // Not connected: the file waits in the outgoing queue instead of failing at once.
  const sending = sendFile(store, a, new File(['x'], 'x.txt', { type: 'text/plain' }));
  while (!store.state.messages[conversationKey(a)]?.list.length) await new Promise((r) => setTimeout(r, 5));
  const shown = store.state.messages[conversationKey(a)]!.list;
  assert.deepEqual(
    shown.map((m) => [m.messageType, m.sendState]),
    [[MessageType.FILE, 'waiting']],
  );
  assert.equal(hasUpload(shown[0]!.messageId), true);
  store.destroy();
  const sent = await sending;
  assert.ok(!sent.refused && sent.result.code !== 0, 'it ends without being sent');
  assert.equal(hasUpload(shown[0]!.messageId), false);
});
