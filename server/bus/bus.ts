/**
 * Fan-out between the chat domain and the gateways. The domain publishes "these items reached
 * user X's inbox"; every gateway (one per server process) subscribes and pushes them to the
 * user's open sockets. In-process today (`in-process.ts`); Redis or NATS can implement the same.
 */
import type { InboxItem, WireConversation } from '../../src/protocol/frames.js';

/** Items for one user's inbox, with the current state of the conversations they touch. */
export interface InboxEvent {
  userId: string;
  /**
   * Stored items in seq order; live-only status messages travel as `seq: 0` items (not stored,
   * never returned by `sync`, not part of the seq sequence).
   */
  items: InboxItem[];
  conversations: WireConversation[];
}

export type InboxHandler = (event: InboxEvent) => void;

export interface Bus {
  /** Delivers the event to every subscriber (in every process); never throws for a slow one. */
  publish(event: InboxEvent): void;
  /** Returns an unsubscribe function. */
  subscribe(handler: InboxHandler): () => void;
  close(): Promise<void>;
}
