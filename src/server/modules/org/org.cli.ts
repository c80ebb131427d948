import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { hashPassword, checkPassword } from '../auth/password.js';
import { newId } from '../../platform/ids.js';
import { insertUser } from '../people/people.queries.js';
import { syncAutomaticMemberships } from '../communities/communities.sync.js';
import { createOrgWithAdmin } from './org.service.js';
import { findOrgForHost } from './org.queries.js';

/** Command line: creates the organisation on first run, or adds an administrator to the existing one. */
export async function createAdmin(
  ctx: Ctx,
  input: { orgName?: string | undefined; name: string; email: string; password: string },
): Promise<string> {
  const org = await findOrgForHost(ctx.db, '');
  if (!org) {
    if (!input.orgName) {
      throw new Error('No organisation yet: pass --org "Company name" too.');
    }
    await createOrgWithAdmin(ctx, { orgName: input.orgName, admin: input });
    return `Created ${input.orgName} with administrator ${input.email}.`;
  }
  checkPassword(input.password, [input.email, input.name]);
  const existing = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', org.id)
    .where(sql`lower(email)`, '=', input.email.toLowerCase())
    .executeTakeFirst();
  const passwordHash = await hashPassword(input.password);
  if (existing) {
    await ctx.db
      .updateTable('users')
      .set({ roles: ['admin', 'employee'], passwordHash, status: 'active' })
      .where('id', '=', existing.id)
      .execute();
    await syncAutomaticMemberships(ctx.db, org.id, [existing.id], { statusChanged: true });
    return `${input.email} is now an administrator of ${org.name}.`;
  }
  const id = newId();
  await insertUser(ctx.db, { id, orgId: org.id, email: input.email, name: input.name, passwordHash, roles: ['admin', 'employee'] });
  await syncAutomaticMemberships(ctx.db, org.id, [id]);
  return `Added administrator ${input.email} to ${org.name}.`;
}
