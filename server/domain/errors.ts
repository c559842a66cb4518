import type { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';

/** A refusal with a documented gateway code; the gateway and the Server API turn it into a reply. */
export class DomainError extends Error {
  constructor(
    /** An `ErrorCode`, or a `ServerApiCode` for Server API-only refusals. */
    readonly code: ErrorCode | ServerApiCode,
    message: string,
    /** Reply data that explains the refusal (e.g. a blocked send's `blockType`). */
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
