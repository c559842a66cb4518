/**
 * Status sync to the app's server (seeds: chatroom status sync and KV sync): room create, destroy,
 * join, quit and attribute changes are POSTed as JSON to a configured URL, signed like the Server
 * API (App-Key, Nonce, Timestamp, Signature, Body-Signature: `webhook/signed-post-queue.ts`).
 */
import { SignedPostQueue, type SignedPostOptions } from '../webhook/signed-post-queue.js';

/** One status change. `type` create | destroy | join | quit | kv. */
export interface StatusEvent {
  type: 'create' | 'destroy' | 'join' | 'quit' | 'kv';
  chatroomId: string;
  userIds: string[];
  time: number;
  /** For `kv`: the entries that changed (`type` 1 set, 2 delete). */
  entries?: Array<{ key: string; value: string; type: number; userId: string }>;
}

/** Where and how status events are POSTed: the signed POST queue's settings (the queue names itself). */
export type StatusSyncOptions = Pick<
  SignedPostOptions<StatusEvent>,
  'url' | 'appKey' | 'appSecret' | 'clock' | 'retries' | 'backoffMs' | 'log'
>;

/** A queue of status events POSTed in order, in batches of at most 100 (a JSON array each). */
export class StatusSync extends SignedPostQueue<StatusEvent> {
  constructor(options: StatusSyncOptions) {
    super({ ...options, name: 'status-sync' });
  }
}
