/**
 * One place per API: each feature module exports a table of its operations, each taking the client's
 * internals first. `bind` turns a table into methods without the internals; `ParleyClient` gets them
 * through `withOps` and the module-level functions (the seeds' `RongIMLib.sendMessage(...)` style)
 * through `onDefaultClient`. The mapped type keeps each operation's TSDoc and parameter names.
 */
import { internalsOf, type ClientInternals } from './internals.js';

/** A feature's operations: `(internals, ...args) => result`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parameters vary per operation; `Methods` recovers them.
export type OpTable = Record<string, (internals: ClientInternals, ...args: any[]) => unknown>;

/** The operations of a table as methods: the internals parameter dropped, the rest unchanged. */
export type Methods<T extends OpTable> = {
  [K in keyof T]: T[K] extends (internals: ClientInternals, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/**
 * The table's operations as functions that find their internals with `internalsOf(this)`: the
 * client's own for its methods, the default client's for the module-level functions.
 */
export function bind<T extends OpTable>(table: T, internalsOf: (self: unknown) => ClientInternals): Methods<T> {
  const bound: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, op] of Object.entries(table)) {
    bound[name] = function (this: unknown, ...args: unknown[]) {
      return op(internalsOf(this), ...args);
    };
  }
  return bound as Methods<T>;
}

/** A base class whose prototype holds the table's operations, run on the instance's internals (`internalsOf`). */
export function withOps<T extends OpTable>(table: T): new () => Methods<T> {
  function WithOps() {}
  WithOps.prototype = bind(table, internalsOf);
  return WithOps as unknown as new () => Methods<T>;
}

let defaultInternals: (() => ClientInternals) | undefined;

/** Sets where the module-level functions find their client (index.ts: the default client). */
export function setDefaultInternals(provider: () => ClientInternals): void {
  defaultInternals = provider;
}

function defaultClientInternals(): ClientInternals {
  if (!defaultInternals) throw new Error('parley/client: import the client from its index module');
  return defaultInternals();
}

/** One operation of a table on the default client: a module-level function. */
export function onDefaultClient<T extends OpTable, K extends keyof T & string>(table: T, name: K): Methods<T>[K] {
  return bind({ [name]: table[name] } as Pick<T, K>, defaultClientInternals)[name];
}

/** A table loaded on first use (late-tables.ts): every operation returns a Promise, as its stand-in does. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as in `OpTable`.
export type LateOpTable = Record<string, (internals: ClientInternals, ...args: any[]) => Promise<unknown>>;
