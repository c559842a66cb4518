/**
 * The refusal a client or the Server API gets while the database cannot be reached: gateway code
 * 33002 (`BIZ_ERROR_DATABASE_ERROR`) with the message `storage unavailable`. Nothing was written;
 * the same request succeeds once the database is back (the node reconnects by itself).
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { DomainError } from '../domain/errors.js';

export class StorageUnavailableError extends DomainError {
  constructor(override readonly cause: unknown) {
    super(ErrorCode.BIZ_ERROR_DATABASE_ERROR, 'storage unavailable');
    this.name = 'StorageUnavailableError';
  }
}

/** A database URL fit for logs and error messages: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
