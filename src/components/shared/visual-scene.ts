/**
 * The scenes of the screenshot tests (`*.visual.test.ts`, run by web-test-runner.visual.config.mjs) and their
 * deterministic setup: a fresh server whose clock reads a fixed day, the browser's `Date` fixed to that day,
 * fixed users and avatars, a realistic group chat sent through the real server, and a page that has settled
 * (fonts and images loaded, nothing focused, no animation) before the picture is taken. Not part of the package.
 */
import { fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { html, nothing } from 'lit';
import { ConversationType } from '../../protocol/constants.js';
import type { IMKitService } from '../../services/profile/types.js';
import { connectUser, serverApi, shadow, waitFor, type TestUser } from './test-utils.js';

/** The scenes' day: Friday 14 March 2025 (UTC; the visual runs use the UTC time zone). */
const DAY = Date.UTC(2025, 2, 14);
/** A time of the scene's day. */
export const at = (hours: number, minutes = 0) => DAY + (hours * 60 + minutes) * 60_000;
/** What the browser's `Date` says during a scene: the evening of the scene's day. */
export const BROWSER_NOW = at(18, 30);

/** A round avatar with an initial, as an SVG data URL (no network, the same pixels every run). */
function avatar(initial: string, color: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<circle cx="32" cy="32" r="32" fill="${color}"/>` +
    `<text x="32" y="42" font-family="Noto Sans,sans-serif" font-size="28" font-weight="600" fill="#fff" text-anchor="middle">${initial}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** The scene's people and groups; Dan and the book club have no picture (the kit's initials show). */
export const PROFILES: Record<string, { name: string; portraitUri: string }> = {
  alice: { name: 'Alice Martin', portraitUri: avatar('A', '#6d5bd0') },
  bob: { name: 'Bob Okafor', portraitUri: avatar('B', '#1f8a70') },
  carol: { name: 'Carol Chen', portraitUri: avatar('C', '#d9822b') },
  dan: { name: 'Dan Ito', portraitUri: '' },
  trip: { name: 'Weekend trip', portraitUri: avatar('⛺', '#3a6ea5') },
  books: { name: 'Book club', portraitUri: '' },
};

/** The profile service of the scenes: fixed names and avatars. */
export const sceneService: IMKitService = {
  getUserProfile: (id) => ({ id, name: PROFILES[id]?.name ?? id, portraitUri: PROFILES[id]?.portraitUri ?? '' }),
  getConversationProfile: (conversations) =>
    conversations.map((c) => ({
      ...c,
      name: PROFILES[c.targetId]?.name ?? c.targetId,
      portraitUri: PROFILES[c.targetId]?.portraitUri ?? '',
      // The trip group is Alice, Bob and Carol: its header reads "Weekend trip (3)".
      ...(c.targetId === 'trip' ? { memberCount: 3 } : {}),
    })),
};

/**
 * Forgets what earlier scenes left in this browser (unsent messages, read marks, drafts), so a scene looks the
 * same whether its file runs alone or after others. A database still open elsewhere is left after a moment.
 */
async function clearBrowserStorage(): Promise<void> {
  localStorage.clear();
  sessionStorage.clear();
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.map(
      ({ name }) =>
        new Promise<void>((resolve) => {
          if (!name) return resolve();
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
          setTimeout(resolve, 1000);
        }),
    ),
  );
}

/** Replaces the test server with an empty one whose clock reads `time`, and fixes the browser's `Date` there. */
export async function freshWorld(time = at(8, 0)): Promise<void> {
  await clearBrowserStorage();
  const res = await fetch(`/__parley/clock?at=${time}&fresh=1`, { method: 'POST' });
  if (!res.ok) throw new Error(`clock: ${res.status}`);
  await executeServerCommand('fix-browser-clock', { at: BROWSER_NOW });
}

/** Moves the server's clock to `time` (only forward within one world). */
export async function serverTime(time: number): Promise<void> {
  await fetch(`/__parley/clock?at=${time}`, { method: 'POST' });
}

/** Fixes the browser's `Date` at `time` (timers keep running): moves a scene past a wait without waiting. */
export async function browserTime(time: number): Promise<void> {
  await executeServerCommand('fix-browser-clock', { at: time });
}

async function publish(
  kind: 'private' | 'group',
  from: string,
  to: string,
  objectName: string,
  content: unknown,
  time: number,
) {
  await serverTime(time);
  const target = kind === 'private' ? { toUserId: to } : { toGroupId: to };
  const res = await serverApi(`/message/${kind}/publish.json`, {
    fromUserId: from,
    ...target,
    objectName,
    content: JSON.stringify(content),
    isIncludeSender: 1,
  });
  if (res.code !== 200) throw new Error(`publish ${objectName}: ${JSON.stringify(res)}`);
  return (res.messages as { messageUId: string; sentTime: number }[])[0]!;
}

