import { css } from 'lit';

export const connectionBannerStyles = css`
  :host {
    /*
     * Never takes layout space: the bar floats over the top edge of what follows the element, so the
     * chat under it does not move when the connection drops or comes back (and the newest message and
     * the editor, at the bottom, stay in view). Above the message list's own layers, below the top layer.
     */
    position: relative;
    z-index: 2;
    height: 0;
    min-height: 0;
    overflow: visible;
    background: transparent;
  }
  /* A row of its own: the bar sits in the flow, centred, and the row is empty (no height) while connected. */
  :host([placement='row']) {
    height: auto;
  }
  :host([placement='row']) .banner {
    position: static;
    margin-block: 0.375em;
  }
  .banner {
    --_warn-bg: #fff4d6;
    --_warn-fg: #5c4400;
    --_error-bg: #fde7e6;
    --_error-fg: #8a1c17;
    position: absolute;
    inset-block-start: var(--connection-banner-offset, 0.5em);
    inset-inline: 0;
    margin-inline: auto;
    inline-size: fit-content;
    max-inline-size: calc(100% - 2em);
    box-sizing: border-box;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.25em 0.75em;
    padding: 0.375em 1em;
    font-size: max(11px, 0.875em);
    background: var(--connection-banner-background, var(--_warn-bg));
    color: var(--connection-banner-color, var(--_warn-fg));
    border: 0.0625em solid color-mix(in srgb, currentColor 25%, transparent);
    border-radius: 1.25em;
    box-shadow: 0 0.125em 0.5em var(--_shadow);
  }
  .banner[data-state='disconnected'] {
    background: var(--connection-banner-background, var(--_error-bg));
    color: var(--connection-banner-color, var(--_error-fg));
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) .banner {
      --_warn-bg: #3a2f0b;
      --_warn-fg: #ffe3a3;
      --_error-bg: #3d1614;
      --_error-fg: #ffc2bd;
    }
  }
  :host([theme='dark']) .banner {
    --_warn-bg: #3a2f0b;
    --_warn-fg: #ffe3a3;
    --_error-bg: #3d1614;
    --_error-fg: #ffc2bd;
  }
  .dot {
    inline-size: 0.5em;
    block-size: 0.5em;
    border-radius: 50%;
    background: currentColor;
    flex: none;
  }
  .label {
    font-weight: 600;
  }
  .countdown {
    font-variant-numeric: tabular-nums;
  }
`;
