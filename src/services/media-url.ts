/**
 * The one URL check for what messages carry (images, files, audio, video, links). Allowed:
 * absolute `http:`/`https:` URLs, the server's own relative `/media/...` path, and — for images
 * only — `data:image/(png|jpeg|gif|webp)` URLs. Everything else (`javascript:`, `blob:`, `file:`,
 * SVG data, protocol-relative `//host`) comes back as ''.
 */

import { isSafeMediaPath } from '../protocol/media-path.js';

/** What a URL is used for: `image` also allows raster `data:` URLs. */
export type MediaUrlKind = 'image' | 'media' | 'link';

const MAX_URL_LENGTH = 64 * 1024;
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

/** Returns `uri` when it is safe to use as `kind`, else ''. */
export function safeMediaUrl(uri: unknown, kind: MediaUrlKind = 'media'): string {
  if (typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_URL_LENGTH) return '';
  const trimmed = uri.trim();
  if (/^data:/i.test(trimmed)) return kind === 'image' && DATA_IMAGE.test(trimmed) ? trimmed : '';
  if (trimmed.startsWith('/')) return kind !== 'link' && isSafeMediaPath(trimmed) ? trimmed : '';
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

/**
 * A thumbnail from a message's `content` field (base64 JPEG without a prefix, as the seeds send it,
 * or a full data URL) as a safe `data:image` URL, or ''.
 */
export function thumbnailUrl(content: unknown): string {
  if (typeof content !== 'string' || content === '') return '';
  if (content.startsWith('data:')) return safeMediaUrl(content, 'image');
  return BASE64.test(content) ? safeMediaUrl(`data:image/jpeg;base64,${content}`, 'image') : '';
}
