/**
 * Natural write batching. A socket written to during one event-loop turn stays corked until that
 * turn's check phase (setImmediate), so the frames it got in the turn leave in one writev instead
 * of one syscall each. When idle a turn carries one frame and nothing changes; under load (a
 * chatroom burst, a backlog after a stall) k messages to a member cost about k/4 syscalls, not k.
 *
 * The hold is bounded: once the corked sockets hold FRAMES_PER_STREAM frames each on average, all
 * are flushed at once, so a long turn (many room messages read together) still sends as it goes
 * instead of keeping every frame, and its memory, until the turn ends.
 */
import type { Writable } from 'node:stream';

const FRAMES_PER_STREAM = 4;

const corked = new Set<Writable>();
let held = 0;
let scheduled = false;

/** Uncorks every corked stream now. */
export function flushCorked(): void {
  // Uncork may run callbacks that write again: take the set first, they cork afresh.
  const streams = [...corked];
  corked.clear();
  held = 0;
  for (const stream of streams) stream.uncork();
}

/** Corks `stream` until the end of this event-loop turn; call before each write to it. */
export function corkForTurn(stream: Writable): void {
  if (corked.size > 0 && held >= FRAMES_PER_STREAM * corked.size) flushCorked();
  held++;
  if (corked.has(stream)) return;
  corked.add(stream);
  stream.cork();
  if (!scheduled) {
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      flushCorked();
    });
  }
}

const tickCorked = new Set<Writable>();

/** Uncorks the streams corked by `corkForTick`. */
function flushTickCorked(): void {
  const streams = [...tickCorked];
  tickCorked.clear();
  for (const stream of streams) stream.uncork();
}

/**
 * Corks `stream` until the current burst of callbacks settles (process.nextTick: after the microtasks
 * queued now, before any I/O). A group commit settles many sends in one burst of microtasks; each
 * socket's reply and pushes of that burst then leave in one writev, without waiting a turn.
 */
export function corkForTick(stream: Writable): void {
  if (tickCorked.has(stream)) return;
  if (tickCorked.size === 0) process.nextTick(flushTickCorked);
  tickCorked.add(stream);
  stream.cork();
}
