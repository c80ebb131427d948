import { sql, type Kysely } from 'kysely';

/**
 * The voice of the customer: accounts (with when they became customers and when they were lost),
 * contacts, the teams and people who serve each account, an interaction log, feedback requests
 * with single-use tokens (only their hash is kept), customer feedback from every channel,
 * follow-ups of detractors with notes, inbound webhooks (their shared secrets), embeddable forms
 * and each organisation's settings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_accounts (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      external_id text,
      segment text,
      region text,
      size text check (size in ('small', 'medium', 'large', 'enterprise')),
      locale text not null default 'en',
      customer_since date not null default current_date,
      lost_on date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (lost_on is null or lost_on >= customer_since)
    );
    create unique index customer_accounts_name on customer_accounts (org_id, lower(name));
    create unique index customer_accounts_external on customer_accounts (org_id, external_id) where external_id is not null;
    create index customer_accounts_list on customer_accounts (org_id, name, id);

    create table customer_contacts (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      account_id uuid not null references customer_accounts(id) on delete cascade,
      name text not null,
      email text not null,
      title text,
      locale text,
      opted_out_at timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index customer_contacts_email on customer_contacts (account_id, lower(email));
    create index customer_contacts_org_email on customer_contacts (org_id, lower(email));

    create table customer_account_teams (
      org_id uuid not null references orgs(id) on delete cascade,
      account_id uuid not null references customer_accounts(id) on delete cascade,
      team_id uuid not null references teams(id) on delete cascade,
      primary key (account_id, team_id)
    );
    create index customer_account_teams_team on customer_account_teams (team_id);

    create table customer_account_people (
      org_id uuid not null references orgs(id) on delete cascade,
      account_id uuid not null references customer_accounts(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      primary key (account_id, user_id)
    );
    create index customer_account_people_user on customer_account_people (user_id);

    create table customer_interactions (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      account_id uuid not null references customer_accounts(id) on delete cascade,
      contact_id uuid references customer_contacts(id) on delete set null,
      kind text not null check (kind in ('meeting', 'call', 'ticket', 'note')),
      summary text not null,
      team_id uuid references teams(id) on delete set null,
      user_id uuid references users(id) on delete set null,
      external_id text,
      occurred_at timestamptz not null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index customer_interactions_account on customer_interactions (account_id, occurred_at desc, id desc);
    create index customer_interactions_org on customer_interactions (org_id, occurred_at);
    create unique index customer_interactions_external on customer_interactions (org_id, external_id) where external_id is not null;

    create table customer_feedback_requests (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      account_id uuid not null references customer_accounts(id) on delete cascade,
      contact_id uuid not null references customer_contacts(id) on delete cascade,
      kind text not null check (kind in ('nps', 'csat')),
      token_hash text not null unique,
      team_id uuid references teams(id) on delete set null,
      user_id uuid references users(id) on delete set null,
      interaction_id uuid references customer_interactions(id) on delete set null,
      locale text not null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      answered_at timestamptz
    );
    create index customer_feedback_requests_account on customer_feedback_requests (account_id, created_at desc, id desc);
    create index customer_feedback_requests_org on customer_feedback_requests (org_id, created_at desc, id desc);

    create table customer_feedback (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      kind text not null check (kind in ('nps', 'csat')),
      score int not null,
      comment text,
      channel text not null check (channel in ('link', 'form', 'webhook', 'api')),
      source text,
      external_id text,
      request_id uuid unique references customer_feedback_requests(id) on delete set null,
      form_id uuid,
      account_id uuid references customer_accounts(id) on delete set null,
      contact_id uuid references customer_contacts(id) on delete set null,
      team_id uuid references teams(id) on delete set null,
      named_user_id uuid references users(id) on delete set null,
      named_text text,
      share_allowed boolean not null default false,
      locale text not null default 'en',
      received_at timestamptz not null default now(),
      passed_on_post_id uuid references posts(id) on delete set null,
      passed_on_by uuid references users(id) on delete set null,
      passed_on_at timestamptz,
      check ((kind = 'nps' and score between 0 and 10) or (kind = 'csat' and score between 1 and 5))
    );
    create unique index customer_feedback_external on customer_feedback (org_id, source, external_id) where external_id is not null;
    create index customer_feedback_inbox on customer_feedback (org_id, received_at desc, id desc);
    create index customer_feedback_account on customer_feedback (account_id, received_at desc, id desc);
    create index customer_feedback_team on customer_feedback (team_id, received_at);
    create index customer_feedback_named on customer_feedback (named_user_id, received_at desc) where named_user_id is not null;

    create table customer_followups (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      feedback_id uuid not null unique references customer_feedback(id) on delete cascade,
      account_id uuid references customer_accounts(id) on delete set null,
      team_id uuid references teams(id) on delete set null,
      owner_id uuid references users(id) on delete set null,
      status text not null default 'open' check (status in ('open', 'in_progress', 'done')),
      due_on date not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      closed_at timestamptz
    );
    create index customer_followups_list on customer_followups (org_id, status, due_on, id);
    create index customer_followups_team on customer_followups (team_id, status, due_on);
    create index customer_followups_owner on customer_followups (owner_id, status, due_on);

    create table customer_followup_notes (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      followup_id uuid not null references customer_followups(id) on delete cascade,
      author_id uuid references users(id) on delete set null,
      body text not null,
      created_at timestamptz not null default now()
    );
    create index customer_followup_notes_followup on customer_followup_notes (followup_id, created_at, id);

    create table customer_webhooks (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      secret text not null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index customer_webhooks_org on customer_webhooks (org_id, created_at desc);

    create table customer_forms (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      kind text not null check (kind in ('nps', 'csat')),
      team_id uuid references teams(id) on delete set null,
      active boolean not null default true,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index customer_forms_org on customer_forms (org_id, created_at desc);

    create table customer_settings (
      org_id uuid primary key references orgs(id) on delete cascade,
      detractor_max int not null default 6 check (detractor_max between 0 and 8),
      csat_detractor_max int not null default 2 check (csat_detractor_max between 1 and 3),
      followup_days int not null default 5 check (followup_days between 1 and 60),
      request_days int not null default 30 check (request_days between 1 and 180),
      window_months int not null default 6 check (window_months between 1 and 24),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
