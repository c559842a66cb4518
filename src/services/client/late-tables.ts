/**
 * Feature tables whose operations load with the first call of any of them: late-ops.ts holds the calls a
 * first screen does not make (tags, blacklist, recall and removals, expansion, web push, subscriptions,
 * conversation queries), so the page's initial load carries only their names. Every operation of those
 * tables returns a Promise, so a caller cannot tell a late table from an eager one.
 */
import type { OpTable } from './bind.js';
import { toReceivedConversation, toReceivedMessage } from './convert.js';
import { checkRequest, mapData, request, requestVoid, type ClientInternals, type LatePort } from './internals.js';

type LateOps = typeof import('./late-ops.js');
/** The tables of late-ops.ts, by export name. */
type LateTableName = { [K in keyof LateOps]: LateOps[K] extends OpTable ? K : never }[keyof LateOps];

let late: Promise<LateOps> | undefined;

/** What the late tables get of the eager modules (`ClientInternals.port`). */
export const latePort: LatePort = {
  request,
  requestVoid,
  mapData,
  checkRequest,
  toReceivedMessage,
  toReceivedConversation,
};

/**
 * A table of late-ops.ts as operations that load it on their first call. `names` lists every operation
 * (the type checks that none is missing or extra).
 */
export function lateTable<N extends LateTableName>(table: N, names: Record<keyof LateOps[N], true>): LateOps[N] {
  const ops: Record<string, (ctx: ClientInternals, ...args: unknown[]) => Promise<unknown>> = {};
  for (const name of Object.keys(names)) {
    ops[name] = async (ctx, ...args) => {
      const tables = await (late ??= import('./late-ops.js'));
      return (tables[table] as OpTable)[name]!(ctx, ...args);
    };
  }
  return ops as LateOps[N];
}
