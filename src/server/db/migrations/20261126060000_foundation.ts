import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`
    create table orgs (
      id uuid primary key,
      name text not null,
      host text unique,
      default_locale text not null default 'en',
      require_totp boolean not null default false,
      created_at timestamptz not null default now()
    );

    create table departments (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      parent_id uuid references departments(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create unique index departments_name on departments (org_id, lower(name));
    create index departments_parent on departments (org_id, parent_id);

    create table teams (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      department_id uuid references departments(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create unique index teams_name on teams (org_id, lower(name));

    create table locations (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      country text,
      timezone text,
      created_at timestamptz not null default now()
    );
    create unique index locations_name on locations (org_id, lower(name));

    create table users (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      email text not null,
      name text not null,
      password_hash text,
      roles text[] not null default '{employee}',
      status text not null default 'active' check (status in ('active', 'deactivated')),
      locale text,
      title text,
      bio text,
      skills text[] not null default '{}',
      interests text[] not null default '{}',
      languages text[] not null default '{}',
      timezone text,
      pronouns text,
      phone text,
      start_date date,
      photo_key text,
      employee_number text,
      department_id uuid references departments(id) on delete set null,
      team_id uuid references teams(id) on delete set null,
      location_id uuid references locations(id) on delete set null,
      manager_id uuid references users(id) on delete set null,
      totp_secret text,
      totp_enabled boolean not null default false,
      failed_logins integer not null default 0,
      last_failed_login_at timestamptz,
      search_text text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deactivated_at timestamptz
    );
    create unique index users_email on users (org_id, lower(email));
    create index users_name on users (org_id, name, id);
    create index users_manager on users (org_id, manager_id);
    create index users_team on users (org_id, team_id);
    create index users_department on users (org_id, department_id);
    create index users_location on users (org_id, location_id);
    create index users_search on users using gin (search_text gin_trgm_ops);

    create table sessions (
      id text primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      user_agent text
    );
    create index sessions_user on sessions (user_id);

    create table invitations (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      email text not null,
      name text,
      roles text[] not null default '{employee}',
      token_hash text not null unique,
      invited_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      revoked_at timestamptz
    );
    create index invitations_org on invitations (org_id, created_at desc, id desc);

    create table password_resets (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );

    create table api_tokens (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      scopes text[] not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user on api_tokens (user_id);

    create table audit_log (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      actor_id uuid references users(id) on delete set null,
      action text not null,
      target_id uuid,
      data jsonb not null default '{}',
      created_at timestamptz not null default now()
    );
    create index audit_log_org on audit_log (org_id, created_at desc, id desc);

    create table jobs (
      id uuid primary key,
      org_id uuid references orgs(id) on delete cascade,
      kind text not null,
      payload jsonb not null,
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
      last_error text,
      created_at timestamptz not null default now()
    );
    create index jobs_due on jobs (run_at) where status = 'pending';
  `.execute(db);
}
