// A live-stream page: a video placeholder, the live room's chat beside it (a Parley chatroom shown by the kit's
// <message-list> and <message-editor>), and a moderator panel that calls the chatroom Server API through the demo
// backend. Open it as several users (demo/live.html does, in three frames) to chat in one room.
import { currentUser, imkit, liveRoom, ParleyIM, startKit, users } from './kit-setup.js';
import { onDemoLanguageChange, tr } from './demo-text.js';
import { renderIdentity, renderPreferences, setStatus } from './page-chrome.js';

const me = currentUser();
const result = document.querySelector<HTMLOutputElement>('#moderate-result')!;
const room = { conversationType: ParleyIM.ConversationType.CHATROOM, targetId: liveRoom.id };

const join = () => {
  if (imkit.initialized) void imkit.selectConversation(room);
};

/** Who I am (switchable) and the buttons that join the room again (shown only while out of it). */
function renderToolbar(): void {
  renderIdentity(me, 'Parley live');
  renderPreferences(document.querySelector('#prefs')!);
  document.querySelector('#join-room')!.addEventListener('click', join);
  document.querySelector('#rejoin-room')!.addEventListener('click', join);
}

/** The moderator panel, on the host's page only (the others are told who moderates). */
function wireModerator(): void {
  if (me.id !== liveRoom.hostId) {
    const host = users.find((user) => user.id === liveRoom.hostId)?.name ?? liveRoom.hostId;
    const note = document.querySelector<HTMLElement>('#host-note')!;
    const write = () => (note.textContent = tr('hostNote', { host }));
    write();
    onDemoLanguageChange(write);
    note.hidden = false;
    return;
  }
  const panel = document.querySelector<HTMLDetailsElement>('#moderator')!;
  panel.hidden = false;
  // Open beside the stage of a wide page; folded in a narrow one (a frame of live.html), where the chat needs the room.
  panel.open = matchMedia('(min-width: 721px)').matches;
  const member = document.querySelector<HTMLSelectElement>('#moderate-user')!;
  // Everyone but the host herself: she moderates the room and cannot mute or block herself out of it.
  const others = users.filter((user) => user.id !== me.id);
  member.replaceChildren(...others.map((user) => new Option(user.name, user.id)));
  const minutes = document.querySelector<HTMLInputElement>('#moderate-minutes')!;
  for (const button of document.querySelectorAll<HTMLButtonElement>('#moderator [data-action]')) {
    button.addEventListener('click', async () => {
      const action = button.dataset.action!;
      const label = `${button.textContent?.trim()}${action.endsWith('All') ? '' : ` ${member.selectedOptions[0]?.text ?? ''}`}`;
      result.textContent = `${label}…`;
      const response = await fetch('/demo/moderate', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action, userId: member.value, minutes: Number(minutes.value) }),
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string; errorMessage?: string };
      result.textContent = response.ok
        ? tr('actionDone', { action: label })
        : tr('actionFailed', { action: label, reason: String(body.error ?? body.errorMessage ?? response.status) });
    });
  }
}

async function main(): Promise<void> {
  renderToolbar();
  wireModerator();
  await startKit(me);
  imkit.store.subscribe(followRoom);
  await imkit.selectConversation(room);
  followRoom();
}

const key = `${room.conversationType}:${room.targetId}` as const;
const liveChat = document.querySelector<HTMLElement>('.live-chat')!;
const leftPanel = document.querySelector<HTMLElement>('#room-left')!;
const joinButton = document.querySelector<HTMLButtonElement>('#join-room')!;
const rejoinButton = document.querySelector<HTMLButtonElement>('#rejoin-room')!;
let wasIn = false;
let hasLeft = false;

/**
 * The page follows where I stand in the room (the kit's store holds it): the status line, a Join button only
 * while out of the room, and after "Leave" (the kit forgets the room) a "You left the room" panel in place of
 * the list and the editor, whose empty states speak of a conversation list this page does not have.
 */
function followRoom(): void {
  const view = imkit.store.state.chatrooms[key];
  const isIn = view?.status === 'joined' || view?.status === 'joining';
  const left = wasIn && !view;
  // A block keeps the user out until it ends (the kit lifts it then, or when a moderator does): keep Join
  // disabled meanwhile, as a join would only be turned away. The kit's room header says why and until when
  // (in the kit's language and clock), so the status line only says where I stand.
  const block = view?.restrictions.find((restriction) => restriction.reason === 'blocked');
  if (view?.status === 'joined') setStatus(() => tr('inRoomAs', { id: me.id }), 'ok');
  else if (view?.status === 'joining') setStatus(() => tr('joiningRoom'), 'busy');
  else setStatus(() => tr('notInRoom'), 'error');
  joinButton.hidden = isIn || left || !view;
  joinButton.disabled = Boolean(block);
  liveChat.classList.toggle('left', left);
  leftPanel.hidden = !left;
  // The Leave button is gone with the room: keep the keyboard user next to what they can do now.
  if (left && !hasLeft) rejoinButton.focus();
  if (isIn && hasLeft && document.activeElement === document.body) document.querySelector('message-editor')?.focus();
  hasLeft = left;
  if (view) wasIn = true;
}

main().catch((error: unknown) => {
  console.error(error);
  setStatus(() => tr('notConnected', { error: error instanceof Error ? error.message : String(error) }), 'error');
});
