/**
 * The messaging benchmark's history phase: getHistoryMessages at spread-out times over the seeded
 * conversations, through the gateway and, for comparison, the same queries on the storage layer.
 */
import { join } from 'node:path';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import { forkWorker, type ServerChild } from '../lib/children.js';
import { Histogram } from '../lib/histogram.js';
import { measure } from '../lib/proc.js';
import type { seedHistory } from './seed.js';
import { GENERATOR } from './settings.js';

/** What the history phase measured. */
export type HistoryResult = Awaited<ReturnType<typeof historyBench>>;

export async function historyBench(
  server: ServerChild,
  dataDir: string,
  channels: Awaited<ReturnType<typeof seedHistory>>,
) {
  const gen = forkWorker(GENERATOR);
  try {
    await gen.request('connect', { url: server.url, mode: 'parley', users: channels.map((c) => c.user) });
    const queries = Array.from({ length: 3000 }, (_, i) => {
      const c = channels[(i * 7919) % channels.length]!;
      // Deterministic spread over each channel's time range (the same queries for both candidates).
      const frac = ((i * 2654435761) % 1000) / 1000;
      return {
        user: c.user,
        targetId: c.peer,
        timestamp: Math.round(c.firstTime + frac * (c.lastTime - c.firstTime)) + 1,
      };
    });
    const wire = await measure(server.pid, () =>
      gen.request<{ lat: number[]; errors: number }>('history', { queries }),
    );
    // The same queries in this process, on the storage layer over the same file (WAL: a second reader is fine).
    const storage = new SqliteStorage({ file: join(dataDir, 'parley.db') });
    const direct = new Histogram();
    let directErrors = 0;
    for (const q of queries) {
      const t = performance.now();
      const page = await storage.history(q.user, {
        conversationType: 1,
        targetId: q.targetId,
        timestamp: q.timestamp,
        count: 20,
        order: 0,
      });
      direct.record(performance.now() - t);
      if (page.list.length === 0) directErrors++;
    }
    await storage.close();
    return {
      wire: Histogram.from(wire.result.lat),
      wireErrors: wire.result.errors,
      cpu: wire.cpu,
      direct,
      directErrors,
      n: queries.length,
    };
  } finally {
    await gen.request('closeAll').catch(() => undefined);
    gen.stop();
  }
}
