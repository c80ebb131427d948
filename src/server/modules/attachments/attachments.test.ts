import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Visibility } from '../../../shared/social.js';
import { newId } from '../../platform/ids.js';
import type { Actor } from '../../platform/policy.js';
import { type Client, createOrg, testApp, type TestApp } from '../../test/helpers.js';
import { displayName } from './attachments.content.js';
import { attachmentViews, setAttachments, sweepStaleUploads } from './attachments.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

function multipart(filename: string, type: string, data: Buffer) {
  const boundary = '----tessuto-attachment';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(client: Client, filename: string, type: string, data: Buffer) {
  const body = multipart(filename, type, data);
  return client.post('/api/attachments', body.payload, body.headers);
}

async function uploadId(client: Client, filename = 'note.txt', data = Buffer.from('hello')): Promise<string> {
  const res = await upload(client, filename, 'text/plain', data);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const actorOf = (orgId: string, userId: string): Actor => ({
  orgId,
  userId,
  roles: ['employee'],
  via: 'session',
  scopes: ['read', 'write'],
  mustEnrollTotp: false,
});

async function community(orgId: string, visibility: Visibility, members: { userId: string; role?: 'member' | 'moderator' }[]) {
  const id = newId();
  await t.app.ctx.db
    .insertInto('communities')
    .values({
      id,
      orgId,
      name: `Community ${id.slice(-6)}`,
      slug: `c-${id.slice(-12)}`,
      visibility,
      coverKey: null,
      syncKind: null,
      syncId: null,
      createdBy: null,
      archivedAt: null,
    })
    .execute();
  for (const m of members) {
    await t.app.ctx.db
      .insertInto('communityMembers')
      .values({ orgId, communityId: id, userId: m.userId, role: m.role ?? 'member', status: 'active', invitedBy: null })
      .execute();
  }
  return id;
}

async function post(orgId: string, authorId: string, communityId: string | null) {
  const id = newId();
  await t.app.ctx.db
    .insertInto('posts')
    .values({
      id,
      orgId,
      authorId,
      communityId,
      body: 'Look',
      bodyHtml: '<p>Look</p>',
      sharedPostId: null,
      editedAt: null,
      deletedAt: null,
      hiddenAt: null,
      hiddenReason: null,
      hiddenBy: null,
      pinnedAt: null,
    })
    .execute();
  return id;
}

async function comment(orgId: string, postId: string, authorId: string) {
  const id = newId();
  await t.app.ctx.db
    .insertInto('comments')
    .values({
      id,
      orgId,
      postId,
      authorId,
      parentId: null,
      body: 'Nice',
      bodyHtml: '<p>Nice</p>',
      editedAt: null,
      deletedAt: null,
      hiddenAt: null,
      hiddenReason: null,
      hiddenBy: null,
    })
    .execute();
  return id;
}

const attach = (orgId: string, userId: string, target: { postId: string } | { commentId: string }, ids: string[]) =>
  t.app.ctx.db.transaction().execute((trx) => setAttachments(trx, actorOf(orgId, userId), target, ids));

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n' +
    'xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n' +
    'trailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n',
);

describe('uploading pictures', () => {
  it('stores a photo re-encoded, turned upright, without EXIF or location, with a thumbnail', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3a7' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Artist: 'Secret Person', Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 4/1 0/1' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif?.toString('latin1')).toContain('Secret Person');

    const res = await upload(me.client, 'C:\\Users\\me\\Holiday.JPG', 'image/jpeg', jpeg);
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({ kind: 'image', mime: 'image/webp', name: 'Holiday.webp', width: 1707, height: 2560 });
    expect(view.url).toBe(`/api/attachments/${view.id}`);
    expect(view.thumbUrl).toBe(`/api/attachments/${view.id}/thumb`);

    const file = await me.client.get(view.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/webp');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe('inline');
    expect(file.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(file.headers['cache-control']).toMatch(/^private/);
    const stored = await sharp(file.rawPayload).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(['webp', 1707, 2560]);
    expect([stored.exif, stored.xmp, stored.iptc, stored.icc, stored.orientation]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(file.rawPayload.toString('latin1')).not.toContain('Secret Person');

    const thumb = await me.client.get(view.thumbUrl);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const small = await sharp(thumb.rawPayload).metadata();
    expect([small.width, small.exif]).toEqual([640, undefined]);
  });

  it('accepts PNG, WebP and animated GIF pictures and keeps the animation', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const frame = (c: string) =>
      sharp({ create: { width: 40, height: 20, channels: 4, background: c } })
        .png()
        .toBuffer();
    const png = await frame('#ff000080');
    const webp = await sharp(png).webp().toBuffer();
    const gif = await sharp([await frame('#f00'), await frame('#00f')], { join: { animated: true } })
      .gif()
      .toBuffer();
    for (const [name, data] of [
      ['a.png', png],
      ['b.webp', webp],
    ] as const) {
      const res = await upload(me.client, name, 'application/octet-stream', data);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ kind: 'image', width: 40, height: 20 });
    }
    const animated = await upload(me.client, 'wave.gif', 'image/gif', gif);
    expect(animated.json()).toMatchObject({ kind: 'image', name: 'wave.webp', width: 40, height: 20 });
    const stored = await me.client.get(animated.json().url);
    expect((await sharp(stored.rawPayload).metadata()).pages).toBe(2);
  });

  it('refuses forged, damaged and dangerous files by their content, storing nothing', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const put = vi.spyOn(t.app.ctx.storage, 'put');
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#123' } })
      .png()
      .toBuffer();
    const jpeg = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#123' } })
      .jpeg()
      .toBuffer();
    const cases: [string, string, Buffer, string][] = [
      ['photo.png', 'image/png', Buffer.from('just some text pretending to be a picture'), 'UNSUPPORTED_FILE_TYPE'],
      ['photo.png', 'image/png', Buffer.concat([png.subarray(0, 40), Buffer.alloc(2000, 0x5a)]), 'IMAGE_UNREADABLE'],
      ['cut.png', 'image/png', png.subarray(0, Math.floor(png.length / 2)), 'IMAGE_UNREADABLE'],
      ['cut.jpg', 'image/jpeg', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'IMAGE_UNREADABLE'],
      ['logo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'UNSUPPORTED_FILE_TYPE'],
      ['logo.svg', 'image/svg+xml', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'UNSUPPORTED_FILE_TYPE'],
      ['page.html', 'text/html', Buffer.from('<!doctype html><script>alert(document.cookie)</script>'), 'UNSUPPORTED_FILE_TYPE'],
      ['tool.exe', 'application/octet-stream', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]), 'UNSUPPORTED_FILE_TYPE'],
      [
        'tool',
        'application/octet-stream',
        Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200, 0)]),
        'UNSUPPORTED_FILE_TYPE',
      ],
      ['notes.txt', 'text/plain', Buffer.from([0x68, 0x69, 0x00, 0x21]), 'UNSUPPORTED_FILE_TYPE'],
      ['notes.txt', 'text/plain', Buffer.from([0x68, 0xff, 0xfe, 0x21]), 'UNSUPPORTED_FILE_TYPE'],
      ['empty.txt', 'text/plain', Buffer.alloc(0), 'FILE_EMPTY'],
    ];
    for (const [name, type, data, code] of cases) {
      const res = await upload(me.client, name, type, data);
      expect([name, res.statusCode, res.json().error.code]).toEqual([name, 400, code]);
    }
    expect(put).not.toHaveBeenCalled();
    put.mockRestore();
    const rows = await t.app.ctx.db.selectFrom('attachments').select('id').where('orgId', '=', org.orgId).execute();
    expect(rows).toEqual([]);
  });
});

