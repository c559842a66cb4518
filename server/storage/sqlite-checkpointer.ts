/**
 * SQLite checkpoints off the event loop. With `wal_autocheckpoint`, the commit that crosses the
 * threshold copies the WAL into the database file and fsyncs both, blocking every connection of the
 * server meanwhile. Here the main connection never checkpoints by itself: a worker thread with its
 * own connection on the same file runs `wal_checkpoint(PASSIVE)` (which never waits for, nor blocks,
 * the writer) once the WAL holds enough pages not yet copied. Durability is unchanged: a checkpoint
 * only copies what commits have already written to the WAL.
 *
 * The WAL starts over from its beginning only when a write begins with every frame copied, and
 * sends go on committing during the worker's pass. So the worker makes up to `MAX_PASSES` passes
 * while sends commit, then one last pass while sends wait (`paused`, a few ms to tens of ms: the
 * event loop stays free, and the sends that waited commit together afterwards). The WAL then
 * starts over and stays as small as with `wal_autocheckpoint`. If the worker cannot start or dies,
 * the main connection goes back to `wal_autocheckpoint` (logged).
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import type Database from 'better-sqlite3';

/** WAL pages not yet copied that start a checkpoint (16 MB at 4 KB pages, as `wal_autocheckpoint` had). */
const CHECKPOINT_PAGES = 4000;
/** A checkpoint's last pass, with sends held back, copies at most about this many pages. */
const CATCH_UP_PAGES = 500;
/** Passes with sends going on before the last pass holds them back, however much is left. */
const MAX_PASSES = 4;
/** A WAL this long (64 MB, `journal_size_limit`) that the worker could not fully copy is copied on the main connection. */
const WAL_LIMIT_PAGES = 4 * CHECKPOINT_PAGES;
/** Writes other than sends are not counted: a timer looks at the WAL too. */
const POLL_MS = 1000;
/** A pass takes milliseconds to seconds; a worker silent this long is ended and the main connection takes over. */
const PASS_TIMEOUT_MS = 60_000;

// Plain CommonJS, so it runs the same under tsx and from the built server.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = ' + workerData.synchronous);
parentPort.on('message', () => parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)')));
`;

export class SqliteCheckpointer {
  private worker: Worker | null = null;
  private running = false;
  /** Worker passes since the last checkpoint on the main connection. */
  private passes = 0;
  /** While set, sends wait before committing (the last pass of a checkpoint is running). */
  private pause: Promise<void> | null = null;
  private resume: () => void = () => {};
  private closing = false;
  private fellBack = false;
  private shm: number | null = null;
  private readonly header = Buffer.alloc(100);
  private readonly timer: NodeJS.Timeout;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    synchronous: string,
    private readonly log: (line: string) => void,
  ) {
    try {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, synchronous } });
      worker.on('message', () => {
        clearTimeout(this.watchdog);
        worker.unref();
        this.afterPass();
      });
      worker.on('error', (error) => this.fallBack(`failed: ${String(error)}`));
      worker.on('exit', (code) => this.fallBack(`exited with code ${code}`));
      // Idle, the worker keeps no process up (after the listeners: a 'message' listener refs its port);
      // a pass in flight does (`requestPass`), since sends may be waiting for it.
      worker.unref();
      this.worker = worker;
      db.pragma('wal_autocheckpoint = 0');
    } catch (error) {
      this.fallBack(`could not start: ${String(error)}`);
    }
    this.timer = setInterval(() => this.afterCommit(), POLL_MS).unref();
  }

  /** After a commit: hands a checkpoint to the worker once enough WAL pages wait to be copied. */
  afterCommit(): void {
    if (!this.worker || this.running) return;
    if (this.uncopiedPages() < CHECKPOINT_PAGES) return;
    this.running = true;
    this.requestPass(this.worker);
  }

  /**
   * Resolves when sends may commit: null except during a checkpoint's last pass, which copies the
   * WAL's last frames while no send commits, so that the next write can start the WAL over and the
   * WAL stays as small as with `wal_autocheckpoint`. The event loop stays free meanwhile; the sends
   * that wait commit together afterwards.
   */
  get paused(): Promise<void> | null {
    return this.pause;
  }

  /** Stops the worker (before the main connection closes). */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    clearTimeout(this.watchdog);
    if (this.pause) this.endPause();
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      // A worker ended in the middle of a pass does not hold the event loop while it stops: without
      // this timer the loop could end with `close()` still waiting (a test process then failed as
      // unfinished, 8 runs in 10 of a close right after a pass began).
      const keepAlive = setInterval(() => undefined, 1000);
      try {
        await worker.terminate();
      } finally {
        clearInterval(keepAlive);
      }
    }
    if (this.shm !== null) closeSync(this.shm);
    this.shm = null;
  }

  /**
   * Asks the worker for a pass; the process stays up until it answers (sends may be waiting for it).
   * The watchdog is a ref'd handle too, and ends a worker that does not answer, so that held-back
   * sends never wait for good.
   */
  private requestPass(worker: Worker): void {
    worker.ref();
    this.watchdog = setTimeout(() => {
      void worker.terminate();
      this.fallBack(`did not answer within ${PASS_TIMEOUT_MS / 1000} s`);
    }, PASS_TIMEOUT_MS);
    worker.postMessage('checkpoint');
  }

  private afterPass(): void {
    if (this.pause) {
      // The last pass ran with sends held back: every frame is copied, the next write starts the WAL over.
      // Unless other writes (not held back) kept adding frames: once the WAL is large, the main
      // connection copies the rest itself, as `wal_autocheckpoint` would, so the WAL cannot grow unbounded.
      const { frames, copied } = this.walFrames();
      if (frames > copied && frames > WAL_LIMIT_PAGES && this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
      this.endPause();
      return;
    }
    // Writes went on during the pass. While they are many, the worker copies them with sends going on
    // (each pass is shorter than the one before); the last few it copies with sends held back.
    if (!this.worker) return;
    if (++this.passes >= MAX_PASSES || this.uncopiedPages() <= CATCH_UP_PAGES) {
      this.pause = new Promise<void>((resolve) => (this.resume = resolve));
    }
    this.requestPass(this.worker);
  }

  private endPause(): void {
    this.resume();
    this.pause = null;
    this.running = false;
    this.passes = 0;
  }

  /**
   * The WAL's frames minus those already copied, read from the wal-index header in the `-shm` file
   * (sqlite.org/walformat.html: `mxFrame` at byte 16, `nBackfill` at byte 96, native byte order).
   * One small read per commit; an unlocked read can be stale, which only moves a checkpoint by a commit.
   */
  private uncopiedPages(): number {
    const { frames, copied } = this.walFrames();
    return frames - copied;
  }

  private walFrames(): { frames: number; copied: number } {
    this.shm ??= openSync(`${this.file}-shm`, 'r');
    if (readSync(this.shm, this.header, 0, 100, 0) < 100) return { frames: 0, copied: 0 };
    const little = endianness() === 'LE';
    const frames = little ? this.header.readUInt32LE(16) : this.header.readUInt32BE(16);
    const copied = little ? this.header.readUInt32LE(96) : this.header.readUInt32BE(96);
    return { frames, copied };
  }

  private fallBack(reason: string): void {
    clearTimeout(this.watchdog);
    if (this.closing || this.fellBack) return;
    this.fellBack = true;
    this.worker = null;
    if (this.pause) this.endPause();
    this.running = false;
    this.log(`SQLite checkpoint worker ${reason}; checkpointing on the main connection instead`);
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 4000');
  }
}
