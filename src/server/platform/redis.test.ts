import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { newId } from './ids.js';
import { memoryStorage } from './storage.js';
import { Client, createOrg, testApp, type TestApp } from '../test/helpers.js';

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('several nodes sharing Redis', () => {
  const prefix = `tessuto-test-${newId()}:`;
  let t: TestApp;
  let second: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    t = await testApp({ redisUrl, redisPrefix: prefix });
    // A second node on the same database and the same Redis.
    const config = loadConfig({ LOG_LEVEL: 'silent' }, { redisUrl, redisPrefix: prefix, dataDir: '/nonexistent', webDir: '/nonexistent' });
    second = await buildApp({ config, database: t.database, storage: memoryStorage(), logger: false });
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    const redis = new Redis(redisUrl!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    await redis.quit();
  });

  it('counts sign-in attempts from one address across nodes', async () => {
    const org = await createOrg(t);
    const one = org.anonymous();
    const two = new Client(second, org.host);
    two.remoteAddress = one.remoteAddress;
    const codes: number[] = [];
    for (let i = 0; i < 26; i += 1) {
      const node = i % 2 === 0 ? one : two;
      codes.push((await node.post('/api/auth/sign-in', { email: `n${i}@${org.host}`, password: 'whatever it is' })).statusCode);
    }
    expect(codes.filter((c) => c === 401)).toHaveLength(25);
    expect(codes[25]).toBe(429);
  });

  it('reports Redis in /readyz', async () => {
    expect((await second.inject('/readyz')).json()).toMatchObject({ status: 'ready', redis: true });
  });
});
