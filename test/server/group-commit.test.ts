/** Group commit: the writes of one turn run as one batch, and each caller settles only with its own result after the batch. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommit } from '../../server/storage/group-commit.js';

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('batches the submissions of one turn; later turns get their own batch', async () => {
    const batches: number[][] = [];
    let commit!: () => void;
    const committed = new Promise<void>((r) => (commit = r));
    const group = new GroupCommit<number, number>(async (batch) => {
      batches.push(batch);
      if (batches.length === 1) await committed;
      return batch.map((n) =>
        n === 2 ? { ok: false as const, error: new Error('refused 2') } : { ok: true as const, value: n * 10 },
      );
    });
    const settled: string[] = [];
    const first = [1, 2, 3].map((n) =>
      group.submit(n).then(
        (v) => settled.push(`ok ${v}`),
        (e: Error) => settled.push(e.message),
      ),
    );
    await nextTurn();
    await nextTurn();
    assert.deepEqual(batches, [[1, 2, 3]]);
    assert.deepEqual(settled, [], 'nobody is answered before the commit');
    const later = group.submit(4);
    commit();
    await Promise.all(first);
    assert.deepEqual(settled, ['ok 10', 'refused 2', 'ok 30'], 'each caller gets its own outcome');
    assert.equal(await later, 40);
    assert.deepEqual(batches, [[1, 2, 3], [4]]);
  });

  it('rejects every caller of a batch whose transaction failed', async () => {
    const group = new GroupCommit<number, number>(async () => {
      throw new Error('commit failed');
    });
    const results = await Promise.allSettled([group.submit(1), group.submit(2)]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
  });

  it('bounds a batch', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(
      async (batch) => (sizes.push(batch.length), batch.map((n) => ({ ok: true as const, value: n }))),
      { maxBatch: 4 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(i)));
    assert.deepEqual(sizes, [4, 4, 2]);
  });
});

describe('group commit ordering', () => {
  it('starts a lane’s next batch only after its batch in flight committed, with all that queued meanwhile', async () => {
    const log: string[] = [];
    let commit!: () => void;
    const committed = new Promise<void>((r) => (commit = r));
    const group = new GroupCommit<number, number>(async (batch) => {
      log.push(`start ${batch.join(',')}`);
      if (batch[0] === 1) await committed;
      log.push(`end ${batch.join(',')}`);
      return batch.map((n) => ({ ok: true as const, value: n }));
    });
    const first = group.submit(1);
    await nextTurn();
    const second = group.submit(2);
    await nextTurn();
    const third = group.submit(3);
    await nextTurn();
    assert.deepEqual(log, ['start 1'], 'later submissions wait for the batch in flight');
    commit();
    assert.deepEqual(await Promise.all([first, second, third]), [1, 2, 3]);
    assert.deepEqual(log, ['start 1', 'end 1', 'start 2,3', 'end 2,3']);
  });

  it('keeps going after a runner that throws', async () => {
    let calls = 0;
    const group = new GroupCommit<number, number>((batch) => {
      if (calls++ === 0) throw new Error('runner broke');
      return Promise.resolve(batch.map((n) => ({ ok: true as const, value: n })));
    });
    await assert.rejects(group.submit(1), /runner broke/);
    assert.equal(await group.submit(2), 2);
  });
});

describe('group commit drain', () => {
  it('commits what is queued and waits for batches in flight', async () => {
    const order: string[] = [];
    const group = new GroupCommit<number, number>(async (batch) => {
      await new Promise((r) => setTimeout(r, 20));
      order.push(`committed ${batch.join(',')}`);
      return batch.map((n) => ({ ok: true as const, value: n }));
    });
    const sends = [group.submit(1), group.submit(2)];
    await group.drain();
    order.push('drained');
    assert.deepEqual(order, ['committed 1,2', 'drained']);
    assert.deepEqual(await Promise.all(sends), [1, 2]);
  });
});

describe('group commit lanes', () => {
  it('splits a turn into parallel batches by key; one key stays in one batch, in order', async () => {
    const batches: string[][] = [];
    const group = new GroupCommit<string, string>(
      async (batch) => (batches.push(batch), batch.map((v) => ({ ok: true as const, value: v }))),
      { lanes: 4, laneOf: (v) => v.split(':')[0]! },
    );
    const items = ['a:1', 'b:1', 'c:1', 'a:2', 'd:1', 'b:2', 'a:3'];
    assert.deepEqual(await Promise.all(items.map((v) => group.submit(v))), items);
    assert.ok(batches.length > 1, `several lanes in parallel (${JSON.stringify(batches)})`);
    for (const key of ['a', 'b']) {
      const holding = batches.filter((b) => b.some((v) => v.startsWith(`${key}:`)));
      assert.equal(holding.length, 1, `${key} in one batch`);
      assert.deepEqual(
        holding[0]!.filter((v) => v.startsWith(`${key}:`)),
        items.filter((v) => v.startsWith(`${key}:`)),
      );
    }
  });
});
