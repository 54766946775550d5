// Listeners for a stream of events: any number of them, each with a way to
// stop listening. Used wherever the app would otherwise have one callback slot
// (which a second listener would silently replace).

export type Unsubscribe = () => void;

export class Emitter<T> {
  private readonly listeners = new Set<(event: T) => void>();

  /** Calls `listener` with every event from now on, until the returned function is called. */
  subscribe(listener: (event: T) => void): Unsubscribe {
    // A wrapper, so the same function subscribed twice is two subscriptions.
    const entry = (event: T) => listener(event);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  emit(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
