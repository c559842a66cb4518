/** Natural write batching: writes to a socket within one event-loop turn reach it in one writev. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { corkForTick, corkForTurn } from '../../server/gateway/write-batch.js';

/** A stream that records each flush: one entry per _write/_writev call, with its chunk count. */
function recorder(): { stream: Writable; flushes: number[] } {
  const flushes: number[] = [];
  const stream = new Writable({
    write(_chunk, _enc, done) {
      flushes.push(1);
      done();
    },
    writev(chunks, done) {
      flushes.push(chunks.length);
      done();
    },
  });
  return { stream, flushes };
}

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('write batching', () => {
  it('one flush per turn for several writes, and every byte in order', async () => {
    const { stream, flushes } = recorder();
    const seen: string[] = [];
    const orig = stream._writev!.bind(stream);
    stream._writev = (chunks, done) => {
      for (const c of chunks) seen.push(String(c.chunk));
      orig(chunks, done);
    };
    for (const text of ['a', 'b', 'c']) {
      corkForTurn(stream);
      stream.write(text);
    }
    assert.deepEqual(flushes, [], 'nothing leaves before the turn ends');
    await nextTurn();
    assert.deepEqual(flushes, [3]);
    assert.deepEqual(seen, ['a', 'b', 'c']);
  });

  it('a later turn corks again; a lone write is flushed in its own turn', async () => {
    const { stream, flushes } = recorder();
    corkForTurn(stream);
    stream.write('x');
    await nextTurn();
    corkForTurn(stream);
    stream.write('y');
    await nextTurn();
    assert.deepEqual(flushes, [1, 1]);
    assert.equal(stream.writableCorked, 0);
  });

  it('streams written in the same turn are all flushed', async () => {
    const a = recorder();
    const b = recorder();
    for (const r of [a, b, a]) {
      corkForTurn(r.stream);
      r.stream.write('z');
    }
    await nextTurn();
    assert.deepEqual(a.flushes, [2]);
    assert.deepEqual(b.flushes, [1]);
  });
});

describe('write batching bound', () => {
  it('flushes once the corked streams hold 4 frames each on average, then batches again', async () => {
    const { stream, flushes } = recorder();
    for (let i = 0; i < 10; i++) {
      corkForTurn(stream);
      stream.write(`m${i}`);
    }
    // 4 frames, forced flush, 4 frames, forced flush, 2 frames held to the end of the turn.
    assert.deepEqual(flushes, [4, 4]);
    await nextTurn();
    assert.deepEqual(flushes, [4, 4, 2]);
  });
});

describe('write batching within one burst (replies and pushes of a group commit)', () => {
  it('writes made across a chain of microtasks leave in one flush, in order, before the next turn', async () => {
    const { stream, flushes } = recorder();
    const seen: string[] = [];
    const orig = stream._writev!.bind(stream);
    stream._writev = (chunks, done) => {
      for (const c of chunks) seen.push(String(c.chunk));
      orig(chunks, done);
    };
    let turnEnded = false;
    setImmediate(() => (turnEnded = true));
    const flushed = new Promise<void>((resolve) => process.nextTick(() => process.nextTick(resolve)));
    // A reply, then (awaits later) the pushes: as the gateway writes a settled send.
    await Promise.resolve().then(async () => {
      corkForTick(stream);
      stream.write('reply');
      await null;
      corkForTick(stream);
      stream.write('push-1');
      await null;
      corkForTick(stream);
      stream.write('push-2');
    });
    assert.deepEqual(flushes, [], 'held while the burst runs');
    await flushed;
    assert.deepEqual(flushes, [3]);
    assert.deepEqual(seen, ['reply', 'push-1', 'push-2']);
    assert.equal(turnEnded, false, 'no wait for the next turn');
    assert.equal(stream.writableCorked, 0);
  });
});
