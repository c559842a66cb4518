// What every demo page shares, whatever framework draws it: the session, the profile service, a custom
// message type with its renderers, a custom menu item and a forward target. Each page calls `startKit()`
// once its three elements are in the page.
import * as ParleyIM from '../src/services/client/index.js';
import {
  CoreEvent,
  defineCustomElements,
  imkit,
  type CustomMenuItem,
  type CustomMessage,
  type ForwardList,
  type IMKitService,
  type KitConversation,
  type KitMessage,
  type RegisteredMessageConstructor,
} from '../src/index.js';
import { demoLanguage, tr } from './demo-text.js';
import { findGroup, findUser, groups, liveRoom, users, type DemoUser } from './directory.js';

export { ParleyIM, imkit, users, groups, liveRoom, type DemoUser };

interface Session {
  navi: string;
  appkey: string;
  userId: string;
  token: string;
}

/** The signed-in demo user, from `?user=` (default Alice). */
export function currentUser(): DemoUser {
  return findUser(new URLSearchParams(location.search).get('user') ?? '') ?? users[0]!;
}

const unknownUser = (id: string): DemoUser => ({ id, name: id, portraitUri: '' });

/** The app's profile service: the kit asks it for names and avatars. A real app asks its backend. */
export const service: IMKitService = {
  getUserProfile: (userId) => findUser(userId) ?? unknownUser(userId),
  getConversationProfile: (conversations) =>
    conversations.map((conversation) => {
      const isGroup = conversation.conversationType === ParleyIM.ConversationType.GROUP;
      const isRoom = conversation.conversationType === ParleyIM.ConversationType.CHATROOM;
      const profile = isGroup
        ? findGroup(conversation.targetId)
        : isRoom
          ? conversation.targetId === liveRoom.id
            ? liveRoom
            : undefined
          : findUser(conversation.targetId);
      return {
        ...conversation,
        name: profile?.name ?? conversation.targetId,
        portraitUri: profile?.portraitUri ?? '',
        memberCount: isGroup ? (findGroup(conversation.targetId)?.memberIds.length ?? 0) : 0,
      };
    }),
  getGroupMembers: (conversation) =>
    (findGroup(conversation.targetId)?.memberIds ?? []).map((id) => findUser(id) ?? unknownUser(id)),
};

/** The demo's custom message type: a contact card. */
export const CARD = 'demo:card';

const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Renderers of the card: a bubble in the message list and a preview in the conversation list (sanitised by the kit). */
export const customMessage: CustomMessage = {
  userMessage: {
    [CARD]: (message) =>
      `<div style="display: flex; flex-direction: column; gap: 0.25em; min-width: 10em">
        <strong style="font-size: 0.8em; letter-spacing: 0.04em; text-transform: uppercase; opacity: 0.75">${escapeHtml(tr('cardLabel'))}</strong>
        <span style="font-size: 1.1em">${escapeHtml(message.content.name)}</span>
        <span style="font-size: 0.85em; opacity: 0.8">@${escapeHtml(message.content.userId)}</span>
      </div>`,
  },
  lastMessage: {
    [CARD]: (message) => escapeHtml(tr('cardPreview', { name: String(message.content.name ?? '') })),
  },
};

/** The app's items in the conversation menu: one that reports back through `onPick`. */
export function conversationMenu(onPick: (text: string) => void): CustomMenuItem<KitConversation>[] {
  return [
    {
      name: () => tr('copyConversationId'),
      callback: (conversation) => onPick(tr('conversationId', { id: conversation.targetId })),
    },
  ];
}

/** The app's items in the message menu: shown for cards only. */
export function messageMenu(onPick: (text: string) => void): CustomMenuItem<KitMessage>[] {
  return [
    {
      name: (message) => (message.messageType === CARD ? tr('openCard') : undefined),
      callback: (message) => onPick(tr('cardOf', { name: String(message.content.name) })),
    },
  ];
}

