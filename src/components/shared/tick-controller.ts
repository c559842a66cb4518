import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host once a second while `active()` is true (a countdown on screen), and not at
 * all otherwise; checked after every update, stopped on disconnect.
 */
export class TickController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #active: () => boolean;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost, active: () => boolean) {
    this.#host = host;
    this.#active = active;
    host.addController(this);
  }

  hostUpdated(): void {
    const active = this.#active();
    if (active && !this.#timer) this.#timer = setInterval(() => this.#host.requestUpdate(), 1000);
    if (!active) this.#stop();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
