import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type TestApp } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

function multipart(field: string, filename: string, type: string, data: Buffer) {
  const boundary = '----tessuto-test';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('directory', () => {
  it('finds people by fuzzy name, skill, team and location', async () => {
    const org = await createOrg(t);
    const team = (await org.admin.post('/api/teams', { name: 'Payments Platform' })).json();
    const loc = (await org.admin.post('/api/locations', { name: 'Torino', country: 'IT', timezone: 'Europe/Rome' })).json();
    const marco = await org.person({ name: 'Marco Bianchi' });
    await org.person({ name: 'Giulia Verdi' });
    await org.admin.patch(`/api/admin/people/${marco.id}`, { teamId: team.id, locationId: loc.id });
    await marco.client.patch(`/api/people/${marco.id}`, { skills: ['Kubernetes', 'Go'] });

    const names = async (q: string) =>
      (await org.admin.get(`/api/people?q=${encodeURIComponent(q)}`)).json().items.map((p: { name: string }) => p.name);
    expect(await names('Marko')).toContain('Marco Bianchi');
    expect(await names('kubernetes')).toEqual(['Marco Bianchi']);
    expect(await names('payments')).toEqual(['Marco Bianchi']);
    expect(await names('torino bianchi')).toEqual(['Marco Bianchi']);
    expect(await names('verdi')).toEqual(['Giulia Verdi']);
    const filtered = (await org.admin.get(`/api/people?teamId=${team.id}`)).json();
    expect(filtered.items.map((p: { name: string }) => p.name)).toEqual(['Marco Bianchi']);
    expect(filtered.items[0].team).toEqual({ id: team.id, name: 'Payments Platform' });
  });

  it('refuses a one-letter search', async () => {
    const org = await createOrg(t);
    const res = await org.admin.get('/api/people?q=a');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('QUERY_TOO_SHORT');
  });

  it('pages alphabetically with a cursor, without repeats or gaps', async () => {
    const org = await createOrg(t);
    for (const name of ['Elena', 'Bruno', 'Carla', 'Dario', 'Anna']) {
      await org.person({ name });
    }
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: { name: string }[]; nextCursor: string | null } = (
        await org.admin.get(`/api/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['Ada Admin', 'Anna', 'Bruno', 'Carla', 'Dario', 'Elena']);
  });

  it('pages through search results by name without repeats', async () => {
    const org = await createOrg(t);
    for (const name of ['Rita Sala', 'Bea Sala', 'Ugo Sala', 'Ada Sala', 'Ivo Rossi']) {
      await org.person({ name });
    }
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: { name: string }[]; nextCursor: string | null } = (
        await org.admin.get(`/api/people?q=sala&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['Ada Sala', 'Bea Sala', 'Rita Sala', 'Ugo Sala']);
  });

  it('never shows people of another organisation', async () => {
    const a = await createOrg(t);
    const b = await createOrg(t);
    const stranger = await b.person({ name: 'Zorro Straniero' });
    expect((await a.admin.get(`/api/people/${stranger.id}`)).statusCode).toBe(404);
    expect((await a.admin.get('/api/people?q=zorro')).json().items).toEqual([]);
  });

  it('hides deactivated people from the directory except for administrators who ask', async () => {
    const org = await createOrg(t);
    const p = await org.person({ name: 'Gone Away' });
    const viewer = await org.person();
    await org.admin.post(`/api/admin/people/${p.id}/deactivate`);
    expect((await viewer.client.get('/api/people?q=gone')).json().items).toEqual([]);
    expect((await viewer.client.get(`/api/people/${p.id}`)).statusCode).toBe(404);
    expect((await org.admin.get('/api/people?q=gone&includeDeactivated=true')).json().items).toHaveLength(1);
  });
});

describe('profiles', () => {
  it('lets people edit their own profile but not someone else’s', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const other = await org.person();
    const res = await me.client.patch(`/api/people/${me.id}`, {
      title: 'Designer',
      skills: [' Figma ', 'figma', 'Research'],
      pronouns: 'she/her',
      timezone: 'Europe/Rome',
      startDate: '2021-03-01',
      locale: 'it',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: 'Designer',
      skills: ['Figma', 'Research'],
      locale: 'it',
      startDate: '2021-03-01',
      canEdit: true,
    });
    expect((await me.client.patch(`/api/people/${other.id}`, { title: 'Hacked' })).statusCode).toBe(403);
    expect((await me.client.patch(`/api/people/${me.id}`, { timezone: 'Mars/Olympus' })).json().error.code).toBe('INVALID_TIMEZONE');
    expect((await me.client.patch(`/api/people/${me.id}`, { timezone: 'europe/rome' })).json().timezone).toBe('Europe/Rome');
    expect((await me.client.patch(`/api/people/${me.id}`, { roles: ['admin'] })).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('stores a profile photo re-encoded, without its metadata, and refuses what is not an image', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#3a7' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Secret Person', Copyright: 'gps here' } })
      .toBuffer();
    const up = multipart('file', 'me.jpg', 'image/jpeg', jpeg);
    const res = await me.client.put(`/api/people/${me.id}/photo`, up.payload, up.headers);
    expect(res.statusCode).toBe(200);
    const photo = await me.client.get(res.json().photoUrl);
    expect(photo.headers['content-type']).toBe('image/webp');
    const meta = await sharp(photo.rawPayload).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([256, 256, undefined]);

    const fake = multipart('file', 'evil.png', 'image/png', Buffer.from('<svg onload="alert(1)"></svg>'));
    const bad = await me.client.put(`/api/people/${me.id}/photo`, fake.payload, fake.headers);
    expect(bad.json().error.code).toBe('UNSUPPORTED_IMAGE');
  });

  it('shows the management chain and the org chart level by level', async () => {
    const org = await createOrg(t);
    const ceo = await org.person({ name: 'Chief' });
    const lead = await org.person({ name: 'Lead', managerId: ceo.id });
    const dev = await org.person({ name: 'Dev', managerId: lead.id });
    const profile = (await dev.client.get(`/api/people/${dev.id}`)).json();
    expect(profile.managers.map((m: { name: string }) => m.name)).toEqual(['Lead', 'Chief']);
    const top = (await dev.client.get('/api/org-chart'))
      .json()
      .items.map((p: { name: string; reportsCount: number }) => [p.name, p.reportsCount]);
    expect(top).toContainEqual(['Chief', 1]);
    const below = (await dev.client.get(`/api/org-chart?managerId=${ceo.id}`)).json().items.map((p: { name: string }) => p.name);
    expect(below).toEqual(['Lead']);
  });
});

describe('administration of people', () => {
  it('refuses a reporting line that would make a cycle', async () => {
    const org = await createOrg(t);
    const a = await org.person();
    const b = await org.person({ managerId: a.id });
    const res = await org.admin.patch(`/api/admin/people/${a.id}`, { managerId: b.id });
    expect(res.json().error.code).toBe('REPORTING_CYCLE');
    expect((await org.admin.patch(`/api/admin/people/${a.id}`, { managerId: a.id })).json().error.code).toBe('REPORTING_CYCLE');
  });

  it('lets only administrators change roles, and never their own admin role away', async () => {
    const org = await createOrg(t);
    const hr = await org.person({ roles: ['hr'] });
    const p = await org.person();
    expect((await hr.client.patch(`/api/admin/people/${p.id}`, { title: 'Analyst' })).statusCode).toBe(200);
    expect((await hr.client.patch(`/api/admin/people/${p.id}`, { roles: ['admin'] })).statusCode).toBe(403);
    const promoted = await org.admin.patch(`/api/admin/people/${p.id}`, { roles: ['communications'] });
    expect(promoted.json().roles).toEqual(expect.arrayContaining(['communications', 'employee']));
    expect((await org.admin.patch(`/api/admin/people/${org.adminId}`, { roles: ['employee'] })).json().error.code).toBe(
      'CANNOT_DEMOTE_SELF',
    );
    expect((await org.admin.post(`/api/admin/people/${org.adminId}/deactivate`)).json().error.code).toBe('CANNOT_DEACTIVATE_SELF');
  });

  it('refuses an e-mail address someone else has, and unknown references', async () => {
    const org = await createOrg(t);
    const a = await org.person();
    const b = await org.person();
    expect((await org.admin.patch(`/api/admin/people/${a.id}`, { email: b.email.toUpperCase() })).json().error.code).toBe('EMAIL_TAKEN');
    const unknown = await org.admin.patch(`/api/admin/people/${a.id}`, { teamId: '01936f4e-0000-7000-8000-000000000000' });
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', details: { field: 'teamId' } });
  });
});
