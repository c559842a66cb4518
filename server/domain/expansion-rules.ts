/** The seeds' expansion limits, shared by sends (`options.expansion`) and updates. */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { EXPANSION_KEY_PATTERN, MessagingLimits } from '../../src/protocol/messaging.js';
import { DomainError } from './errors.js';

/**
 * Refuses (34010) keys that are not 1–32 of `A-Z a-z 0-9 + = - _`, values over 4096 characters,
 * more than 20 pairs in one update, or more than 300 pairs on the message after merging.
 */
export function checkExpansion(update: Record<string, string>, existing: Record<string, string>): void {
  const keys = Object.keys(update);
  const limit = (msg: string) => new DomainError(ErrorCode.EXPANSION_LIMIT_EXCEET, msg);
  if (keys.length === 0) throw new DomainError(ErrorCode.BIZ_ERROR_INVALID_PARAMETER, 'expansion is empty');
  if (keys.length > MessagingLimits.EXPANSION_UPDATE_MAX)
    throw limit(`more than ${MessagingLimits.EXPANSION_UPDATE_MAX} pairs in one update`);
  for (const key of keys) {
    if (!EXPANSION_KEY_PATTERN.test(key))
      throw limit(`expansion key "${key.slice(0, 40)}" must be 1–32 of A-Z a-z 0-9 + = - _`);
    const value = update[key];
    if (typeof value !== 'string')
      throw new DomainError(ErrorCode.BIZ_ERROR_INVALID_PARAMETER, `expansion value of ${key} must be a string`);
    if (value.length > MessagingLimits.EXPANSION_VALUE_MAX)
      throw limit(`expansion value of ${key} exceeds ${MessagingLimits.EXPANSION_VALUE_MAX} characters`);
  }
  const total = new Set([...Object.keys(existing), ...keys]).size;
  if (total > MessagingLimits.EXPANSION_TOTAL_MAX)
    throw limit(`a message holds at most ${MessagingLimits.EXPANSION_TOTAL_MAX} expansion pairs`);
}
