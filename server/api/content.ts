/** Message content for the Server API: a JSON object in a string. */
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { Limits } from '../../src/protocol/limits.js';
import { nestsDeeperThan } from '../domain/content.js';
import { ApiError } from './params.js';

/** Content is a JSON object in a string, at most MAX_MESSAGE_CONTENT_BYTES. */
export function parseContent(content: string): Record<string, unknown> {
  if (Buffer.byteLength(content, 'utf8') > Limits.MAX_MESSAGE_CONTENT_BYTES) {
    throw new ApiError(400, ServerApiCode.PARAM_TOO_LONG, `content: exceeds ${Limits.MAX_MESSAGE_CONTENT_BYTES} bytes`);
  }
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    // Reported below.
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if (nestsDeeperThan(value, Limits.MAX_CONTENT_DEPTH)) {
      throw new ApiError(
        400,
        ServerApiCode.PARAM_ERROR,
        `content: nests deeper than ${Limits.MAX_CONTENT_DEPTH} levels`,
      );
    }
    return value as Record<string, unknown>;
  }
  throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'content: must be a JSON object in a string');
}
