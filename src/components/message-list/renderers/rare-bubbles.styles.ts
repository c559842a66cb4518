import { css } from 'lit';

/**
 * Styles of the less common bubbles (video, voice, file, location and rich-content cards) and of links and
 * @mentions in text, added with their module.
 */
export const rareBubbleStyles = css`
  /* An @mention (from the message's mentionedInfo); one of the viewer stands out more. */
  .mention {
    font-weight: 600;
    color: var(--message-mention-color, var(--parley-color-primary, var(--_primary)));
  }
  .own .mention {
    color: inherit;
  }
  .mention-me:not(.own *) {
    border-radius: 0.25em;
    padding-inline: 0.125em;
    background: var(--message-mention-me-background, color-mix(in srgb, var(--parley-color-primary, var(--_primary)) 14%, transparent));
  }
  .link {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .link:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.0625em;
    border-radius: 0.125em;
  }
  .video-player {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: contain;
    background: #000;
  }
  .media-duration {
    position: absolute;
    inset-block-start: 0.5em;
    inset-inline-end: 0.5em;
    padding: 0.125em 0.4em;
    border-radius: 0.5em;
    line-height: 1.3;
    color: #fff;
    background: rgb(0 0 0 / 0.55);
    pointer-events: none;
  }

  /* Voice: play button, a bar that fills while playing, the duration. Width grows with the duration. */
  .voice {
    display: flex;
    align-items: center;
    gap: 0.5em;
    max-width: 100%;
    padding-block: 0.375em;
    padding-inline: 0.375em 0.75em;
  }
  .voice-button {
    all: unset;
    flex: none;
    display: grid;
    place-items: center;
    width: 2em;
    height: 2em;
    border-radius: 50%;
    cursor: pointer;
    color: var(--message-bubble-own-color, var(--parley-color-on-primary, var(--_on-primary)));
    background: var(--message-bubble-own-background, var(--parley-color-primary, var(--_primary)));
  }
  .own .voice-button {
    color: var(--message-bubble-own-background, var(--parley-color-primary, var(--_primary)));
    background: var(--message-bubble-own-color, var(--parley-color-on-primary, var(--_on-primary)));
  }
  .voice-button:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.125em;
  }
  /* A triangle (play), two bars while playing (pause). */
  .voice-icon {
    width: 0;
    height: 0;
    margin-inline-start: 0.15em;
    border-block: 0.4em solid transparent;
    border-inline-start: 0.65em solid currentColor;
  }
  [data-playing] .voice-icon {
    width: 0.6em;
    height: 0.75em;
    margin: 0;
    border: 0;
    background: linear-gradient(to right, currentColor 35%, transparent 35% 65%, currentColor 65%);
  }
  .voice-track {
    flex: 1;
    min-width: 1.5em;
    height: 0.25em;
    border-radius: 0.125em;
    overflow: hidden;
    background: color-mix(in srgb, currentColor 25%, transparent);
  }
  .voice-progress {
    display: block;
    height: 100%;
    background: currentColor;
    transform: scaleX(0);
    transform-origin: left;
  }
  .voice-progress:dir(rtl) {
    transform-origin: right;
  }
  .audio {
    display: none;
  }
  .duration {
    flex: none;
    font-size: max(11px, 0.8125em);
    font-variant-numeric: tabular-nums;
  }

  /* File card: a coloured type badge, the name cut in the middle (the extension stays), the size. */
  .file-bubble {
    width: 16em;
    max-width: 100%;
    padding: 0.5em 0.75em 0.5em 0.5em;
  }
  .file {
    all: unset;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 0.625em;
    width: 100%;
    cursor: pointer;
  }
  .file-icon {
    flex: none;
    display: grid;
    place-items: center;
    /* In the badge's own small font: about 2.25em × 2.75em of the bubble's text. */
    width: 3.6em;
    height: 4.4em;
    border-radius: 0.4em 1em 0.4em 0.4em;
    font-size: max(10px, 0.625em);
    font-weight: 700;
    letter-spacing: 0.02em;
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
  .file-text {
    display: flex;
    flex-direction: column;
    min-width: 0;
    gap: 0.125em;
  }
  .file-name {
    display: flex;
    min-width: 0;
    font-weight: 600;
    line-height: 1.3;
    white-space: pre;
  }
  .file-name-head {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .file-name-tail {
    flex: none;
  }
  .file-size {
    font-size: max(11px, 0.8125em);
    opacity: 0.8;
  }
  /* Dimmed on the primary colour it would fall under 4.5:1 (WCAG AA). */
  .own .file-size {
    opacity: 1;
  }

  /* Location and rich content: a picture on top, title and detail below, one fixed width. */
  /* Cards stay neutral on both sides: a picture and a headline read better on the page's own colours. */
  .message .card-bubble {
    width: 15em;
    max-width: 100%;
    padding: 0;
    overflow: hidden;
    color: var(--message-card-color, var(--parley-color-text, var(--_text)));
    background: var(--message-card-background, var(--parley-color-background, var(--_background)));
    box-shadow: inset 0 0 0 0.0625em var(--parley-color-border, var(--_border));
  }
  .card {
    all: unset;
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    width: 100%;
    cursor: pointer;
    color: inherit;
  }
  .card-picture {
    display: block;
    width: 100%;
    max-height: 12em;
    overflow: hidden;
    background: color-mix(in srgb, currentColor 10%, transparent);
  }
  .card-picture.wide {
    aspect-ratio: 16 / 9;
  }
  .card-picture img {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .card-body {
    display: flex;
    flex-direction: column;
    gap: 0.125em;
    padding: 0.5em 0.75em 0.625em;
    min-width: 0;
  }
  .card-title {
    font-weight: 600;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .card-detail {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    overflow: hidden;
    font-size: max(11px, 0.8125em);
    opacity: 0.8;
    overflow-wrap: anywhere;
  }
  .file:focus-visible,
  .card:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: -0.125em;
    border-radius: inherit;
  }
`;
