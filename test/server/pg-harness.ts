/**
 * PostgreSQL for the tests. The server to use, in order: `PARLEY_TEST_DATABASE_URL`; the machine's
 * PostgreSQL at postgres://postgres@127.0.0.1:5432/postgres when it answers; else a throwaway
 * instance started from the installed binaries (`initdb` + `pg_ctl`, temporary folder, free port,
 * stopped when the process exits). Each caller gets its own database `t_<pid>_<n>`, dropped after,
 * so parallel runs never collide.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const MACHINE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The newest installed PostgreSQL bin folder, if any. */
export function binaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** Starts a private PostgreSQL for this process from the binaries in `bin`; stopped on exit. */
export async function throwaway(bin: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  // initdb refuses to run as root; the machines' tests may run as root, so run it as `postgres` then.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asUser.length) execFileSync('chown', ['postgres', dir]);
  const run = (cmd: string, args: string[]) => {
    const [file, ...rest] = [...asUser, join(bin, cmd), ...args];
    execFileSync(file!, rest, { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  run('pg_ctl', [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  process.once('exit', () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

let admin: Promise<string> | null = null;

/** The maintenance URL of the PostgreSQL server the tests use (see the module comment). */
export function adminUrl(): Promise<string> {
  admin ??= (async () => {
    const given = process.env.PARLEY_TEST_DATABASE_URL;
    if (given) return given;
    if (await answers(MACHINE_URL)) return MACHINE_URL;
    const bin = binaries();
    if (bin) return throwaway(bin);
    throw new Error(
      'The PostgreSQL tests need a PostgreSQL server: set PARLEY_TEST_DATABASE_URL, run one at 127.0.0.1:5432 ' +
        '(user postgres, trust auth), or install its binaries (Debian: apt-get install postgresql) so the tests start their own.',
    );
  })();
  return admin;
}

let counter = 0;

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database (closing whatever still holds it). */
  drop(): Promise<void>;
}

/** Runs one statement on the maintenance database. */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: await adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Waits (up to 2 s) until no session is connected to the database. */
async function waitForSessionsToClose(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: await adminUrl() });
  await client.connect();
  try {
    for (let i = 0; i < 40; i++) {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if ((rows[0] as { n: number }).n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}

/** Creates an empty database of its own for one test (or one server). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = await adminUrl();
  const name = `t_${process.pid}_${++counter}`;
  // template0 takes no connections, so a session left on template1 can never block the copy.
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE template0`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      // `pool.end()` resolves before its sessions have closed; FORCE would then kill them mid-goodbye
      // and their client would throw "terminating connection" into whatever test runs next.
      await waitForSessionsToClose(name);
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The engine `startTestServer` uses in this process (a `*.pg.test.ts` file switches it). */
let engine: 'sqlite' | 'postgres' = 'sqlite';

export function useEngine(next: 'sqlite' | 'postgres'): void {
  engine = next;
}

export function testEngine(): 'sqlite' | 'postgres' {
  return engine;
}
