/**
 * The avatar shared by the lists: a picture when the profile gives a safe URL (http(s) or
 * `data:image`), else initials on a colour derived from the id. Values come from the app's profile
 * service and are treated as untrusted: the URL is checked again here, and names render as text.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { safeImageUrl } from '../../services/profile/safe-url.js';
import { hueOf, initials } from '../shared/format.js';

export interface AvatarOptions {
  /** The user or conversation id; picks the colour of the initials. */
  id: string;
  /** Display name; its initials show when there is no picture. */
  name: string;
  /** Picture URL from the profile service. */
  portraitUri?: string;
  /** The `part` name, default `avatar`. */
  part?: string;
  /** Parley: set when the user is known to be online; a dot shows, announced with this label. */
  onlineLabel?: string;
}

function hideBrokenImage(event: Event): void {
  (event.target as HTMLImageElement).hidden = true;
}

/** Renders a decorative avatar (the name is always shown or announced beside it). */
export function renderAvatar({ id, name, portraitUri, part = 'avatar', onlineLabel }: AvatarOptions): TemplateResult {
  const url = safeImageUrl(portraitUri);
  const avatar = html`<span class="avatar" part=${part} aria-hidden="true" style="--_avatar-hue: ${hueOf(id)}"
    ><span class="avatar-initials">${initials(name || id)}</span>${
      url
        ? html`<img class="avatar-image" src=${url} alt="" loading="lazy" referrerpolicy="no-referrer" @error=${hideBrokenImage} />`
        : nothing
    }</span
  >`;
  if (!onlineLabel) return avatar;
  // The avatar clips its picture to a circle; the dot sits on its edge, outside that clip.
  return html`<span class="avatar-frame">${avatar}<span class="online-dot" part="online-dot" role="img" aria-label=${onlineLabel}></span></span>`;
}

export const avatarStyles = css`
  .avatar {
    position: relative;
    flex: none;
    display: inline-grid;
    place-items: center;
    width: var(--parley-avatar-size, var(--_avatar-size, 2.5em));
    height: var(--parley-avatar-size, var(--_avatar-size, 2.5em));
    border-radius: var(--parley-avatar-radius, 50%);
    overflow: hidden;
    background: hsl(var(--_avatar-hue, 210) 50% 32%);
    color: #ffffff;
    font-size: 1em;
    user-select: none;
  }
  .avatar-initials {
    font-size: 0.875em;
    font-weight: 600;
    line-height: 1;
  }
  .avatar-image {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .avatar-image[hidden] {
    display: none;
  }
  .avatar-frame {
    position: relative;
    flex: none;
    display: inline-grid;
  }
  .online-dot {
    position: absolute;
    inset-inline-end: 0;
    inset-block-end: 0;
    width: 0.75em;
    height: 0.75em;
    border-radius: 50%;
    background: var(--parley-color-online, #1e9e5a);
    box-shadow: 0 0 0 0.15em var(--conversation-list-background, var(--parley-color-surface, #ffffff));
  }
`;
