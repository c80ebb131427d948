import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { memoryStorage } from '../../platform/storage.js';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { saveCommsSettings } from '../comms/settings.js';
import { parseRange } from './files.service.js';

let t: TestApp;
let org: TestOrg;
type Person = { id: string; client: Client };
let owner: Person;
let member: Person;
let outsider: Person;
let open: string;
let secret: string;

const storedKeys = () => (t.app.ctx.storage as ReturnType<typeof memoryStorage>).keys().filter((k) => k.startsWith(`files/${org.orgId}/`));

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  owner = await org.person({ name: 'Olga Owner' });
  member = await org.person({ name: 'Marco Member' });
  outsider = await org.person({ name: 'Otto Outsider' });
  open = await insertCommunity(t, org, 'public', [
    { id: owner.id, role: 'owner' },
    { id: member.id, role: 'member' },
  ]);
  secret = await insertCommunity(t, org, 'secret', [{ id: owner.id, role: 'owner' }]);
});
afterAll(() => t.close());

function multipart(file: { filename: string; data: Buffer; type?: string } | null, fields: Record<string, string> = {}) {
  const boundary = '----tessuto-files';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function send(client: Client, url: string, file: { filename: string; data: Buffer } | null, fields?: Record<string, string>) {
  const body = multipart(file, fields);
  return client.post(url, body.payload, body.headers);
}

/** The start of an MP4 file: an `ftyp` box with the `isom` brand, then padding — enough to be recognised by its bytes. */
function mp4(size = 300): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomavc1')]);
  return Buffer.concat([ftyp, Buffer.alloc(size - ftyp.length, 7)]);
}

/** An EBML header whose DocType is `webm`, then padding. */
function webm(size = 300): Buffer {
  const head = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x87, 0x42, 0x82, 0x84]), Buffer.from('webm')]);
  return Buffer.concat([head, Buffer.alloc(size - head.length, 3)]);
}

const text = (s = '0123456789abcdefghij') => Buffer.from(s);

type FileJson = {
  id: string;
  name: string;
  kind: 'file' | 'video';
  mime: string;
  size: number;
  description: string;
  versionCount: number;
  url: string;
  posterUrl: string | null;
  uploader: { id: string; name: string } | null;
  abilities: { canEdit: boolean; canDelete: boolean; canAddVersion: boolean; canSetPoster: boolean };
  versions: { version: number; size: number; url: string; uploader: { id: string } | null }[];
};

async function share(client: Client, communityId: string, file: { filename: string; data: Buffer }, fields?: Record<string, string>) {
  const res = await send(client, `/api/communities/${communityId}/files`, file, fields);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<FileJson>();
}

