import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType, ErrorCode } from '../../src/services/client/index.js';
import { waitFor, useTestServer } from './helpers.js';

const PRIVATE = ConversationType.PRIVATE;

describe('client: uploads and media messages', () => {
  const { t, connect } = useTestServer({ maxUploadBytes: 64 * 1024 });

  it('sendImageMessage uploads with progress, sends RC:ImgMsg with an absolute URL the peer can fetch', async () => {
    const a = await connect('ia');
    const b = await connect('ib');
    const file = new File([new Uint8Array(20_000).fill(7)], 'cat.png', { type: 'image/png' });
    const progress: number[] = [];
    const res = await a.client.sendImageMessage(
      { conversationType: PRIVATE, targetId: 'ib' },
      { file, thumbnail: 'AAAA' },
      {
        onProgress: (loaded, total) => progress.push(loaded / total),
      },
    );
    assert.equal(res.code, ErrorCode.SUCCESS, res.msg);
    assert.equal(progress.at(-1), 1);
    const uri = res.data!.content.imageUri as string;
    assert.ok(uri.startsWith(t.server.url + '/media/'), uri);
    await waitFor(() => b.recorder.messages().length === 1, 'B receives');
    const got = await fetch(b.recorder.messages()[0]!.content.imageUri as string);
    assert.equal((await got.arrayBuffer()).byteLength, 20_000);
  });

  it('sendFileMessage, sendHQVoiceMessage, sendSightMessage; oversize, refused type and cancel fail with 34011', async () => {
    const a = await connect('fa');
    const to = { conversationType: PRIVATE, targetId: 'fb' };
    const res = await a.client.sendFileMessage(to, { file: new File(['hello'], 'notes.txt', { type: 'text/plain' }) });
    assert.equal(res.code, 0, res.msg);
    assert.deepEqual(
      { ...res.data!.content, fileUrl: undefined },
      { name: 'notes.txt', size: 5, type: 'txt', fileUrl: undefined },
    );
    const big = await a.client.sendFileMessage(to, { file: new File([new Uint8Array(100_000)], 'big.bin') });
    assert.equal(big.code, ErrorCode.UPLOAD_FAIL);
    const controller = new AbortController();
    controller.abort();
    const cancelled = await a.client.sendFileMessage(
      to,
      { file: new File(['x'], 'x.txt') },
      { signal: controller.signal },
    );
    assert.equal(cancelled.code, ErrorCode.UPLOAD_FAIL);
    assert.equal(cancelled.msg, 'cancelled');
    const refused = await a.client.sendImageMessage(to, {
      file: new File(['<svg/>'], 'x.svg', { type: 'image/svg+xml' }),
    });
    assert.equal(refused.code, ErrorCode.UPLOAD_FAIL);
    const voice = await a.client.sendHQVoiceMessage(to, {
      file: new File(['aac'], 'v.aac', { type: 'audio/aac' }),
      duration: 3,
    });
    assert.equal(voice.code, 0, voice.msg);
    assert.equal(voice.data!.messageType, 'RC:HQVCMsg');
    const sight = await a.client.sendSightMessage(to, {
      file: new File(['mp4'], 'v.mp4', { type: 'video/mp4' }),
      duration: 2,
    });
    assert.equal(sight.data!.messageType, 'RC:SightMsg');
  });
});
