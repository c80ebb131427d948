import { sql, type Kysely } from 'kysely';

/**
 * Company communication and richer content: announcements with their recipients (delivered, seen,
 * acknowledged), urgent delivery by web push, safety checks, articles, questions with upvoted
 * answers, polls, events with RSVPs and calendar feeds, leadership AMAs, and a community's files
 * and videos with their versions. Posts get a title (articles), searched with the body.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table comms_settings (
      org_id uuid primary key references orgs(id) on delete cascade,
      broadcast_audience_limit integer not null default 50 check (broadcast_audience_limit >= 0),
      escalation_minutes integer not null default 120 check (escalation_minutes between 5 and 10080),
      reminder_hours integer not null default 24 check (reminder_hours between 1 and 720),
      file_max_bytes bigint not null default 52428800 check (file_max_bytes > 0),
      video_max_bytes bigint not null default 524288000 check (video_max_bytes > 0),
      vapid_public_key text,
      vapid_private_key text,
      updated_at timestamptz not null default now()
    );

    alter table posts add column title text;
    alter table posts drop column search_vector;
    alter table posts add column search_vector tsvector generated always as (
      case lang
        when 'english' then setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || to_tsvector('english'::regconfig, body)
        when 'italian' then setweight(to_tsvector('italian'::regconfig, coalesce(title, '')), 'A') || to_tsvector('italian'::regconfig, body)
        else setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || to_tsvector('simple'::regconfig, body)
      end
    ) stored;
    create index posts_search on posts using gin (search_vector);

    create table announcements (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      author_id uuid not null references users(id) on delete cascade,
      post_id uuid references posts(id) on delete set null,
      title text not null,
      body text not null,
      body_html text not null,
      audience jsonb not null,
      audience_size integer not null default 0,
      urgent boolean not null default false,
      publish_at timestamptz,
      published_at timestamptz,
      pinned_until timestamptz,
      requires_ack boolean not null default false,
      ack_due_at timestamptz,
      last_reminded_at timestamptz,
      escalation_level smallint not null default 0,
      ended_at timestamptz,
      cancelled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index announcements_list on announcements (org_id, created_at desc, id desc);
    create index announcements_due on announcements (publish_at) where published_at is null and cancelled_at is null;
    create unique index announcements_post on announcements (post_id) where post_id is not null;

    create table announcement_recipients (
      org_id uuid not null references orgs(id) on delete cascade,
      announcement_id uuid not null references announcements(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      department_id uuid,
      team_id uuid,
      location_id uuid,
      delivered_at timestamptz,
      seen_at timestamptz,
      acked_at timestamptz,
      reminded_count integer not null default 0,
      last_channel text,
      primary key (announcement_id, user_id)
    );
    create index announcement_recipients_user on announcement_recipients (user_id, acked_at, announcement_id);

    create table push_subscriptions (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      endpoint text not null,
      p256dh text not null,
      auth text not null,
      created_at timestamptz not null default now(),
      last_success_at timestamptz,
      failures integer not null default 0
    );
    create unique index push_subscriptions_endpoint on push_subscriptions (endpoint);
    create index push_subscriptions_user on push_subscriptions (org_id, user_id);

    create table safety_checks (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      started_by uuid references users(id) on delete set null,
      title text not null,
      message text not null default '',
      drill boolean not null default false,
      location_ids jsonb not null default '[]',
      status text not null default 'open' check (status in ('open', 'closed')),
      reminder_minutes integer not null default 30 check (reminder_minutes between 5 and 1440),
      last_reminded_at timestamptz,
      started_at timestamptz not null default now(),
      closed_at timestamptz,
      closed_by uuid references users(id) on delete set null,
      report jsonb
    );
    create index safety_checks_list on safety_checks (org_id, started_at desc, id desc);

    create table safety_responses (
      org_id uuid not null references orgs(id) on delete cascade,
      check_id uuid not null references safety_checks(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      location_id uuid,
      status text not null default 'pending' check (status in ('pending', 'safe', 'help')),
      note text,
      answered_at timestamptz,
      reminded_count integer not null default 0,
      primary key (check_id, user_id)
    );
    create index safety_responses_user on safety_responses (user_id, status);

    create table articles (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      author_id uuid not null references users(id) on delete cascade,
      community_id uuid references communities(id) on delete cascade,
      title text not null,
      summary text not null default '',
      body text not null default '',
      cover_key text,
      status text not null default 'draft' check (status in ('draft', 'scheduled', 'published', 'unpublished')),
      publish_at timestamptz,
      unpublish_at timestamptz,
      published_at timestamptz,
      post_id uuid references posts(id) on delete set null,
      reading_minutes integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index articles_author on articles (org_id, author_id, updated_at desc, id desc);
    create index articles_due on articles (publish_at) where status = 'scheduled';
    create index articles_expiring on articles (unpublish_at) where status = 'published' and unpublish_at is not null;
    create unique index articles_post on articles (post_id) where post_id is not null;

    create table questions (
      post_id uuid primary key references posts(id) on delete cascade,
      org_id uuid not null references orgs(id) on delete cascade,
      community_id uuid references communities(id) on delete cascade,
      best_comment_id uuid references comments(id) on delete set null,
      answered_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index questions_unanswered on questions (org_id, community_id, created_at desc, post_id desc) where answered_at is null;

    alter table comments add column upvote_count integer not null default 0;
    create table answer_votes (
      org_id uuid not null references orgs(id) on delete cascade,
      comment_id uuid not null references comments(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (comment_id, user_id)
    );

    create table polls (
      post_id uuid primary key references posts(id) on delete cascade,
      org_id uuid not null references orgs(id) on delete cascade,
      multiple boolean not null default false,
      anonymous boolean not null default false,
      threshold integer not null default 5 check (threshold >= 3),
      closes_at timestamptz,
      voter_count integer not null default 0,
      shown_counts jsonb,
      shown_voters integer not null default 0
    );
    create table poll_options (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      post_id uuid not null references polls(post_id) on delete cascade,
      position smallint not null,
      label text not null,
      vote_count integer not null default 0,
      unique (post_id, position)
    );
    create table poll_voters (
      org_id uuid not null references orgs(id) on delete cascade,
      post_id uuid not null references polls(post_id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      primary key (post_id, user_id)
    );
    create table poll_votes (
      org_id uuid not null references orgs(id) on delete cascade,
      post_id uuid not null references polls(post_id) on delete cascade,
      option_id uuid not null references poll_options(id) on delete cascade,
      user_id uuid references users(id) on delete cascade,
      created_at timestamptz
    );
    create index poll_votes_post on poll_votes (post_id, option_id);
    create unique index poll_votes_person on poll_votes (post_id, option_id, user_id) where user_id is not null;

    create table events (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      organiser_id uuid not null references users(id) on delete cascade,
      community_id uuid references communities(id) on delete cascade,
      title text not null,
      description text not null default '',
      description_html text not null default '',
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      time_zone text not null default 'UTC',
      place text,
      online_url text,
      capacity integer check (capacity is null or capacity > 0),
      going_count integer not null default 0,
      maybe_count integer not null default 0,
      waitlist_count integer not null default 0,
      reminder_minutes integer not null default 60 check (reminder_minutes between 0 and 10080),
      reminded_at timestamptz,
      sequence integer not null default 0,
      cancelled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at >= starts_at)
    );
    create index events_upcoming on events (org_id, starts_at, id) where cancelled_at is null;
    create index events_community on events (community_id, starts_at, id) where community_id is not null;

    create table event_rsvps (
      org_id uuid not null references orgs(id) on delete cascade,
      event_id uuid not null references events(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      status text not null check (status in ('going', 'maybe', 'not', 'waitlist')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (event_id, user_id)
    );
    create index event_rsvps_user on event_rsvps (user_id, status);
    create index event_rsvps_waitlist on event_rsvps (event_id, created_at, user_id) where status = 'waitlist';

    create table calendar_tokens (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      token_hash text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );
    create unique index calendar_tokens_hash on calendar_tokens (token_hash);
    create index calendar_tokens_user on calendar_tokens (org_id, user_id) where revoked_at is null;

    create table amas (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      host_id uuid not null references users(id) on delete cascade,
      created_by uuid references users(id) on delete set null,
      community_id uuid references communities(id) on delete set null,
      title text not null,
      description text not null default '',
      description_html text not null default '',
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      allow_anonymous boolean not null default true,
      status text not null default 'scheduled' check (status in ('scheduled', 'live', 'ended')),
      question_count integer not null default 0,
      created_at timestamptz not null default now(),
      check (ends_at >= starts_at)
    );
    create index amas_list on amas (org_id, starts_at desc, id desc);

    create table ama_questions (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      ama_id uuid not null references amas(id) on delete cascade,
      author_id uuid references users(id) on delete set null,
      anonymous boolean not null default false,
      body text not null,
      upvote_count integer not null default 0,
      answer text,
      answer_html text,
      answered_at timestamptz,
      hidden_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index ama_questions_rank on ama_questions (ama_id, upvote_count desc, created_at, id);

    create table ama_votes (
      org_id uuid not null references orgs(id) on delete cascade,
      question_id uuid not null references ama_questions(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      primary key (question_id, user_id)
    );

    create table community_files (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      community_id uuid not null references communities(id) on delete cascade,
      name text not null,
      kind text not null check (kind in ('file', 'video')),
      description text not null default '',
      created_by uuid references users(id) on delete set null,
      version_count integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create index community_files_list on community_files (community_id, updated_at desc, id desc) where deleted_at is null;

    create table file_versions (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      file_id uuid not null references community_files(id) on delete cascade,
      version integer not null,
      storage_key text not null,
      mime text not null,
      size bigint not null,
      poster_key text,
      uploader_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (file_id, version)
    );
  `.execute(db);
}
