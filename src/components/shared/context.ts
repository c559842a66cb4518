/** The context that hands a kit store to the elements, and the root that lets providers come late. */
import { ContextRoot, createContext, type Context } from '@lit/context';
import type { KitStore } from '../../services/store/index.js';

/**
 * Context key for the kit store; `Symbol.for` so two copies of the kit on one page agree. Typed by
 * name, so the published types refer to Lit's `Context` instead of copying its brand member.
 */
export const storeContext: Context<unknown, KitStore | undefined> = createContext<KitStore | undefined>(
  Symbol.for('parley.store'),
);

let root: ContextRoot | undefined;

/**
 * Attaches one `ContextRoot` to `<html>`, so elements that asked for the store before `imkit.init`
 * created its provider get it as soon as the provider appears.
 */
export function ensureContextRoot(): void {
  if (root || typeof document === 'undefined') return;
  root = new ContextRoot();
  root.attach(document.documentElement);
}
