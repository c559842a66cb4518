/**
 * Offline push: Parley cannot reach Apple's or Google's push services itself, so when a message
 * reaches a user who has no socket on any node, it hands the push to the app: a signed, batched,
 * retried POST to the app's webhook (docs/push.md). Do-not-disturb levels and `disableNotification`
 * are respected; nothing here delays delivery.
 */
import { NotificationLevel } from '../../src/protocol/messaging-limits.js';
import { ConversationType } from '../../src/protocol/enums.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import type { Delivery, Storage } from '../storage/storage.js';
import { SignedPostQueue, type SignedPostStats } from '../webhook/signed-post-queue.js';
import { pushNotice, type PushNotice, type PushRequest } from './push-notice.js';
import type { WebPushOptions, WebPushSender } from './web-push.js';

export interface PushOptions {
  /** The app's push webhook (http or https); pushes for offline recipients are POSTed here. */
  webhookUrl?: string;
  /** How long to gather pushes into one POST, ms (default 100). */
  batchDelayMs?: number;
  /** Attempts after the first failed POST (default 5), starting `backoffMs` apart (default 500), doubling. */
  retries?: number;
  backoffMs?: number;
  /** Also (or only) send the pushes to the browsers users subscribed with `subscribeWebPush`. */
  webPush?: WebPushOptions;
}

export interface OfflinePushPorts {
  bus: Pick<Bus, 'usersOnline'>;
  storage: Pick<Storage, 'getUser' | 'getGroup' | 'getConversations' | 'messaging'>;
  clock: Clock;
  appKey: string;
  appSecret: string;
  log(line: string): void;
}

/** Whether a conversation's do-not-disturb level lets this message through. */
function levelAllows(level: number, message: WireMessage, userId: string): boolean {
  const info = message.content['mentionedInfo'] as { type?: unknown; userIdList?: unknown } | undefined;
  const all = info?.type === 1;
  const me = Array.isArray(info?.userIdList) && info.userIdList.includes(userId);
  switch (level) {
    case NotificationLevel.NOT_MESSAGE_NOTIFICATION:
      return false;
    case NotificationLevel.AT_MESSAGE_NOTIFICATION:
      return all || me;
    case NotificationLevel.AT_USER_NOTIFICATION:
      return me;
    case NotificationLevel.AT_GROUP_ALL_USER_NOTIFICATION:
      return all;
    default:
      return true;
  }
}

export class OfflinePush {
  private readonly queue: SignedPostQueue<PushNotice> | null;

  constructor(
    private readonly ports: OfflinePushPorts,
    options: PushOptions,
    private readonly webPush: WebPushSender | null,
  ) {
    this.queue = options.webhookUrl ? this.webhookQueue(options.webhookUrl, options) : null;
  }

  private webhookQueue(url: string, options: PushOptions): SignedPostQueue<PushNotice> {
    const ports = this.ports;
    return new SignedPostQueue<PushNotice>({
      url,
      appKey: ports.appKey,
      appSecret: ports.appSecret,
      clock: ports.clock,
      retries: options.retries ?? 5,
      backoffMs: options.backoffMs ?? 500,
      batchDelayMs: options.batchDelayMs ?? 100,
      body: (pushes) => ({ appKey: ports.appKey, pushes }),
      name: 'push',
      log: ports.log,
    });
  }

  /** Webhook POSTs (zeros without a webhook) and Web Push sends. */
  get stats(): SignedPostStats & { webPush: WebPushSender['stats'] | null } {
    return {
      ...(this.queue?.stats ?? { posted: 0, failedAttempts: 0, dropped: 0 }),
      webPush: this.webPush ? { ...this.webPush.stats } : null,
    };
  }

  /** After a message was stored: queues pushes for its offline recipients. Never throws. */
  afterSend(message: WireMessage, deliveries: Delivery[], request: PushRequest | undefined): void {
    if (message.disableNotification || message.isStatusMessage) return;
    const candidates = deliveries
      .filter((d) => d.countUnread && d.userId !== message.senderUserId)
      .map((d) => d.userId);
    if (candidates.length === 0) return;
    const notices = this.notices(message, candidates, request).then((list) => {
      for (const notice of list) this.webPush?.send(notice);
      return list;
    });
    this.lookups.add(notices);
    void notices.finally(() => this.lookups.delete(notices));
    // The webhook queue keeps this message's place while presence and names are looked up.
    this.queue?.push(
      notices.then((list) => {
        for (const notice of list.slice(1)) this.queue?.push(notice);
        return list[0] ?? null;
      }),
    );
  }

  private readonly lookups = new Set<Promise<PushNotice[]>>();

  /** Resolves when every push was posted, sent or dropped (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.lookups.size > 0) await Promise.all([...this.lookups]);
    await Promise.all([this.queue?.idle(), this.webPush?.idle()]);
  }

  close(): void {
    this.queue?.close();
  }

  private async notices(
    message: WireMessage,
    candidates: string[],
    request: PushRequest | undefined,
  ): Promise<PushNotice[]> {
    try {
      const online = await this.ports.bus.usersOnline(candidates);
      const offline = candidates.filter((userId) => !online.has(userId));
      if (offline.length === 0) return [];
      const isGroup = message.conversationType === ConversationType.GROUP;
      const [sender, group] = await Promise.all([
        this.ports.storage.getUser(message.senderUserId),
        isGroup ? this.ports.storage.getGroup(message.targetId) : Promise.resolve(null),
      ]);
      const notices: PushNotice[] = [];
      for (const userId of offline) {
        const key = {
          conversationType: message.conversationType,
          targetId: isGroup ? message.targetId : message.senderUserId,
        };
        const [conversation] = await this.ports.storage.getConversations(userId, [key]);
        if (!levelAllows(conversation?.notificationLevel ?? 0, message, userId)) continue;
        const badge = await this.ports.storage.messaging.totalUnread(userId, false, undefined);
        const notice = pushNotice(message, userId, request, {
          senderName: sender?.name || message.senderUserId,
          groupName: group?.name || message.targetId,
          badge,
        });
        if (notice) notices.push(notice);
      }
      return notices;
    } catch (error) {
      this.ports.log(`push: ${message.messageUId} not pushed: ${(error as Error).message}`);
      return [];
    }
  }
}

/** Refuses a webhook URL that is not http(s), naming it, so a typo fails at start and not at the first push. */
export function checkPushOptions(options: PushOptions): PushOptions {
  if (!options.webhookUrl && !options.webPush) throw new Error('push: give a webhookUrl, webPush, or both');
  if (options.webPush && !/^(mailto:|https:\/\/)/.test(options.webPush.subject)) {
    throw new Error(
      `push: the Web Push subject must be a mailto: or https: URL: ${JSON.stringify(options.webPush.subject)}`,
    );
  }
  if (!options.webhookUrl) return options;
  let url: URL;
  try {
    url = new URL(options.webhookUrl);
  } catch {
    throw new Error(`push webhook URL is not a URL: ${JSON.stringify(options.webhookUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`push webhook URL must be http or https: ${options.webhookUrl}`);
  return options;
}
