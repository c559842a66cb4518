import type { Bus, InboxEvent, InboxHandler } from './bus.js';

/**
 * A bus for one server process: `publish` calls the subscribers synchronously, so an item pushed
 * right after a reply reaches the socket after that reply.
 */
export class InProcessBus implements Bus {
  private readonly handlers = new Set<InboxHandler>();

  publish(event: InboxEvent): void {
    for (const handler of this.handlers) {
      try {
        handler(event);
      } catch {
        // One broken subscriber must not stop delivery to the others.
      }
    }
  }

  subscribe(handler: InboxHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
