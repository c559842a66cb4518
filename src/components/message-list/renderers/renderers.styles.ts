import { css } from 'lit';

/**
 * Styles of the built-in renderers the first screen needs (text, quote, pictures, notices); rare-bubbles.styles.ts
 * has the rest, links and @mentions included (they are drawn by the late module).
 */
export const rendererStyles = css`
  /* The text a person typed: their line breaks and spaces kept, long words broken. */
  .text-run {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  /*
   * The own bubble is painted in the primary colour, which is also the focus colour: a ring on a link, file or
   * play button there takes the bubble's text colour instead. Pictures and cards keep the focus colour.
   */
  .own .bubble:not(.media-bubble, .card-bubble) :focus-visible {
    outline-color: var(--message-bubble-own-color, var(--parley-color-on-primary, var(--_on-primary)));
  }

  /* Quote: who and what, tinted from the bubble's own text colour so it works on either side. */
  .quote {
    display: flex;
    flex-direction: column;
    max-width: 18em;
    margin: 0.125em 0 0.375em;
    padding: 0.25em 0.5em;
    border-inline-start: 0.1875em solid currentColor;
    border-radius: 0.25em;
    background: color-mix(in srgb, currentColor 8%, transparent);
    font-size: max(11px, 0.875em);
    line-height: 1.35;
  }
  .quote-author {
    font-weight: 600;
    opacity: 0.9;
  }
  .quote-text {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    opacity: 0.85;
    overflow-wrap: anywhere;
  }

  /* Pictures and videos: the bubble is the picture's box, sized before it loads (inline width and aspect-ratio). */
  .media-bubble {
    position: relative;
    padding: 0;
    overflow: hidden;
    flex: none;
    line-height: 0;
    background: var(--message-media-placeholder, var(--parley-color-surface, var(--_surface)));
    box-shadow: inset 0 0 0 0.0625em var(--parley-color-border, var(--_border));
  }
  .own .media-bubble {
    background: var(--message-media-placeholder, var(--parley-color-surface, var(--_surface)));
  }
  .media {
    all: unset;
    display: block;
    width: 100%;
    height: 100%;
    cursor: zoom-in;
  }
  .media:focus-visible {
    outline: 0.1875em solid var(--parley-color-focus, var(--_focus));
    outline-offset: -0.1875em;
  }
  .thumbnail {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .media-label {
    display: grid;
    place-items: center;
    height: 100%;
    line-height: 1.4;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .notice {
    max-width: 80%;
    padding: 0.125em 0.75em;
  }
`;
