import { css } from 'lit';

export const messageListStyles = css`
  :host {
    background: var(--message-list-background, var(--parley-color-background, var(--_background)));
  }
  .frame {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  .header {
    flex: none;
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 3em;
    padding: 0.5em 1em;
    border-block-end: 0.0625em solid var(--parley-color-border, var(--_border));
    font-weight: 600;
  }
  .header .title {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .scroller {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--message-list-padding, 0.75em 1em);
    display: flex;
    flex-direction: column;
    gap: var(--message-list-gap, 0.75em);
    /* The virtual window keeps the view still itself; the browser's own anchoring would fight it. */
    overflow-anchor: none;
  }
  /* Rows carry their own gap (so measured heights add up); the last one's is taken back here. */
  .window {
    flex: none;
    margin-block-end: calc(-1 * var(--message-list-gap, 0.75em));
  }
  .row {
    display: flex;
    flex-direction: column;
    gap: var(--message-list-gap, 0.75em);
    padding-block-end: var(--message-list-gap, 0.75em);
    outline: none;
  }
  .row:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: -0.125em;
  }
  .placeholder,
  .status,
  .separator,
  .notice {
    align-self: center;
    text-align: center;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-size: max(11px, 0.8125em);
  }
  .placeholder {
    margin: auto;
    padding: 2em 1em;
    font-size: 1em;
  }
  .separator {
    padding: 0.125em 0.75em;
    border-radius: 1em;
    background: var(--message-list-separator-background, var(--parley-color-surface, var(--_surface)));
  }
  .message {
    display: flex;
    align-items: flex-start;
    gap: 0.5em;
    max-width: 100%;
  }
  .message.own {
    flex-direction: row-reverse;
  }
  .content {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.25em;
    min-width: 0;
    max-width: min(75%, 40em);
  }
  .own .content {
    align-items: flex-end;
  }
  .sender {
    font-size: max(11px, 0.8125em);
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .bubble {
    padding: var(--message-bubble-padding, 0.5em 0.75em);
    border-radius: var(--message-bubble-radius, var(--parley-radius, 0.75em));
    background: var(--message-bubble-background, var(--parley-color-surface, var(--_surface)));
    color: var(--message-bubble-color, var(--parley-color-text, var(--_text)));
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    word-break: break-word;
  }
  .own .bubble {
    background: var(--message-bubble-own-background, var(--parley-color-primary, var(--_primary)));
    color: var(--message-bubble-own-color, var(--parley-color-on-primary, var(--_on-primary)));
  }
  .failed .bubble {
    opacity: 0.85;
  }
  .media {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-decoration: underline;
  }
  .thumbnail {
    display: block;
    max-width: 12em;
    max-height: 12em;
    border-radius: 0.5em;
  }
  .meta {
    display: flex;
    align-items: center;
    gap: 0.375em;
    font-size: max(11px, 0.75em);
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .failed .meta .state {
    color: var(--parley-color-danger, var(--_danger));
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 0.15em solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  .retry {
    font: inherit;
    padding: 0.125em 0.625em;
    border-radius: 1em;
    border: 0.0625em solid currentColor;
    background: transparent;
    color: var(--parley-color-danger, var(--_danger));
    cursor: pointer;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }
  .message:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.125em;
    border-radius: 0.25em;
  }
  /* App-rendered HTML stays inside its bubble: fixed or absolute children are contained and clipped. */
  .bubble.custom,
  .notice.custom {
    contain: content;
    overflow: hidden;
    max-width: 100%;
  }
  .bubble.custom img {
    max-width: 100%;
    height: auto;
  }
  .bubble.unsupported {
    font-style: italic;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
`;
