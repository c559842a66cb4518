/**
 * Every operation of the client's feature tables is both a `ParleyClient` method and a module-level
 * function (the seeds' `RongIMLib.sendMessage(...)` style): forgetting the module-level name when
 * adding a call fails here. The calls themselves are tested against a real server in the suites.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as Parley from '../../src/services/client/index.js';
import { clientOps } from '../../src/services/client/client-ops.js';

test('each table operation is a client method and a module-level function', () => {
  const names = Object.keys(clientOps);
  assert.ok(names.length >= 69, `expected the whole client API, got ${names.length} operations`);
  const client = new Parley.ParleyClient();
  const exports = Parley as unknown as Record<string, unknown>;
  const missing = names.filter((name) => typeof exports[name] !== 'function');
  assert.deepEqual(missing, [], 'operations without a module-level function');
  for (const name of names) assert.equal(typeof (client as unknown as Record<string, unknown>)[name], 'function', name);
});

test('a module-level function drives the default client, a method its own client', async () => {
  const own = new Parley.ParleyClient({ appkey: 'app', navi: 'http://127.0.0.1:9' });
  // Neither is connected: both resolve RC_NET_UNAVAILABLE from their own session, not a throw.
  assert.equal((await own.getTags()).code, Parley.ErrorCode.RC_NET_UNAVAILABLE);
  assert.equal((await Parley.getTags()).code, Parley.ErrorCode.RC_NET_UNAVAILABLE);
  // Validation runs before the session is looked at, on either path.
  assert.equal((await Parley.getConversationList({ count: 0 })).code, Parley.ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  assert.equal(Parley.getDefaultClient().getCurrentUserId(), '');
});

test('the session token and the internals cannot be read off a client', async () => {
  const client = new Parley.ParleyClient({ appkey: 'app', navi: 'http://127.0.0.1:9', timeout: 2000 });
  const token = 'secret-session-token';
  // Nothing listens on port 9: the attempt fails, but the client has taken the token by then.
  assert.notEqual((await client.connect(token)).code, Parley.ErrorCode.SUCCESS);
  assert.equal('internals' in client, false);
  const seen = new Set<unknown>();
  const reachable = (value: unknown, depth: number): string[] => {
    if (typeof value === 'string') return [value];
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 4) return [];
    seen.add(value);
    return Object.values(value).flatMap((v) => reachable(v, depth + 1));
  };
  assert.equal(reachable(client, 0).includes(token), false, 'the token is readable from the client object');
});
