// Screenshots of <connection-banner> in the states it shows. Connecting (a first connect that takes a while)
// is drawn from a fixed status: a client that says "connecting" and never changes, so the state cannot move
// under the screenshot. The others are reached through a real client and the test runner's second,
// stoppable server (`/__parley/paced`): lost with its countdown, reconnecting (an attempt that hangs), offline
// (the page told it is off the network, and the server gone), disconnected and kicked (another device of the
// user took over); plus a message
// typed while the connection is down (waiting) and one the server refused (failed, with its reason, Retry and
// Delete). The browser's `Date` is fixed, so the countdown always reads the same.
// Compare: npm run test:visual; redraw: npm run test:visual:update.
import { fixture } from '@open-wc/testing';
import { visualDiff } from '@web/test-runner-visual-regression';
import { html } from 'lit';
import { ConversationType } from '../../protocol/enums.js';
import { changeLanguage } from '../../i18n/index.js';
import { ParleyClient } from '../../services/client/index.js';
import { createKit, CoreEvent } from '../../kit/kit.js';
import { KitStore } from '../../services/store/index.js';
import { MemoryClient } from '../../../test/fixtures/memory-client.js';
import {
  connectUser,
  disconnectAll,
  messageRows,
  serverApi,
  shadow,
  type Session,
  type TestUser,
} from '../shared/test-utils.js';
import { BROWSER_NOW, browserTime, freshWorld, PROFILES, sceneService, settle } from '../shared/visual-scene.js';
import type { MessageEditor } from '../message-editor/message-editor.js';
import type { MessageList } from '../message-list/message-list.js';
import type { ConnectionBanner } from './connection-banner.js';

const paced = (action: 'stop' | 'start' | 'hang') => fetch(`/__parley/paced?action=${action}`, { method: 'POST' });
/**
 * Tells the page it is off the network the way the browser does: `navigator.onLine` reads false and an `offline`
 * event fires. (Playwright's own offline switch also cuts the test runner's channel to the page.)
 */
