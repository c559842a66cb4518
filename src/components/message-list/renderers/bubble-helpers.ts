/**
 * What the less common bubbles (cards.ts, playback.ts), mentions.ts and upload-progress.ts use of the first screen's modules. late-bubbles.ts
 * hands these over when it loads them, so the bubbles' chunk imports none of those modules: each would
 * otherwise be split out of the initial load into a shared chunk of its own.
 */
import type { safeMediaUrl, thumbnailUrl } from '../../../services/media-url.js';
import type { cancelUpload } from '../../../services/store/index.js';
import type { previewText } from '../../shared/format.js';
import type { MENTION_ALL_TEXT } from '../../shared/mention-all.js';
import type { contentOf, seconds, voiceWidth } from './content.js';
import type { boxStyle, mediaBox } from './media-size.js';

export interface BubbleHelpers {
  safeMediaUrl: typeof safeMediaUrl;
  thumbnailUrl: typeof thumbnailUrl;
  previewText: typeof previewText;
  contentOf: typeof contentOf;
  seconds: typeof seconds;
  voiceWidth: typeof voiceWidth;
  mediaBox: typeof mediaBox;
  boxStyle: typeof boxStyle;
  /** What the editor writes for @all (mentions.ts highlights it). */
  mentionAllText: typeof MENTION_ALL_TEXT;
  /** Stops an upload (upload-progress.ts). */
  cancelUpload: typeof cancelUpload;
}

/** The helpers, filled by `useHelpers` before any bubble is drawn. */
export const h = {} as BubbleHelpers;

export function useHelpers(helpers: BubbleHelpers): void {
  Object.assign(h, helpers);
}
