/**
 * Following the online status of the peers of the listed private conversations (the body of the
 * online status slice's `followOnlineStatus`), loaded when an app turns the online dots on
 * (`imkit.init({ showOnlineStatus: true })`).
 */
import { ErrorCode, ConversationType, PresenceLimits, SubscribeType } from '../../protocol/constants.js';
import type { ISubscribeUserStatusInfo } from '../client/subscriptions.js';
import type { StorePort } from './slice.js';

/** How long each subscription lasts, s; renewed at half of it. */
const EXPIRY_S = 86_400;

/** Starts following; returns the function that stops it (and unsubscribes). */
export function followOnlineStatus(port: StorePort, subscribe: (listener: () => void) => () => void): () => void {
  const { client } = port;
  const { subscribeUserStatus, getSubscribeUserStatus, unSubscribeUserStatus } = client;
  // A client without online status subscriptions shows no dots.
  if (!subscribeUserStatus || !getSubscribeUserStatus || !unSubscribeUserStatus) return () => {};
  /** Peers followed in this session of the client, and when each was last (re)subscribed. */
  const followed = new Map<string, number>();
  let pending: Promise<unknown> = Promise.resolve();
  const setOnline = (online: Record<string, true>) => port.set({ online });

  const apply = (list: ISubscribeUserStatusInfo[]) => {
    const next = { ...(port.get().online ?? {}) };
    let changed = false;
    for (const item of list) {
      if (item.subscribeType !== SubscribeType.ONLINE_STATUS) continue;
      const on = item.details[0]?.eventValue === 1;
      if (on === !!next[item.userId]) continue;
      changed = true;
      if (on) next[item.userId] = true;
      else delete next[item.userId];
    }
    if (changed) setOnline(next);
  };

  const follow = () => {
    const state = port.get();
    if (state.status !== 'connected') return;
    const now = Date.now();
    const peers = state.conversationList
      .filter((c) => c.conversationType === ConversationType.PRIVATE && c.targetId !== state.userId)
      .map((c) => c.targetId);
    const due = peers.filter((p) => !followed.has(p) || now - followed.get(p)! > (EXPIRY_S * 1000) / 2);
    // Within the seeds' 1000 followed users: the newest conversations first.
    const room = PresenceLimits.SUBSCRIPTIONS_MAX - followed.size;
    const batch = due
      .filter((p) => followed.has(p))
      .concat(due.filter((p) => !followed.has(p)).slice(0, Math.max(0, room)));
    if (batch.length === 0) return;
    for (const p of batch) followed.set(p, now);
    pending = pending.then(async () => {
      for (let i = 0; i < batch.length; i += PresenceLimits.USERS_PER_CALL) {
        const chunk = batch.slice(i, i + PresenceLimits.USERS_PER_CALL);
        const res = await subscribeUserStatus.call(client, chunk, SubscribeType.ONLINE_STATUS, EXPIRY_S);
        if (res.code !== ErrorCode.SUCCESS) {
          for (const p of chunk) followed.delete(p);
          continue;
        }
        const current = await getSubscribeUserStatus.call(client, SubscribeType.ONLINE_STATUS, chunk);
        if (current.code === ErrorCode.SUCCESS && current.data) apply(current.data);
      }
    });
  };

  const onChange = (list: ISubscribeUserStatusInfo[]) => apply(list);
  // A new session starts from what the server says: forget the old view, follow again.
  const onConnected = () => {
    followed.clear();
    follow();
  };
  // While this client is away it cannot know who is online: no dots rather than stale ones.
  const onAway = () => {
    if (Object.keys(port.get().online ?? {}).length > 0) setOnline({});
  };
  client.addEventListener('subscribed_user_status_change', onChange);
  client.addEventListener('connected', onConnected);
  client.addEventListener('suspend', onAway);
  client.addEventListener('disconnect', onAway);
  let lastList = port.get().conversationList;
  const unsubscribe = subscribe(() => {
    if (port.get().conversationList === lastList) return;
    lastList = port.get().conversationList;
    follow();
  });
  const renew = setInterval(follow, (EXPIRY_S * 1000) / 4);
  follow();
  return () => {
    unsubscribe();
    clearInterval(renew);
    client.removeEventListener('subscribed_user_status_change', onChange);
    client.removeEventListener('connected', onConnected);
    client.removeEventListener('suspend', onAway);
    client.removeEventListener('disconnect', onAway);
    const ids = [...followed.keys()];
    for (let i = 0; i < ids.length; i += PresenceLimits.USERS_PER_CALL) {
      void unSubscribeUserStatus.call(
        client,
        ids.slice(i, i + PresenceLimits.USERS_PER_CALL),
        SubscribeType.ONLINE_STATUS,
      );
    }
  };
}
