/**
 * Test helpers for the browser suites (not part of the package). Sessions come from the test-only
 * routes the web-test-runner config serves next to a real Parley server.
 */
import 'axe-core/axe.min.js';
import type { AxeResults } from 'axe-core';
import { fixture } from '@open-wc/testing';
import { html } from 'lit';
import { defineCustomElements } from '../define.js';
import { ConversationType } from '../../protocol/constants.js';
import { ParleyClient } from '../../services/client/index.js';
import { createKit, CoreEvent, type IMKit, type IMKitInitOption } from '../../kit/kit.js';
import type { IMKitService } from '../../services/profile/types.js';
import type { ConversationList } from '../conversation-list/conversation-list.js';
import type { MessageEditor } from '../message-editor/message-editor.js';
import type { MessageList } from '../message-list/message-list.js';

defineCustomElements();

export interface Session {
  navi: string;
  appkey: string;
  token: string;
  userId: string;
}

/** A user id unique to this run, so tests never see each other's conversations. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Gets a token for `userId` from the test server (registers the user). */
export async function session(userId: string): Promise<Session> {
  const res = await fetch(`/__parley/session?user=${encodeURIComponent(userId)}`);
  return (await res.json()) as Session;
}

/** Calls the Server API through the test route (the secret stays in the runner). */
export async function serverApi(
  path: string,
  params: Record<string, unknown>,
): Promise<{ code: number; [key: string]: unknown }> {
  const res = await fetch(`/__parley/api?path=${encodeURIComponent(path)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  return res.json();
}

/** Publishes a private text message from one user to another through the Server API. */
export function publishText(fromUserId: string, toUserId: string, content: string) {
  return serverApi('/message/private/publish.json', {
    fromUserId,
    toUserId,
    objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content }),
  });
}

/** A profile service with readable names (`Name of <id>`), overridable per id. */
export function testService(overrides: Record<string, { name?: string; portraitUri?: string }> = {}): IMKitService {
  return {
    getUserProfile: (id) => ({ id, name: `Name of ${id}`, portraitUri: '', ...overrides[id] }),
    getConversationProfile: (conversations) =>
      conversations.map((c) => ({ ...c, name: `Name of ${c.targetId}`, portraitUri: '', ...overrides[c.targetId] })),
  };
}

export interface TestUser {
  userId: string;
  kit: IMKit;
  client: ParleyClient;
}

const live: TestUser[] = [];

/** Connects a user with their own client and kit (nothing provided through context); `options` go to `init`. */
export async function connectUser(
  userId: string,
  service: IMKitService = testService(),
  options: IMKitInitOption = {},
): Promise<TestUser> {
  const s = await session(userId);
  const client = new ParleyClient({ appkey: s.appkey, navi: s.navi, reconnectMinDelay: 50, reconnectMaxDelay: 200 });
  const kit = createKit({ client });
  kit.init({ appkey: s.appkey, service, provideOn: null, ...options });
  const res = await client.connect(s.token);
  if (res.code !== 0) throw new Error(`connect ${userId} failed: ${res.code}`);
  await kit.emit(CoreEvent.CONVERSATION, true);
  const user = { userId, kit, client };
  live.push(user);
  return user;
}

/**
 * An anonymous chatroom guest: the app's backend (the test route) gets a guest token for the room,
 * and a kit connects with it. Disconnected by `disconnectAll` like a user.
 */
export async function connectGuest(
  roomId: string,
  options: { guestId?: string; service?: IMKitService; init?: IMKitInitOption } = {},
): Promise<TestUser> {
  const issued = await serverApi('/chatroom/guest/token.json', {
    chatroomId: roomId,
    ...(options.guestId ? { guestId: options.guestId } : {}),
  });
  if (issued.code !== 200) throw new Error(`guest token for ${roomId}: ${JSON.stringify(issued)}`);
  // Any session gives the app key and address; the guest token replaces its user token.
  const s = await session(uniqueId('guest-host'));
  const client = new ParleyClient({ appkey: s.appkey, navi: s.navi, reconnectMinDelay: 50, reconnectMaxDelay: 200 });
  const kit = createKit({ client });
  kit.init({ appkey: s.appkey, service: options.service ?? testService(), provideOn: null, ...options.init });
  const res = await client.connect(issued.token as string);
  if (res.code !== 0) throw new Error(`guest connect failed: ${res.code}`);
  await kit.emit(CoreEvent.CONVERSATION, true);
  const user = { userId: issued.userId as string, kit, client };
  live.push(user);
  return user;
}

/** Disconnects every user connected by this suite; call in `afterEach`. */
export async function disconnectAll(): Promise<void> {
  for (const user of live.splice(0)) {
    user.kit.destroy();
    await user.client.disconnect();
  }
}

export interface ChatView {
  root: HTMLElement;
  list: ConversationList;
  messages: MessageList;
  editor: MessageEditor;
}

/** Renders the three elements in sibling divs, wired to `user`'s store. */
export async function mountChat(user: TestUser, baseSize?: string): Promise<ChatView> {
  const root = await fixture<HTMLElement>(html`<div style="display:flex;height:420px;width:760px">
    <div style="width:260px;height:100%"><conversation-list base-size=${baseSize ?? '16px'} .store=${user.kit.store}></conversation-list></div>
    <div style="flex:1;display:flex;flex-direction:column;height:100%">
      <div style="flex:1;min-height:0"><message-list base-size=${baseSize ?? '16px'} .store=${user.kit.store}></message-list></div>
      <div style="height:140px"><message-editor base-size=${baseSize ?? '16px'} .store=${user.kit.store}></message-editor></div>
    </div>
  </div>`);
  const list = root.querySelector('conversation-list')!;
  const messages = root.querySelector('message-list')!;
  const editor = root.querySelector('message-editor')!;
  await Promise.all([list.updateComplete, messages.updateComplete, editor.updateComplete]);
  return { root, list, messages, editor };
}

/** The open context menu inside `el`'s shadow root, if any. */
export const menuOf = (el: Element) => shadow(el).querySelector<HTMLElement>('[role="menu"]');
/** The names shown in a conversation list, in order. */
export const conversationNames = (list: ConversationList) =>
  items(list).map((i) => i.querySelector('.name')!.textContent);
/** The row of the private conversation with `id`. */
export const conversationItem = (list: ConversationList, id: string) =>
  items(list).find((i) => i.dataset.key === `1:${id}`);

/** A user on two devices (both kits mounted, showing the private conversation with a peer) and that peer. */
export interface TwoDevices {
  userId: string;
  one: TestUser;
  two: TestUser;
  peer: TestUser;
  view: ChatView;
  view2: ChatView;
}

/** Connects `name` twice and a peer `peerName` (unique ids), and opens their conversation on both devices. */
export async function userOnTwoDevices(name: string, peerName: string): Promise<TwoDevices> {
  const userId = uniqueId(name);
  const one = await connectUser(userId);
  const two = await connectUser(userId);
  const peer = await connectUser(uniqueId(peerName));
  const [view, view2] = [await mountChat(one), await mountChat(two)];
  const withPeer = { conversationType: ConversationType.PRIVATE, targetId: peer.userId };
  await one.kit.selectConversation(withPeer);
  await two.kit.selectConversation(withPeer);
  return { userId, one, two, peer, view, view2 };
}

/** A user on two devices, with a conversation from each of two peers (`ann`, `ben`) and the tags `tagNames` (ids in order). */
export interface UserWithTags {
  userId: string;
  one: TestUser;
  two: TestUser;
  ann: string;
  ben: string;
  tagIds: string[];
}

/** Connects a user twice, has two peers write to them (through the Server API) and creates `tagNames` from the first device. */
export async function userWithTags(...tagNames: string[]): Promise<UserWithTags> {
  const userId = uniqueId('me');
  const [one, two] = [await connectUser(userId), await connectUser(userId)];
  const [ann, ben] = [uniqueId('ann'), uniqueId('ben')];
  await publishText(ann, userId, 'a1');
  await publishText(ben, userId, 'b1');
  const tagIds: string[] = [];
  for (const name of tagNames) {
    const res = await one.kit.createTag(name);
    if (res.code !== 0) throw new Error(`createTag ${name} failed: ${res.code}`);
    tagIds.push(res.data!);
  }
  return { userId, one, two, ann, ben, tagIds };
}

/** The tabs of a conversation list's tag bar. */
export function tagTabs(list: ConversationList): HTMLElement[] {
  return [...shadow(list).querySelectorAll<HTMLElement>('[role="tab"]')];
}

/** The tag names on the tabs (without their unread counts). */
export function tagTabNames(list: ConversationList): string[] {
  return tagTabs(list).map((t) =>
    [...t.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim(),
  );
}

/** The open confirmation dialog of a kit element (the "Delete conversation" question), or null. */
export const confirmDialogOf = (el: Element) =>
  shadow(el).querySelector<HTMLDialogElement>('dialog.confirm-dialog[open]');

/** Waits for the confirmation dialog of `el` and answers it with its confirming button or Cancel. */
export async function answerConfirm(el: Element, confirm: boolean): Promise<void> {
  const dialog = await waitFor(() => confirmDialogOf(el), 2000, 'confirmation dialog');
  dialog.querySelector<HTMLButtonElement>(confirm ? '.confirm-action' : '.confirm-cancel')!.click();
}

/** Right-clicks `target` near its top-left corner; returns the event (to see whether the kit took it). */
export function rightClick(target: HTMLElement): MouseEvent {
  const rect = target.getBoundingClientRect();
  const event = new MouseEvent('contextmenu', {
    bubbles: true,
    composed: true,
    cancelable: true,
    button: 2,
    clientX: rect.left + 5,
    clientY: rect.top + 5,
  });
  target.dispatchEvent(event);
  return event;
}

/** Polls `check` until it returns a truthy value (or throws after `timeout` ms). */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  timeout = 3000,
  what = 'condition',
): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The shadow root of an element. */
export function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

/** Conversation items of a list. */
export function items(list: ConversationList): HTMLElement[] {
  return [...shadow(list).querySelectorAll<HTMLElement>('[role="option"]')];
}

/** Message rows of a list. */
export function messageRows(list: MessageList): HTMLElement[] {
  return [...shadow(list).querySelectorAll<HTMLElement>('.message')];
}

/** Visible bubble texts of a message list. */
export function bubbleTexts(list: MessageList): string[] {
  return [...shadow(list).querySelectorAll<HTMLElement>('.bubble')].map((b) => b.textContent ?? '');
}

/** Runs axe-core on an element and returns the serious and critical violations. */
export async function seriousViolations(el: Element): Promise<AxeResults['violations']> {
  const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
  const results = await axe.run(el, { resultTypes: ['violations'] });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable summary of axe violations for assertion messages. */
export function describeViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
}