describe('uploading files', () => {
  it('keeps a PDF and plain text as downloads under a cleaned name of the right type', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const pdf = await upload(me.client, '../../etc/re\u202Eport\u0007.exe', 'application/x-msdownload', MINIMAL_PDF);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({
      kind: 'file',
      mime: 'application/pdf',
      name: 'report.pdf',
      size: MINIMAL_PDF.length,
      thumbUrl: null,
      width: null,
    });
    const got = await me.client.get(pdf.json().url);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(got.rawPayload.equals(MINIMAL_PDF)).toBe(true);
    expect((await me.client.get(`${pdf.json().url}/thumb`)).statusCode).toBe(404);

    const text = await upload(me.client, 'Città (bozza).md', 'text/markdown', Buffer.from('# Ciao\n\nè tutto ok\n'));
    expect(text.json()).toMatchObject({ kind: 'file', mime: 'text/markdown', name: 'Città (bozza).md' });
    const served = await me.client.get(text.json().url);
    expect(served.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(served.headers['content-disposition']).toBe(
      `attachment; filename="Citt_ (bozza).md"; filename*=UTF-8''Citt%C3%A0%20%28bozza%29.md`,
    );

    // HTML under a text name is kept as plain text, downloaded and never rendered.
    const html = await upload(me.client, 'page.txt', 'text/html', Buffer.from('<script>alert(1)</script>'));
    expect(html.json().mime).toBe('text/plain');
    const asText = await me.client.get(html.json().url);
    expect(asText.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(asText.headers['content-disposition']).toMatch(/^attachment;/);

    const csv = await upload(me.client, 'data.csv', 'text/csv', Buffer.from('a,b\n1,2\n'));
    expect(csv.json()).toMatchObject({ mime: 'text/csv', name: 'data.csv' });
  });

  it('shortens long names and drops what cannot be shown', () => {
    expect(displayName('a'.repeat(500) + '.txt', 'txt')).toHaveLength(200);
    expect(displayName('', 'pdf')).toBe('file.pdf');
    expect(displayName('..\\..\\.hidden', 'txt')).toBe('hidden.txt');
    expect(displayName('line\nbreak\u200Bname.txt', 'txt')).toBe('linebreakname.txt');
  });

  it('refuses a file over the upload limit with 413 and stores none of it', async () => {
    const small = await testApp({ uploadLimit: 10_000 });
    try {
      const org = await createOrg(small);
      const me = await org.person();
      const put = vi.spyOn(small.app.ctx.storage, 'put');
      const big = Buffer.concat([MINIMAL_PDF, Buffer.alloc(20_000, 0x20)]);
      const res = await upload(me.client, 'big.pdf', 'application/pdf', big);
      expect([res.statusCode, res.json().error.code]).toEqual([413, 'FILE_TOO_LARGE']);
      expect(put).not.toHaveBeenCalled();
      const ok = await upload(me.client, 'small.pdf', 'application/pdf', MINIMAL_PDF);
      expect(ok.statusCode).toBe(201);
    } finally {
      await small.close();
    }
  });

  it('answers a 50 MB upload with 413 and stores nothing', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const put = vi.spyOn(t.app.ctx.storage, 'put');
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x41);
    MINIMAL_PDF.copy(huge);
    const res = await upload(me.client, 'huge.pdf', 'application/pdf', huge);
    expect([res.statusCode, res.json().error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(put).not.toHaveBeenCalled();
    put.mockRestore();
    const rows = await t.app.ctx.db.selectFrom('attachments').select('id').where('orgId', '=', org.orgId).execute();
    expect(rows).toEqual([]);
  });

  it('refuses signed-out visitors, requests without a file and more than 30 uploads in half an hour', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const anon = await upload(org.anonymous(), 'a.txt', 'text/plain', Buffer.from('hi'));
    expect([anon.statusCode, anon.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const boundary = '----no-file';
    const fieldOnly = await me.client.post(
      '/api/attachments',
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect([fieldOnly.statusCode, fieldOnly.json().error.code]).toEqual([400, 'FILE_MISSING']);
    const json = await me.client.post('/api/attachments', { file: 'x' });
    expect(json.statusCode).toBe(415);

    const other = await org.person();
    for (let i = 0; i < 30; i++) {
      expect((await upload(other.client, `n${i}.txt`, 'text/plain', Buffer.from('x'))).statusCode).toBe(201);
    }
    const limited = await upload(other.client, 'one-more.txt', 'text/plain', Buffer.from('x'));
    expect([limited.statusCode, limited.json().error.code]).toEqual([429, 'RATE_LIMITED']);
  });
});

describe('attaching uploads to posts and comments', () => {
  it('attaches the uploader’s own files in the order given and lists them in one call', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const a = await uploadId(me.client, 'a.txt');
    const b = await uploadId(me.client, 'b.txt');
    const c = await uploadId(me.client, 'c.txt');
    const p1 = await post(org.orgId, me.id, null);
    const p2 = await post(org.orgId, me.id, null);
    const cm = await comment(org.orgId, p1, me.id);
    await attach(org.orgId, me.id, { postId: p1 }, [b, a]);
    await attach(org.orgId, me.id, { commentId: cm }, [c]);

    const byPost = await attachmentViews(t.app.ctx.db, org.orgId, { postIds: [p1, p2] });
    expect(byPost.get(p1)?.map((v) => v.name)).toEqual(['b.txt', 'a.txt']);
    expect(byPost.get(p2)).toEqual([]);
    const byComment = await attachmentViews(t.app.ctx.db, org.orgId, { commentIds: [cm] });
    expect(byComment.get(cm)?.map((v) => v.id)).toEqual([c]);
    // Another organisation sees nothing of these.
    const elsewhere = await createOrg(t);
    expect((await attachmentViews(t.app.ctx.db, elsewhere.orgId, { postIds: [p1] })).get(p1)).toEqual([]);

    // Re-ordering keeps the files; one already attached to this post may be listed again.
    await attach(org.orgId, me.id, { postId: p1 }, [a, b]);
    expect((await attachmentViews(t.app.ctx.db, org.orgId, { postIds: [p1] })).get(p1)?.map((v) => v.id)).toEqual([a, b]);
  });

  it('refuses someone else’s upload, one attached elsewhere, repeats and too many', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const thief = await org.person();
    const mine = await uploadId(me.client);
    const used = await uploadId(me.client);
    const p = await post(org.orgId, me.id, null);
    const other = await post(org.orgId, me.id, null);
    const theirs = await post(org.orgId, thief.id, null);
    await attach(org.orgId, me.id, { postId: other }, [used]);

    expect(await errorOf(attach(org.orgId, thief.id, { postId: theirs }, [mine]))).toBe('ATTACHMENT_INVALID');
    expect(await errorOf(attach(org.orgId, me.id, { postId: p }, [used]))).toBe('ATTACHMENT_INVALID');
    expect(await errorOf(attach(org.orgId, me.id, { postId: p }, [mine, mine]))).toBe('ATTACHMENT_INVALID');
    expect(await errorOf(attach(org.orgId, me.id, { postId: p }, ['not-a-uuid']))).toBe('ATTACHMENT_INVALID');
    expect(await errorOf(attach(org.orgId, me.id, { postId: p }, [mine, newId()]))).toBe('ATTACHMENT_INVALID');
    const many = Array.from({ length: 11 }, () => newId());
    expect(await errorOf(attach(org.orgId, me.id, { postId: p }, many))).toBe('TOO_MANY_ATTACHMENTS');
    expect(await errorOf(attach(org.orgId, me.id, { commentId: newId() }, many.slice(0, 5)))).toBe('TOO_MANY_ATTACHMENTS');
    // Someone else's upload stays theirs: it is still free and unreadable by the thief.
    expect((await thief.client.get(`/api/attachments/${mine}`)).statusCode).toBe(404);
    await attach(org.orgId, me.id, { postId: p }, [mine]);
    expect((await attachmentViews(t.app.ctx.db, org.orgId, { postIds: [p] })).get(p)?.map((v) => v.id)).toEqual([mine]);
  });

  it('lets only one of two posts saved at the same time claim the same upload', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const id = await uploadId(me.client);
    const [p1, p2] = [await post(org.orgId, me.id, null), await post(org.orgId, me.id, null)];
    const outcomes = await Promise.all([
      errorOf(attach(org.orgId, me.id, { postId: p1 }, [id])),
      errorOf(attach(org.orgId, me.id, { postId: p2 }, [id])),
    ]);
    expect(outcomes.sort()).toEqual(['ATTACHMENT_INVALID', 'OK']);
    const views = await attachmentViews(t.app.ctx.db, org.orgId, { postIds: [p1, p2] });
    expect([...views.values()].flat().map((v) => v.id)).toEqual([id]);
  });

  it('deletes the attachments a post no longer lists, with their stored files', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#abc' } })
      .png()
      .toBuffer();
    const image = (await upload(me.client, 'pic.png', 'image/png', png)).json<{ id: string }>().id;
    const keep = await uploadId(me.client);
    const p = await post(org.orgId, me.id, null);
    await attach(org.orgId, me.id, { postId: p }, [image, keep]);
    const keys = await t.app.ctx.db
      .selectFrom('attachments')
      .select(['storageKey', 'thumbKey'])
      .where('id', '=', image)
      .executeTakeFirstOrThrow();
    expect(keys.storageKey).toBe(`attachments/${org.orgId}/${image}.webp`);

    await attach(org.orgId, me.id, { postId: p }, [keep]);
    expect((await me.client.get(`/api/attachments/${image}`)).statusCode).toBe(404);
    await t.app.ctx.worker.runDue();
    expect(await t.app.ctx.storage.get(keys.storageKey)).toBeUndefined();
    expect(await t.app.ctx.storage.get(keys.thumbKey!)).toBeUndefined();
    expect((await me.client.get(`/api/attachments/${keep}`)).statusCode).toBe(200);
  });

  it('deletes uploads left unattached for a day, and keeps attached ones', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const left = await uploadId(me.client, 'left.txt');
    const used = await uploadId(me.client, 'used.txt');
    const fresh = await uploadId(me.client, 'fresh.txt');
    await attach(org.orgId, me.id, { postId: await post(org.orgId, me.id, null) }, [used]);
    await sql`update attachments set created_at = now() - interval '25 hours' where id = any(${[left, used]}::uuid[])`.execute(
      t.app.ctx.db,
    );
    const key = `attachments/${org.orgId}/${left}.txt`;
    expect(await t.app.ctx.storage.get(key)).toBeDefined();

    expect(await sweepStaleUploads(t.app.ctx)).toBeGreaterThanOrEqual(1);
    await t.app.ctx.worker.runDue();
    expect(await t.app.ctx.storage.get(key)).toBeUndefined();
    const remaining = await t.app.ctx.db.selectFrom('attachments').select('id').where('orgId', '=', org.orgId).orderBy('name').execute();
    expect(remaining.map((r) => r.id)).toEqual([fresh, used]);
  });
});

