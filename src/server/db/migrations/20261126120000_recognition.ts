import { sql, type Kysely } from 'kysely';

/**
 * Recognition and gamification: company values, kudos, a points ledger (allowance and received
 * points, append-only), rewards and redemptions, company awards, fairness flags, badges, personal
 * preferences and milestone celebrations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table company_values (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      description text not null default '',
      emoji text,
      position integer not null default 0,
      archived_at timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index company_values_name on company_values (org_id, lower(name));

    create table recognition_settings (
      org_id uuid primary key references orgs(id) on delete cascade,
      require_value boolean not null default false,
      gamification boolean not null default true,
      gamification_off_countries text[] not null default '{}',
      default_allowance integer not null default 100 check (default_allowance between 0 and 100000),
      recipient_limit integer not null default 50 check (recipient_limit between 0 and 100000),
      recipient_limit_days integer not null default 30 check (recipient_limit_days between 1 and 366),
      leaderboards jsonb not null default '{"received": true, "given": true}',
      anniversaries boolean not null default true,
      birthdays boolean not null default true,
      updated_at timestamptz not null default now()
    );

    create table allowance_rules (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      role text,
      user_id uuid references users(id) on delete cascade,
      amount integer not null check (amount between 0 and 100000),
      created_at timestamptz not null default now(),
      check ((role is null) <> (user_id is null))
    );
    create unique index allowance_rules_role on allowance_rules (org_id, role) where role is not null;
    create unique index allowance_rules_user on allowance_rules (org_id, user_id) where user_id is not null;

    create table kudos (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      giver_id uuid not null references users(id) on delete cascade,
      post_id uuid references posts(id) on delete set null,
      value_id uuid references company_values(id) on delete restrict,
      team_id uuid references teams(id) on delete set null,
      message text not null,
      message_html text not null,
      visibility text not null check (visibility in ('public', 'private')),
      points_each integer not null default 0 check (points_each >= 0),
      idempotency_key text,
      request_hash text,
      created_at timestamptz not null default now()
    );
    create unique index kudos_idempotency on kudos (org_id, giver_id, idempotency_key) where idempotency_key is not null;
    create index kudos_recent on kudos (org_id, created_at desc, id desc);
    create index kudos_giver on kudos (giver_id, created_at desc, id desc);
    create index kudos_post on kudos (post_id) where post_id is not null;

    create table kudos_recipients (
      kudos_id uuid not null references kudos(id) on delete cascade,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      points integer not null default 0 check (points >= 0),
      created_at timestamptz not null default now(),
      primary key (kudos_id, user_id)
    );
    create index kudos_recipients_user on kudos_recipients (user_id, created_at desc, kudos_id desc);
    create index kudos_recipients_org on kudos_recipients (org_id, created_at);

    create table rewards (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      description text not null default '',
      image_key text,
      cost integer not null check (cost > 0),
      stock integer check (stock >= 0),
      requires_approval boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index rewards_org on rewards (org_id, active, cost, id);

    create table redemptions (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      reward_id uuid not null references rewards(id) on delete restrict,
      user_id uuid not null references users(id) on delete cascade,
      cost integer not null check (cost > 0),
      status text not null check (status in ('pending', 'approved', 'refused')),
      note text,
      decided_by uuid references users(id) on delete set null,
      decided_at timestamptz,
      idempotency_key text,
      request_hash text,
      created_at timestamptz not null default now()
    );
    create unique index redemptions_idempotency on redemptions (org_id, user_id, idempotency_key) where idempotency_key is not null;
    create index redemptions_user on redemptions (user_id, created_at desc, id desc);
    create index redemptions_org on redemptions (org_id, status, created_at desc, id desc);

    create table awards (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      granted_by uuid references users(id) on delete set null,
      reason text not null,
      points integer not null check (points > 0),
      created_at timestamptz not null default now()
    );
    create index awards_org on awards (org_id, created_at desc, id desc);

    -- Append-only: a balance is the sum of its account's entries, never stored.
    create table points_ledger (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      account text not null check (account in ('allowance', 'received')),
      delta integer not null check (delta <> 0),
      -- The month ('2026-11', UTC) an allowance entry belongs to; allowances do not roll over.
      period text check (period ~ '^[0-9]{4}-[0-9]{2}$'),
      reason text not null check (reason in ('kudos_given', 'kudos_received', 'redemption', 'redemption_refund', 'award')),
      kudos_id uuid references kudos(id) on delete restrict,
      redemption_id uuid references redemptions(id) on delete restrict,
      award_id uuid references awards(id) on delete restrict,
      created_at timestamptz not null default now(),
      check ((account = 'allowance') = (period is not null))
    );
    create index points_ledger_account on points_ledger (user_id, account, period);
    create index points_ledger_history on points_ledger (user_id, id desc);

    create table recognition_flags (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      kind text not null check (kind in ('ring')),
      -- The people involved, sorted, so that one ring is flagged once while open.
      members uuid[] not null,
      kudos_ids uuid[] not null default '{}',
      points integer not null default 0,
      status text not null default 'open' check (status in ('open', 'dismissed', 'confirmed')),
      reviewed_by uuid references users(id) on delete set null,
      reviewed_at timestamptz,
      note text,
      created_at timestamptz not null default now()
    );
    create unique index recognition_flags_open on recognition_flags (org_id, kind, members) where status = 'open';
    create index recognition_flags_recent on recognition_flags (org_id, status, created_at desc, id desc);

    create table badges (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      -- A rule's key for badges computed from activity; null for custom badges awarded by hand.
      rule text,
      name text not null,
      description text not null default '',
      icon text not null default 'award',
      created_by uuid references users(id) on delete set null,
      archived_at timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index badges_rule on badges (org_id, rule) where rule is not null;

    create table user_badges (
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      badge_id uuid not null references badges(id) on delete cascade,
      awarded_by uuid references users(id) on delete set null,
      reason text,
      hidden boolean not null default false,
      awarded_at timestamptz not null default now(),
      primary key (user_id, badge_id)
    );
    create index user_badges_badge on user_badges (badge_id, awarded_at desc);

    create table recognition_prefs (
      user_id uuid primary key references users(id) on delete cascade,
      org_id uuid not null references orgs(id) on delete cascade,
      hide_from_leaderboards boolean not null default false,
      -- Month and day only ('03-14'): the year is nobody's business.
      birthday text check (birthday ~ '^[0-9]{2}-[0-9]{2}$'),
      celebrate_birthday boolean not null default false,
      updated_at timestamptz not null default now()
    );

    create table celebrations (
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('anniversary', 'birthday')),
      year integer not null,
      -- Years at the company, for an anniversary.
      years integer,
      post_id uuid references posts(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (user_id, kind, year)
    );
    create index celebrations_post on celebrations (post_id) where post_id is not null;
  `.execute(db);
}
