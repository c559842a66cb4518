/**
 * What `parley-server` says at start: the storage in use (SQLite folder, or the PostgreSQL URL with
 * the password hidden), a loud warning for a Redis cluster on SQLite (nodes on other machines
 * would each keep their own data), a refused database URL named (password hidden), and a generated
 * App Secret shown by the first start that succeeds (a failed start saves none).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { deletePrefix } from '../cluster/harness.js';
import { testRedis } from '../cluster/own-redis.js';
import { tempDir } from './helpers.js';
import { createTestDatabase } from './pg-harness.js';

const CLI = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; once it has printed its start-up lines (or exits), stops it. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--quiet', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PARLEY_DATABASE_URL: '', PARLEY_REDIS_URL: '', ...env },
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => {
    run.stdout += String(c);
    // The App Secret lines follow the App Key's in the same turn; leave them time to arrive.
    if (/App Key: /.test(run.stdout)) setTimeout(() => child.kill('SIGTERM'), 300);
  });
  child.stderr.on('data', (c: Buffer) => (run.stderr += String(c)));
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      run.code = code;
      resolve(run);
    }),
  );
}

describe('parley-server start-up lines', { timeout: 60_000 }, () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('names SQLite and warns loudly when Redis is given without a database URL', async () => {
    const engine = await testRedis();
    const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
    const data = dir();
    try {
      const run = await runCli(['--data', data, '--redis-url', engine.url, '--redis-prefix', prefix, '--node-id', 'e']);
      assert.match(run.stdout, /Parley server listening on http:/, run.stdout + run.stderr);
      assert.match(run.stdout, new RegExp(`Storage: SQLite in ${data}`));
      assert.match(run.stdout, /Node e in the cluster on Redis at redis:\/\//);
      assert.match(run.stderr, /WARNING: this node joins a cluster on Redis but keeps its data in SQLite/);
      assert.match(run.stderr, /split cluster/);
      assert.match(run.stderr, /--database-url/);
    } finally {
      const redis = new Redis(engine.url);
      await deletePrefix(redis, prefix);
      redis.disconnect();
      await engine.stop();
    }
  });

  it('names PostgreSQL with the password hidden, and gives no warning without Redis', async () => {
    const database = await createTestDatabase();
    const url = new URL(database.url);
    url.password = 'hunter2-secret';
    try {
      const run = await runCli(['--data', dir(), '--database-url', url.toString()]);
      assert.match(run.stdout, /Storage: PostgreSQL at postgres:\/\/postgres:\*\*\*@/, run.stdout + run.stderr);
      assert.match(run.stdout, new RegExp(`/${database.name}\\b`));
      assert.doesNotMatch(run.stdout + run.stderr, /hunter2-secret|WARNING/);
    } finally {
      await database.drop();
    }
  });

  it('refuses a MySQL URL naming it (password hidden); the failed start saves no secret, the next one shows it', async () => {
    const data = dir();
    const refused = await runCli(['--data', data, '--database-url', 'mysql://root:hunter2-secret@db.internal/parley']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /postgres:\/\/ or postgresql:\/\/.*mysql:\/\/root:\*\*\*@db\.internal\/parley/);
    assert.doesNotMatch(refused.stdout + refused.stderr, /hunter2-secret/);
    assert.equal(existsSync(join(data, 'app.json')), false, 'no credentials saved by a failed start');

    const started = await runCli(['--data', data]);
    assert.match(started.stdout, /App Secret: \S+/, started.stdout + started.stderr);
    assert.equal(existsSync(join(data, 'app.json')), true);
    const again = await runCli(['--data', data]);
    assert.match(again.stdout, /App Key: /);
    assert.doesNotMatch(again.stdout, /App Secret/, 'shown once, by the start that generated it');
  });
});