describe('community files', () => {
  it('shares a file with a description and lists it with its uploader, size and version count', async () => {
    const shared = await share(member.client, open, { filename: 'Minutes.txt', data: text() }, { description: '  Notes of Monday  ' });
    expect(shared).toMatchObject({
      name: 'Minutes.txt',
      kind: 'file',
      mime: 'text/plain',
      size: 20,
      description: 'Notes of Monday',
      versionCount: 1,
      posterUrl: null,
      uploader: { id: member.id, name: 'Marco Member' },
      abilities: { canEdit: true, canDelete: true, canAddVersion: true, canSetPoster: false },
    });
    const list = await outsider.client.get(`/api/communities/${open}/files`);
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json<{ items: FileJson[] }>().items.find((f) => f.id === shared.id);
    expect(item).toMatchObject({
      name: 'Minutes.txt',
      versionCount: 1,
      abilities: { canEdit: false, canDelete: false, canAddVersion: false },
    });
  });

  it('tells a video from its bytes, whatever it is called, and plays it inline', async () => {
    const video = await share(member.client, open, { filename: 'party.txt', data: mp4() });
    expect(video).toMatchObject({ kind: 'video', mime: 'video/mp4', name: 'party.mp4', abilities: { canSetPoster: true } });
    const res = await member.client.get(video.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['content-disposition']).toBe('inline');
    expect(res.rawPayload.equals(mp4())).toBe(true);
    const other = await share(member.client, open, { filename: 'clip', data: webm() });
    expect(other).toMatchObject({ kind: 'video', mime: 'video/webm', name: 'clip.webm' });
  });

  it('refuses an empty upload, a request without a file and a program', async () => {
    const before = storedKeys().length;
    const empty = await send(member.client, `/api/communities/${open}/files`, { filename: 'empty.txt', data: Buffer.alloc(0) });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'FILE_EMPTY']);
    const none = await send(member.client, `/api/communities/${open}/files`, null, { description: 'no file' });
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'FILE_MISSING']);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(300)]);
    exe.writeUInt32LE(64, 60);
    const program = await send(member.client, `/api/communities/${open}/files`, { filename: 'report.pdf', data: exe });
    expect([program.statusCode, program.json().error.code]).toEqual([400, 'UNSUPPORTED_FILE_TYPE']);
    const long = await send(
      member.client,
      `/api/communities/${open}/files`,
      { filename: 'a.txt', data: text() },
      { description: 'x'.repeat(1001) },
    );
    expect([long.statusCode, long.json().error.code]).toEqual([400, 'DESCRIPTION_TOO_LONG']);
    expect(storedKeys().length).toBe(before);
  });

  it('keeps versions: the newest is served by default and older ones by number', async () => {
    const file = await share(member.client, open, { filename: 'plan.txt', data: text('first') });
    const res = await send(owner.client, `/api/files/${file.id}/versions`, { filename: 'whatever.md', data: text('second version') });
    expect(res.statusCode, res.body).toBe(201);
    const v2 = res.json<FileJson>();
    expect(v2).toMatchObject({ versionCount: 2, size: 14, name: 'plan.md', uploader: { id: owner.id } });
    expect(v2.versions.map((v) => [v.version, v.size, v.uploader?.id])).toEqual([
      [2, 14, owner.id],
      [1, 5, member.id],
    ]);
    expect((await member.client.get(`/api/files/${file.id}/content`)).body).toBe('second version');
    const first = await member.client.get(`/api/files/${file.id}/content?version=1`);
    expect(first.body).toBe('first');
    expect(first.headers['content-disposition']).toContain('filename="plan.txt"');
    expect((await member.client.get(`/api/files/${file.id}/content?version=3`)).statusCode).toBe(404);
  });

  it('refuses a new version of another kind and keeps nothing of it', async () => {
    const file = await share(member.client, open, { filename: 'doc.txt', data: text() });
    const before = storedKeys().length;
    const res = await send(member.client, `/api/files/${file.id}/versions`, { filename: 'v.mp4', data: mp4() });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'FILE_KIND_CHANGED']);
    expect(storedKeys().length).toBe(before);
  });

  it('answers 404 on a secret community to someone outside it, and 403 to a reader who is not a member', async () => {
    const hidden = await share(owner.client, secret, { filename: 'secret.txt', data: text() });
    for (const url of [
      `/api/communities/${secret}/files`,
      `/api/files/${hidden.id}`,
      `/api/files/${hidden.id}/content`,
      `/api/files/${hidden.id}/poster`,
    ]) {
      const res = await outsider.client.get(url);
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
    const up = await send(outsider.client, `/api/communities/${secret}/files`, { filename: 'x.txt', data: text() });
    expect(up.statusCode).toBe(404);
    const newVersion = await send(outsider.client, `/api/files/${hidden.id}/versions`, { filename: 'x.txt', data: text() });
    expect(newVersion.statusCode).toBe(404);
    expect((await outsider.client.delete(`/api/files/${hidden.id}`)).statusCode).toBe(404);
    const reader = await send(outsider.client, `/api/communities/${open}/files`, { filename: 'x.txt', data: text() });
    expect([reader.statusCode, reader.json().error.code]).toEqual([403, 'NOT_A_MEMBER']);
    const unknown = await send(member.client, `/api/communities/${crypto.randomUUID()}/files`, { filename: 'x.txt', data: text() });
    expect(unknown.statusCode).toBe(404);
  });

  it('holds files and videos to the limits the administrators set, keeping nothing of a refused upload', async () => {
    const limited = await org.person();
    const community = await insertCommunity(t, org, 'private', [{ id: limited.id }]);
    await saveCommsSettings(t.app.ctx.db, org.orgId, { fileMaxBytes: 100, videoMaxBytes: 5000 });
    try {
      const before = storedKeys().length;
      const big = await send(limited.client, `/api/communities/${community}/files`, { filename: 'big.txt', data: Buffer.alloc(101, 'a') });
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { limit: 100 } });
      const bigVideo = await send(limited.client, `/api/communities/${community}/files`, { filename: 'big.mp4', data: mp4(5001) });
      expect(bigVideo.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { limit: 5000 } });
      const hugeVideo = await send(limited.client, `/api/communities/${community}/files`, { filename: 'huge.mp4', data: mp4(20_000) });
      expect(hugeVideo.statusCode).toBe(413);
      expect(storedKeys().length).toBe(before);
      await share(limited.client, community, { filename: 'fits.txt', data: Buffer.alloc(100, 'a') });
      await share(limited.client, community, { filename: 'fits.mp4', data: mp4(4999) });
      expect(storedKeys().length).toBe(before + 2);
    } finally {
      await saveCommsSettings(t.app.ctx.db, org.orgId, { fileMaxBytes: 50 * 1024 * 1024, videoMaxBytes: 500 * 1024 * 1024 });
    }
  });

  it('keeps nothing of an upload whose body is cut short', async () => {
    const before = storedKeys().length;
    const body = multipart({ filename: 'cut.mp4', data: mp4(20_000) });
    const cut = body.payload.subarray(0, body.payload.length - 2000);
    const res = await member.client.post(`/api/communities/${open}/files`, cut, body.headers);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(storedKeys().length).toBe(before);
  });

  it('serves byte ranges, and 416 for a range past the end', async () => {
    const file = await share(member.client, open, { filename: 'Résumé final.txt', data: text() });
    const whole = await member.client.get(file.url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers).toMatchObject({
      'accept-ranges': 'bytes',
      'content-length': '20',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private',
      'content-type': 'text/plain; charset=utf-8',
    });
    expect(whole.headers['content-disposition']).toBe(
      `attachment; filename="R_sum_ final.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%20final.txt`,
    );
    const first = await member.client.get(file.url, { range: 'bytes=0-9' });
    expect([first.statusCode, first.body, first.headers['content-range'], first.headers['content-length']]).toEqual([
      206,
      '0123456789',
      'bytes 0-9/20',
      '10',
    ]);
    const last = await member.client.get(file.url, { range: 'bytes=-5' });
    expect([last.statusCode, last.body, last.headers['content-range']]).toEqual([206, 'fghij', 'bytes 15-19/20']);
    const from = await member.client.get(file.url, { range: 'bytes=5-' });
    expect([from.statusCode, from.body, from.headers['content-range']]).toEqual([206, '56789abcdefghij', 'bytes 5-19/20']);
    const clipped = await member.client.get(file.url, { range: 'bytes=18-100' });
    expect([clipped.statusCode, clipped.body]).toEqual([206, 'ij']);
    const past = await member.client.get(file.url, { range: 'bytes=20-30' });
    expect([past.statusCode, past.headers['content-range'], past.json().error.code]).toEqual([416, 'bytes */20', 'RANGE_NOT_SATISFIABLE']);
    const several = await member.client.get(file.url, { range: 'bytes=0-1,4-5' });
    expect([several.statusCode, several.body.length]).toEqual([200, 20]);
    const nonsense = await member.client.get(file.url, { range: 'pages=1-2' });
    expect(nonsense.statusCode).toBe(200);
  });

  it('answers HEAD with the length and no body', async () => {
    const file = await share(member.client, open, { filename: 'head.txt', data: text() });
    const head = await member.client.request('HEAD', file.url);
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe('20');
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(head.body).toBe('');
    const ranged = await member.client.request('HEAD', file.url, undefined, { range: 'bytes=0-9' });
    expect([ranged.statusCode, ranged.headers['content-length'], ranged.body]).toEqual([206, '10', '']);
  });

  it('renames a file keeping what it is, for its uploader only', async () => {
    const file = await share(member.client, open, { filename: 'draft.txt', data: text() });
    const renamed = await member.client.patch(`/api/files/${file.id}`, { name: 'Final plan.exe', description: 'The plan' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Final plan.txt', description: 'The plan' });
    const stranger = await outsider.client.patch(`/api/files/${file.id}`, { name: 'mine.txt' });
    expect(stranger.statusCode).toBe(403);
    const empty = await member.client.patch(`/api/files/${file.id}`, {});
    expect(empty.statusCode).toBe(400);
    const long = await member.client.patch(`/api/files/${file.id}`, { description: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(400);
  });

  it('deletes a file for its uploader or a moderator, and its stored versions with the purge job', async () => {
    const file = await share(member.client, open, { filename: 'old.txt', data: text() });
    await send(member.client, `/api/files/${file.id}/versions`, { filename: 'old.txt', data: text('again') });
    const keys = storedKeys();
    const stranger = await org.person();
    await t.app.ctx.db
      .insertInto('communityMembers')
      .values({ orgId: org.orgId, communityId: open, userId: stranger.id, role: 'member', status: 'active' })
      .execute();
    expect((await stranger.client.delete(`/api/files/${file.id}`)).statusCode).toBe(403);
    const gone = await member.client.delete(`/api/files/${file.id}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await member.client.get(`/api/files/${file.id}`)).statusCode).toBe(404);
    expect((await member.client.get(`/api/files/${file.id}/content`)).statusCode).toBe(404);
    const list = await member.client.get(`/api/communities/${open}/files?limit=100`);
    expect(list.json<{ items: FileJson[] }>().items.map((f) => f.id)).not.toContain(file.id);
    await t.app.ctx.worker.runDue();
    const left = storedKeys();
    expect(keys.filter((k) => k.includes(file.id))).toHaveLength(2);
    expect(left.filter((k) => k.includes(file.id))).toEqual([]);

    const other = await share(member.client, open, { filename: 'by-member.txt', data: text() });
    expect((await owner.client.delete(`/api/files/${other.id}`)).statusCode).toBe(200);
  });

  it("sets a video's poster, re-encoded, and refuses one for a plain file or from something that is not a picture", async () => {
    const video = await share(member.client, open, { filename: 'talk.mp4', data: mp4() });
    const png = await sharp({ create: { width: 32, height: 18, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
    const res = await send(member.client, `/api/files/${video.id}/poster`, { filename: 'poster.png', data: png });
    expect(res.statusCode, res.body).toBe(200);
    const withPoster = res.json<FileJson>();
    expect(withPoster.posterUrl).toBe(`/api/files/${video.id}/poster?version=1`);
    const poster = await outsider.client.get(withPoster.posterUrl!);
    expect([poster.statusCode, poster.headers['content-type']]).toEqual([200, 'image/webp']);
    expect((await sharp(poster.rawPayload).metadata()).format).toBe('webp');

    const second = await send(member.client, `/api/files/${video.id}/poster`, { filename: 'poster.png', data: png });
    expect(second.statusCode).toBe(200);
    expect(storedKeys().filter((k) => k.includes(`${video.id}/poster-`))).toHaveLength(1);

    const notPicture = await send(member.client, `/api/files/${video.id}/poster`, { filename: 'poster.png', data: text() });
    expect([notPicture.statusCode, notPicture.json().error.code]).toEqual([400, 'POSTER_NOT_IMAGE']);
    const file = await share(member.client, open, { filename: 'plain.txt', data: text() });
    const plain = await send(member.client, `/api/files/${file.id}/poster`, { filename: 'poster.png', data: png });
    expect([plain.statusCode, plain.json().error.code]).toEqual([400, 'NOT_A_VIDEO']);
    const stranger = await send(outsider.client, `/api/files/${video.id}/poster`, { filename: 'poster.png', data: png });
    expect(stranger.statusCode).toBe(403);
    expect((await member.client.get(`/api/files/${file.id}/poster`)).statusCode).toBe(404);
  });

  it("pages through a community's files, most recently changed first, and tells who is watching", async () => {
    const community = await insertCommunity(t, org, 'public', [{ id: member.id }]);
    const a = await share(member.client, community, { filename: 'a.txt', data: text() });
    const b = await share(member.client, community, { filename: 'b.txt', data: text() });
    await send(member.client, `/api/files/${a.id}/versions`, { filename: 'a.txt', data: text('newer') });
    const first = await member.client.get(`/api/communities/${community}/files?limit=1`);
    const page1 = first.json<{ items: FileJson[]; nextCursor: string | null }>();
    expect(page1.items.map((f) => f.id)).toEqual([a.id]);
    const second = await member.client.get(`/api/communities/${community}/files?limit=1&cursor=${page1.nextCursor}`);
    const page2 = second.json<{ items: FileJson[]; nextCursor: string | null }>();
    expect(page2.items.map((f) => f.id)).toEqual([b.id]);
    expect(page2.nextCursor).toBeNull();
    expect((await member.client.get(`/api/communities/${community}/files?cursor=nonsense`)).statusCode).toBe(400);
    const events = await t.app.ctx.db
      .selectFrom('realtimeEvents')
      .select(['type', 'payload'])
      .where('orgId', '=', org.orgId)
      .where('channel', '=', `community:${community}`)
      .execute();
    expect(events.filter((e) => e.type === 'files.changed')).toHaveLength(3);
  });
});

describe('parseRange', () => {
  it('reads one range and ignores what it does not understand', () => {
    expect(parseRange(undefined, 10)).toBe('whole');
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=-20', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 10)).toBe('whole');
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-', 10)).toBe('whole');
  });
});
