import { css } from 'lit';

export const messageEditorStyles = css`
  :host {
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
`;
