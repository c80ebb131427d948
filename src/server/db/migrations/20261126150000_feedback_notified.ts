import { sql, type Kysely } from 'kysely';

/**
 * Anonymous feedback conversations: what their recipients still have to be told, and escalations.
 *
 * Recipients are never notified in the writer's request (its timing would point at the writer): a
 * writer's message only raises `notify_pending`, and a job that runs every quarter of an hour tells
 * the recipients of every pending thread at once and lowers it. An escalation is a recipient's act,
 * so it may name them; it keeps only its day, like everything else on a thread.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table feedback_threads
      add column notify_pending boolean not null default false,
      add column escalation_note text,
      add column escalated_by uuid references users(id) on delete set null,
      add column escalated_on date;
    create index feedback_threads_notify on feedback_threads (org_id) where notify_pending;
  `.execute(db);
}
