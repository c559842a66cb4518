/**
 * Natural write batching. A socket written to during one event-loop turn stays corked until that
 * turn's check phase (setImmediate), so the frames it got in the turn leave in one writev instead
 * of one syscall each. When idle a turn carries one frame and nothing changes; under load (a
 * chatroom burst, a backlog after a stall) k messages to a member cost one syscall, not k.
 */
import type { Writable } from 'node:stream';

const corked = new Set<Writable>();
let scheduled = false;

function flush(): void {
  scheduled = false;
  // Uncork may run user callbacks that write again: take the set first, they cork a fresh turn.
  const streams = [...corked];
  corked.clear();
  for (const stream of streams) stream.uncork();
}

/** Corks `stream` until the end of this event-loop turn (once per turn, however many writes). */
export function corkForTurn(stream: Writable): void {
  if (corked.has(stream)) return;
  corked.add(stream);
  stream.cork();
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}
