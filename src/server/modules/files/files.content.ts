import { isUtf8 } from 'node:buffer';
import { fileTypeFromBuffer } from 'file-type';
import type { FileKind } from '../../../shared/comms.js';
import { badRequest } from '../../platform/errors.js';
import { contentDisposition as attachmentDisposition, displayName } from '../attachments/attachments.content.js';

/** How many leading bytes of an upload are read to tell what it is (what file-type needs for its signatures). */
export const SNIFF_BYTES = 4100;

/** What a community file is, told from its first bytes only; the name and the type the browser claims are not trusted. */
export interface Sniffed {
  kind: FileKind;
  /** The type it is stored and served with. */
  mime: string;
  /** The extension its stored key and its download name end with. */
  ext: string;
}

/** Videos the browsers play in a `<video>` element; other videos are kept as plain files to download. */
const VIDEOS: Record<string, string> = {
  'video/mp4': 'video/mp4',
  'video/x-m4v': 'video/mp4',
  'video/webm': 'video/webm',
  'video/ogg': 'video/ogg',
};

/** Programs are refused whatever they are called: a community's files are documents and media, not software to run. */
const EXECUTABLES: ReadonlySet<string> = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-msi',
  'application/vnd.microsoft.portable-executable',
]);

/** Tells what an upload is from its first bytes (up to SNIFF_BYTES) and the name the sender gave. */
export async function sniff(head: Buffer, name: string): Promise<Sniffed> {
  if (head.length === 0) {
    throw badRequest('FILE_EMPTY', 'The file is empty.');
  }
  const found = await fileTypeFromBuffer(head);
  if (found) {
    if (EXECUTABLES.has(found.mime)) {
      throw badRequest('UNSUPPORTED_FILE_TYPE', 'Programs cannot be shared here. Share documents, pictures or videos.');
    }
    const ext =
      found.ext
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 8) || 'bin';
    const video = VIDEOS[found.mime];
    return video ? { kind: 'video', mime: video, ext: ext === 'm4v' ? 'mp4' : ext } : { kind: 'file', mime: found.mime, ext };
  }
  if (looksLikeText(head)) {
    return { kind: 'file', mime: 'text/plain', ext: extensionOf(name) ?? 'txt' };
  }
  return { kind: 'file', mime: 'application/octet-stream', ext: extensionOf(name) ?? 'bin' };
}

/** UTF-8 with no NUL bytes; a character cut in two at the end of the sniffed bytes does not count against it. */
function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) {
    return false;
  }
  for (let cut = 0; cut <= Math.min(3, head.length - 1); cut++) {
    if (isUtf8(head.subarray(0, head.length - cut))) {
      return true;
    }
    if (head.length < SNIFF_BYTES) {
      return false;
    }
  }
  return false;
}

/** The sender's extension when it can be part of a storage key (letters and digits); lower case. */
function extensionOf(name: string): string | undefined {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m?.[1]?.toLowerCase();
}

/** The extension a display name or storage key ends with. */
export function extOfName(name: string): string {
  return extensionOf(name) ?? 'bin';
}

/** The name a file is shown and downloaded under, ending in the extension of what it really is. */
export function fileName(raw: string | undefined, ext: string): string {
  return displayName(raw, ext);
}

/** The name without its extension, for keeping a file's name when a new version changes its type. */
export function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Videos play in the page; everything else is a download under its name (RFC 6266 / 5987), never shown inline. */
export function contentDisposition(kind: FileKind, name: string): string {
  return kind === 'video' ? 'inline' : attachmentDisposition('file', name);
}

/** The Content-Type to serve a stored type with. */
export function servedType(mime: string): string {
  return mime.startsWith('text/') ? `${mime}; charset=utf-8` : mime;
}
