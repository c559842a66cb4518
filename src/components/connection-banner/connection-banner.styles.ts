import { css } from 'lit';

export const connectionBannerStyles = css`
  :host {
    /* Sized to its content: no height at all while connected. */
    height: auto;
    background: transparent;
  }
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.25em 0.75em;
    padding: 0.375em 1em;
    font-size: max(11px, 0.875em);
    background: var(--connection-banner-background, #fff4d6);
    color: var(--connection-banner-color, #5c4400);
    border-block-end: 0.0625em solid var(--parley-color-border, var(--_border));
  }
  .banner[data-state='disconnected'] {
    background: var(--connection-banner-background, #fde7e6);
    color: var(--connection-banner-color, #8a1c17);
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
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) .banner {
      background: var(--connection-banner-background, #3a2f0b);
      color: var(--connection-banner-color, #ffe3a3);
    }
    :host(:not([theme='light'])) .banner[data-state='disconnected'] {
      background: var(--connection-banner-background, #3d1614);
      color: var(--connection-banner-color, #ffc2bd);
    }
  }
  :host([theme='dark']) .banner {
    background: var(--connection-banner-background, #3a2f0b);
    color: var(--connection-banner-color, #ffe3a3);
  }
  :host([theme='dark']) .banner[data-state='disconnected'] {
    background: var(--connection-banner-background, #3d1614);
    color: var(--connection-banner-color, #ffc2bd);
  }
`;
