/**
 * Image helpers for sending pictures from the browser: the seeds' thumbnail rules for `RC:ImgMsg`
 * (JPEG, base64 without a `data:` prefix, longest side ≤ 240 px, at most 10k characters).
 */

/** Longest side of a thumbnail in pixels (seeds). */
export const THUMBNAIL_MAX_SIDE = 240;
/** Largest thumbnail, in base64 characters (seeds: ~5k recommended, 10k at most). */
export const THUMBNAIL_MAX_CHARS = 10_000;

const QUALITIES = [0.7, 0.5, 0.35, 0.2, 0.1];

type Drawable = ImageBitmap;

async function decode(file: Blob): Promise<Drawable | null> {
  if (typeof createImageBitmap !== 'function') return null;
  try {
    return await createImageBitmap(file);
  } catch {
    return null;
  }
}

/** Width and height of an image file, or zeros when it cannot be decoded. */
export async function imageSize(file: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await decode(file);
  if (!bitmap) return { width: 0, height: 0 };
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

function toBase64(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma >= 0 ? dataUrl.slice(comma + 1) : '';
}

/**
 * Makes the thumbnail of an image: scaled so its longest side is ≤ 240 px, JPEG at falling
 * qualities (and, if needed, smaller sizes) until the base64 fits in 10k characters. Resolves ''
 * when the image cannot be decoded or the platform cannot draw.
 */
export async function makeThumbnail(file: Blob): Promise<string> {
  const bitmap = await decode(file);
  if (!bitmap || typeof document === 'undefined') return '';
  try {
    let side = THUMBNAIL_MAX_SIDE;
    while (side >= 30) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height, 1));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const g = canvas.getContext('2d');
      if (!g) return '';
      // JPEG has no alpha: paint transparent pixels white rather than black.
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of QUALITIES) {
        const base64 = toBase64(canvas.toDataURL('image/jpeg', quality));
        if (base64 && base64.length <= THUMBNAIL_MAX_CHARS) return base64;
      }
      side = Math.floor(side * 0.7);
    }
    return '';
  } finally {
    bitmap.close();
  }
}
