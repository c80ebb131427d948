import { sql, type Kysely } from 'kysely';

/**
 * A notification of a type the person switched off in the app, but still wants by e-mail, is kept
 * with `in_app = false`: the digest sends it, the notification centre and the unread count never show
 * it. The pending-e-mail index is keyed by person, which is how the digest scheduler and builder read it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table notifications add column in_app boolean not null default true;
    drop index if exists notifications_unread;
    create index notifications_unread on notifications (user_id) where read_at is null and in_app;
    drop index if exists notifications_digest;
    create index notifications_pending_email on notifications (user_id, created_at) where digested_at is null and read_at is null;
  `.execute(db);
}