describe('who may read an attachment', () => {
  it('answers 404 for an attachment of a private community post to everyone who may not read the post', async () => {
    const org = await createOrg(t);
    const author = await org.person();
    const member = await org.person();
    const moderator = await org.person();
    const outsider = await org.person();
    const secret = await community(org.orgId, 'private', [
      { userId: author.id },
      { userId: member.id },
      { userId: moderator.id, role: 'moderator' },
    ]);
    const id = await uploadId(author.client, 'plan.txt', Buffer.from('the plan'));
    const p = await post(org.orgId, author.id, secret);
    await attach(org.orgId, author.id, { postId: p }, [id]);
    const url = `/api/attachments/${id}`;

    expect((await member.client.get(url)).body).toBe('the plan');
    expect((await outsider.client.get(url)).statusCode).toBe(404);
    expect((await org.admin.get(url)).statusCode).toBe(404);
    expect((await org.anonymous().get(url)).statusCode).toBe(401);
    const stranger = await (await createOrg(t)).person();
    expect((await stranger.client.get(url)).statusCode).toBe(404);

    await t.app.ctx.db
      .updateTable('posts')
      .set({ hiddenAt: new Date(), hiddenReason: 'spam', hiddenBy: moderator.id })
      .where('id', '=', p)
      .execute();
    expect((await member.client.get(url)).statusCode).toBe(404);
    expect((await moderator.client.get(url)).statusCode).toBe(200);
    expect((await author.client.get(url)).statusCode).toBe(200);

    await t.app.ctx.db.updateTable('posts').set({ hiddenAt: null, deletedAt: new Date() }).where('id', '=', p).execute();
    expect((await member.client.get(url)).statusCode).toBe(404);
    expect((await moderator.client.get(url)).statusCode).toBe(404);
    expect((await author.client.get(url)).statusCode).toBe(200);
  });

  it('follows the post of a comment, and keeps an unattached upload to its uploader', async () => {
    const org = await createOrg(t);
    const author = await org.person();
    const reader = await org.person();
    const open = await community(org.orgId, 'public', [{ userId: author.id }]);
    const p = await post(org.orgId, author.id, open);
    const cm = await comment(org.orgId, p, author.id);
    const onComment = await uploadId(author.client);
    const onProfile = await uploadId(author.client);
    const free = await uploadId(author.client);
    await attach(org.orgId, author.id, { commentId: cm }, [onComment]);
    await attach(org.orgId, author.id, { postId: await post(org.orgId, author.id, null) }, [onProfile]);

    expect((await reader.client.get(`/api/attachments/${onComment}`)).statusCode).toBe(200);
    expect((await reader.client.get(`/api/attachments/${onProfile}`)).statusCode).toBe(200);
    expect((await reader.client.get(`/api/attachments/${free}`)).statusCode).toBe(404);
    expect((await author.client.get(`/api/attachments/${free}`)).statusCode).toBe(200);
    expect((await reader.client.get(`/api/attachments/${newId()}`)).statusCode).toBe(404);

    await t.app.ctx.db.updateTable('comments').set({ deletedAt: new Date() }).where('id', '=', cm).execute();
    expect((await reader.client.get(`/api/attachments/${onComment}`)).statusCode).toBe(404);
    await t.app.ctx.db.updateTable('communities').set({ visibility: 'private' }).where('id', '=', open).execute();
    await t.app.ctx.db.updateTable('comments').set({ deletedAt: null }).where('id', '=', cm).execute();
    expect((await reader.client.get(`/api/attachments/${onComment}`)).statusCode).toBe(404);
  });
});
