import sharp from 'sharp';
import { badRequest } from './errors.js';

const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif', 'heif', 'avif']);
/** Larger pictures are refused before decoding, so that a small file cannot unpack into gigabytes. */
const MAX_PIXELS = 50_000_000;

/**
 * Re-encodes an uploaded picture from its content (never its name) into a WebP of exactly this size,
 * turned upright and cropped to fill it, with every piece of metadata (camera, location) left behind.
 * Throws UNSUPPORTED_IMAGE for anything that is not a picture sharp can read.
 */
export async function reencodePicture(data: Buffer, size: { width: number; height: number }): Promise<Buffer> {
  try {
    const meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
    if (!meta.format || !ACCEPTED.has(meta.format)) {
      throw new Error('unsupported');
    }
    return await sharp(data, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize(size.width, size.height, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw badRequest('UNSUPPORTED_IMAGE', 'Upload a JPEG, PNG, WebP, GIF or HEIC picture.');
  }
}
