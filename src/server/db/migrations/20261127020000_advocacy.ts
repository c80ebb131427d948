import { sql, type Kysely } from 'kysely';

/**
 * Employee advocacy: company content that people choose to share outside (posts, articles and
 * approved external links, with suggested texts per network and language), campaigns aimed at an
 * audience, each person's tracked links per item and network, the shares they made and the clicks
 * those links brought (a visitor is a salted hash whose salt changes every day and is then deleted),
 * the social media guidelines and who accepted which version, and who left the advocacy leaderboard.
 * Posts get an internal-only flag; the points ledger learns a reason for sharing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table posts add column internal_only boolean not null default false;

    create table advocacy_settings (
      org_id uuid primary key references orgs(id) on delete cascade,
      -- Markdown as written and its sanitised HTML; empty means the product's own guidelines.
      guidelines text not null default '',
      guidelines_html text not null default '',
      -- Raised at every change of the guidelines: people accept the current version before sharing.
      guidelines_version integer not null default 1 check (guidelines_version >= 1),
      points_per_share integer not null default 5 check (points_per_share between 0 and 1000),
      points_cap_per_week integer not null default 20 check (points_cap_per_week between 0 and 10000),
      updated_at timestamptz not null default now()
    );

    create table share_campaigns (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      description text not null default '',
      hashtag text,
      goal_metric text not null default 'shares' check (goal_metric in ('shares', 'clicks')),
      goal integer check (goal > 0),
      audience jsonb not null,
      starts_at timestamptz,
      ends_at timestamptz,
      archived_at timestamptz,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at is null or starts_at is null or ends_at > starts_at)
    );
    create index share_campaigns_list on share_campaigns (org_id, created_at desc, id desc);

    create table share_items (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      kind text not null check (kind in ('post', 'article', 'link')),
      -- The post (an article is a post of kind 'article') for 'post' and 'article'; the approved address for 'link'.
      post_id uuid references posts(id) on delete cascade,
      url text,
      title text not null,
      summary text not null default '',
      image_url text,
      -- [{ "network": "linkedin" | "x" | "facebook" | "email" | "any", "lang": "en" | "it", "text": "…" }]
      suggestions jsonb not null default '[]',
      campaign_id uuid references share_campaigns(id) on delete set null,
      starts_at timestamptz not null default now(),
      ends_at timestamptz,
      archived_at timestamptz,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((kind = 'link') = (url is not null)),
      check ((kind = 'link') = (post_id is null)),
      check (ends_at is null or ends_at > starts_at)
    );
    create index share_items_list on share_items (org_id, starts_at desc, id desc);
    create index share_items_campaign on share_items (campaign_id, starts_at desc, id desc) where campaign_id is not null;
    create unique index share_items_post on share_items (post_id) where post_id is not null and archived_at is null;

    create table share_links (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      -- What follows /s/ in the tracked address: random, unguessable, unique across the instance.
      code text not null unique,
      item_id uuid not null references share_items(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      network text not null check (network in ('linkedin', 'x', 'facebook', 'email', 'link')),
      created_at timestamptz not null default now(),
      unique (item_id, user_id, network)
    );

    create table shares (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      item_id uuid not null references share_items(id) on delete cascade,
      -- The item's campaign when it was shared.
      campaign_id uuid references share_campaigns(id) on delete set null,
      user_id uuid not null references users(id) on delete cascade,
      network text not null check (network in ('linkedin', 'x', 'facebook', 'email', 'link')),
      link_id uuid not null references share_links(id) on delete cascade,
      points integer not null default 0 check (points >= 0),
      created_at timestamptz not null default now()
    );
    create index shares_org on shares (org_id, created_at desc, id desc);
    create index shares_user on shares (user_id, created_at desc);
    create index shares_item on shares (item_id, created_at desc);
    create index shares_campaign on shares (campaign_id, created_at desc) where campaign_id is not null;

    -- One row per visitor, tracked link and day: the same visitor clicking again that day is not another click.
    create table share_clicks (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      link_id uuid not null references share_links(id) on delete cascade,
      item_id uuid not null references share_items(id) on delete cascade,
      campaign_id uuid references share_campaigns(id) on delete set null,
      -- The person whose link it is.
      user_id uuid not null references users(id) on delete cascade,
      network text not null,
      day date not null,
      -- A hash of the day's salt, the address and the browser; never the address itself.
      visitor text not null,
      created_at timestamptz not null default now(),
      unique (link_id, day, visitor)
    );
    create index share_clicks_org on share_clicks (org_id, day);
    create index share_clicks_item on share_clicks (item_id, day);
    create index share_clicks_campaign on share_clicks (campaign_id, day) where campaign_id is not null;
    create index share_clicks_user on share_clicks (user_id, day);

    -- The day's salt of visitor hashes; yesterday's is deleted, so that nobody can recompute a hash from an address.
    create table click_salts (
      org_id uuid not null references orgs(id) on delete cascade,
      day date not null,
      salt text not null,
      primary key (org_id, day)
    );

    create table guideline_acceptances (
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      version integer not null,
      accepted_at timestamptz not null default now(),
      primary key (user_id, version)
    );

    create table advocacy_prefs (
      user_id uuid primary key references users(id) on delete cascade,
      org_id uuid not null references orgs(id) on delete cascade,
      hide_from_leaderboard boolean not null default false,
      updated_at timestamptz not null default now()
    );

    alter table points_ledger drop constraint points_ledger_reason_check;
    alter table points_ledger add constraint points_ledger_reason_check
      check (reason in ('kudos_given', 'kudos_received', 'redemption', 'redemption_refund', 'award', 'share'));
    alter table points_ledger add column share_id uuid references shares(id) on delete restrict;
  `.execute(db);
}
