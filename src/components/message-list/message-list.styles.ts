import { css } from 'lit';

export const messageListStyles = css`
  :host {
    background: var(--message-list-background, var(--parley-color-background, var(--_background)));
  }
  .frame {
    position: relative;
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
    overflow-x: hidden;
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
  /* A centred time line: a new day ("Today 09:12") or a pause of more than five minutes. */
  .separator {
    margin-block: 0.25em;
    padding: 0.125em 0.75em;
    border-radius: 1em;
    font-size: max(11px, 0.75em);
    font-variant-numeric: tabular-nums;
    background: var(--message-list-separator-background, var(--parley-color-surface, var(--_surface)));
  }
  /* Messages of one run sit close together; the gap after a run is the full --message-list-gap. */
  .row.in-run {
    padding-block-end: var(--message-list-run-gap, 0.1875em);
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
  .avatar-gap {
    flex: none;
    width: var(--parley-avatar-size, 2.5em);
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
  /* One line, cut with an ellipsis: a long name must not run past the bubbles (or the list's edge). */
  .sender {
    max-width: 100%;
    padding-inline: 0.75em;
    overflow: hidden;
    font-size: max(11px, 0.8125em);
    line-height: 1.3;
    white-space: nowrap;
    text-overflow: ellipsis;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .bubble-line {
    position: relative;
    display: flex;
    max-width: 100%;
  }
  /*
   * A bubble draws no whitespace of its own (templates are indented); only the text run keeps the
   * line breaks a person typed (see renderers.styles.ts).
   */
  .bubble {
    --_radius: var(--message-bubble-radius, var(--parley-radius, 1.125em));
    --_joined: var(--message-bubble-joined-radius, 0.375em);
    min-width: 0;
    max-width: 100%;
    padding: var(--message-bubble-padding, 0.5em 0.75em);
    border-radius: var(--_radius);
    background: var(--message-bubble-background, var(--parley-color-surface, var(--_surface)));
    color: var(--message-bubble-color, var(--parley-color-text, var(--_text)));
    overflow-wrap: anywhere;
  }
  /* Bubbles of one run join on the sender's side. */
  .message:not(.own):not(.run-end) .bubble {
    border-end-start-radius: var(--_joined);
  }
  .message:not(.own):not(.run-start) .bubble {
    border-start-start-radius: var(--_joined);
  }
  .own:not(.run-end) .bubble {
    border-end-end-radius: var(--_joined);
  }
  .own:not(.run-start) .bubble {
    border-start-end-radius: var(--_joined);
  }
  .own .bubble {
    background: var(--message-bubble-own-background, var(--parley-color-primary, var(--_primary)));
    color: var(--message-bubble-own-color, var(--parley-color-on-primary, var(--_on-primary)));
  }
  .failed .bubble {
    opacity: 0.85;
  }
  .media-text {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-decoration: underline;
  }
  /* Inside a run, the time shows beside the bubble on hover or focus (screen readers always have it). */
  .hover-time {
    position: absolute;
    inset-block-end: 0.375em;
    inset-inline-start: calc(100% + 0.5em);
    white-space: nowrap;
    font-size: max(11px, 0.75em);
    font-variant-numeric: tabular-nums;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    opacity: 0;
    transition: opacity 0.15s;
    pointer-events: none;
  }
  .own .hover-time {
    inset-inline-start: auto;
    inset-inline-end: calc(100% + 0.5em);
  }
  .message:hover .hover-time,
  .message:focus-within .hover-time {
    opacity: 1;
  }
  .meta {
    display: flex;
    align-items: center;
    gap: 0.375em;
    padding-inline: 0.25em;
    font-size: max(11px, 0.75em);
    font-variant-numeric: tabular-nums;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 0.15em solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
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
