/**
 * Another node's changes reach this node as "reload room X" events, each answered by a database
 * read. When an older read finishes after a newer one (a slow pooled connection), the cache must
 * still end with the newest state: the last announced KV entry is not lost on this node.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InProcessBus } from '../../server/bus/in-process.js';
import { systemClock } from '../../server/clock.js';
import { ClusterSync, type ClusterSyncPort } from '../../server/chatroom/cluster-sync.js';
import type { Room } from '../../server/chatroom/room.js';
import { SqliteChatroomState } from '../../server/storage/sqlite-chatroom-state.js';
import { sleep, tempDir } from './helpers.js';

describe('chatroom: reloads announced by other nodes', () => {
  const dir = tempDir();
  const state = new SqliteChatroomState(join(dir, 'chatroom.db'));
  after(async () => {
    await state.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an older read finishing last does not put stale KV entries back', async () => {
    await state.createRoom({ id: 'r', name: 'r', sessionId: 's1', createdTime: 1, destroyAt: 0, creatorId: 'u' });
    const entry = (key: string) => ({ key, value: `v-${key}`, userId: 'u', isAutoDelete: false, timestamp: 1 });
    // The first read takes its snapshot at once but answers only when released, like a slow connection.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const slowFirstRead = async (roomId: string) => {
      const snapshot = await state.room(roomId);
      if (++reads === 1) await held;
      return snapshot;
    };
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
      moderation: { load: unused, has: () => false },
      state: { room: slowFirstRead, allRooms: () => state.allRooms(), allLists: () => state.allLists() },
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
    const sync = new ClusterSync(port);

    await state.putEntries('r', [entry('seat0')]);
    const first = sync.reload('r');
    await state.putEntries('r', [entry('seat1')]);
    const second = sync.reload('r');
    await sleep(20);
    release();
    await Promise.all([first, second]);
    sync.close();

    assert.deepEqual([...rooms.get('r')!.entries.keys()].sort(), ['seat0', 'seat1'], 'the entry announced last is in the cache');
  });
});