const say = (kind: 'private' | 'group', from: string, to: string, text: string, time: number) =>
  publish(kind, from, to, 'RC:TxtMsg', { content: text }, time);

/** The fixture picture (served by the test runner) as a data URL, for an image message's thumbnail. */
async function lakeDataUrl(): Promise<string> {
  const blob = await (await fetch('/test/fixtures/visual/lake.png')).blob();
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsDataURL(blob);
  });
}

/**
 * Alice's morning: a group chat "Weekend trip" with every kind of row (a notice, a run by one sender, a quote,
 * an image, a file, a voice message, a card, a recalled message, and last her own message that failed, with
 * Retry), plus private chats and a group that leave unread badges (2, 12 and 99+) in her conversation list.
 * Returns Alice connected, with the trip chat open. `language` as `imkit.init` takes it.
 */
export async function alicesMorning(language = 'en'): Promise<TestUser> {
  await freshWorld(at(8, 0));
  for (const id of ['alice', 'bob', 'carol', 'dan']) {
    const profile = PROFILES[id]!;
    await fetch(
      `/__parley/session?user=${id}&name=${encodeURIComponent(profile.name)}&portraitUri=${encodeURIComponent(profile.portraitUri)}`,
    );
  }
  await serverApi('/group/create.json', {
    userId: ['alice', 'bob', 'carol'],
    groupId: 'trip',
    groupName: 'Weekend trip',
  });
  await serverApi('/group/create.json', {
    userId: ['alice', 'dan', 'carol'],
    groupId: 'books',
    groupName: 'Book club',
  });

  for (let i = 1; i <= 100; i++)
    await say('group', i % 2 ? 'dan' : 'carol', 'books', `Chapter ${i} notes`, at(7, 0) + i * 1000);
  await say('private', 'dan', 'alice', 'Are you around this weekend?', at(8, 5));
  await say('private', 'alice', 'dan', 'Away at the lake, back Sunday!', at(8, 7));
  for (let i = 1; i <= 12; i++)
    await say(
      'private',
      'carol',
      'alice',
      i === 12 ? 'Call me when you can 📞' : `Photo ${i} of 12 uploaded`,
      at(8, 20) + i * 1000,
    );
  await say('private', 'bob', 'alice', 'Did you get my list?', at(8, 40));
  await say('private', 'bob', 'alice', 'Can you bring the camping stove?', at(8, 41));

  const lake = (await lakeDataUrl()).replace(/^data:[^,]*,/, '');
  const lakeUrl = new URL('/test/fixtures/visual/lake.png', location.href).href;
  await publish('group', 'carol', 'trip', 'RC:InfoNtf', { message: 'Carol pinned the itinerary' }, at(9, 0));
  await say('group', 'carol', 'trip', 'Morning! Are we still on for Saturday? ☀️', at(9, 1));
  await say('group', 'bob', 'trip', 'Yes!', at(9, 2));
  await say('group', 'bob', 'trip', 'I booked the cabin by the lake 🏕️', at(9, 2));
  const checkIn = 'Check-in is at 15:00, the key is in the lockbox by the door.';
  await say('group', 'bob', 'trip', checkIn, at(9, 3));
  await publish(
    'group',
    'alice',
    'trip',
    'RC:ReferenceMsg',
    {
      content: "Perfect, I'll drive. Leaving at noon.",
      referMsgUserId: 'bob',
      referMsg: { content: checkIn },
      objName: 'RC:TxtMsg',
    },
    at(9, 5),
  );
  // 09:11, not 09:10: five minutes after the quote exactly would put a time line there or not by milliseconds.
  await publish('group', 'bob', 'trip', 'RC:ImgMsg', { content: lake, imageUri: lakeUrl }, at(9, 11));
  await publish(
    'group',
    'carol',
    'trip',
    'RC:FileMsg',
    { name: 'packing-list.pdf', size: 126_976, type: 'pdf', fileUrl: 'https://example.com/packing-list.pdf' },
    at(9, 12),
  );
  await publish(
    'group',
    'bob',
    'trip',
    'RC:HQVCMsg',
    { remoteUrl: 'https://example.com/voice.aac', duration: 7 },
    at(9, 15),
  );
  await publish(
    'group',
    'carol',
    'trip',
    'RC:ImgTextMsg',
    {
      title: 'Lakeside cabin',
      content: '2 bedrooms · sauna · lake view',
      imageUri: lakeUrl,
      url: 'https://example.com/cabin',
    },
    at(9, 16),
  );
  const oops = await say('group', 'bob', 'trip', 'wrong chat, sorry', at(9, 17));
  await serverTime(at(9, 18));
  await serverApi('/message/recall.json', {
    fromUserId: 'bob',
    conversationType: 3,
    targetId: 'trip',
    messageUID: oops.messageUId,
    sentTime: oops.sentTime,
  });

  const alice = await connectUser('alice', sceneService, { language });
  await alice.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: 'trip' });
  // Her last message fails: she is no longer in the group when she sends it, so the server turns it away.
  await serverApi('/group/quit.json', { userId: ['alice'], groupId: 'trip' });
  await serverTime(at(9, 20));
  await alice.kit.sendText('See you all on Saturday!');
  return alice;
}

