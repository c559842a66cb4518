/**
 * SQLite checkpoints run on a worker thread while sends go on (sqlite-checkpointer.ts): the WAL is
 * copied into the database file during the run, sends committed around a checkpoint are all kept
 * with gap-free seqs, and closing ends the worker (this process exits).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import { tempDir } from './helpers.js';
import { message } from './storage-engines.js';

const PAIRS = 20;
/** Far more sends than it takes to reach a checkpoint (4000 WAL pages); the test stops at the first. */
const MAX_ROUNDS = 2000;

describe('SQLite checkpoints off the event loop', () => {
  const dir = tempDir('parley-checkpoint-');
  const file = join(dir, 'parley.db');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the WAL into the database while sends go on, and keeps every send', async () => {
    const storage = new SqliteStorage({ file });
    const startSize = statSync(file).size;
    let rounds = 0;
    // One send per pair per round, all in one group commit, until a checkpoint has grown the file.
    while (statSync(file).size === startSize && rounds < MAX_ROUNDS) {
      const sends = [];
      for (let p = 0; p < PAIRS; p++) {
        const [from, to] = [`ck-a${p}`, `ck-b${p}`];
        const sent = message(from, to, `ck${p}-${rounds}`, 1_000_000 + rounds);
        sends.push(
          storage.appendMessage(sent, [
            { userId: to, countUnread: true },
            { userId: from, countUnread: false },
          ]),
        );
      }
      await Promise.all(sends);
      rounds++;
    }
    assert.ok(statSync(file).size > startSize, `the WAL was copied into the file within ${rounds} rounds`);
    // A few more rounds, so that sends also commit right after the checkpoint's last pass.
    for (let extra = 0; extra < 50; extra++, rounds++) {
      await Promise.all(
        Array.from({ length: PAIRS }, (_, p) =>
          storage.appendMessage(message(`ck-a${p}`, `ck-b${p}`, `ck${p}-${rounds}`, 1_000_000 + rounds), [
            { userId: `ck-b${p}`, countUnread: true },
            { userId: `ck-a${p}`, countUnread: false },
          ]),
        ),
      );
    }
    for (let p = 0; p < PAIRS; p++) assert.equal(await storage.lastSeq(`ck-b${p}`), rounds, 'one seq per send, no gap');
    await storage.close();

    const reopened = new SqliteStorage({ file });
    try {
      for (let p = 0; p < PAIRS; p++) assert.equal(await reopened.lastSeq(`ck-a${p}`), rounds, 'all kept after close');
    } finally {
      await reopened.close();
    }
  });
});

describe('a server that refuses its settings', () => {
  it('leaves nothing running: its process exits by itself (no checkpoint worker, storage or bus left open)', () => {
    const dir = tempDir('parley-refused-');
    try {
      // A child process: what keeps a process up can only be seen from outside it. A module file, not
      // `node -e`, which ends its process once the code has run, whatever is left.
      const server = pathToFileURL(fileURLToPath(new URL('../../server/index.ts', import.meta.url))).href;
      const script = join(dir, 'refused.mts');
      writeFileSync(
        script,
        `import { startServer } from ${JSON.stringify(server)};
        await startServer({ port: 0, dataDir: ${JSON.stringify(dir)}, recallWindowMs: -1 }).then(
          () => console.log('started'),
          (error) => console.log('refused: ' + error.message),
        );`,
      );
      const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        // A guard against a hang, far above the second or so it takes.
        timeout: 60_000,
      });
      assert.match(child.stdout, /refused: recallWindowMs/);
      assert.equal(child.signal, null, 'the process had to be killed: something was left running');
      assert.equal(child.status, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