function setOffline(offline: boolean): void {
  if (offline) Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  else delete (navigator as { onLine?: boolean }).onLine;
  dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

/** Names without the per-scene suffix (`bob-lost` is Bob Okafor), so every scene has its own people on the paced server. */
const service = {
  ...sceneService,
  getUserProfile: (id: string) => sceneService.getUserProfile(id.replace(/-.*$/, '')),
  getConversationProfile: async (conversations: Parameters<typeof sceneService.getConversationProfile>[0]) => {
    const named = await sceneService.getConversationProfile(
      conversations.map((c) => ({ ...c, targetId: c.targetId.replace(/-.*$/, '') })),
    );
    return named.map((profile, i) => ({ ...profile, targetId: conversations[i]!.targetId }));
  },
};

interface Live extends TestUser {
  session: Session;
  /** Resolves when the first connect ends (it may never, for the connecting scene). */
  connected: Promise<unknown>;
}
const clients: ParleyClient[] = [];

/**
 * A user of the paced server whose client retries only every `retryMs` (with min = max the backoff has no
 * jitter, so the countdown reads `retryMs` in whole seconds). `before` runs between the session and the connect.
 */
async function pacedUser(
  userId: string,
  retryMs: number,
  before: () => Promise<unknown> = async () => {},
): Promise<Live> {
  const session = (await fetch(`/__parley/session?user=${userId}&server=paced`).then((r) => r.json())) as Session;
  const client = new ParleyClient({
    appkey: session.appkey,
    navi: session.navi,
    reconnectMinDelay: retryMs,
    reconnectMaxDelay: retryMs,
    timeout: 60_000,
  });
  clients.push(client);
  const kit = createKit({ client });
  kit.init({ appkey: session.appkey, service, provideOn: null, language: 'en' });
  await before();
  const connected = client.connect(session.token).then(() => kit.emit(CoreEvent.CONVERSATION, true));
  return { userId, kit, client, session, connected };
}

interface BannerScene {
  root: HTMLElement;
  banner: ConnectionBanner;
  messages: MessageList;
  editor: MessageEditor;
}

/**
 * A client whose first connect never ends: it says "connecting" (status 1) and has no user yet. Nothing else
 * about it is read by the banner, so the scene shows exactly that state, every run.
 */
class ConnectingClient extends MemoryClient {
  override getCurrentUserId(): string {
    return '';
  }

  override getConnectionStatus(): number {
    return 1;
  }
}

/** The banner across the top of an open chat (messages over the editor), as an app places it. */
async function mountBannerScene(user: Pick<TestUser, 'kit'> | { store: KitStore }): Promise<BannerScene> {
  const store = 'store' in user ? user.store : user.kit.store;
  const root = await fixture<HTMLElement>(html`<div
    style="display:flex;flex-direction:column;width:1100px;height:360px;background:#fff;caret-color:transparent"
  >
    <connection-banner .store=${store}></connection-banner>
    <div style="flex:1;min-height:0"><message-list .store=${store}></message-list></div>
    <div style="height:130px"><message-editor .store=${store}></message-editor></div>
  </div>`);
  return {
    root,
    banner: root.querySelector('connection-banner')!,
    messages: root.querySelector('message-list')!,
    editor: root.querySelector('message-editor')!,
  };
}

const bannerText = (banner: ConnectionBanner) =>
  shadow(banner).querySelector('.banner')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Types `text` into the editor and presses Enter, as a user does. */
function typeAndSend(editor: HTMLElement, text: string): void {
  const area = shadow(editor).querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

const privateWith = (targetId: string) => ({ conversationType: ConversationType.PRIVATE, targetId });

describe('the connection banner, seen', () => {
  beforeEach(() => freshWorld());
  afterEach(async () => {
    setOffline(false);
    for (const client of clients.splice(0)) await client.disconnect();
    await disconnectAll();
    await paced('start');
  });

  it('banner-connecting', async () => {
    await changeLanguage('en');
    const store = new KitStore({ client: new ConnectingClient('alice-connecting'), service, isVisible: () => true });
    const scene = await mountBannerScene({ store });
    await scene.banner.updateComplete;
    // A first connect shows nothing for its first second (no flash on a fast page load); the browser's clock
    // moves past that second instead of the test waiting for it.
    await browserTime(BROWSER_NOW + 2000);
    await settle(scene.root, () => bannerText(scene.banner) === 'Connecting…');
    await visualDiff(scene.root, 'banner-connecting');
    store.destroy();
  });

  it('banner-lost-countdown, message-waiting', async () => {
    const alice = await pacedUser('alice-lost', 30_000);
    await alice.connected;
    const scene = await mountBannerScene(alice);
    await alice.kit.selectConversation(privateWith('bob-lost'));
    await paced('stop');
    await settle(scene.root, () => bannerText(scene.banner) === 'Connection lost Retrying in 30 s');
    await visualDiff(scene.root, 'banner-lost-countdown');

    typeAndSend(scene.editor, 'Running late, start without me');
    await settle(scene.root, () => messageRows(scene.messages).at(-1)?.dataset.sendState === 'waiting');
    await visualDiff(scene.root, 'message-waiting');
  });

  it('banner-reconnecting', async () => {
    const alice = await pacedUser('alice-reconnecting', 300);
    await alice.connected;
    const scene = await mountBannerScene(alice);
    await alice.kit.selectConversation(privateWith('bob-reconnecting'));
    // The server goes away and its port answers nothing: the retry 0.3 s later hangs in its attempt.
    await paced('hang');
    await settle(scene.root, () => bannerText(scene.banner) === 'Reconnecting…');
    await visualDiff(scene.root, 'banner-reconnecting');
  });

  it('banner-offline', async () => {
    const alice = await pacedUser('alice-offline', 30_000);
    await alice.connected;
    const scene = await mountBannerScene(alice);
    await alice.kit.selectConversation(privateWith('bob-offline'));
    setOffline(true);
    // Whether or not the browser drops open sockets when it goes offline, the server going away does.
    await paced('stop');
    await settle(scene.root, () => bannerText(scene.banner).startsWith('You are offline'));
    await visualDiff(scene.root, 'banner-offline');
  });

  it('banner-disconnected', async () => {
    const alice = await connectUser('alice', service, { language: 'en' });
    const scene = await mountBannerScene(alice);
    await alice.client.disconnect();
    await settle(scene.root, () => bannerText(scene.banner) === 'Disconnected');
    await visualDiff(scene.root, 'banner-disconnected');
  });

  it('banner-kicked', async () => {
    // The test server allows one mobile session per user: Alice's phone opens a second one, the first ends with 31010.
    const phone = async () => {
      const s = (await fetch('/__parley/session?user=alice').then((r) => r.json())) as Session;
      const client = new ParleyClient({ appkey: s.appkey, navi: s.navi, platform: 'mobile' });
      clients.push(client);
      const kit = createKit({ client });
      kit.init({ appkey: s.appkey, service, provideOn: null, language: 'en' });
      await client.connect(s.token);
      return { userId: 'alice', kit, client };
    };
    const older = await phone();
    const scene = await mountBannerScene(older);
    await phone();
    await settle(scene.root, () => bannerText(scene.banner).startsWith('Signed in on another device'));
    await visualDiff(scene.root, 'banner-kicked');
  });

  it('message-failed', async () => {
    // Alice writes to a group she is not in: the server refuses, the row says why and offers Retry and Delete.
    await serverApi('/group/create.json', {
      userId: ['bob', 'carol'],
      groupId: 'trip',
      groupName: PROFILES.trip!.name,
    });
    const alice = await connectUser('alice', service, { language: 'en' });
    const scene = await mountBannerScene(alice);
    await alice.kit.selectConversation({ conversationType: ConversationType.GROUP, targetId: 'trip' });
    typeAndSend(scene.editor, 'Can someone add me back to the group?');
    await settle(scene.root, () => !!messageRows(scene.messages).at(-1)?.querySelector('[part~=retry-button]'));
    await visualDiff(scene.root, 'message-failed');
  });
});
