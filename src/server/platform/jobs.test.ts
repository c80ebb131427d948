import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../test/helpers.js';
import type { Database } from './db.js';
import type { RealtimeEvent } from './events.js';
import { createWorker, enqueue, type Handlers } from './jobs.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const silent = { warn: () => undefined, error: () => undefined } as never;
const event = (n: number): RealtimeEvent => ({ id: n, orgId: 'org', channel: 'community:x', type: 'post.created', payload: { n } });

function workerWith(purge: Handlers['attachments.purge']) {
  const published: RealtimeEvent[][] = [];
  const handlers = { 'attachments.purge': purge } as unknown as Handlers;
  const worker = createWorker(database.db, handlers, silent, {
    publish: async (events) => {
      // The job is marked done, in the committed state, by the time its events go out.
      const done = await database.db.selectFrom('jobs').select('id').where('status', '=', 'done').execute();
      expect(done).toHaveLength(1);
      published.push([...events]);
    },
  });
  return { worker, published };
}

describe('job worker', () => {
  it("publishes a job's events once it has committed, and never those of a job that failed", async () => {
    await database.db.deleteFrom('jobs').execute();
    await enqueue(database.db, null, 'attachments.purge', { keys: ['ok'] });
    await enqueue(database.db, null, 'attachments.purge', { keys: ['fails'] });
    const { worker, published } = workerWith(async ({ keys }) => {
      if (keys[0] === 'fails') {
        throw new Error('this job fails');
      }
      return Promise.resolve([event(1), event(2)]);
    });
    expect(await worker.runDue()).toBe(2);
    expect(published).toEqual([[event(1), event(2)]]);
    const jobs = await database.db.selectFrom('jobs').select('status').execute();
    expect(jobs.map((j) => j.status).sort()).toEqual(['done', 'pending']);
  });
});
