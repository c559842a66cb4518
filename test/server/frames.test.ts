import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { Limits } from '../../src/protocol/limits.js';
import { startTestServer, textMessage, type TestServer, type TestSocket } from './helpers.js';

describe('frame validation', () => {
  let t: TestServer;
  let s: TestSocket;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
    s = await t.connect('fa');
  });
  after(() => t.close());

  const cases: Array<[string, string, number | null, number, RegExp?]> = [
    ['not JSON', '{nope', null, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, /not JSON/],
    ['an array', '[1,2]', null, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, /object/],
    ['a number', '42', null, ErrorCode.BIZ_ERROR_INVALID_PARAMETER],
    ['a frame without id', JSON.stringify({ op: 'ping', data: {} }), null, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, /id/],
    ['a negative id', JSON.stringify({ id: -1, op: 'ping' }), null, ErrorCode.BIZ_ERROR_INVALID_PARAMETER],
    ['an unknown op', JSON.stringify({ id: 901, op: 'fly', data: {} }), 901, ErrorCode.NOT_SUPPORT, /fly/],
    ['a prototype op name', JSON.stringify({ id: 902, op: 'toString', data: {} }), 902, ErrorCode.NOT_SUPPORT],
    [
      'a non-object data',
      JSON.stringify({ id: 903, op: 'ping', data: 'x' }),
      903,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      /data/,
    ],
    [
      'an array data',
      JSON.stringify({ id: 907, op: 'ping', data: [] }),
      907,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      /data/,
    ],
    [
      'an array content',
      JSON.stringify({ id: 908, op: 'sendMessage', data: { ...textMessage(1, 'fb', 'x', 'c-908'), content: [1] } }),
      908,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      /data\.content/,
    ],
    [
      'a bad targetId',
      JSON.stringify({ id: 904, op: 'sendMessage', data: textMessage(1, 'bad id!', 'x', 'c-904') }),
      904,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      /data\.targetId/,
    ],
    [
      'an unsupported conversation type',
      JSON.stringify({
        id: 905,
        op: 'sendMessage',
        data: { ...textMessage(1, 'fb', 'x', 'c-905'), conversationType: 4 },
      }),
      905,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      /conversationType/,
    ],
    [
      'a history count over 100',
      JSON.stringify({ id: 906, op: 'getHistoryMessages', data: { conversationType: 1, targetId: 'fb', count: 101 } }),
      906,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      /data\.count/,
    ],
  ];

  for (const [name, frame, id, code, msg] of cases) {
    it(`answers ${name} with ${code} and keeps the socket`, async () => {
      const reply = await s.sendRaw(frame);
      assert.equal(reply.reply, id);
      assert.equal(reply.code, code);
      if (msg) assert.match(reply.msg ?? '', msg);
      assert.equal((await s.request('ping')).code, 0);
    });
  }

  it('answers a binary frame with an error and keeps the socket', async () => {
    const reply = await s.sendRaw(Buffer.from('{"id":1,"op":"ping"}'), true);
    assert.equal(reply.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    assert.equal((await s.request('ping')).code, 0);
  });

  it('refuses oversize content with 30016 and stores nothing', async () => {
    const big = {
      ...textMessage(ConversationType.PRIVATE, 'fb', 'x'.repeat(Limits.MAX_MESSAGE_CONTENT_BYTES), 'big-1'),
    };
    const res = await s.request('sendMessage', big);
    assert.equal(res.code, ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT);
    const history = await s.request<{ list: unknown[] }>('getHistoryMessages', { conversationType: 1, targetId: 'fb' });
    assert.equal(history.data!.list.length, 0);
  });

  it('refuses a frame over MAX_FRAME_BYTES with 30016 and keeps the socket', async () => {
    const frame = JSON.stringify({ id: 950, op: 'ping', data: { pad: 'x'.repeat(Limits.MAX_FRAME_BYTES) } });
    const reply = await s.sendRaw(frame);
    assert.equal(reply.code, ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT);
    assert.equal((await s.request('ping')).code, 0);
  });

  it('refuses a path other than /ws', async () => {
    await assert.rejects(
      new Promise((resolve, reject) => {
        void import('ws').then(({ default: WebSocket }) => {
          const ws = new WebSocket(t.server.url.replace('http', 'ws') + '/other');
          ws.on('open', resolve);
          ws.on('error', reject);
        });
      }),
    );
  });
});
