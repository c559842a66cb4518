/**
 * The reactions row under a bubble: one toggle button per emoji with its count ("👍 2, you
 * reacted"). Clicking adds or takes back the user's own reaction. Part of the late module
 * (renderers/rare-bubbles.ts): until it arrives, item-context.ts draws an empty row of the same height.
 */
import { css, html, type TemplateResult } from 'lit';
import type { KitMessage, ReactionSummary } from '../../services/store/index.js';

export interface ReactionsContext {
  userId: string;
  t: (key: string, options?: Record<string, unknown>) => string;
  toggle(message: KitMessage, emoji: string): void;
}

/** Renders a message's reactions (`selectReactions` of the store, at least one). */
export function renderReactions(
  message: KitMessage,
  reactions: readonly ReactionSummary[],
  ctx: ReactionsContext,
): TemplateResult {
  return html`<div class="reactions" part="reactions" role="group" aria-label=${ctx.t('reactions.label')}>
    ${reactions.map(
      (r) => html`<button
        class="reaction ${r.mine ? 'mine' : ''}"
        part="reaction"
        type="button"
        aria-pressed=${r.mine ? 'true' : 'false'}
        aria-label=${ctx.t(r.mine ? 'reactions.countOwn' : 'reactions.count', { emoji: r.emoji, count: r.count })}
        @click=${() => ctx.toggle(message, r.emoji)}
      >
        <span aria-hidden="true">${r.emoji}</span><span class="reaction-count" aria-hidden="true">${r.count}</span>
      </button>`,
    )}
  </div>`;
}

/** Styles of the reactions row; add to the message list's `styles`. */
export const reactionStyles = css`
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    margin-block-start: 0.25em;
  }
  .message.own .reactions {
    justify-content: flex-end;
  }
  .reaction {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding: 0.125em 0.5em;
    font: inherit;
    font-size: max(11px, 0.8125em);
    line-height: 1.4;
    color: var(--message-list-reaction-color, var(--parley-color-text, var(--_text)));
    background: var(--message-list-reaction-background, var(--parley-color-surface, var(--_surface)));
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: 999px;
    cursor: pointer;
  }
  .reaction.mine {
    background: var(--message-list-reaction-mine-background, var(--parley-color-selected, var(--_selected)));
    border-color: var(--parley-color-primary, var(--_primary));
  }
  .reaction:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.0625em;
  }
`;
