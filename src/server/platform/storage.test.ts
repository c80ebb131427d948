import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { localStorage, memoryStorage, type Storage } from './storage.js';

async function text(stream: Readable | undefined): Promise<string | undefined> {
  if (!stream) {
    return undefined;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString();
}

async function* chunks(...parts: string[]) {
  for (const part of parts) {
    yield Buffer.from(part);
  }
}

async function* failing() {
  yield Buffer.from('half of a ');
  throw new Error('the upload was cut short');
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) {
    await rm(dir, { recursive: true, force: true });
  }
});

const kinds: [string, () => Promise<Storage>][] = [
  ['memory', async () => memoryStorage()],
  [
    'local folder',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'tessuto-storage-'));
      dirs.push(dir);
      return localStorage(dir);
    },
  ],
];

describe.each(kinds)('%s storage', (name, make) => {
  it('writes an object from a stream and tells its size', async () => {
    const s = await make();
    expect(await s.putStream('files/a/one.txt', chunks('hello ', 'world'))).toBe(11);
    expect(await s.size('files/a/one.txt')).toBe(11);
    expect((await s.get('files/a/one.txt'))?.toString()).toBe('hello world');
  });

  it('reads a range of an object with both ends included', async () => {
    const s = await make();
    await s.put('files/b/range.txt', Buffer.from('0123456789'));
    expect(await text(await s.read('files/b/range.txt', { start: 2, end: 4 }))).toBe('234');
    expect(await text(await s.read('files/b/range.txt', { start: 9, end: 9 }))).toBe('9');
    expect(await text(await s.read('files/b/range.txt'))).toBe('0123456789');
  });

  it('answers undefined for an object that is not there', async () => {
    const s = await make();
    expect(await s.size('files/c/none.txt')).toBeUndefined();
    expect(await s.read('files/c/none.txt')).toBeUndefined();
  });

  it('leaves nothing behind when the stream fails', async () => {
    const s = await make();
    await expect(s.putStream('files/d/cut.txt', failing())).rejects.toThrow('cut short');
    expect(await s.size('files/d/cut.txt')).toBeUndefined();
  });

  it('refuses a key that could leave its folder', async () => {
    const s = await make();
    if (name === 'local folder') {
      await expect(s.putStream('../escape.txt', chunks('x'))).rejects.toThrow('invalid storage key');
    }
    expect(await s.size('files/e/fine.txt')).toBeUndefined();
  });
});

describe('local folder storage', () => {
  it('keeps no temporary file after a failed stream', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tessuto-storage-'));
    dirs.push(dir);
    const s = localStorage(dir);
    await expect(s.putStream('files/f/cut.bin', failing())).rejects.toThrow();
    expect(await readdir(path.join(dir, 'files/f'))).toEqual([]);
  });
});
