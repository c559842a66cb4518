import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { createServerApiClient, ServerApiError, type ServerApiClient } from '../../server/index.js';
import { TestClock, startTestServer, type TestServer } from './helpers.js';

describe('the typed Server API client from parley/server', () => {
  const clock = new TestClock();
  let t: TestServer;
  let api: ServerApiClient;
  before(async () => {
    t = await startTestServer({ clock });
    api = createServerApiClient({
      baseUrl: t.server.url,
      appKey: t.server.appKey,
      appSecret: t.server.appSecret,
      now: () => clock.now(),
    });
  });
  after(() => t.close());

  it('signs a call and resolves with the typed success reply', async () => {
    const reply = await api.request('/user/getToken.json', { userId: 'typed-alice', name: 'Alice' });
    assert.equal(reply.code, 200);
    assert.equal(reply.userId, 'typed-alice');
    assert.match(reply.token, /\./);
  });

  it('takes lists as arrays and flags as booleans, as the schemas read them', async () => {
    await api.request('/group/create.json', {
      groupId: 'typed-g',
      groupName: 'Typed',
      userId: ['typed-alice', 'typed-bob'],
    });
    const reply = await api.request('/message/group/publish.json', {
      fromUserId: 'typed-alice',
      toGroupId: 'typed-g',
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: 'hello' }),
      isIncludeSender: true,
    });
    assert.equal(reply.messages.length, 1);
    assert.equal(reply.messages[0]!.targetId, 'typed-g');
  });

  it('rejects a refusal with a ServerApiError carrying the code, the HTTP status and the reason', async () => {
    const error = await api
      .request('/message/group/publish.json', {
        fromUserId: 'typed-alice',
        toGroupId: 'no-such-group',
        objectName: 'RC:TxtMsg',
        content: '{}',
      })
      .then(
        () => assert.fail('a publish to a missing group resolved'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof ServerApiError);
    assert.equal(error.code, ServerApiCode.GROUP_NOT_FOUND);
    assert.equal(error.status, 400);
    assert.match(error.message, /no-such-group/);
  });

  it('keeps the loose call() for any path, resolving with the body whatever its code', async () => {
    const reply = await api.call('/no/such/endpoint.json', {});
    assert.equal(reply.code, ServerApiCode.NOT_FOUND);
  });
});

/** Compile-time checks (`npm run typecheck`): wrong paths and params do not build. Never called. */
export async function typedCallsThatMustNotCompile(api: ServerApiClient): Promise<void> {
  // @ts-expect-error: no such endpoint
  await api.request('/user/nope.json', {});
  // @ts-expect-error: userId is required
  await api.request('/user/getToken.json', { name: 'A' });
  const withNumberTarget = { fromUserId: 'a', toUserId: 5, objectName: 'RC:TxtMsg', content: '{}' };
  // @ts-expect-error: toUserId takes ids, not a number
  await api.request('/message/private/publish.json', withNumberTarget);
  const reply = await api.request('/user/getToken.json', { userId: 'a' });
  // @ts-expect-error: the reply has no such field
  void reply.nope;
}
