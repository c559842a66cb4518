import { css } from 'lit';

export const chatroomQueueStyles = css`
  :host {
    background: var(--chatroom-queue-background, var(--parley-color-background, var(--_background)));
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    block-size: 100%;
    padding: 0.75em;
  }
  .title {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .count {
    min-inline-size: 1.5em;
    padding: 0 0.375em;
    border-radius: 0.75em;
    background: var(--parley-color-surface, var(--_surface));
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-size: max(11px, 0.75em);
    text-align: center;
  }
  .empty {
    margin: 0;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-size: max(11px, 0.875em);
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: var(--chatroom-queue-gap, 0.375em);
    flex: 1 1 auto;
    min-block-size: 0;
    overflow-y: auto;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* Place | name, with the value on a second line under the name, so neither crowds the other out. */
  .entry {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    column-gap: 0.5em;
    align-items: baseline;
    padding: 0.375em 0.625em;
    border-radius: var(--parley-radius, 0.5em);
    background: var(--chatroom-queue-entry-background, var(--parley-color-surface, var(--_surface)));
  }
  .entry[data-mine] {
    background: var(--chatroom-queue-mine-background, var(--parley-color-selected, var(--_selected)));
  }
  .position {
    min-inline-size: 1.25em;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-variant-numeric: tabular-nums;
    text-align: end;
  }
  .name,
  .value {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .name {
    font-weight: 500;
  }
  .value {
    grid-column: 2;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-size: max(11px, 0.875em);
  }
  .action {
    align-self: flex-start;
    padding: 0.375em 0.875em;
    border: 0;
    border-radius: var(--parley-radius, 0.5em);
    font: inherit;
    cursor: pointer;
  }
  .join {
    background: var(--parley-color-primary, var(--_primary));
    color: var(--parley-color-on-primary, var(--_on-primary));
  }
  .leave {
    background: transparent;
    color: var(--parley-color-text, var(--_text));
    box-shadow: inset 0 0 0 0.0625em var(--parley-color-border, var(--_border));
  }
  .action:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .action:focus-visible {
    outline-offset: 0.125em;
  }
  .error {
    margin: 0;
  }
`;
