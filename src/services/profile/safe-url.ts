/** URL checks for values that come from the app's profile service or from messages. */

const MAX_NAME_LENGTH = 128;
const MAX_URL_LENGTH = 64 * 1024;

/**
 * Returns `uri` when it is an `http:`/`https:` URL or a `data:image/...` URL, else ''.
 * Anything else (`javascript:`, relative paths, `blob:`...) is refused.
 */
export function safeImageUrl(uri: unknown): string {
  if (typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_URL_LENGTH) return '';
  const trimmed = uri.trim();
  if (/^data:image\/[a-z0-9.+-]+[;,]/i.test(trimmed)) return trimmed;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

/** Returns a display name: a string of at most 128 characters, '' for anything else. */
export function safeName(name: unknown): string {
  if (typeof name !== 'string') return '';
  // eslint-disable-next-line no-control-regex -- control characters are what this strips
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return clean.length > MAX_NAME_LENGTH ? `${clean.slice(0, MAX_NAME_LENGTH - 1)}…` : clean;
}
