/** Message content for the Server API: a JSON object in a string. */
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { Limits } from '../../src/protocol/limits.js';
import { ApiError } from './params.js';

/** Content is a JSON object in a string, at most MAX_MESSAGE_CONTENT_BYTES. */
export function parseContent(content: string): Record<string, unknown> {
  if (Buffer.byteLength(content, 'utf8') > Limits.MAX_MESSAGE_CONTENT_BYTES) {
    throw new ApiError(400, ServerApiCode.PARAM_TOO_LONG, `content: exceeds ${Limits.MAX_MESSAGE_CONTENT_BYTES} bytes`);
  }
  try {
    const value: unknown = JSON.parse(content);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'content: must be a JSON object in a string');
}

