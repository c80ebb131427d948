import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type Client, type TestApp } from '../../test/helpers.js';

/** Large enough to show batching at work, small enough for every test run; the figures are printed, not asserted. */
const ROWS = 20_000;

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

function generate(host: string, n: number): Buffer {
  const lines = [
    'email,name,title,department,parent_department,team,location,country,manager_email,roles,employee_number,start_date,phone,timezone,locale,skills',
  ];
  for (let i = 0; i < n; i++) {
    const manager = i === 0 ? '' : `p${Math.floor((i - 1) / 8)}@${host}`;
    const d = i % 40;
    lines.push(
      `p${i}@${host},Person ${i},Title ${i % 97},Dept ${d},${d === 0 ? '' : 'Dept 0'},Team ${i % 300},Site ${i % 12},IT,${manager},${i % 50 === 0 ? 'manager' : ''},E${i},2020-01-${String((i % 28) + 1).padStart(2, '0')},+39 055 ${i},Europe/Rome,${i % 2 ? 'en' : 'it'},Skill ${i % 20};Skill ${i % 7}`,
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

function upload(client: Client, csv: Buffer, dryRun: boolean) {
  const boundary = '----tessuto-large';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    csv,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.post(`/api/admin/people/import?dryRun=${dryRun}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

describe('a large import', () => {
  it(`imports ${ROWS} people in one transaction`, { timeout: 600_000 }, async () => {
    const org = await createOrg(t);
    const csv = generate(org.host, ROWS);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    const started = performance.now();
    const res = await upload(org.admin, csv, false);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: ROWS, creates: ROWS, errorCount: 0, applied: true });
    const count = await t.app.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('orgId', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(ROWS + 1);

    const exportStarted = performance.now();
    const exported = await org.admin.get('/api/admin/people/export');
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    expect(exported.statusCode).toBe(200);
    const dryStarted = performance.now();
    const again = await upload(org.admin, exported.rawPayload, true);
    const drySeconds = (performance.now() - dryStarted) / 1000;
    expect(again.json()).toMatchObject({ total: ROWS + 1, unchanged: ROWS + 1, errorCount: 0 });
    // eslint-disable-next-line no-console -- the figures are the point of this test
    console.info(
      `[import.large ${process.env.TEST_DB ?? 'pglite'}] ${ROWS} rows (${(csv.length / 1e6).toFixed(1)} MB): import ${seconds.toFixed(1)} s, export ${exportSeconds.toFixed(1)} s, round-trip dry run ${drySeconds.toFixed(1)} s; peak RSS ${(peak / 1e6).toFixed(0)} MB, heap now ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
    );
  });
});
