import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ErrorCode } from '../../protocol/constants.js';
import { KitElement } from '../shared/kit-element.js';
import { hostStyles } from '../shared/shared.styles.js';
import { StoreController } from '../shared/store-controller.js';
import { TickController } from '../shared/tick-controller.js';
import { connectionBannerStyles } from './connection-banner.styles.js';

/** A first connect shorter than this shows nothing, so a page load does not flash "Connecting…". */
const CONNECTING_QUIET_MS = 1000;

/** What the banner says: the line screen readers hear, the visible label and the seconds to the next retry. */
interface BannerView {
  readonly state: 'connecting' | 'reconnecting' | 'lost' | 'offline' | 'disconnected';
  readonly announce: string;
  readonly label: string;
  readonly retryIn: number;
}

/**
 * Parley: says when the kit is not connected: "Connecting…" (a first connect that takes a while),
 * "Connection lost · Retrying in 3 s" or "You are offline" while the client reconnects by itself,
 * "Reconnecting…" during an attempt, "Disconnected" when it stopped ("Signed in on another device" when
 * the server ended the session for a newer one, 31010). Nothing shows while connected. By default the bar
 * floats over the top edge of what follows the element and never takes layout space, so the chat under it
 * does not move when it comes and goes; with `placement="row"` it takes a row of its own (centred in it)
 * while it shows, so it covers nothing: put it at the top of the message pane. Messages sent meanwhile wait
 * in the outgoing queue and go out after the reconnect.
 *
 * Screen readers hear it through a polite status region that changes only when the state does;
 * the countdown is visible only, so it is not read out every second.
 *
 * It is its own element rather than a part of `<message-list>`: the connection belongs to the whole
 * kit, not to one conversation, so one banner per page (above the chat, across the columns) says it
 * once, also while no conversation is open, and the list's scroll geometry stays its own.
 *
 * @tagname connection-banner
 * @summary Connection state of the kit (connecting, offline, reconnecting with a countdown).
 *
 * @csspart banner - The visible bar (absent while connected).
 * @csspart label - What is going on.
 * @csspart countdown - "Retrying in N s".
 *
 * @cssproperty --connection-banner-background - Background of the bar.
 * @cssproperty --connection-banner-color - Text colour of the bar.
 * @cssproperty --connection-banner-offset - How far below the top edge of what follows the bar floats (`0.5em`); set it to clear a header there.
 */
export class ConnectionBanner extends KitElement {
  static override styles = [hostStyles, connectionBannerStyles];

  /**
   * `overlay` (default): the bar floats over what follows the element and never takes space. `row`: the
   * bar takes a row of its own while it shows (nothing while connected), so it hides no message.
   */
  @property({ reflect: true }) placement: 'overlay' | 'row' = 'overlay';

  readonly #status = new StoreController(this, (s) => s.status);
  readonly #reconnectAt = new StoreController(this, (s) => s.reconnectAt);
  readonly #userId = new StoreController(this, (s) => s.userId);
  readonly #disconnectCode = new StoreController(this, (s) => s.disconnectCode);
  /**
   * Re-renders every second while not connected: the countdown, and the end of the quiet connect (which shows
   * nothing yet, so it cannot wait for a banner to be on screen before ticking).
   */
  // eslint-disable-next-line no-unused-private-class-members -- the controller adds itself to the host; the field only holds it
  readonly #tick = new TickController(this, () => !['connected', 'idle', undefined].includes(this.#status.value));
  #statusSince = Date.now();
  #lastStatus: string | undefined;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const status = this.#status.value;
    if (status !== this.#lastStatus) {
      this.#lastStatus = status;
      this.#statusSince = Date.now();
    }
  }

  override render() {
    const view = this.#view();
    // The status region is always there (a region added with its text is often not read out).
    return html`<div class="visually-hidden" role="status" aria-live="polite">${view?.announce ?? ''}</div>
      ${
        view
          ? html`<div class="banner" part="banner" data-state=${view.state} aria-hidden="true">
            <span class="dot"></span>
            <span class="label" part="label">${view.label}</span>
            ${
              view.retryIn > 0
                ? html`<span class="countdown" part="countdown">${this.i18n.t('connection.retryIn', { seconds: view.retryIn })}</span>`
                : nothing
            }
          </div>`
          : nothing
      }`;
  }

  #view(): BannerView | null {
    const t = (key: string) => this.i18n.t(key);
    const status = this.#status.value;
    const wasConnected = !!this.#userId.value;
    if (!status || status === 'connected' || status === 'idle') return null;
    if (status === 'disconnected') {
      // Another device of this user took the session over (the server's device policy): say so, or
      // the user waits for a reconnect that will not come.
      const text =
        this.#disconnectCode.value === ErrorCode.RC_DISCONN_KICK
          ? t('connection.kicked')
          : t('connection.disconnected');
      return { state: 'disconnected', announce: text, label: text, retryIn: 0 };
    }
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    const announce = offline
      ? t('connection.offline')
      : wasConnected
        ? t('connection.reconnecting')
        : t('connection.connecting');
    if (status === 'connecting') {
      if (!wasConnected && Date.now() - this.#statusSince < CONNECTING_QUIET_MS) return null;
      return {
        state: wasConnected ? 'reconnecting' : 'connecting',
        announce,
        label: wasConnected ? t('connection.reconnecting') : t('connection.connecting'),
        retryIn: 0,
      };
    }
    const at = this.#reconnectAt.value ?? 0;
    const retryIn = at > 0 ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : 0;
    return {
      state: offline ? 'offline' : 'lost',
      announce,
      label: offline ? t('connection.offline') : t('connection.lost'),
      retryIn,
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'connection-banner': ConnectionBanner;
  }
}
