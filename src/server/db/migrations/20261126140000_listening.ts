import { sql, type Kysely } from 'kysely';

/**
 * Employee listening: surveys, pulses and check-ins with their rounds, anonymous answer sheets,
 * the ledger of released result cells, anonymous feedback conversations and action plans.
 *
 * Anonymity is structural. `survey_sheets` and `survey_answers` have no person, session or time:
 * a sheet carries its round and the respondent's group (department, team, manager's line, location),
 * each generalised when the round opens so that at least the threshold of invited people share
 * what is stored. Who has answered is kept apart in `survey_audience.answered`, only while the round
 * is open, and cleared when it closes. Sheet ids are random (v4), never time-ordered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table listening_settings (
      org_id uuid primary key references orgs(id) on delete cascade,
      threshold integer not null default 5 check (threshold >= 3),
      comment_threshold integer not null default 5 check (comment_threshold >= 3),
      leadership_ids uuid[] not null default '{}',
      updated_at timestamptz not null default now()
    );

    create table surveys (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      kind text not null check (kind in ('survey', 'pulse', 'checkin')),
      title text not null,
      intro text not null default '',
      anonymity text not null check (anonymity in ('anonymous', 'confidential', 'attributed')),
      threshold integer not null check (threshold >= 3),
      comment_threshold integer not null check (comment_threshold >= threshold),
      audience jsonb not null,
      recurrence text not null default 'none' check (recurrence in ('none', 'weekly', 'biweekly', 'monthly')),
      rotate_count integer not null default 0 check (rotate_count between 0 and 50),
      status text not null default 'draft' check (status in ('draft', 'scheduled', 'running', 'ended')),
      starts_at timestamptz,
      round_days integer not null default 7 check (round_days between 1 and 90),
      ends_at timestamptz,
      reminder_days integer[] not null default '{}',
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      updated_at timestamptz not null default now()
    );
    create index surveys_org on surveys (org_id, created_at desc, id desc);
    create index surveys_due on surveys (starts_at) where status in ('scheduled', 'running');

    create table survey_questions (
      id uuid primary key,
      survey_id uuid not null references surveys(id) on delete cascade,
      position integer not null,
      kind text not null check (kind in ('scale5', 'scale10', 'single', 'multi', 'text')),
      driver text,
      bank_key text,
      text text not null default '',
      options jsonb not null default '[]',
      required boolean not null default true,
      pool boolean not null default false,
      unique (survey_id, position) deferrable initially deferred
    );

    create table survey_rounds (
      id uuid primary key,
      survey_id uuid not null references surveys(id) on delete cascade,
      org_id uuid not null references orgs(id) on delete cascade,
      number integer not null,
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      question_ids uuid[] not null,
      threshold integer not null check (threshold >= 3),
      invited integer not null default 0,
      reminders_sent integer not null default 0,
      unique (survey_id, number)
    );
    create index survey_rounds_due on survey_rounds (closes_at) where status = 'open';
    create index survey_rounds_org on survey_rounds (org_id, status);

    create table survey_audience (
      round_id uuid not null references survey_rounds(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      department_id uuid,
      team_id uuid,
      line_id uuid,
      location_id uuid,
      group_size integer not null,
      answered boolean,
      primary key (round_id, user_id)
    );
    create index survey_audience_user on survey_audience (user_id, round_id);

    create table survey_round_nodes (
      round_id uuid not null references survey_rounds(id) on delete cascade,
      kind text not null check (kind in ('department', 'line')),
      node_id uuid not null,
      ancestors uuid[] not null default '{}',
      primary key (round_id, kind, node_id)
    );

    create table survey_sheets (
      id uuid primary key,
      round_id uuid not null references survey_rounds(id) on delete cascade,
      department_id uuid,
      team_id uuid,
      line_id uuid,
      location_id uuid
    );
    create index survey_sheets_round on survey_sheets (round_id);

    create table survey_answers (
      sheet_id uuid not null references survey_sheets(id) on delete cascade,
      question_id uuid not null references survey_questions(id) on delete cascade,
      value integer,
      choices integer[],
      text text,
      primary key (sheet_id, question_id)
    );
    create index survey_answers_question on survey_answers (question_id);

    create table survey_sheet_owners (
      sheet_id uuid primary key references survey_sheets(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade
    );

    create table survey_releases (
      id uuid primary key,
      round_id uuid not null references survey_rounds(id) on delete cascade,
      cell_key text not null,
      state_key text not null,
      counts jsonb not null,
      payload jsonb not null,
      released_at timestamptz not null default now(),
      unique (round_id, cell_key, state_key)
    );

    create table survey_filter_uses (
      survey_id uuid not null references surveys(id) on delete cascade,
      viewer_id uuid not null references users(id) on delete cascade,
      filter_key text not null,
      used_on date not null default current_date,
      primary key (survey_id, viewer_id, used_on, filter_key)
    );

    create sequence feedback_seq;

    create table feedback_threads (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      recipient_kind text not null check (recipient_kind in ('manager', 'hr', 'leadership')),
      recipient_id uuid references users(id) on delete set null,
      writer_key_hash text not null unique,
      subject text not null,
      status text not null default 'open' check (status in ('open', 'closed', 'escalated')),
      blocked boolean not null default false,
      revealed_user_id uuid references users(id) on delete set null,
      writer_unread boolean not null default false,
      recipient_unread boolean not null default true,
      started_on date not null default current_date,
      activity_on date not null default current_date,
      activity_seq bigint not null default nextval('feedback_seq')
    );
    create index feedback_threads_inbox on feedback_threads (org_id, recipient_kind, activity_seq desc);

    create table feedback_messages (
      id uuid primary key,
      thread_id uuid not null references feedback_threads(id) on delete cascade,
      seq integer not null,
      sender text not null check (sender in ('writer', 'recipient')),
      author_id uuid references users(id) on delete set null,
      body text not null,
      body_html text not null,
      sent_on date not null default current_date,
      unique (thread_id, seq)
    );

    create table listening_actions (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      survey_id uuid references surveys(id) on delete set null,
      driver text,
      title text not null,
      description text not null default '',
      description_html text not null default '',
      owner_id uuid references users(id) on delete set null,
      due_on date,
      status text not null default 'planned' check (status in ('planned', 'in_progress', 'done')),
      scope_kind text not null check (scope_kind in ('company', 'department', 'team', 'line')),
      scope_id uuid,
      shared_at timestamptz,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      updated_at timestamptz not null default now()
    );
    create index listening_actions_org on listening_actions (org_id, created_at desc, id desc);
  `.execute(db);
}
