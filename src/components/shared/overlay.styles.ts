/** The overlays' base styles, a module of their own: elements add them at start, the controller loads on first use. */
import { css } from 'lit';

/**
 * Resets the browser's popover defaults (centred, inset 0, its own border and padding) so an overlay
 * is placed at the `left`/`top` the controller sets; add to the host's `styles`.
 */
export const overlayStyles = css`
  [popover] {
    position: fixed;
    inset: auto;
    margin: 0;
    max-block-size: calc(100vh - 8px);
    max-inline-size: calc(100vw - 8px);
    overflow: auto;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
`;
