import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { badRequest } from '../../platform/errors.js';

/**
 * What an upload is, decided from its bytes only: neither the file name nor the type the browser
 * claims is trusted, because both are chosen by the sender.
 */
export type Detected = { kind: 'image'; format: ImageFormat } | { kind: 'file'; mime: string; ext: string };

type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'heif';

const IMAGES: Record<string, ImageFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'heif',
  'image/heic': 'heif',
  'image/heif': 'heif',
};

/** Documents kept as they are. Zip-based office files are recognised by their inner structure, so a renamed zip is refused. */
const DOCUMENTS: ReadonlySet<string> = new Set(['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp']);

/** Plain text has no signature: it is accepted only under one of these names, and only when it really is UTF-8 text. */
const TEXTS: Record<string, string> = { txt: 'text/plain', csv: 'text/csv', md: 'text/markdown' };

/** Images are stored with at most this many pixels on their longest side. */
export const IMAGE_MAX_SIDE = 2560;
export const THUMB_WIDTH = 640;
/** Decoding more pixels than this (all frames together) is refused, so a small file cannot expand into gigabytes. */
const MAX_INPUT_PIXELS = 100_000_000;
export const NAME_MAX = 200;

const unsupported = () =>
  badRequest('UNSUPPORTED_FILE_TYPE', 'This kind of file cannot be attached. Attach pictures, PDFs, office documents or plain text.');

/** Tells what an upload is from its content; refuses anything outside the allowed kinds. */
export async function detectType(data: Buffer, name: string): Promise<Detected> {
  if (data.length === 0) {
    throw badRequest('FILE_EMPTY', 'The file is empty.');
  }
  const found = await fileTypeFromBuffer(data);
  if (found) {
    const format = IMAGES[found.mime];
    if (format) {
      return { kind: 'image', format };
    }
    if (DOCUMENTS.has(found.ext)) {
      return { kind: 'file', mime: found.mime, ext: found.ext };
    }
    throw unsupported();
  }
  const ext = extensionOf(name);
  const mime = ext ? TEXTS[ext] : undefined;
  if (!ext || !mime || !isUtf8Text(data)) {
    throw unsupported();
  }
  return { kind: 'file', mime, ext };
}

function isUtf8Text(data: Buffer): boolean {
  if (data.includes(0)) {
    return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

function extensionOf(name: string): string | undefined {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m?.[1]?.toLowerCase();
}

export interface ProcessedImage {
  data: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * Decodes and re-encodes a picture as WebP: turned upright by its EXIF orientation, then every piece
 * of metadata (EXIF, GPS location, XMP, ICC) left behind, and scaled down to a sensible size; plus a
 * thumbnail for feeds. Animated GIF and WebP keep their animation; the thumbnail is the first frame.
 */
export async function processImage(input: Buffer, format: ImageFormat): Promise<ProcessedImage> {
  const unreadable = () =>
    format === 'heif'
      ? badRequest('UNSUPPORTED_FILE_TYPE', 'This HEIC or AVIF picture cannot be read here. Save it as JPEG and try again.')
      : badRequest('IMAGE_UNREADABLE', 'This picture is damaged or not what its format says. Save it again and retry.');
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  // The bytes must decode as the format the signature announced, never as another one (such as SVG).
  if (meta.format !== format || !meta.width || !meta.height) {
    throw unreadable();
  }
  const pages = meta.pages ?? 1;
  if (meta.width * (meta.pageHeight ?? meta.height) * pages > MAX_INPUT_PIXELS) {
    throw badRequest('IMAGE_TOO_LARGE', 'This picture has too many pixels. Make it smaller and try again.');
  }
  const animated = pages > 1 && (format === 'gif' || format === 'webp');
  try {
    const base = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated });
    const upright = animated ? base : base.rotate();
    const data = await upright
      .resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer();
    const thumb = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, pages: 1 })
      .rotate()
      .resize({ width: THUMB_WIDTH, height: THUMB_WIDTH * 3, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const out = await sharp(data).metadata();
    return { data, thumb, width: out.width, height: out.pageHeight ?? out.height };
  } catch {
    throw unreadable();
  }
}

/**
 * The name shown for an upload: only its last path segment, without control or direction-changing
 * characters, at most NAME_MAX characters, and ending in the extension of what the file really is,
 * so a download never opens as another kind of file.
 */
export function displayName(raw: string | undefined, ext: string): string {
  const last = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = last
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const dot = clean.lastIndexOf('.');
  const stem = (dot > 0 ? clean.slice(0, dot) : clean).trim() || 'file';
  const short = [...stem].slice(0, NAME_MAX - ext.length - 1).join('');
  return `${short}.${ext}`;
}

/**
 * Content-Disposition for serving: pictures inline (they are re-encoded by us); anything else as a
 * download under its display name, with an ASCII fallback for old clients.
 */
export function contentDisposition(kind: 'image' | 'file', name: string): string {
  if (kind === 'image') {
    return 'inline';
  }
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
