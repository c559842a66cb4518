/**
 * Another node's changes reach this node as "reload room X (or the moderation lists)" events, each
 * answered by a database read. When an older read finishes after a newer one (a slow pooled
 * connection), the cache must still end with the newest state: the KV entry or gag announced last
 * is not lost on this node.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InProcessBus } from '../../server/bus/in-process.js';
import { systemClock } from '../../server/clock.js';
import { ClusterSync, type ClusterSyncPort } from '../../server/chatroom/cluster-sync.js';
import { Moderation } from '../../server/chatroom/moderation.js';
import type { Room } from '../../server/chatroom/room.js';
import type { ChatroomState } from '../../server/storage/chatroom-state.js';
import { SqliteChatroomState } from '../../server/storage/sqlite-chatroom-state.js';
import { sleep, tempDir } from './helpers.js';

/** Each read takes its snapshot at once; the first one answers only when released, like a slow connection. */
function slowFirst<A extends unknown[], R>(
  read: (...args: A) => Promise<R>,
): { read: (...args: A) => Promise<R>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let reads = 0;
  return {
    release,
    read: async (...args: A) => {
      const snapshot = await read(...args);
      if (++reads === 1) await held;
      return snapshot;
    },
  };
}

/** A node's cluster sync over the real stored state, with the given reads. */
function syncOver(state: Pick<ChatroomState, 'room' | 'allRooms' | 'allLists'>, moderation: Moderation) {
  const rooms = new Map<string, Room>();
  const unused = () => {
    throw new Error('not reached by a reload');
  };
  const port: ClusterSyncPort = {
    bus: new InProcessBus('b'),
    rooms,
    clock: systemClock,
    config: { destroyWaitMs: 60_000, userChangeNotify: 'all' },
    counters: { busGaps: 0, deliveries: 0, offlineRemovals: 0 },
    presence: undefined,
    moderation,
    state,
    messaging: { offlineRule: unused, countRemoteDelivery: unused },
    socketOf: () => undefined,
    flushed: async () => undefined,
    removeMember: unused,
    memberGone: unused,
    dropLocal: unused,
    destroy: unused,
    toRoom: unused,
    userChange: unused,
    log: (line) => assert.fail(line),
  };
  return { sync: new ClusterSync(port), rooms };
}

describe('chatroom: reloads announced by other nodes', () => {
  const dir = tempDir();
  const state = new SqliteChatroomState(join(dir, 'chatroom.db'));
  const moderation = () => new Moderation((write) => void write(state), systemClock);
  after(async () => {
    await state.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an older room read finishing last does not put stale KV entries back', async () => {
    await state.createRoom({ id: 'r', name: 'r', sessionId: 's1', createdTime: 1, destroyAt: 0, creatorId: 'u' });
    const entry = (key: string) => ({ key, value: `v-${key}`, userId: 'u', isAutoDelete: false, timestamp: 1 });
    const slow = slowFirst((roomId: string) => state.room(roomId));
    const { sync, rooms } = syncOver(
      { room: slow.read, allRooms: () => state.allRooms(), allLists: () => state.allLists() },
      moderation(),
    );

    await state.putEntries('r', [entry('seat0')]);
    const first = sync.reload('r');
    await state.putEntries('r', [entry('seat1')]);
    const second = sync.reload('r');
    await sleep(20);
    slow.release();
    await Promise.all([first, second]);
    sync.close();

    assert.deepEqual(
      [...rooms.get('r')!.entries.keys()].sort(),
      ['seat0', 'seat1'],
      'the entry announced last is in the cache',
    );
  });

  it('an older moderation read finishing last does not lift a newer gag', async () => {
    const lists = moderation();
    const slow = slowFirst(() => state.allLists());
    const { sync } = syncOver(
      { room: (id) => state.room(id), allRooms: () => state.allRooms(), allLists: slow.read },
      lists,
    );
    const gag = (userId: string) =>
      state.putList({ kind: 'gag', roomId: 'm', subject: userId, expiresAt: 0, createdAt: 1 });

    await gag('u1');
    const first = sync.reload('');
    await gag('u2');
    const second = sync.reload('');
    await sleep(20);
    slow.release();
    await Promise.all([first, second]);
    sync.close();

    assert.equal(lists.has('gag', 'm', 'u1'), true);
    assert.equal(lists.has('gag', 'm', 'u2'), true, 'the gag announced last holds');
  });
});
