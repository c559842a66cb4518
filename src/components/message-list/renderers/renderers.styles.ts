import { css } from 'lit';

/** Styles of the built-in message renderers (quote, media, file, cards). */
export const rendererStyles = css`
  .bubble.text,
  .reply {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .quote {
    margin: 0 0 0.375em;
    padding: 0.25em 0.5em;
    border-inline-start: 0.1875em solid currentColor;
    font-size: max(11px, 0.875em);
    display: flex;
    flex-direction: column;
  }
  .quote-author {
    font-weight: 600;
  }
  .quote-text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 16em;
  }
  .media-bubble,
  .video,
  .location,
  .rich {
    padding: 0.25em;
  }
  .file,
  .card {
    all: unset;
    box-sizing: border-box;
    display: flex;
    gap: 0.5em;
    cursor: pointer;
    color: inherit;
    max-width: 16em;
  }
  .card {
    flex-direction: column;
  }
  .file:focus-visible,
  .card:focus-visible,
  .media:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.125em;
  }
  .file-icon {
    flex: none;
    display: grid;
    place-items: center;
    width: 2.5em;
    height: 3em;
    border-radius: 0.25em;
    font-size: max(11px, 0.6875em);
    font-weight: 700;
    color: #fff;
    background: var(--message-file-icon-background, #6b7280);
  }
  .file-icon[data-kind='pdf'] { background: #c0392b; }
  .file-icon[data-kind='doc'] { background: #2b579a; }
  .file-icon[data-kind='sheet'] { background: #1e7145; }
  .file-icon[data-kind='slides'] { background: #b7472a; }
  .file-icon[data-kind='archive'] { background: #7d5a00; }
  .file-icon[data-kind='image'],
  .file-icon[data-kind='video'],
  .file-icon[data-kind='audio'] { background: #6d28d9; }
  .file-text,
  .card {
    min-width: 0;
  }
  .file-text {
    display: flex;
    flex-direction: column;
    justify-content: center;
  }
  .file-name,
  .card-title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file-size,
  .card-detail,
  .duration {
    font-size: max(11px, 0.8125em);
  }
  .audio {
    display: block;
    max-width: 16em;
    height: 2.5em;
  }
  .video-player {
    display: block;
    max-width: 16em;
    max-height: 16em;
    border-radius: 0.5em;
    background: #000;
  }
  .notice {
    max-width: 80%;
    padding: 0.125em 0.75em;
  }
`;
