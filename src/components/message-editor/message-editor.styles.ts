import { css } from 'lit';

export const messageEditorStyles = css`
  :host {
    position: relative;
    background: var(--message-editor-background, var(--parley-color-background, var(--_background)));
    border-block-start: 0.0625em solid var(--parley-color-border, var(--_border));
  }
  .editor {
    display: flex;
    flex-direction: column;
    height: 100%;
    padding: var(--message-editor-padding, 0.75em 1em);
    gap: 0.5em;
  }
  textarea {
    flex: 1;
    min-height: 3em;
    width: 100%;
    resize: none;
    border: 0;
    outline: none;
    padding: 0.25em;
    font: inherit;
    /* As in the IMKit docs, base-size scales the button and icons, not the typed text. */
    font-size: var(--message-editor-input-font-size, 1rem);
    line-height: 1.5;
    color: inherit;
    background: transparent;
  }
  textarea:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0;
    border-radius: 0.25em;
  }
  textarea:disabled {
    cursor: not-allowed;
  }
  .actions {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: 0.75em;
  }
  .hint {
    flex: 1;
    margin: 0;
    font-size: max(11px, 0.8125em);
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .send {
    font: inherit;
    font-weight: 600;
    padding: 0.4em 1.25em;
    border: 0;
    border-radius: var(--parley-radius, 0.5em);
    background: var(--message-editor-send-background, var(--parley-color-primary, var(--_primary)));
    color: var(--message-editor-send-color, var(--parley-color-on-primary, var(--_on-primary)));
    cursor: pointer;
  }
  .send:disabled {
    background: var(--message-editor-send-disabled-background, var(--parley-color-disabled, var(--_disabled)));
    color: var(--parley-color-on-disabled, var(--_on-disabled));
    cursor: not-allowed;
  }
  .send:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.125em;
  }
  .editor.dragging {
    outline: 0.125em dashed var(--parley-color-primary, var(--_primary));
    outline-offset: -0.25em;
  }
  .spacer {
    flex: 1;
  }
  .icon {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 2em;
    block-size: 2em;
    padding: 0;
    border: 0;
    border-radius: var(--parley-radius, 0.5em);
    background: transparent;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font: inherit;
    font-size: 1.125em;
    cursor: pointer;
  }
  .icon svg {
    inline-size: 1.1em;
    block-size: 1.1em;
  }
  .icon:hover:not(:disabled) {
    background: var(--parley-color-hover, var(--_hover));
  }
  .icon:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  .icon:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.0625em;
  }
  .quote {
    display: flex;
    align-items: center;
    gap: 0.5em;
    padding: 0.25em 0.5em;
    border-inline-start: 0.1875em solid var(--parley-color-primary, var(--_primary));
    background: var(--parley-color-surface, var(--_surface));
    border-radius: 0.25em;
    font-size: max(11px, 0.8125em);
  }
  .quote-text {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .quote-sender {
    font-weight: 600;
    margin-inline-end: 0.5em;
  }
  .quote-snippet {
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .error {
    margin: 0;
    font-size: max(11px, 0.8125em);
    color: var(--parley-color-danger, var(--_danger));
  }
  .drop-hint {
    margin: 0;
    font-size: max(11px, 0.8125em);
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .emoji-anchor {
    position: relative;
  }
`;
