export { KitStore, type KitStoreOptions, type CustomIntercept } from './store.js';
export type { KitClient, KitClientEvents } from './client-port.js';
export * from './types.js';
