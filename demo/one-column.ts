// Below 640 px the chat page shows one column: the conversation list first; tapping a conversation shows its
// messages with a back button to the list. The layout itself is CSS (demo.css, `.chat[data-view]`); this file
// switches the view on the kit's `tapConversation` event and keeps the keyboard focus where the user is.
const narrow = window.matchMedia('(max-width: 639px)');

/** Wires the one-column layout of a chat page whose `.chat` holds the list, the messages and a `.back-to-list` button. */
export function oneColumn(root: ParentNode = document): { showMessages(): void } {
  const chat = root.querySelector<HTMLElement>('.chat')!;
  const back = root.querySelector<HTMLButtonElement>('.back-to-list')!;
  const list = root.querySelector<HTMLElement>('conversation-list')!;
  // The row the user opened, so that Back returns focus to it.
  let openedFrom: HTMLElement | null = null;
  chat.dataset.view = 'list';

  const showMessages = () => {
    if (chat.dataset.view === 'messages') return;
    openedFrom = (list.shadowRoot?.activeElement as HTMLElement | null) ?? null;
    chat.dataset.view = 'messages';
    if (narrow.matches) back.focus();
  };
  list.addEventListener('tapConversation', showMessages);
  back.addEventListener('click', () => {
    chat.dataset.view = 'list';
    const row = openedFrom?.isConnected
      ? openedFrom
      : list.shadowRoot?.querySelector<HTMLElement>('[aria-selected="true"]');
    row?.focus();
  });
  return { showMessages };
}
