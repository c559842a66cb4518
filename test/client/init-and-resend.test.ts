/**
 * `init` without `navi` on a page the Parley server serves (the page's origin is the server), and a
 * resend whose `messageId` is a number, as the seeds' apps keep it.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ConversationType, ErrorCode, ParleyClient, TextMessage } from '../../src/services/client/index.js';
import { useTestServer } from './helpers.js';

const { PRIVATE } = ConversationType;
const page = globalThis as { location?: { origin: string } };

describe('client: init defaults to the page origin; numeric resend ids', () => {
  const { t, connect, track } = useTestServer();

  afterEach(() => {
    delete page.location;
  });

  it('connects and uploads with only an appkey when the page is served by the server', async () => {
    page.location = { origin: t.server.url };
    const client = new ParleyClient({ appkey: t.server.appKey, timeout: 3000 });
    track(client);
    const res = await client.connect(await t.token('na'));
    assert.equal(res.code, ErrorCode.SUCCESS);
    const file = new Blob(['hello'], { type: 'text/plain' });
    const sent = await client.sendFileMessage({ conversationType: PRIVATE, targetId: 'nb' }, { file });
    assert.equal(sent.code, ErrorCode.SUCCESS, sent.msg);
    assert.ok((sent.data!.content as { fileUrl: string }).fileUrl.startsWith(`${t.server.url}/media/`));
  });

  it('without navi and without a page, connect says what is missing', async () => {
    const client = new ParleyClient({ appkey: t.server.appKey });
    const res = await client.connect(await t.token('na'));
    assert.equal(res.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });

  it('a resend with a numeric messageId is stored once, under that id', async () => {
    const a = await connect('ra');
    const conv = { conversationType: PRIVATE, targetId: 'rb' };
    const first = await a.client.sendMessage(conv, new TextMessage({ content: 'once' }), { messageId: 42 });
    assert.equal(first.code, ErrorCode.SUCCESS);
    assert.equal(first.data!.messageId, '42');
    const again = await a.client.sendMessage(conv, new TextMessage({ content: 'once' }), { messageId: 42 });
    assert.equal(again.data!.messageUId, first.data!.messageUId);
    const history = await a.client.getHistoryMessages(conv, { count: 10 });
    assert.equal(history.data!.list.length, 1);
    for (const bad of [-1, 1.5, Number.NaN]) {
      const res = await a.client.sendMessage(conv, new TextMessage({ content: 'x' }), { messageId: bad });
      assert.equal(res.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, String(bad));
    }
  });
});
