// One user's chat page in plain HTML and TypeScript, wired the way the IMKit quick start wires the kit: the
// elements are in the page, kit-setup.ts inits the client and the kit, and this file sets the elements'
// properties and listens to their events.
import {
  conversationMenu,
  currentUser,
  forwardList,
  groups,
  imkit,
  isConversationOpen,
  messageMenu,
  onConversationOpenChange,
  ParleyIM,
  sendCard,
  startKit,
  users,
} from './kit-setup.js';
import { oneColumn } from './one-column.js';
import { openedNotice, tappedNotice } from './notices.js';
import { tr } from './demo-text.js';
import { renderIdentity, renderPreferences, setStatus } from './page-chrome.js';

const me = currentUser();
const notice = document.querySelector<HTMLElement>('#notice')!;
const columns = oneColumn();

/** The toolbar: who I am (switchable), buttons that open a chat (a new user has none), and "Send my card". */
function renderToolbar(): void {
  renderIdentity(me, 'Parley demo');
  renderPreferences(document.querySelector('#prefs')!);

  // Before the kit is initialised (still fetching the session) a click has nothing to open yet.
  const open = (conversationType: ParleyIM.ConversationType, targetId: string) => () => {
    if (!imkit.initialized) return;
    void imkit.selectConversation({ conversationType, targetId });
    columns.showMessages();
  };
  const button = (label: string, onClick: () => void) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.addEventListener('click', onClick);
    return element;
  };
  document
    .querySelector('#start-chat')!
    .append(
      ...users
        .filter((user) => user.id !== me.id)
        .map((user) => button(user.name, open(ParleyIM.ConversationType.PRIVATE, user.id))),
      ...groups
        .filter((group) => group.memberIds.includes(me.id))
        .map((group) => button(group.name, open(ParleyIM.ConversationType.GROUP, group.id))),
    );
  // Disabled until a conversation is open: the card needs somewhere to go.
  const card = document.querySelector<HTMLButtonElement>('#send-card')!;
  card.addEventListener('click', () => sendCard(me));
  const followOpen = () => (card.disabled = !isConversationOpen());
  followOpen();
  onConversationOpenChange(followOpen);
}

/** Custom menu items, the forward target and the events, set on the elements as plain properties and listeners. */
function wireElements(): void {
  const show = (text: string) => (notice.textContent = text);
  const list = document.querySelector('conversation-list')!;
  const messages = document.querySelector('message-list')!;
  list.customMenu = conversationMenu(show);
  messages.customMenu = messageMenu(show);
  messages.forwardList = forwardList;
  list.addEventListener('tapConversation', (event) => show(openedNotice(event.detail)));
  messages.addEventListener('tapMessage', (event) => show(tappedNotice(event.detail)));
}

async function main(): Promise<void> {
  renderToolbar();
  // Until the first connect works (startKit tries again while the server is down), one state: connecting.
  setStatus(() => tr('connecting'));
  await startKit(me);
  wireElements();
  // The status line follows the connection (the banner above the chat says more).
  const showConnection = (connected: boolean) =>
    connected
      ? setStatus(() => tr('connectedAs', { id: me.id }), 'ok')
      : setStatus(() => tr('offline', { id: me.id }), 'error');
  let connected = imkit.store.state.status === 'connected';
  showConnection(connected);
  imkit.store.subscribe((state) => {
    if ((state.status === 'connected') !== connected) showConnection((connected = state.status === 'connected'));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  setStatus(() => tr('notConnected', { error: error instanceof Error ? error.message : String(error) }), 'error');
});