/** Forward target: the demo group. */
export const forwardList: ForwardList = {
  callback: () => [{ conversationType: ParleyIM.ConversationType.GROUP, targetId: groups[0]!.id }],
};

let Card: RegisteredMessageConstructor<{ name: string; userId: string }> | undefined;

const openListeners = new Set<() => void>();

/** Whether a conversation is open (so "Send my card" has somewhere to go). */
export function isConversationOpen(): boolean {
  return imkit.initialized && imkit.store.selectedConversation !== undefined;
}

/** Calls `listener` when a conversation opens or closes (also when the kit starts); returns the unsubscribe. */
export function onConversationOpenChange(listener: () => void): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

/** Tells the listeners above when the open conversation comes or goes. */
function followOpenConversation(): void {
  let open = isConversationOpen();
  imkit.store.subscribe(() => {
    if (isConversationOpen() === open) return;
    open = !open;
    for (const listener of openListeners) listener();
  });
}

/** Sends my contact card to the open conversation. */
export function sendCard(me: DemoUser): void {
  const selected = imkit.store.selectedConversation;
  if (!selected || !Card) return;
  void imkit.sendMessage(selected, new Card({ name: me.name, userId: me.id }));
}

/** A refusal that waiting cannot cure (unknown user, bad token, blocked user): shown, not retried. */
class StartRefused extends Error {}

/** The first tries wait 1 s, 2 s, 4 s, then every 8 s; back on the network, the next try goes at once. */
function waitBeforeRetry(attempt: number): Promise<void> {
  const delay = Math.min(8_000, 1_000 * 2 ** attempt);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, delay);
    window.addEventListener('online', done);
  });
}

/** Gets a token from the demo backend (it needs the IM server: a 502 while that is down, so retried). */
async function fetchSession(me: DemoUser): Promise<Session | undefined> {
  const response = await fetch(`/demo/session.json?user=${encodeURIComponent(me.id)}`).catch(() => undefined);
  if (response?.status === 404) throw new StartRefused(`session: HTTP 404 (unknown user ${me.id})`);
  return response?.ok ? ((await response.json()) as Session) : undefined;
}

/** The client's own line between refusals and network trouble: auth and policy codes (31001–31999) end it. */
const refused = (code: number) => code > ParleyIM.ErrorCode.RC_CONN_ACK_TIMEOUT && code < 32_000;

/**
 * Gets a token from the demo backend, inits the client and the kit (with the custom message type), connects
 * and loads the conversation list. Call once the elements are in the page.
 *
 * The client reconnects by itself only after a first success (as the seeds' IMLib does); a page opened while
 * the server is down would stay unconnected, so the demo, as an app would, tries the session and the first
 * connect again with a backoff until they work. The kit meanwhile says "Connecting…". Rejects only on a
 * refusal (unknown user, bad token, blocked user).
 */
export async function startKit(me: DemoUser): Promise<void> {
  let session: Session | undefined;
  for (let attempt = 0; !(session = await fetchSession(me)); attempt++) await waitBeforeRetry(attempt);

  defineCustomElements();
  const libOption = { appkey: session.appkey, navi: session.navi };
  ParleyIM.init(libOption);
  imkit.init({ appkey: session.appkey, service, libOption, customMessage });
  Card = imkit.registerMessageType<{ name: string; userId: string }>(CARD, true, true);
  followOpenConversation();
  await imkit.changeLanguage({ lang: demoLanguage() });

  for (let attempt = 0; ; attempt++) {
    const result = await ParleyIM.connect(session.token);
    if (result.code === ParleyIM.ErrorCode.SUCCESS) break;
    if (refused(result.code)) throw new StartRefused(`connect: code ${result.code} ${result.msg ?? ''}`);
    await waitBeforeRetry(attempt);
  }
  await imkit.emit(CoreEvent.CONVERSATION, true);
}
