/**
 * The bubbles of the less common message types: voice, short video, file, location and rich content; the
 * links and @mentions of text bubbles; reactions rows; the send state of uploading, waiting, dropped and failed messages.
 * Not in the initial load: late-bubbles.ts imports this module the first time such a message is drawn,
 * or when the browser is idle after the list connects.
 */
import { MessageType } from '../../../protocol/constants.js';
import type { BodyRenderer } from './index.js';
import { renderFile, renderLocation, renderRichContent } from './cards.js';
import { renderLegacyVoice, renderSight, renderVoice } from './playback.js';

export { useHelpers } from './bubble-helpers.js';
// Links and @mentions in text bubbles: text.ts draws the text plain until this module arrives.
export { renderMentionedText } from './mentions.js';
// Reactions rows and the send state of waiting, dropped and failed messages: empty boxes of their height until then.
export { reactionStyles, renderReactions } from '../reactions.js';
export { renderSendTrouble, sendTroubleStyles } from '../send-trouble.js';
export { renderUploadProgress } from '../upload-progress.js';
export { rareBubbleStyles } from './rare-bubbles.styles.js';

/** The renderer of each type this module draws. */
export const RARE_RENDERERS: Readonly<Record<string, BodyRenderer>> = {
  [MessageType.HQ_VOICE]: renderVoice,
  // The seeds' older voice message (AMR); no MessageType constant names it.
  'RC:VcMsg': renderLegacyVoice,
  [MessageType.SIGHT]: renderSight,
  [MessageType.FILE]: renderFile,
  [MessageType.LOCATION]: renderLocation,
  [MessageType.RICH_CONTENT]: renderRichContent,
};
