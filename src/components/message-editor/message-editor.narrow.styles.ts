import { css } from 'lit';

/** `<message-editor>` in a narrow box: below 32em of its own width the paddings and the send button tighten. */
export const messageEditorNarrowStyles = css`
  :host {
    container-type: inline-size;
  }
  @container (max-width: 32em) {
    .editor {
      padding: var(--message-editor-padding, 0.5em 0.625em);
    }
    .send {
      padding-inline: 0.875em;
    }
  }
`;
