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

/** Sends my contact card to the open conversation. */
export function sendCard(me: DemoUser): void {
  const selected = imkit.store.selectedConversation;
  if (!selected || !Card) return;
  void imkit.sendMessage(selected, new Card({ name: me.name, userId: me.id }));
}

/**
 * Gets a token from the demo backend, inits the client and the kit (with the custom message type), connects
 * and loads the conversation list. Call once the elements are in the page.
 */
export async function startKit(me: DemoUser): Promise<void> {
  // The demo's stand-in for the app backend hands out a token; the App Secret stays on the server.
  const response = await fetch(`/demo/session.json?user=${encodeURIComponent(me.id)}`);
  if (!response.ok) throw new Error(`session: HTTP ${response.status}`);
  const session = (await response.json()) as Session;

  defineCustomElements();
  const libOption = { appkey: session.appkey, navi: session.navi };
  ParleyIM.init(libOption);
  imkit.init({ appkey: session.appkey, service, libOption, customMessage });
  Card = imkit.registerMessageType<{ name: string; userId: string }>(CARD, true, true);
  await imkit.changeLanguage({ lang: demoLanguage() });

  const result = await ParleyIM.connect(session.token);
  if (result.code !== ParleyIM.ErrorCode.SUCCESS) throw new Error(`connect: code ${result.code} ${result.msg ?? ''}`);
  await imkit.emit(CoreEvent.CONVERSATION, true);
}
