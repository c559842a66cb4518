/**
 * The box a picture takes in its bubble, known before the picture loads: from the message's own
 * `width`/`height`, else from the header of its base64 thumbnail (PNG, JPEG, GIF, WebP). The box keeps
 * the picture's aspect ratio within MAX_SIDE × MAX_SIDE em, so the row never changes height when the
 * picture arrives.
 */

/** Width and height in pixels. */
export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

/** A picture's box in em: `width` em wide, `ratio` = width / height. */
export interface MediaBox {
  readonly width: number;
  readonly ratio: number;
}

/** Longest side of a picture in a bubble, em (240 px at the default 16 px `base-size`). */
export const MAX_SIDE = 15;
/** Shortest side, em: thinner pictures are cropped (`object-fit: cover`) rather than drawn as slivers. */
export const MIN_SIDE = 5;
/** Pictures of unknown size get a 4:3 box. */
const UNKNOWN: PixelSize = { width: 4, height: 3 };
/** Header bytes read from a thumbnail; JPEG may put its size after a few KB of EXIF. */
const HEAD_BYTES = 24 * 1024;

const cache = new Map<string, PixelSize | null>();
const CACHE_LIMIT = 500;

function bytesOf(base64: string): Uint8Array | null {
  const data = base64.replace(/^data:[^,]*,/, '');
  // Whole 4-character groups only, so atob never sees a cut group.
  const head = data.replace(/\s+/g, '').slice(0, Math.ceil(HEAD_BYTES / 3) * 4);
  try {
    const text = atob(head.slice(0, head.length - (head.length % 4)));
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function jpegSize(b: Uint8Array): PixelSize | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): PixelSize | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return null;
}

function decode(b: Uint8Array): PixelSize | null {
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return { width: u32be(b, 16), height: u32be(b, 20) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegSize(b);
  if (b.length >= 10 && ascii(b, 0, 3) === 'GIF') return { width: u16le(b, 6), height: u16le(b, 8) };
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webpSize(b);
  return null;
}

/** The pixel size written in a base64 picture's header (with or without a `data:` prefix), or null. */
export function thumbnailSize(base64: string): PixelSize | null {
  if (cache.has(base64)) return cache.get(base64)!;
  const bytes = bytesOf(base64);
  const found = bytes ? decode(bytes) : null;
  const size = found && found.width > 0 && found.height > 0 ? found : null;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(base64, size);
  return size;
}

function positive(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The box of a picture: `width`/`height` when the message gives both, else its thumbnail's size, else 4:3. */
export function mediaBox(width: unknown, height: unknown, thumbnail = ''): MediaBox {
  const given = positive(width) && positive(height) ? { width: positive(width), height: positive(height) } : null;
  const size = given ?? (thumbnail ? thumbnailSize(thumbnail) : null) ?? UNKNOWN;
  // Fit the longest side to MAX_SIDE; keep the shortest at MIN_SIDE or more (the rest is cropped).
  const ratio = Math.min(MAX_SIDE / MIN_SIDE, Math.max(MIN_SIDE / MAX_SIDE, size.width / size.height));
  const boxWidth = ratio >= 1 ? MAX_SIDE : MAX_SIDE * ratio;
  return { width: Math.round(boxWidth * 100) / 100, ratio: Math.round(ratio * 1000) / 1000 };
}

/** The inline style of a picture's box: its width in em and its aspect ratio. */
export function boxStyle(box: MediaBox): string {
  return `width:${box.width}em;aspect-ratio:${box.ratio}`;
}
