/**
 * The less common bubbles (voice, video, file, location, rich content) and the links and @mentions of
 * text bubbles are a module of their own, rare-bubbles.ts, that the first screen of a text conversation
 * does not load (text.ts draws a text plain until it arrives). It is imported when the
 * browser is idle after a message list connects, or by the first such message drawn, whichever comes
 * first. Until it arrives, such a message shows an empty bubble of the final size, so nothing moves
 * when the real one replaces it.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { MessageType } from '../../../protocol/constants.js';
import { safeMediaUrl, thumbnailUrl } from '../../../services/media-url.js';
import { cancelUpload, type KitMessage } from '../../../services/store/index.js';
import { previewText } from '../../shared/format.js';
import { MENTION_ALL_TEXT } from '../../shared/mention-all.js';
import { adoptLateStyles, whenIdle } from '../../shared/lazy-part.js';
import { contentOf, seconds, voiceWidth } from './content.js';
import { boxStyle, mediaBox } from './media-size.js';

type RareBubbles = typeof import('./rare-bubbles.js');

let loaded: RareBubbles | null = null;
let loading: Promise<RareBubbles> | null = null;

/** Imports the less common bubbles (once). */
export function loadRareBubbles(): Promise<RareBubbles> {
  loading ??= import('./rare-bubbles.js').then((module) => {
    module.useHelpers({
      safeMediaUrl,
      thumbnailUrl,
      previewText,
      contentOf,
      seconds,
      voiceWidth,
      mediaBox,
      boxStyle,
      mentionAllText: MENTION_ALL_TEXT,
      cancelUpload,
    });
    return (loaded = module);
  });
  loading.catch(() => (loading = null));
  return loading;
}

/** The less common bubbles, once loaded. */
export function rareBubbles(): RareBubbles | null {
  return loaded;
}

/** The types rare-bubbles.ts draws. */
export const RARE_TYPES: ReadonlySet<string> = new Set([
  MessageType.HQ_VOICE,
  // The seeds' older voice message (AMR); no MessageType constant names it.
  'RC:VcMsg',
  MessageType.SIGHT,
  MessageType.FILE,
  MessageType.LOCATION,
  MessageType.RICH_CONTENT,
]);

/** A card's body, em: its padding, a title line, the gap and a detail line (measured: late-bubbles.test.ts). */
const CARD_BODY = 3.69;

/** The final box of a bubble of `message` (a type rare-bubbles.ts draws), as an inline style. */
function placeholderStyle(message: KitMessage): string {
  const content = contentOf(message);
  switch (message.messageType) {
    case MessageType.SIGHT:
      return boxStyle(mediaBox(content.width, content.height, thumbnailUrl(content.content)));
    case MessageType.FILE:
      return 'width:16em;height:3.75em';
    case MessageType.LOCATION: {
      const thumb = thumbnailUrl(content.content);
      const picture = thumb ? Math.min(12, 15 / mediaBox(0, 0, thumb).ratio) : 0;
      return `width:15em;height:${picture + CARD_BODY}em`;
    }
    case MessageType.RICH_CONTENT:
      return `width:15em;height:${(safeMediaUrl(content.imageUri, 'image') ? (15 * 9) / 16 : 0) + CARD_BODY}em`;
    default:
      // Voice, both kinds: a round button of 2em in 0.375em of padding.
      return `width:${voiceWidth(seconds(content.duration))}em;height:2.75em`;
  }
}

/** The empty bubble shown until the less common bubbles arrive. */
export function renderPlaceholder(message: KitMessage): TemplateResult {
  return html`<div class="bubble late-bubble" part="bubble" aria-busy="true" style=${placeholderStyle(message)}></div>`;
}

/**
 * The empty reactions row drawn until the late module arrives, as high as one row of reaction buttons
 * (reactions.ts: its top margin; a button's line of 1.4, padding of 0.125em and border of 0.0625em, at its
 * font size).
 */
export const reactionsPlaceholder = html`<div
  class="reactions"
  part="reactions"
  aria-busy="true"
  style="margin-block-start:0.25em;block-size:calc(max(11px, 0.8125em) * 1.775)"
></div>`;

/**
 * Gets the less common bubbles to a message list: fetched when the browser is idle after it connects,
 * or at once by `load()` (a placeholder was drawn); once they arrive their styles join the host's
 * shadow root and the host renders again.
 */
export class LateBubblesController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #loading: Promise<void> | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (loaded) this.#adopt(loaded);
    else whenIdle(() => void this.load());
  }

  /** Whether the bubbles are here (a change of it redraws every row). */
  get ready(): boolean {
    return loaded !== null;
  }

  /** Loads the bubbles and asks the host to render again with them; settles once that is asked. */
  load(): Promise<void> {
    this.#loading ??= loadRareBubbles().then(
      (module) => {
        this.#adopt(module);
        this.#host.requestUpdate();
      },
      () => {
        // Offline or a failed chunk: the placeholders stay, and the next one drawn tries again.
        this.#loading = null;
      },
    );
    return this.#loading;
  }

  /** The load under way, if one was started: a host's `updateComplete` waits for it and the render after it. */
  get pending(): Promise<void> | null {
    return this.#loading;
  }

  #adopt(module: RareBubbles): void {
    for (const styles of [module.rareBubbleStyles, module.reactionStyles, module.sendTroubleStyles])
      adoptLateStyles(this.#host, styles);
  }
}
