/**
 * The gateway's frame encoder (server/gateway/frame-json.ts) splices each message's JSON into the
 * reply and pushes instead of encoding it again: what a client parses must be exactly what
 * `JSON.stringify` of the frame gives.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import type { InboxPush, WireConversation, WireMessage } from '../../src/protocol/frames.js';
import { inboxPushJson, messageJson } from '../../server/gateway/frame-json.js';

const message: WireMessage = {
  messageUId: 'U1',
  clientMessageId: 'c-1',
  conversationType: ConversationType.PRIVATE,
  targetId: 'bob',
  senderUserId: 'ann',
  messageType: 'RC:TxtMsg',
  content: { content: 'quote " backslash \\ newline \n emoji 😀', user: { id: 'ann', name: 'Ann' } },
  sentTime: 1_700_000_000_000,
  isPersisted: true,
  isCounted: true,
  isStatusMessage: false,
  disableNotification: false,
};

const conversation = (latestMessage: WireMessage | null): WireConversation => ({
  conversationType: ConversationType.PRIVATE,
  targetId: 'ann',
  unreadMessageCount: 2,
  latestMessage,
  updatedTime: 1_700_000_000_000,
  lastReadTime: 0,
  isTop: false,
  notificationLevel: 0,
  hasMentioned: false,
  draft: 'half a "thought"',
  mentionedCount: 0,
});

describe('frame JSON', () => {
  it('encodes an inbox push to the same value as JSON.stringify, message items and others alike', () => {
    const view = { ...message, targetId: 'ann' };
    const frame: InboxPush = {
      push: 'inbox',
      data: {
        items: [
          { seq: 7, type: 'message', message: view },
          { seq: 8, type: 'read', conversationType: ConversationType.PRIVATE, targetId: 'ann', timestamp: 5 },
          { seq: 0, type: 'message', message: { ...view, isStatusMessage: true } },
        ],
        conversations: [conversation(view), conversation(null)],
      },
    };
    assert.deepEqual(JSON.parse(inboxPushJson(frame)), JSON.parse(JSON.stringify(frame)));
    const empty: InboxPush = { push: 'inbox', data: { items: [], conversations: [] } };
    assert.deepEqual(JSON.parse(inboxPushJson(empty)), empty);
  });

  it('encodes a message once and gives the same text each time', () => {
    const first = messageJson(message);
    assert.equal(first, JSON.stringify(message));
    assert.equal(messageJson(message), first);
    assert.equal(messageJson({ ...message, targetId: 'ann' }), JSON.stringify({ ...message, targetId: 'ann' }));
    // More messages than it keeps: each is still encoded as itself.
    const many = Array.from({ length: 9 }, (_, i) => ({ ...message, messageUId: `U${i}` }));
    for (const m of [...many, ...many.reverse()]) assert.equal(messageJson(m), JSON.stringify(m));
  });
});
