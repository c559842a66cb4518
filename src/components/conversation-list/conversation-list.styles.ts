import { css } from 'lit';

export const conversationListStyles = css`
  :host {
    position: relative;
    background: var(--conversation-list-background, var(--parley-color-surface, var(--_surface)));
    border-inline-end: 0.0625em solid var(--parley-color-border, var(--_border));
  }
  /* Without the tag bar the box around the list adds nothing; with it, the tag bar's styles make it a column. */
  .lists:not(.tagged) {
    display: contents;
  }
  .scroller {
    height: 100%;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* The virtual window keeps the view still itself; the browser's own anchoring would fight it. */
    overflow-anchor: none;
  }
  .list {
    margin: 0;
    padding: var(--conversation-list-padding, 0.25em 0);
  }
  .item {
    position: relative;
    display: flex;
    align-items: center;
    gap: var(--conversation-list-gap, 0.75em);
    padding: var(--conversation-list-item-padding, 0.75em 1em);
    cursor: pointer;
    outline: none;
  }
  .item:hover {
    background: var(--conversation-list-item-hover-background, var(--parley-color-hover, var(--_hover)));
  }
  .item[aria-selected='true'] {
    background: var(--conversation-list-item-selected-background, var(--parley-color-selected, var(--_selected)));
  }
  .item.top {
    box-shadow: inset 0.1875em 0 0 var(--parley-color-primary, var(--_primary));
  }
  .item:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: -0.125em;
  }
  .body {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 0.25em;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-width: 0;
  }
  .name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }
  .time,
  .preview {
    font-size: max(11px, 0.8125em);
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .time {
    flex: none;
  }
  .preview {
    flex: 1;
    min-width: 0;
    /* App-rendered previews (lastMessage) stay in their line: fixed or absolute children are contained. */
    contain: content;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .badge {
    flex: none;
    min-width: 1.5em;
    height: 1.5em;
    padding: 0 0.4em;
    border-radius: 0.75em;
    display: inline-grid;
    place-items: center;
    font-size: max(11px, 0.75em);
    font-weight: 600;
    line-height: 1;
    background: var(--conversation-list-badge-background, var(--parley-color-danger, var(--_danger)));
    color: var(--conversation-list-badge-color, var(--parley-color-on-danger, var(--_on-danger)));
  }
  .badge.dot {
    min-width: 0.625em;
    width: 0.625em;
    height: 0.625em;
    padding: 0;
  }
  .empty {
    margin: 0;
    padding: 2em 1em;
    text-align: center;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  /* Over the bottom of the list, like a toast: the rows keep their place. */
  .error {
    position: absolute;
    inset-inline: 0;
    inset-block-end: 0.5em;
    z-index: 1;
  }
`;
