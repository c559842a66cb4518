// One user's chat page, wired the way the IMKit quick start wires the kit: define the elements, init the
// client, init the kit with a profile service, connect, load the conversation list.
import * as ParleyIM from '../src/services/client/index.js';
import { CoreEvent, defineCustomElements, imkit, type IMKitService } from '../src/index.js';
import { findGroup, findUser, groups, users, type DemoUser } from './directory.js';

interface Session {
  navi: string;
  appkey: string;
  userId: string;
  token: string;
}

const params = new URLSearchParams(location.search);
const me = findUser(params.get('user') ?? '') ?? users[0]!;
const status = document.querySelector<HTMLElement>('#status')!;

function setStatus(text: string, state: 'ok' | 'error' | 'busy' = 'busy'): void {
  status.textContent = text;
  status.dataset.state = state;
}

// The app's profile service: the kit asks it for names and avatars. A real app asks its backend.
const unknownUser = (id: string): DemoUser => ({ id, name: id, portraitUri: '' });
const service: IMKitService = {
  getUserProfile: (userId) => findUser(userId) ?? unknownUser(userId),
  getConversationProfile: (conversations) =>
    conversations.map((conversation) => {
      const isGroup = conversation.conversationType === ParleyIM.ConversationType.GROUP;
      const profile = isGroup ? findGroup(conversation.targetId) : findUser(conversation.targetId);
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

/** The toolbar: who I am (switchable) and buttons that open a chat, since a new user has no conversations. */
function renderToolbar(): void {
  document.title = `${me.name} · Parley demo`;
  document.querySelector<HTMLImageElement>('#me-avatar')!.src = me.portraitUri;
  const select = document.querySelector<HTMLSelectElement>('#user-switch')!;
  select.replaceChildren(...users.map((user) => new Option(user.name, user.id, false, user.id === me.id)));
  select.addEventListener('change', () => {
    params.set('user', select.value);
    location.search = params.toString();
  });

  // Before the kit is initialised (still fetching the session) a click has nothing to open yet.
  const open = (conversationType: ParleyIM.ConversationType, targetId: string) => () => {
    if (imkit.initialized) void imkit.selectConversation({ conversationType, targetId });
  };
  const button = (label: string, onClick: () => void) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.addEventListener('click', onClick);
    return element;
  };
  document.querySelector('#start-chat')!.append(
    ...users.filter((user) => user.id !== me.id).map((user) => button(user.name, open(ParleyIM.ConversationType.PRIVATE, user.id))),
    ...groups.filter((group) => group.memberIds.includes(me.id)).map((group) => button(group.name, open(ParleyIM.ConversationType.GROUP, group.id))),
  );
}

async function main(): Promise<void> {
  renderToolbar();
  // The demo's stand-in for the app backend hands out a token; the App Secret stays on the server.
  const response = await fetch(`/demo/session.json?user=${encodeURIComponent(me.id)}`);
  if (!response.ok) throw new Error(`session: HTTP ${response.status}`);
  const session = (await response.json()) as Session;

  defineCustomElements();
  const libOption = { appkey: session.appkey, navi: session.navi };
  ParleyIM.init(libOption);
  imkit.init({ appkey: session.appkey, service, libOption });
  await imkit.changeLanguage({ lang: params.get('lang') ?? 'en' });

  const result = await ParleyIM.connect(session.token);
  if (result.code !== ParleyIM.ErrorCode.SUCCESS) throw new Error(`connect: code ${result.code} ${result.msg ?? ''}`);
  setStatus(`Connected as ${me.id}`, 'ok');
  await imkit.emit(CoreEvent.CONVERSATION, true);
}

main().catch((error: unknown) => {
  console.error(error);
  setStatus(`Not connected: ${error instanceof Error ? error.message : String(error)}`, 'error');
});
