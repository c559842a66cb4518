import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { MessageBlockType } from '../../src/protocol/moderation.js';
import type { ApiParams } from '../../server/api-client.js';
import { signRequest } from '../../server/api/signature.js';
import { TestClock, startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

/** A signed Server API call with a JSON body (the test client posts forms). */
async function postJson(
  t: TestServer,
  path: string,
  body: unknown,
  now = Date.now(),
): Promise<{ code: number; errorMessage?: string }> {
  const nonce = `n${Math.random().toString(36).slice(2)}`;
  const timestamp = String(now);
  const res = await fetch(t.server.url + path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'App-Key': t.server.appKey,
      Nonce: nonce,
      Timestamp: timestamp,
      Signature: signRequest(t.server.appSecret, nonce, timestamp),
    },
    body: JSON.stringify(body),
  });
  return res.json();
}

describe('mutes and the group Server API', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, clock });
  });
  after(() => t.close());

  const publishToGroup = (groupId: string) =>
    t.api.call('/message/group/publish.json', {
      fromUserId: 'm-owner',
      toGroupId: groupId,
      objectName: 'RC:TxtMsg',
      content: '{"content":"notice"}',
    });

  it('a private-chat mute refuses private sends (20106) until it lapses or is lifted; group sends still go', async () => {
    await t.api.call('/group/create.json', { groupId: 'm-pg', groupName: 'P', userId: ['m-loud', 'm-quiet'] });
    const loud = await t.connect('m-loud');
    assert.equal((await t.api.call('/user/ban/add.json', { userId: 'm-loud', minute: 1 })).code, 200);
    const refused = await loud.request('sendMessage', textMessage(PRIVATE, 'm-quiet', 'psst', 'p1'));
    assert.equal(refused.code, ErrorCode.FORBIDDEN_IN_PRIVATE);
    assert.deepEqual(refused.data, { blockType: MessageBlockType.MUTED });
    assert.equal((await loud.request('sendMessage', textMessage(GROUP, 'm-pg', 'hello all', 'p2'))).code, 0);
    const listed = await t.api.call('/user/ban/query.json', {});
    assert.deepEqual(listed.users, [{ userId: 'm-loud', time: clock.now() + 60_000 }]);
    clock.advance(60_001);
    assert.equal((await loud.request('sendMessage', textMessage(PRIVATE, 'm-quiet', 'psst', 'p3'))).code, 0, 'lapsed');
    assert.deepEqual((await t.api.call('/user/ban/query.json', {})).users, []);
    await t.api.call('/user/ban/add.json', { userId: 'm-loud' });
    assert.equal(
      (await loud.request('sendMessage', textMessage(PRIVATE, 'm-quiet', 'again', 'p4'))).code,
      ErrorCode.FORBIDDEN_IN_PRIVATE,
    );
    clock.advance(365 * 24 * 3600_000);
    assert.equal(
      (await loud.request('sendMessage', textMessage(PRIVATE, 'm-quiet', 'again', 'p5'))).code,
      ErrorCode.FORBIDDEN_IN_PRIVATE,
      'no minute: until lifted',
    );
    assert.equal((await t.api.call('/user/ban/remove.json', { userId: 'm-loud' })).code, 200);
    assert.equal((await loud.request('sendMessage', textMessage(PRIVATE, 'm-quiet', 'again', 'p6'))).code, 0);
  });

  it('a member mute refuses her group sends (22408) in that group only; without groupId in every group', async () => {
    await t.api.call('/group/create.json', { groupId: 'm-g1', userId: ['m-owner', 'm-a', 'm-b'] });
    await t.api.call('/group/create.json', { groupId: 'm-g2', userId: ['m-owner', 'm-a'] });
    const a = await t.connect('m-a');
    const b = await t.connect('m-b');
    assert.equal(
      (await t.api.call('/group/user/ban/add.json', { groupId: 'm-g1', userId: 'm-a', minute: 10 })).code,
      200,
    );
    const refused = await a.request('sendMessage', textMessage(GROUP, 'm-g1', 'hi', 'g1'));
    assert.equal(refused.code, ErrorCode.FORBIDDEN_IN_GROUP);
    assert.deepEqual(refused.data, { blockType: MessageBlockType.MUTED });
    assert.equal((await b.request('sendMessage', textMessage(GROUP, 'm-g1', 'hi', 'g2'))).code, 0, 'others still send');
    assert.equal((await a.request('sendMessage', textMessage(GROUP, 'm-g2', 'hi', 'g3'))).code, 0, 'another group');
    assert.equal((await a.request('sendMessage', textMessage(PRIVATE, 'm-b', 'hi', 'g4'))).code, 0, 'private chats');
    assert.deepEqual((await t.api.call('/group/user/ban/query.json', { groupId: 'm-g1' })).users, [
      { userId: 'm-a', time: clock.now() + 600_000 },
    ]);
    assert.equal((await t.api.call('/group/user/ban/rollback.json', { groupId: 'm-g1', userId: 'm-a' })).code, 200);
    assert.equal((await a.request('sendMessage', textMessage(GROUP, 'm-g1', 'back', 'g5'))).code, 0);

    assert.equal(
      (await t.api.call('/group/user/gag/add.json', { userId: 'm-a' })).code,
      200,
      'the older name; every group',
    );
    assert.equal(
      (await a.request('sendMessage', textMessage(GROUP, 'm-g1', 'x', 'g6'))).code,
      ErrorCode.FORBIDDEN_IN_GROUP,
    );
    assert.equal(
      (await a.request('sendMessage', textMessage(GROUP, 'm-g2', 'x', 'g7'))).code,
      ErrorCode.FORBIDDEN_IN_GROUP,
    );
    assert.deepEqual((await t.api.call('/group/user/ban/query.json', {})).users, [{ userId: 'm-a', time: 0 }]);
    assert.equal((await publishToGroup('m-g1')).code, 200, 'the Server API is not muted');
    await t.api.call('/group/user/ban/rollback.json', { userId: 'm-a' });
    assert.equal((await a.request('sendMessage', textMessage(GROUP, 'm-g2', 'x', 'g8'))).code, 0);
  });

  it('a whole-group mute refuses every member but its allowlist (22408); lifted, all send again', async () => {
    await t.api.call('/group/create.json', { groupId: 'm-all', userId: ['m-owner', 'm-c', 'm-d'] });
    const c = await t.connect('m-c');
    const d = await t.connect('m-d');
    assert.equal((await t.api.call('/group/ban/add.json', { groupId: 'm-all' })).code, 200);
    assert.deepEqual((await t.api.call('/group/ban/query.json', {})).groupIds, ['m-all']);
    assert.deepEqual((await t.api.call('/group/ban/query.json', { groupId: ['m-all', 'm-g1'] })).groupIds, ['m-all']);
    assert.equal(
      (await c.request('sendMessage', textMessage(GROUP, 'm-all', 'x', 'a1'))).code,
      ErrorCode.FORBIDDEN_IN_GROUP,
    );
    assert.equal(
      (await t.api.call('/group/user/ban/whitelist/add.json', { groupId: 'm-all', userId: 'm-d' })).code,
      200,
    );
    assert.deepEqual((await t.api.call('/group/user/ban/whitelist/query.json', { groupId: 'm-all' })).userIds, ['m-d']);
    assert.equal((await d.request('sendMessage', textMessage(GROUP, 'm-all', 'allowed', 'a2'))).code, 0);
    assert.equal(
      (await c.request('sendMessage', textMessage(GROUP, 'm-all', 'x', 'a3'))).code,
      ErrorCode.FORBIDDEN_IN_GROUP,
    );
    assert.equal((await publishToGroup('m-all')).code, 200);
    await t.api.call('/group/user/ban/whitelist/rollback.json', { groupId: 'm-all', userId: 'm-d' });
    assert.equal(
      (await d.request('sendMessage', textMessage(GROUP, 'm-all', 'x', 'a4'))).code,
      ErrorCode.FORBIDDEN_IN_GROUP,
    );
    assert.equal((await t.api.call('/group/ban/rollback.json', { groupId: 'm-all' })).code, 200);
    assert.equal((await c.request('sendMessage', textMessage(GROUP, 'm-all', 'free', 'a5'))).code, 0);
    assert.deepEqual((await t.api.call('/group/ban/query.json', {})).groupIds, []);
  });

  it('a dismissed group takes its mutes along; a non-member hears 22406, not a mute', async () => {
    await t.api.call('/group/create.json', { groupId: 'm-gone', userId: ['m-e'] });
    await t.api.call('/group/ban/add.json', { groupId: 'm-gone' });
    await t.api.call('/group/user/ban/add.json', { groupId: 'm-gone', userId: 'm-e' });
    const outsider = await t.connect('m-outsider');
    assert.equal(
      (await outsider.request('sendMessage', textMessage(GROUP, 'm-gone', 'x', 'o1'))).code,
      ErrorCode.NOT_IN_GROUP,
    );
    await t.api.call('/group/dismiss.json', { groupId: 'm-gone', userId: 'm-e' });
    await t.api.call('/group/create.json', { groupId: 'm-gone', userId: ['m-e'] });
    const e = await t.connect('m-e');
    assert.equal((await e.request('sendMessage', textMessage(GROUP, 'm-gone', 'fresh start', 'o2'))).code, 0);
  });

  it('refuses bad mute params with a clear error and changes nothing', async () => {
    const tooMany = Array.from({ length: 21 }, (_, i) => `u${i}`);
    const bad: Array<[string, ApiParams, number]> = [
      ['/group/user/ban/add.json', { userId: tooMany, groupId: 'm-g1' }, 1002],
      ['/group/user/ban/add.json', { userId: 'm-a', groupId: 'm-g1', minute: 0 }, 1002],
      ['/group/user/ban/add.json', { userId: 'm-a', groupId: 'm-g1', minute: 43_201 }, 1002],
      ['/group/user/ban/add.json', { userId: 'm-a', groupId: 'nope' }, 22410],
      ['/group/ban/add.json', { groupId: ['m-g1', 'nope'] }, 22410],
      ['/group/user/ban/whitelist/add.json', { groupId: 'nope', userId: 'm-a' }, 22410],
      ['/user/ban/add.json', { userId: 'bad id' }, 1002],
    ];
    for (const [path, params, code] of bad) {
      const res = await t.api.call(path, params);
      assert.equal(res.code, code, `${path} ${JSON.stringify(params).slice(0, 60)}`);
      assert.ok(typeof res.errorMessage === 'string' && res.errorMessage.length > 0);
    }
    assert.deepEqual(
      (await t.api.call('/group/ban/query.json', {})).groupIds,
      [],
      'm-g1 was not muted by the refused call',
    );
    assert.deepEqual((await t.api.call('/group/user/ban/query.json', { groupId: 'm-g1' })).users, []);
  });

  it("refreshes a group, lists its members and a user's groups, and syncs a user's groups", async () => {
    await t.api.call('/group/create.json', { groupId: 'm-s1', groupName: 'One', userId: ['m-sync', 'm-other'] });
    await t.api.call('/group/create.json', { groupId: 'm-s2', groupName: 'Two', userId: ['m-sync'] });
    assert.equal((await t.api.call('/group/refresh.json', { groupId: 'm-s1', groupName: 'Uno' })).code, 200);
    assert.equal((await t.api.call('/group/refresh.json', { groupId: 'nope', groupName: 'x' })).code, 22410);
    assert.deepEqual((await t.api.call('/group/user/query.json', { groupId: 'm-s1' })).users, [
      { id: 'm-other' },
      { id: 'm-sync' },
    ]);
    assert.equal((await t.api.call('/group/user/query.json', { groupId: 'nope' })).code, 22410);
    assert.deepEqual((await t.api.call('/user/group/query.json', { userId: 'm-sync' })).groups, [
      { id: 'm-s1', name: 'Uno' },
      { id: 'm-s2', name: 'Two' },
    ]);
    // Form fields group[<id>]=<name>, as the seeds' Server API takes them.
    const form = await t.api.call('/group/sync.json', {
      userId: 'm-sync',
      'group[m-s2]': 'Two',
      'group[m-s3]': 'Three',
    });
    assert.equal(form.code, 200);
    assert.deepEqual((await t.api.call('/user/group/query.json', { userId: 'm-sync' })).groups, [
      { id: 'm-s2', name: 'Two' },
      { id: 'm-s3', name: 'Three' },
    ]);
    assert.deepEqual(
      (await t.api.call('/group/user/query.json', { groupId: 'm-s1' })).users,
      [{ id: 'm-other' }],
      'left the unlisted group',
    );
    const sync = await t.connect('m-sync');
    assert.equal((await sync.request('sendMessage', textMessage(GROUP, 'm-s3', 'joined by sync', 's1'))).code, 0);
    assert.equal(
      (await sync.request('sendMessage', textMessage(GROUP, 'm-s1', 'gone', 's2'))).code,
      ErrorCode.NOT_IN_GROUP,
    );
    assert.equal((await t.api.call('/group/sync.json', { userId: 'm-sync', 'group[bad id]': 'x' })).code, 1002);
    assert.equal(
      (await t.api.call('/group/sync.json', { userId: 'm-sync', 'group[m-s4]': 'x'.repeat(65) })).code,
      1005,
    );
    // A JSON body names them as a map.
    const json = await postJson(t, '/group/sync.json', { userId: 'm-sync', group: { 'm-s1': 'Uno' } }, clock.now());
    assert.equal(json.code, 200);
    assert.deepEqual((await t.api.call('/user/group/query.json', { userId: 'm-sync' })).groups, [
      { id: 'm-s1', name: 'Uno' },
    ]);
    assert.equal((await t.api.call('/group/sync.json', { userId: 'm-sync' })).code, 200, 'no groups: leaves them all');
    assert.deepEqual((await t.api.call('/user/group/query.json', { userId: 'm-sync' })).groups, []);
  });
});
