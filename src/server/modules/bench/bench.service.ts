import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import * as q from './bench.queries.js';

/** The one-row baseline the benchmark compares real endpoints with. */
export async function oneRow(ctx: Ctx, id: string) {
  const row = await q.orgRow(ctx.db, id);
  if (!row) {
    throw notFound('organisation');
  }
  return row;
}
