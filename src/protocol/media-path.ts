/**
 * The check of a relative `/media/...` URL, shared by the server's content validation and the
 * kit's URL check. Browsers decode percent-escapes and treat `\` as `/` when they resolve a path,
 * so `/media/%2e%2e/%2e%2e/logout` or `/media/..\..\x` would reach another path of the page's
 * origin: the path is judged after decoding (repeatedly, for double encoding).
 */
import { MEDIA_PATH_PREFIX } from './constants.js';

/** How many rounds of percent-decoding are undone before a path that still changes is refused. */
const MAX_DECODE_ROUNDS = 3;

/** A decoded media path: no whitespace, controls, backslashes, `?` or `#` (ids and file names). */
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const DECODED_PATH = /^\/media\/[^\u0000-\u0020\u007f-\u009f\\?#]+$/;

/**
 * True when `value` is a path under `/media/` that stays there however it is decoded: no dot
 * segments, no backslashes, no empty segments, no control characters, even after percent-decoding.
 * A query string (`?...`) is allowed and not judged (it does not change the path).
 */
export function isSafeMediaPath(value: string): boolean {
  if (!value.startsWith(MEDIA_PATH_PREFIX) || value.includes('\\')) return false;
  const query = value.indexOf('?');
  if (query >= 0 && /[\s#\\]/.test(value.slice(query))) return false;
  let path = query >= 0 ? value.slice(0, query) : value;
  for (let round = 0; path.includes('%'); round++) {
    if (round === MAX_DECODE_ROUNDS) return false;
    try {
      path = decodeURIComponent(path);
    } catch {
      return false;
    }
  }
  if (!DECODED_PATH.test(path)) return false;
  return !path.split('/').some((segment, i) => (i > 1 && segment === '') || segment === '.' || segment === '..');
}
