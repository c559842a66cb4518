import { css } from 'lit';

/**
 * `<message-list>` in a narrow box (a phone, a side panel): the element is a size container, and below
 * 32em of its own width (448 px at a 14 px `base-size`) avatars shrink, bubbles may take more of the row and
 * paddings tighten. Lengths in em, so the breakpoint follows `base-size`. App values of the public custom
 * properties still win: only the fallbacks change.
 */
export const messageListNarrowStyles = css`
  :host {
    container-type: inline-size;
  }
  @container (max-width: 32em) {
    .header {
      padding-inline: 0.625em;
    }
    .scroller {
      --_avatar-size: 2em;
      padding: var(--message-list-padding, 0.5em 0.625em);
    }
    .message {
      gap: 0.375em;
    }
    .content {
      max-width: min(88%, 100% - 2.375em);
    }
  }
`;
