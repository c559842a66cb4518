/**
 * Web Push: the offline pushes of a user also go to the browsers she subscribed (`subscribeWebPush`),
 * encrypted and VAPID-signed by the `web-push` package; the POST itself is ours (fetch, with a
 * timeout). Endpoints must belong to a known push service, so a subscription cannot make the server
 * POST to an arbitrary or internal address. Gone subscriptions (404, 410) are forgotten.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { PushLimits } from '../../src/protocol/push.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../domain/errors.js';
import type { PushStorage, WebPushSubscriptionRecord } from '../storage/push-storage.js';
import type { PushNotice } from './push-notice.js';

/** The browsers' push services: FCM (Chrome, Edge on Android), Mozilla, Windows (WNS), Apple. */
export const DEFAULT_PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '.notify.windows.com',
  '.push.apple.com',
];

export interface WebPushOptions {
  /** The VAPID subject: `mailto:` address or https URL the push services may contact. Setting it turns Web Push on. */
  subject: string;
  /** VAPID keys (base64url); when absent they are generated once and kept in `<dataDir>/vapid.json` (every node of a cluster needs the same pair). */
  publicKey?: string;
  privateKey?: string;
  /**
   * Where endpoints may point: a host (`fcm.googleapis.com`), a suffix (`.push.apple.com`) or a full
   * origin (`http://127.0.0.1:9000`, the only way to allow http). Default `DEFAULT_PUSH_SERVICE_HOSTS`.
   */
  endpointHosts?: string[];
  /** How long a push service keeps an undelivered push, s (default 86400). */
  ttlSeconds?: number;
}

/** The VAPID key pair: given, kept in the data folder, or generated there now. */
export function resolveVapidKeys(options: WebPushOptions, dataDir: string): { publicKey: string; privateKey: string } {
  if (options.publicKey && options.privateKey) return { publicKey: options.publicKey, privateKey: options.privateKey };
  const file = join(dataDir, 'vapid.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

/** Whether an endpoint URL is one of the allowed push services. */
export function endpointAllowed(endpoint: string, hosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (hosts.includes(url.origin)) return true;
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return hosts.some((host) => (host.startsWith('.') ? url.hostname.endsWith(host) : url.hostname === host));
}

export class WebPushSender {
  readonly publicKey: string;
  private readonly hosts: readonly string[];
  private readonly pending = new Set<Promise<void>>();
  readonly stats = { sent: 0, failed: 0, expired: 0 };

  constructor(
    private readonly ports: { storage: PushStorage; clock: Clock; log(line: string): void },
    private readonly options: WebPushOptions,
    private readonly keys: { publicKey: string; privateKey: string },
  ) {
    this.publicKey = keys.publicKey;
    this.hosts = options.endpointHosts ?? DEFAULT_PUSH_SERVICE_HOSTS;
  }

  /** Stores a user's subscription; 33003 when its endpoint is not an allowed push service. */
  async subscribe(userId: string, subscription: WebPushSubscriptionRecord): Promise<void> {
    if (!endpointAllowed(subscription.endpoint, this.hosts)) {
      throw new DomainError(ErrorCode.BIZ_ERROR_INVALID_PARAMETER, 'endpoint: not a push service this server sends to');
    }
    await this.ports.storage.saveWebPushSubscription(
      userId,
      subscription,
      this.ports.clock.now(),
      PushLimits.WEB_PUSH_SUBSCRIPTIONS_PER_USER,
    );
  }

  unsubscribe(userId: string, endpoint: string): Promise<void> {
    return this.ports.storage.removeWebPushSubscription(endpoint, userId);
  }

  /** Sends one push to every browser of its user; never throws. */
  send(notice: PushNotice): void {
    const sending = this.sendNow(notice).catch((error: Error) =>
      this.ports.log(`web-push: ${notice.userId}: ${error.message}`),
    );
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async sendNow(notice: PushNotice): Promise<void> {
    const payload = JSON.stringify({
      title: notice.title,
      content: notice.content,
      data: notice.data,
      badge: notice.badge,
      message: notice.message,
    });
    for (const subscription of await this.ports.storage.webPushSubscriptions(notice.userId)) {
      if (!endpointAllowed(subscription.endpoint, this.hosts)) continue;
      const request = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        payload,
        {
          vapidDetails: { subject: this.options.subject, ...this.keys },
          TTL: this.options.ttlSeconds ?? 86_400,
          urgency: notice.isVoipPush ? 'high' : 'normal',
          contentEncoding: 'aes128gcm',
        },
      );
      const res = await fetch(request.endpoint, {
        method: 'POST',
        headers: request.headers as Record<string, string>,
        body: new Uint8Array(request.body),
        redirect: 'error',
        signal: AbortSignal.timeout(10_000),
      }).catch(() => null);
      await res?.arrayBuffer().catch(() => undefined);
      if (res && res.status >= 200 && res.status < 300) this.stats.sent++;
      else if (res && (res.status === 404 || res.status === 410)) {
        this.stats.expired++;
        await this.ports.storage.removeWebPushSubscription(subscription.endpoint);
      } else this.stats.failed++;
    }
  }
}
