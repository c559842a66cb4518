/**
 * Feature tables whose operations load with the first call of any of them, or during `connect()`'s
 * handshake: late-ops.ts holds the calls that go through the request checks (which load then too;
 * chatroom calls and media sends have chunks of their own), sending, and the inbox delivery, so the
 * page's initial load carries only their names. Every operation of those tables returns a Promise, so a
 * caller cannot tell a late table from an eager one.
 */
import type { LateOpTable, OpTable } from './bind.js';
import { Events } from './events.js';
import { SentStatus } from './messages.js';
import { checkRequest, mapData, request, requestVoid, type ClientInternals, type LatePort } from './internals.js';

type LateOps = typeof import('./late-ops.js');
/** The tables of late-ops.ts, by export name. */
type LateTableName = { [K in keyof LateOps]: LateOps[K] extends OpTable ? K : never }[keyof LateOps];

let late: Promise<LateOps> | undefined;
let loaded: LateOps | undefined;

/** What the late tables get of the eager modules (`ClientInternals.port`). */
export const latePort: LatePort = {
  request,
  requestVoid,
  mapData,
  checkRequest,
  events: Events,
  sentStatus: SentStatus,
};

/** Loads late-ops.ts (once; a failed load is tried again on the next call). */
export function loadLateTables(): Promise<LateOps> {
  return (late ??= import('./late-ops.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      late = undefined;
      throw error;
    },
  ));
}

/** Starts loading late-ops.ts (`connect()` calls it: the first screen's calls and the inbox delivery are there). */
export function prefetchLateTables(): void {
  loadLateTables().catch(() => undefined);
}

/** late-ops.ts once `loadLateTables()` has resolved (the inbox delivers only after that, sync.ts). */
export function loadedLateTables(): LateOps {
  if (!loaded) throw new Error('parley/client: the late tables are not loaded yet');
  return loaded;
}

/**
 * A table of late-ops.ts as operations that load it on their first call. `names` lists every operation
 * (the type checks that none is missing or extra).
 */
export function lateTable<N extends LateTableName>(table: N, names: Record<keyof LateOps[N], true>): LateOps[N] {
  const ops: Record<string, (ctx: ClientInternals, ...args: unknown[]) => Promise<unknown>> = {};
  for (const name of Object.keys(names)) {
    const run = (tables: LateOps, ctx: ClientInternals, args: unknown[]) =>
      (tables[table] as LateOpTable)[name]!(ctx, ...args);
    ops[name] = (ctx, ...args) => {
      // Once loaded, an operation runs at once, as an eager one would (a send's onSendBefore before it returns).
      if (!loaded) return loadLateTables().then((tables) => run(tables, ctx, args));
      try {
        return run(loaded, ctx, args);
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return ops as LateOps[N];
}
