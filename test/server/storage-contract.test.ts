/**
 * The Storage contract, run against SQLite and PostgreSQL with the same assertions: idempotent
 * appends, gap-free per-user seqs (also under group commit), read state, groups, history and
 * conversation lists. A difference between the engines fails here first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import type { Storage } from '../../server/storage/storage.js';
import { ENGINES, message, openEngine, type OpenedStorage } from './storage-engines.js';

const { PRIVATE, GROUP } = ConversationType;

for (const engine of ENGINES) {
  describe(`Storage contract on ${engine}`, () => {
    let opened: OpenedStorage;
    let s: Storage;
    before(async () => {
      opened = await openEngine(engine);
      s = opened.storage;
    });
    after(() => opened.dispose());

    it('stores a message once per (sender, clientMessageId) and returns the first on a resend', async () => {
      const first = await s.appendMessage(message('a1', 'b1', 'c-1', 1000), [
        { userId: 'b1', countUnread: true },
        { userId: 'a1', countUnread: false },
      ]);
      assert.equal(first.duplicate, false);
      assert.deepEqual(
        first.appended.map((x) => [x.userId, x.item.seq]),
        [
          ['b1', 1],
          ['a1', 1],
        ],
      );
      const again = await s.appendMessage(message('a1', 'b1', 'c-1', 2000, 'other text'), [
        { userId: 'b1', countUnread: true },
      ]);
      assert.equal(again.duplicate, true);
      assert.deepEqual(again.appended, []);
      assert.equal(again.message.messageUId, first.message.messageUId);
      assert.equal(again.message.content.content, 'c-1', 'the first message, not the resend');
      assert.equal(await s.lastSeq('b1'), 1, 'nothing appended twice');
      const [conversation] = await s.getConversations('b1', [{ conversationType: PRIVATE, targetId: 'a1' }]);
      assert.equal(conversation!.unreadMessageCount, 1);
      assert.equal(conversation!.latestMessage!.messageUId, first.message.messageUId);
      assert.equal(conversation!.latestMessage!.targetId, 'a1', 'private targetId is the other user');
    });

    it('keeps a user as the app registered her, and updates her in place', async () => {
      assert.equal(await s.getUser('never-registered'), null);
      await s.upsertUser({ id: 'reg-1', name: 'Ann', portraitUri: 'https://example.com/a.png' }, 10);
      await s.upsertUser({ id: 'reg-1', name: 'Ann B.', portraitUri: '' }, 20);
      assert.deepEqual(await s.getUser('reg-1'), { id: 'reg-1', name: 'Ann B.', portraitUri: '' });
    });

    it('keeps Web Push subscriptions per user: newest first, capped, moved to a new owner, removed', async () => {
      const sub = (n: number) => ({ endpoint: `https://push.example/${n}`, p256dh: `k${n}`, auth: `a${n}` });
      for (let n = 1; n <= 4; n++) await s.push.saveWebPushSubscription('wp-u', sub(n), 100 + n, 3);
      assert.deepEqual(
        (await s.push.webPushSubscriptions('wp-u')).map((x) => x.endpoint),
        ['https://push.example/4', 'https://push.example/3', 'https://push.example/2'],
      );
      await s.push.saveWebPushSubscription('wp-v', sub(4), 200, 3);
      assert.deepEqual(
        (await s.push.webPushSubscriptions('wp-v')).map((x) => x.endpoint),
        ['https://push.example/4'],
        'one endpoint, one owner',
      );
      await s.push.removeWebPushSubscription('https://push.example/3', 'wp-v');
      assert.equal((await s.push.webPushSubscriptions('wp-u')).length, 2, 'only its owner removes it');
      await s.push.removeWebPushSubscription('https://push.example/3');
      assert.deepEqual(await s.push.webPushSubscriptions('wp-u'), [
        { endpoint: 'https://push.example/2', p256dh: 'k2', auth: 'a2' },
      ]);
    });

    it('sends committed in one turn keep gap-free seqs, each resolved with its own item', async () => {
      const sends = Array.from({ length: 60 }, (_, i) =>
        s.appendMessage(message(`g${i % 3}`, 'busy', `b-${i}`, 5000 + i), [{ userId: 'busy', countUnread: true }]),
      );
      // A resend within the same turn stores nothing twice either.
      sends.push(s.appendMessage(message('g0', 'busy', 'b-0', 9999), [{ userId: 'busy', countUnread: true }]));
      const results = await Promise.all(sends);
      const seqs = results.slice(0, 60).map((r) => r.appended[0]!.item.seq);
      assert.deepEqual(
        [...seqs].sort((x, y) => x - y),
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      assert.equal(results[60]!.duplicate, true);
      assert.equal(results[60]!.message.messageUId, results[0]!.message.messageUId);
      const page = await s.readInbox('busy', 0, 100);
      assert.deepEqual(
        page.items.map((i) => i.seq),
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      assert.equal(page.lastSeq, 60);
      assert.equal(page.hasMore, false);
      const firstPage = await s.readInbox('busy', 10, 5);
      assert.deepEqual(
        firstPage.items.map((i) => i.seq),
        [11, 12, 13, 14, 15],
      );
      assert.equal(firstPage.hasMore, true);
    });

    it('a send the database refuses within a group commit fails alone; the others are stored without gaps', async () => {
      const to = [{ userId: 'rf-b', countUnread: true }];
      const stored = message('rf-a', 'rf-b', 'rf-0', 6000);
      await s.appendMessage(stored, to);
      const [a, refused, c] = await Promise.allSettled([
        s.appendMessage(message('rf-a', 'rf-b', 'rf-1', 6001), to),
        // A new message with a stored message's UId breaks a unique constraint of the messages table.
        s.appendMessage({ ...message('rf-a', 'rf-b', 'rf-2', 6002), messageUId: stored.messageUId }, to),
        s.appendMessage(message('rf-a', 'rf-b', 'rf-3', 6003), to),
      ]);
      assert.deepEqual([a!.status, refused!.status, c!.status], ['fulfilled', 'rejected', 'fulfilled']);
      const page = await s.readInbox('rf-b', 0, 10);
      assert.deepEqual(
        page.items.map((i) => i.seq),
        [1, 2, 3],
      );
      assert.deepEqual(page.items.map((i) => (i.type === 'message' ? i.message.clientMessageId : '')).sort(), [
        'rf-0',
        'rf-1',
        'rf-3',
      ]);
      const [conversation] = await s.getConversations('rf-b', [{ conversationType: PRIVATE, targetId: 'rf-a' }]);
      assert.equal(conversation!.unreadMessageCount, 3);
      assert.equal(conversation!.latestMessage!.clientMessageId, 'rf-3');
    });

    it('an engine checking moderation in the commit refuses a muted send alone and writes nothing of it', async (t) => {
      const append = s.appendMessageUnlessRefused?.bind(s);
      if (!append) return t.skip(`${engine} checks moderation before the append`);
      const to = [
        { userId: 'mr-b', countUnread: true },
        { userId: 'mr-a', countUnread: false },
      ];
      const keys = [
        { kind: 'userMute' as const, scope: '', subject: 'mr-a' },
        { kind: 'blacklist' as const, scope: 'mr-b', subject: 'mr-a' },
      ];
      const first = await append(message('mr-a', 'mr-b', 'mr-0', 7000), to, keys, 7000);
      assert.ok(!('refusedBy' in first) && first.appended.length === 2);
      await s.moderation.put('blacklist', 'mr-b', ['mr-a'], { now: 7000, expiresAt: 7500 });
      // In one group commit: a send before the lapse is refused (a resend too), the one after is stored.
      const [refused, resend, lapsed] = await Promise.all([
        append(message('mr-a', 'mr-b', 'mr-1', 7100), to, keys, 7100),
        append(message('mr-a', 'mr-b', 'mr-0', 7200), to, keys, 7200),
        append(message('mr-a', 'mr-b', 'mr-2', 7600), to, keys, 7600),
      ]);
      assert.deepEqual(refused, { refusedBy: [keys[1]] });
      assert.deepEqual(resend, { refusedBy: [keys[1]] });
      assert.ok(!('refusedBy' in lapsed));
      assert.deepEqual(
        lapsed.appended.map((x) => [x.userId, x.item.seq]),
        [
          ['mr-b', 2],
          ['mr-a', 2],
        ],
      );
      const page = await s.readInbox('mr-b', 0, 10);
      assert.deepEqual(
        page.items.map((i) => (i.type === 'message' ? i.message.clientMessageId : '')),
        ['mr-0', 'mr-2'],
      );
      const [conversation] = await s.getConversations('mr-b', [{ conversationType: PRIVATE, targetId: 'mr-a' }]);
      assert.equal(conversation!.unreadMessageCount, 2);
    });

    it('an older message arriving late counts as unread but leaves the newer one the latest', async () => {
      const both = [
        { userId: 'lt-b', countUnread: true },
        { userId: 'lt-a', countUnread: false },
      ];
      const newer = await s.appendMessage(message('lt-a', 'lt-b', 'lt-new', 7000), both);
      const late = await s.appendMessage(message('lt-a', 'lt-b', 'lt-old', 6500), both);
      const [forB, forA] = late.appended;
      assert.equal(forB!.conversation.unreadMessageCount, 2);
      assert.equal(forB!.conversation.latestMessage!.messageUId, newer.message.messageUId);
      assert.equal(forB!.conversation.latestMessage!.targetId, 'lt-a');
      assert.equal(forB!.conversation.updatedTime, 7000);
      assert.equal(forA!.conversation.latestMessage!.messageUId, newer.message.messageUId);
      assert.equal(forA!.conversation.latestMessage!.targetId, 'lt-b');
      assert.equal(forB!.item.type === 'message' && forB!.item.message.messageUId, late.message.messageUId);
    });

    it('appends to small and large groups alike: seqs, unread, mentions and snapshots per member', async () => {
      for (const size of [3, 12]) {
        const members = Array.from({ length: size }, (_, i) => `sz${size}-${i}`);
        await s.joinGroup(`sz${size}`, 'G', members, 100);
        const deliveries = members.map((userId, i) => ({ userId, countUnread: i > 0, mentioned: i === 1 }));
        await s.appendMessage(message(members[0]!, `sz${size}`, `sz${size}-a`, 8000, 'one', true), deliveries);
        const second = await s.appendMessage(
          message(members[0]!, `sz${size}`, `sz${size}-b`, 8001, 'two', true),
          deliveries,
        );
        assert.deepEqual(
          second.appended.map((a) => [a.userId, a.item.seq]),
          members.map((userId) => [userId, 2]),
          `${size} members`,
        );
        for (const [i, a] of second.appended.entries()) {
          assert.equal(a.conversation.targetId, `sz${size}`);
          assert.equal(a.conversation.unreadMessageCount, i > 0 ? 2 : 0, `${a.userId} unread`);
          assert.equal(a.conversation.mentionedCount, i === 1 ? 2 : 0, `${a.userId} mentions`);
          assert.equal(a.conversation.latestMessage!.content.content, 'two');
          const [stored] = await s.getConversations(a.userId, [{ conversationType: GROUP, targetId: `sz${size}` }]);
          assert.deepEqual(stored, a.conversation, `${a.userId}: the snapshot is what is stored`);
        }
      }
    });

    it('marks read: unread recounted, mentions cleared, a read item appended', async () => {
      await s.joinGroup('grp', 'Group', ['m1', 'm2', 'm3'], 100);
      assert.deepEqual(await s.groupMemberIds('grp'), ['m1', 'm2', 'm3']);
      assert.deepEqual(await s.getGroup('grp'), { id: 'grp', name: 'Group' });
      const deliveries = ['m1', 'm2', 'm3'].map((userId) => ({
        userId,
        countUnread: userId !== 'm1',
        mentioned: userId === 'm2',
      }));
      for (let i = 0; i < 3; i++)
        await s.appendMessage(message('m1', 'grp', `gm-${i}`, 10_000 + i, `g${i}`, true), deliveries);
      let [m2] = await s.getConversations('m2', [{ conversationType: GROUP, targetId: 'grp' }]);
      assert.equal(m2!.unreadMessageCount, 3);
      assert.equal(m2!.hasMentioned, true);
      assert.equal(m2!.mentionedCount, 3);
      const partial = await s.markRead('m2', { conversationType: GROUP, targetId: 'grp' }, 10_000);
      assert.equal(partial.conversation.unreadMessageCount, 2);
      assert.equal(partial.item.type, 'read');
      assert.equal(partial.item.seq, 4);
      const all = await s.markRead('m2', { conversationType: GROUP, targetId: 'grp' }, 20_000);
      assert.equal(all.conversation.unreadMessageCount, 0);
      assert.equal(all.conversation.hasMentioned, false);
      [m2] = await s.getConversations('m2', [{ conversationType: GROUP, targetId: 'grp' }]);
      assert.equal(m2!.lastReadTime, 20_000);
      assert.equal(await s.lastSeq('m2'), 5);
      await s.quitGroup('grp', ['m3']);
      assert.equal(await s.isGroupMember('grp', 'm3'), false);
      assert.equal(await s.dismissGroup('grp'), true);
      assert.equal(await s.dismissGroup('grp'), false);
      assert.equal(await s.getGroup('grp'), null);
    });

    it('keeps non-persisted messages out of conversations and history', async () => {
      await s.appendMessage({ ...message('np1', 'np2', 'np-1', 30_000), isPersisted: false, isCounted: false }, [
        { userId: 'np2', countUnread: false },
      ]);
      assert.equal((await s.readInbox('np2', 0, 10)).items.length, 1);
      const [c] = await s.getConversations('np2', [{ conversationType: PRIVATE, targetId: 'np1' }]);
      assert.equal(c!.latestMessage, null);
      const h = await s.history('np2', {
        conversationType: PRIVATE,
        targetId: 'np1',
        timestamp: Number.MAX_SAFE_INTEGER,
        count: 10,
        order: 0,
      });
      assert.deepEqual(h.list, []);
    });

    it('pages history both ways and lists conversations newest first with pins on top', async () => {
      for (let i = 0; i < 5; i++)
        await s.appendMessage(message(i % 2 ? 'h1' : 'h2', i % 2 ? 'h2' : 'h1', `h-${i}`, 40_000 + i), [
          { userId: 'h1', countUnread: i % 2 === 0 },
          { userId: 'h2', countUnread: i % 2 === 1 },
        ]);
      const older = await s.history('h1', {
        conversationType: PRIVATE,
        targetId: 'h2',
        timestamp: 40_004,
        count: 2,
        order: 0,
      });
      assert.deepEqual(
        older.list.map((m) => m.content.content),
        ['h-2', 'h-3'],
      );
      assert.equal(older.hasMore, true);
      const newer = await s.history('h1', {
        conversationType: PRIVATE,
        targetId: 'h2',
        timestamp: 40_002,
        count: 5,
        order: 1,
      });
      assert.deepEqual(
        newer.list.map((m) => m.content.content),
        ['h-3', 'h-4'],
      );
      assert.equal(newer.hasMore, false);
      await s.appendMessage(message('h3', 'h1', 'h-late', 50_000), [{ userId: 'h1', countUnread: true }]);
      await s.messaging.setConversationState('h1', { conversationType: PRIVATE, targetId: 'h2' }, { isTop: true });
      const list = await s.listConversations('h1', { count: 10, startTime: 0, order: 0 });
      assert.deepEqual(
        list.map((c) => [c.targetId, c.isTop]),
        [
          ['h2', true],
          ['h3', false],
        ],
      );
      assert.equal(await s.maxSentTime(), 50_000);
    });
    it('keeps moderation entries: a limit per scope, expiry, lookups across scopes, a cleared scope', async () => {
      const m = s.moderation;
      assert.equal(await m.put('blacklist', 'owner', ['x1', 'x2'], { now: 100, max: 3 }), true);
      assert.equal(
        await m.put('blacklist', 'owner', ['x2', 'x3'], { now: 200, max: 3 }),
        true,
        'x2 is replaced, not added twice',
      );
      assert.equal(
        await m.put('blacklist', 'owner', ['x4'], { now: 300, max: 3 }),
        false,
        'a fourth entry passes the limit',
      );
      assert.deepEqual(
        (await m.list('blacklist', 'owner', 300)).map((e) => e.subject),
        ['x1', 'x2', 'x3'],
      );
      assert.deepEqual(await m.list('blacklist', 'other', 300), [], 'another owner has none');
      assert.equal((await m.match([{ kind: 'blacklist', scope: 'owner', subject: 'x3' }], 300)).length, 1);
      assert.equal((await m.match([{ kind: 'blacklist', scope: 'other', subject: 'x3' }], 300)).length, 0);
      assert.equal(await m.remove('blacklist', 'owner', ['x1', 'nobody']), 1);
      assert.deepEqual(
        (await m.list('blacklist', 'owner', 300)).map((e) => e.subject),
        ['x2', 'x3'],
      );

      await m.put('groupMute', 'g1', ['u1'], { now: 1000, expiresAt: 2000 });
      await m.put('groupMute', '*', ['u2'], { now: 1000 });
      const u1 = { kind: 'groupMute', scope: 'g1', subject: 'u1' } as const;
      assert.deepEqual(await m.match([u1], 1999), [u1]);
      assert.deepEqual(await m.match([u1], 2000), [], 'lapsed at its expiry');
      assert.deepEqual(
        (await m.list('groupMute', 'g1', 1999)).map((e) => e.expiresAt),
        [2000],
      );
      assert.deepEqual(
        (await m.list('groupMute', null, 1500)).map((e) => [e.scope, e.subject]),
        [
          ['g1', 'u1'],
          ['*', 'u2'],
        ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
      );
      await m.put('groupMuteAllow', 'g1', ['u3'], { now: 1000 });
      await m.clearScope(['groupMute', 'groupMuteAllow'], 'g1');
      assert.deepEqual(await m.list('groupMuteAllow', 'g1', 1500), []);
      assert.equal((await m.list('groupMute', null, 1500)).length, 1, 'other scopes stay');

      const keys = [
        { kind: 'groupMute', scope: '*', subject: 'u2' },
        { kind: 'groupMute', scope: 'g2', subject: 'u2' },
        { kind: 'blacklist', scope: 'owner', subject: 'x3' },
        { kind: 'blacklist', scope: 'owner', subject: 'x1' },
      ] as const;
      assert.deepEqual(await m.match([...keys], 1500), [keys[0], keys[2]], 'only the live entries, in the order asked');
      assert.deepEqual(await m.match([], 1500), []);

      await m.put('sensitiveWord', '', ['bad'], { now: 1, value: '***' });
      await m.put('sensitiveWord', '', ['worse'], { now: 2 });
      assert.deepEqual(
        (await m.list('sensitiveWord', '', 3)).map((e) => [e.subject, e.value]),
        [
          ['bad', '***'],
          ['worse', null],
        ],
      );
    });

    it("lists a user's groups", async () => {
      await s.joinGroup('ug-b', 'B', ['ug-user', 'ug-other'], 100);
      await s.joinGroup('ug-a', 'A', ['ug-user'], 100);
      await s.joinGroup('ug-c', 'C', ['ug-other'], 100);
      assert.deepEqual(await s.userGroups('ug-user'), [
        { id: 'ug-a', name: 'A' },
        { id: 'ug-b', name: 'B' },
      ]);
      assert.deepEqual(await s.userGroups('nobody'), []);
    });
  });
}
