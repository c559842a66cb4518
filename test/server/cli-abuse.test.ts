/**
 * `parley-server` takes the abuse limits as flags and `PARLEY_*` variables: a server started with
 * a socket cap of 2 and a draft budget of 2 enforces both, and a bad value stops the start.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { createServerApiClient } from '../../server/api-client.js';
import { TestSocket, tempDir } from './helpers.js';

const CLI = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
const APP = { appKey: 'cli-abuse-app', appSecret: 'cli-abuse-secret-0123456789' };

function run(args: string[], env: Record<string, string>): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--port', '0', '--app-key', APP.appKey, '--app-secret', APP.appSecret, '--quiet', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /Parley server listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += String(chunk)));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return { child, url };
}

describe('parley-server: abuse limits from flags and environment', { timeout: 30_000 }, () => {
  const children: ChildProcess[] = [];
  const sockets: TestSocket[] = [];
  after(() => {
    for (const s of sockets) s.close();
    for (const c of children) c.kill('SIGTERM');
  });

  it('--max-sockets-per-user 2 and PARLEY_DRAFTS_PER_MINUTE=2 are enforced', async () => {
    const server = run(['--data', tempDir(), '--max-sockets-per-user', '2'], { PARLEY_DRAFTS_PER_MINUTE: '2' });
    children.push(server.child);
    const url = await server.url;
    const api = createServerApiClient({ baseUrl: url, ...APP });
    const token = (await api.call('/user/getToken.json', { userId: 'multi' })).token as string;
    await api.call('/user/getToken.json', { userId: 'pal' });
    const open = async () => {
      const s = await TestSocket.open(url);
      sockets.push(s);
      assert.equal((await s.request('connect', { token, appkey: APP.appKey })).code, 0);
      return s;
    };
    const first = await open();
    await open();
    const third = await open();
    assert.equal((await first.closed).code, 4003, 'the oldest of three sockets is ended');
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(
        (
          await third.request('saveTextMessageDraft', {
            conversationType: ConversationType.PRIVATE,
            targetId: 'pal',
            draft: `d${i}`,
          })
        ).code,
      );
    }
    assert.deepEqual(codes, [0, 0, ErrorCode.REQUEST_OVER_FREQUENCY]);
  });

  it('chatroom limits: --chatroom-shedding-ceiling and PARLEY_CHATROOM_KV_PER_MINUTE are enforced', async () => {
    const server = run(['--data', tempDir(), '--chatroom-shedding-ceiling', '2'], {
      PARLEY_CHATROOM_KV_PER_MINUTE: '1',
    });
    children.push(server.child);
    const url = await server.url;
    const api = createServerApiClient({ baseUrl: url, ...APP });
    assert.equal((await api.call('/chatroom/shedding/query.json', { chatroomId: 'cli-room' })).ceiling, 2);
    const token = (await api.call('/user/getToken.json', { userId: 'kv' })).token as string;
    const s = await TestSocket.open(url);
    sockets.push(s);
    assert.equal((await s.request('connect', { token, appkey: APP.appKey })).code, 0);
    assert.equal((await s.request('joinChatRoom', { chatRoomId: 'cli-room', count: -1 })).code, 0);
    const set = (key: string) =>
      s.request('setChatRoomEntries', { chatRoomId: 'cli-room', entries: [{ key, value: 'v' }] });
    assert.equal((await set('a')).code, 0);
    assert.equal((await set('b')).code, ErrorCode.CHATROOM_SET_PROPERTY_OVER_FREQUENCY);
    const bad = run(['--data', tempDir(), '--chatroom-shedding-reserved-share', '2'], {});
    children.push(bad.child);
    await assert.rejects(bad.url, /--chatroom-shedding-reserved-share: not a number from 0 to 1/);
  });

  it('a bad value names the flag and stops the start', async () => {
    const server = run(['--data', tempDir(), '--media-delete-with', 'sometimes'], {});
    children.push(server.child);
    await assert.rejects(server.url, /--media-delete-with: expected one of never, recall, recall-or-delete/);
  });
});
