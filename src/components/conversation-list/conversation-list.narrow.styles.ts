import { css } from 'lit';

/**
 * `<conversation-list>` in a narrow column: the element is a size container; below 14em of its own width
 * (196 px at a 14 px `base-size`) avatars shrink and rows tighten so names keep their room, and below 11em the
 * row drops its time. App values of the public custom properties still win.
 */
export const conversationListNarrowStyles = css`
  :host {
    container-type: inline-size;
  }
  @container (max-width: 14em) {
    .item {
      --_avatar-size: 2em;
      gap: var(--conversation-list-gap, 0.5em);
      padding: var(--conversation-list-item-padding, 0.5em 0.625em);
    }
  }
  @container (max-width: 11em) {
    .item .time {
      display: none;
    }
  }
`;
