import { describe, expect, it } from 'vitest';
import { startServer } from './support.js';

describe('server lifecycle', () => {
  it('keeps every acknowledged write across a SIGTERM during traffic, and starts again on the same data', async () => {
    const server = await startServer();
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orgName: 'Lifecycle', name: 'Ada Admin', email: 'ada@lifecycle.test', password: 'a long enough passphrase' }),
    });
    expect(setup.status).toBe(201);
    const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await setup.json()) as { csrfToken: string };

    // Departments created while the server is being stopped: each one acknowledged must survive.
    const writes = Array.from({ length: 20 }, (_, i) =>
      fetch(`${server.url}/api/departments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: `Department ${i}` }),
      })
        .then((r) => (r.status === 201 ? `Department ${i}` : null))
        .catch(() => null),
    );
    await new Promise((r) => setTimeout(r, 20));
    const stopping = server.stop({ keepData: true });
    const acknowledged = (await Promise.all(writes)).filter((n): n is string => n !== null);
    await stopping;

    const again = await startServer({}, server.dataDir);
    try {
      const res = await fetch(`${again.url}/api/structure`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const names = ((await res.json()) as { departments: { name: string }[] }).departments.map((d) => d.name);
      for (const name of acknowledged) {
        expect(names).toContain(name);
      }
    } finally {
      await again.stop();
    }
  });
});
