/**
 * The shape every feature of the kit store has. A slice is made from a narrow port (read the state,
 * replace part of it, call the client) plus the few functions of other slices it needs, and hands
 * back its actions (which become `KitStore` methods), its selectors (pure functions of the state,
 * for the elements) and how it follows the client's events. `KitStore` composes the slices
 * (`slices.ts`) and binds their actions with `bindActions`: each action is written once, in its
 * feature module, with its TSDoc, and no method of the store forwards to it by hand.
 */
import type { EventName, Listener } from '../client/events.js';
import type { KitClient } from './client-port.js';
import type { ConversationKey, ConversationMessages, KitState } from './types.js';

/** A change of the state: a patch, or a function of the current state that returns one. */
export type StateUpdate = Partial<KitState> | ((state: KitState) => Partial<KitState>);

/** What a slice is made from: the state and the client, nothing else of the store. */
export interface StorePort {
  /** The current state snapshot. */
  readonly get: () => KitState;
  /** Replaces part of the state (never mutates it) and tells the store's subscribers. */
  readonly set: (update: StateUpdate) => void;
  /** The protocol client, as far as the store uses it. */
  readonly client: KitClient;
}

/** What a slice's `attach` may follow. The store lets go of all of it when it is destroyed. */
export interface SliceEvents {
  /** Follows a client event. */
  on<E extends EventName>(event: E, listener: Listener<E>): void;
  /** Runs after every change of the state. */
  onState(listener: (state: KitState) => void): void;
}

/** A slice's actions: plain functions, already bound to the slice's port. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parameters vary per action; `ActionsOf` keeps them.
export type ActionTable = Record<string, (...args: any[]) => unknown>;

/** One feature of the store. */
export interface Slice<A extends ActionTable = ActionTable> {
  /** What the store offers for this feature; bound onto `KitStore` as methods. */
  readonly actions: A;
  /** Pure functions of the state the elements select with (also exported by the feature module). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- selectors take their own arguments.
  readonly selectors?: Readonly<Record<string, (state: KitState, ...args: any[]) => unknown>>;
  /** What sibling slices call on this one (never offered on the store). */
  readonly internal?: object;
  /** Starts following the client; returns what to stop besides the listeners (timers, page events). */
  readonly attach?: (events: SliceEvents) => (() => void) | void;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The actions of several slices as one table (each action keeps its TSDoc and parameter names). */
export type ActionsOf<S extends Readonly<Record<string, Slice>>> = UnionToIntersection<S[keyof S]['actions']>;

/** `true` when `A` and `B` are the same type, else `false`. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * A base class whose instances carry the actions `A`; the subclass's constructor puts them there
 * with `bindActions` (the slices need the instance's state, so they cannot sit on a prototype).
 */
export function withActions<A extends object>(): new () => A {
  function WithActions() {}
  return WithActions as unknown as new () => A;
}

/**
 * Puts every slice's actions on `target` as read-only methods. Two slices offering the same name
 * would hide one of them silently, so that throws.
 */
export function bindActions(target: object, slices: Readonly<Record<string, Slice>>): void {
  const owner = new Map<string, string>();
  for (const [sliceName, slice] of Object.entries(slices)) {
    for (const [name, action] of Object.entries(slice.actions)) {
      const taken = owner.get(name) ?? (name in target ? 'the store' : undefined);
      if (taken)
        throw new Error(`parley/store: the ${sliceName} slice's action ${name} is already offered by ${taken}`);
      owner.set(name, sliceName);
      Object.defineProperty(target, name, { value: action, enumerable: false, writable: false, configurable: false });
    }
  }
}

/** Replaces the messages of one conversation. */
export function setMessages(port: StorePort, key: ConversationKey, messages: ConversationMessages): void {
  port.set((state) => ({ messages: { ...state.messages, [key]: messages } }));
}

/**
 * One action as a module-level function taking the store first (`renameTag(store, id, name)`), the
 * form the elements and older code call; it runs the store's own action, so nothing is written twice.
 */
export function onStore<A extends ActionTable, K extends keyof A & string>(
  name: K,
): (store: Pick<A, K>, ...args: Parameters<A[K]>) => ReturnType<A[K]> {
  return (store, ...args) => store[name](...args) as ReturnType<A[K]>;
}

/** The module of the store's rarer actions' bodies and group receipt flows (`late-actions.ts`). */
type LateModule = typeof import('./late-actions.js');
let late: Promise<LateModule> | undefined;

/**
 * Loads the rarer actions' bodies (once; a failed load is tried again on the next call). The store
 * fetches them when the browser is idle after connecting, so a first click seldom waits for them.
 */
export function loadLateActions(): Promise<LateModule> {
  return (late ??= import('./late-actions.js').catch((error: unknown) => {
    late = undefined;
    throw error;
  }));
}

/**
 * What fetches the rarer actions' bodies when the browser is idle after a connect (nothing where
 * nothing is ever idle, as in Node: there the first call loads them).
 */
export function createLateActionsPrefetch() {
  const prefetch = () => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => void loadLateActions().catch(() => undefined), { timeout: 3000 });
  };
  return {
    actions: {},
    attach: (events) => {
      events.on('connected', prefetch);
      if (typeof document !== 'undefined') prefetch();
    },
  } satisfies Slice;
}

/**
 * Actions whose bodies load on their first call (`late-actions.ts`): the slice offers them at once
 * (the store binds every action when it is made), and each call runs the loaded body with the same
 * arguments and result. `make` builds the bodies from the loaded module and what the slice hands them:
 * the late module imports no store module, which would split the store out of the entry into a chunk
 * of its own.
 */
export function lateActions<A extends ActionTable>(
  make: (module: LateModule) => A,
): <K extends keyof A & string>(name: K) => (...args: Parameters<A[K]>) => Promise<Awaited<ReturnType<A[K]>>> {
  let actions: A | undefined;
  return <K extends keyof A & string>(name: K) =>
    async (...args: Parameters<A[K]>): Promise<Awaited<ReturnType<A[K]>>> => {
      actions ??= make(await loadLateActions());
      return (await actions[name]!(...args)) as Awaited<ReturnType<A[K]>>;
    };
}
