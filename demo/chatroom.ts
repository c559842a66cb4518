// A live-stream page: a video placeholder, the live room's chat beside it (a Parley chatroom shown by the kit's
// <message-list> and <message-editor>), and a moderator panel that calls the chatroom Server API through the demo
// backend. Open it as several users (demo/live.html does, in three frames) to chat in one room.
import { currentUser, imkit, liveRoom, ParleyIM, startKit, users } from './kit-setup.js';
import { renderIdentity, setStatus } from './page-chrome.js';

const me = currentUser();
const result = document.querySelector<HTMLOutputElement>('#moderate-result')!;
const room = { conversationType: ParleyIM.ConversationType.CHATROOM, targetId: liveRoom.id };

/** Who I am (switchable) and the button that joins the room again after leaving it. */
function renderToolbar(): void {
  renderIdentity(me, 'Parley live');
  document.querySelector('#join-room')!.addEventListener('click', () => {
    if (imkit.initialized) void imkit.selectConversation(room);
  });
}

/** The moderator panel: each button posts its action for the chosen member to the demo backend. */
function wireModerator(): void {
  const member = document.querySelector<HTMLSelectElement>('#moderate-user')!;
  const firstOther = users.find((user) => user.id !== me.id)?.id;
  member.replaceChildren(...users.map((user) => new Option(user.name, user.id, false, user.id === firstOther)));
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
      result.textContent = response.ok ? `${label}: done` : `${label}: failed (${body.error ?? body.errorMessage ?? response.status})`;
    });
  }
}

async function main(): Promise<void> {
  renderToolbar();
  wireModerator();
  await startKit(me);
  // The toolbar follows where I stand in the room (the kit's store holds it).
  const key = `${room.conversationType}:${room.targetId}` as const;
  const follow = () => {
    const view = imkit.store.state.chatrooms[key];
    if (view?.status === 'joined') setStatus(`In the room as ${me.id}`, 'ok');
    else setStatus(view ? `Not in the room (${view.status})` : 'Not in the room', view?.status === 'joining' ? 'busy' : 'error');
  };
  imkit.store.subscribe(follow);
  await imkit.selectConversation(room);
  follow();
}

main().catch((error: unknown) => {
  console.error(error);
  setStatus(`Not connected: ${error instanceof Error ? error.message : String(error)}`, 'error');
});
