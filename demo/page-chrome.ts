// The bits of page chrome the plain chat and live pages share: the status line and "who I am".
import { users, type DemoUser } from './directory.js';

/** Shows `text` in the page's `#status` line; `state` colours it. */
export function setStatus(text: string, state: 'ok' | 'error' | 'busy' = 'busy'): void {
  const status = document.querySelector<HTMLElement>('#status')!;
  status.textContent = text;
  status.dataset.state = state;
}

/** Titles the page for `me`, shows my avatar, and lets the user switch to another demo user (reloads). */
export function renderIdentity(me: DemoUser, page: string): void {
  document.title = `${me.name} · ${page}`;
  document.querySelector<HTMLImageElement>('#me-avatar')!.src = me.portraitUri;
  const select = document.querySelector<HTMLSelectElement>('#user-switch')!;
  select.replaceChildren(...users.map((user) => new Option(user.name, user.id, false, user.id === me.id)));
  select.addEventListener('change', () => {
    const params = new URLSearchParams(location.search);
    params.set('user', select.value);
    location.search = params.toString();
  });
}
