/** A set of callbacks where one throwing handler never stops the others. */
export class HandlerSet<T> {
  private readonly handlers = new Set<(value: T) => void>();

  add(handler: (value: T) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  emit(value: T): void {
    for (const handler of this.handlers) {
      try {
        handler(value);
      } catch {
        // One broken subscriber must not stop delivery to the others.
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