export interface SceneOptions {
  width: number;
  height: number;
  baseSize?: string;
  theme?: 'light' | 'dark';
  /** Which elements: all three side by side (default), only the list, or the messages over the editor. */
  show?: 'chat' | 'list' | 'messages';
  /** Parley: a `<chatroom-queue>` beside the messages (a live show's layout), this many px wide. */
  queueWidth?: number;
}

/** Mounts the elements for `user` in a box of the given size, the way the quick start places them. */
export async function mountScene(user: TestUser, options: SceneOptions): Promise<HTMLElement> {
  const { width, height, baseSize = '16px', theme, show = 'chat', queueWidth } = options;
  const store = user.kit.store;
  const list = html`<conversation-list base-size=${baseSize} theme=${theme ?? nothing} .store=${store}></conversation-list>`;
  const messages = html`<div style="flex:1;min-height:0"><message-list base-size=${baseSize} theme=${theme ?? nothing} .store=${store}></message-list></div>
    <div style="height:${Math.round(height * 0.2)}px;min-height:110px"><message-editor base-size=${baseSize} theme=${theme ?? nothing} .store=${store}></message-editor></div>`;
  const background = theme === 'dark' ? '#0f1115' : '#ffffff';
  // caret-color is inherited into the shadow roots: no blinking caret even if something takes focus.
  return fixture<HTMLElement>(html`<div class="visual-scene" style="display:flex;width:${width}px;height:${height}px;background:${background};caret-color:transparent">
    ${show === 'list' ? html`<div style="width:100%;height:100%">${list}</div>` : nothing}
    ${show === 'chat' ? html`<div style="width:${Math.round(width * 0.32)}px;height:100%">${list}</div>` : nothing}
    ${show !== 'list' ? html`<div style="flex:1;min-width:0;display:flex;flex-direction:column;height:100%">${messages}</div>` : nothing}
    ${
      queueWidth
        ? html`<div style="width:${queueWidth}px;height:100%;border-inline-start:1px solid ${theme === 'dark' ? '#343840' : '#e3e5e8'}">
          <chatroom-queue base-size=${baseSize} theme=${theme ?? nothing} .store=${store}></chatroom-queue>
        </div>`
        : nothing
    }
  </div>`);
}

/** Every element with a shadow root under `root`, itself included. */
function kitElements(root: Element): Element[] {
  return [root, ...root.querySelectorAll('*')].filter((el) => el.shadowRoot);
}

/**
 * Waits until the picture cannot change any more: rendered, fonts and images loaded, nothing focused (an open
 * overlay keeps its focus with `keepFocus`: a popover such as the @mention list closes when the input loses it).
 */
export async function settle(
  root: HTMLElement,
  ready: () => boolean = () => true,
  { keepFocus = false } = {},
): Promise<void> {
  await waitFor(ready, 8000, 'the scene');
  for (const el of kitElements(root)) await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  await document.fonts.ready;
  const images = kitElements(root).flatMap((el) => [...shadow(el).querySelectorAll('img')]);
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
  if (!keepFocus) (document.activeElement as HTMLElement | null)?.blur();
  await frames(3);
  for (const el of kitElements(root)) await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  await frames(2);
}

const frames = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

/** Whether the trip chat shows its last rows: the failed message (with Retry) and the recall notice. */
export function tripChatShown(root: HTMLElement): boolean {
  const messages = root.querySelector('message-list');
  const text = messages?.shadowRoot?.textContent ?? '';
  return (
    text.includes('See you all on Saturday!') &&
    /recalled|撤回|取り消/.test(text) &&
    !!messages?.shadowRoot?.querySelector('[part~=retry-button]')
  );
}
