/**
 * `npm run bench:messaging`: private (1:1) and 500-member group messaging on the real Parley server
 * (a child process), once on SQLite (WAL + synchronous=NORMAL) and once on PostgreSQL (a fresh
 * database on BENCH_POSTGRES_URL's server, default the machine's; fsync on), side by side with a bare
 * WebSocket relay speaking the same frames without checks or storage; then history p99 over 1M
 * stored messages, against the same query made in-process on the storage layer.
 *
 * Environment: BENCH_SECONDS (per phase, default 5), BENCH_HISTORY_MESSAGES (default 1,000,000),
 * BENCH_PHASES (e.g. `2`: only the 1:1 throughput phase), BENCH_SERVER_CPU_PROF (a folder for the servers' CPU profiles),
 * BENCH_POSTGRES_URL (maintenance URL, default postgres://postgres@127.0.0.1:5432/postgres; `off` skips it),
 * BENCH_ROUNDS (1:1 throughput rounds, default 3). All servers stay up through the run and each phase
 * runs on them one right after the other (the throughput rounds in rotating order), so a ratio compares
 * figures taken under about the same load from the machine's other users.
 */
import pg from 'pg';
import { spawnListening, spawnParley, tempDir } from '../lib/children.js';
import { historyBench } from './history.js';
import { closeContender, connectContender, runPhases, type Contender } from './phases.js';
import { report } from './report.js';
import { seedHistory } from './seed.js';
import { GROUP_SIZE, HISTORY_MESSAGES, POSTGRES_ADMIN, RELAY } from './settings.js';

/** Runs `fn` with a fresh PostgreSQL database, dropped afterwards. */
async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `bench_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(POSTGRES_ADMIN);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** `fn` with a fresh PostgreSQL database, or with null when BENCH_POSTGRES_URL=off. */
function maybeDatabase<T>(fn: (url: string | null) => Promise<T>): Promise<T> {
  return POSTGRES_ADMIN === 'off' ? fn(null) : withDatabase(fn);
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = tempDir('parley-bench-msg-');
  try {
    const channels = 100;
    console.log(
      `seeding ${HISTORY_MESSAGES.toLocaleString('en-US')} messages in ${channels} conversations (direct SQLite insert)...`,
    );
    const t = Date.now();
    const seeded = await seedHistory(dir.path, channels, Math.ceil(HISTORY_MESSAGES / channels));
    const seedSeconds = (Date.now() - t) / 1000;

    await maybeDatabase(async (pgUrl) => {
      // Every server is up, its clients connected, for the whole run; each phase then runs on one after the other.
      const pgDir = tempDir('parley-bench-pg-');
      const contenders: Contender[] = [];
      const stopped = new Set<Contender>();
      const stop = async (c: Contender) => {
        if (stopped.has(c)) return;
        stopped.add(c);
        await closeContender(c);
        await c.server.stop();
      };
      try {
        contenders.push(
          await connectContender('relay', await spawnListening([RELAY, '--group', `g500=m:${GROUP_SIZE}`], 'relay')),
        );
        const parley = await spawnParley(dir.path);
        contenders.push(await connectContender('sqlite', parley));
        if (pgUrl) contenders.push(await connectContender('postgres', await spawnParley(pgDir.path, 0, pgUrl)));
        const results = await runPhases(contenders);
        for (const c of contenders) if (c.candidate !== 'sqlite') await stop(c);
        const history = await historyBench(parley, dir.path, seeded);
        report(results, history, seedSeconds);
      } finally {
        for (const c of contenders) await stop(c);
        pgDir.remove();
      }
    });
    console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    dir.remove();
  }
}
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
