import { sql, type Kysely } from 'kysely';

/**
 * The social core: communities and their members, posts with revisions, hashtags, mentions and
 * attachments, comments, reactions, bookmarks, follows, notifications, reports, and the realtime
 * event log that lets a reconnecting client catch up.
 *
 * Posts and comments carry the language they are written in (`english`, `italian` or `simple`) and a
 * stored tsvector stemmed in that language, so one GIN index serves search in both languages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table communities (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null,
      slug text not null,
      description text not null default '',
      rules text not null default '',
      cover_key text,
      visibility text not null check (visibility in ('public', 'private', 'secret')),
      official boolean not null default false,
      is_all_company boolean not null default false,
      sync_kind text check (sync_kind in ('department', 'team', 'location')),
      sync_id uuid,
      member_count integer not null default 0,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      archived_at timestamptz,
      search_vector tsvector generated always as (
        to_tsvector('simple'::regconfig, name || ' ' || description)
      ) stored,
      unique (org_id, slug),
      check ((sync_kind is null) = (sync_id is null))
    );
    create unique index communities_all_company on communities (org_id) where is_all_company;
    create index communities_org_name on communities (org_id, name, id);
    create index communities_sync on communities (org_id, sync_kind, sync_id) where sync_kind is not null;
    create index communities_search on communities using gin (search_vector);

    create table community_members (
      org_id uuid not null references orgs(id) on delete cascade,
      community_id uuid not null references communities(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      role text not null default 'member' check (role in ('member', 'moderator', 'owner')),
      status text not null default 'active' check (status in ('active', 'requested', 'invited', 'banned')),
      via_sync boolean not null default false,
      invited_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (community_id, user_id)
    );
    create index community_members_user on community_members (user_id, status, community_id);
    create index community_members_pending on community_members (community_id, status, created_at) where status <> 'active';

    create table posts (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      author_id uuid not null references users(id) on delete cascade,
      community_id uuid references communities(id) on delete cascade,
      kind text not null default 'post',
      body text not null,
      body_html text not null,
      lang text not null default 'simple' check (lang in ('english', 'italian', 'simple')),
      shared_post_id uuid references posts(id) on delete set null,
      reaction_counts jsonb not null default '{}',
      reaction_count integer not null default 0,
      comment_count integer not null default 0,
      share_count integer not null default 0,
      created_at timestamptz not null default now(),
      edited_at timestamptz,
      deleted_at timestamptz,
      hidden_at timestamptz,
      hidden_reason text,
      hidden_by uuid references users(id) on delete set null,
      pinned_at timestamptz,
      search_vector tsvector generated always as (
        case lang
          when 'english' then to_tsvector('english'::regconfig, body)
          when 'italian' then to_tsvector('italian'::regconfig, body)
          else to_tsvector('simple'::regconfig, body)
        end
      ) stored
    );
    create index posts_org_recent on posts (org_id, created_at desc, id desc) where deleted_at is null and hidden_at is null;
    create index posts_community_recent on posts (community_id, created_at desc, id desc) where deleted_at is null and hidden_at is null;
    create index posts_author_recent on posts (author_id, created_at desc, id desc) where deleted_at is null and hidden_at is null;
    create index posts_community_pinned on posts (community_id, pinned_at desc) where pinned_at is not null and deleted_at is null;
    create index posts_search on posts using gin (search_vector);

    create table post_revisions (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      post_id uuid not null references posts(id) on delete cascade,
      editor_id uuid references users(id) on delete set null,
      body text not null,
      created_at timestamptz not null default now()
    );
    create index post_revisions_post on post_revisions (post_id, created_at desc);

    create table hashtags (
      org_id uuid not null references orgs(id) on delete cascade,
      tag text not null,
      post_count integer not null default 0,
      last_used_at timestamptz not null default now(),
      primary key (org_id, tag)
    );
    create index hashtags_prefix on hashtags (org_id, tag text_pattern_ops);

    create table post_hashtags (
      org_id uuid not null references orgs(id) on delete cascade,
      post_id uuid not null references posts(id) on delete cascade,
      tag text not null,
      created_at timestamptz not null,
      primary key (post_id, tag)
    );
    create index post_hashtags_tag on post_hashtags (org_id, tag, created_at desc, post_id desc);

    create table comments (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      post_id uuid not null references posts(id) on delete cascade,
      parent_id uuid references comments(id) on delete cascade,
      author_id uuid not null references users(id) on delete cascade,
      body text not null,
      body_html text not null,
      lang text not null default 'simple' check (lang in ('english', 'italian', 'simple')),
      reaction_counts jsonb not null default '{}',
      reaction_count integer not null default 0,
      reply_count integer not null default 0,
      created_at timestamptz not null default now(),
      edited_at timestamptz,
      deleted_at timestamptz,
      hidden_at timestamptz,
      hidden_reason text,
      hidden_by uuid references users(id) on delete set null,
      search_vector tsvector generated always as (
        case lang
          when 'english' then to_tsvector('english'::regconfig, body)
          when 'italian' then to_tsvector('italian'::regconfig, body)
          else to_tsvector('simple'::regconfig, body)
        end
      ) stored
    );
    create index comments_post on comments (post_id, created_at, id);
    create index comments_parent on comments (parent_id, created_at, id) where parent_id is not null;
    create index comments_search on comments using gin (search_vector);

    create table mentions (
      org_id uuid not null references orgs(id) on delete cascade,
      post_id uuid not null references posts(id) on delete cascade,
      comment_id uuid references comments(id) on delete cascade,
      user_id uuid references users(id) on delete cascade,
      community_id uuid references communities(id) on delete cascade,
      check ((user_id is null) <> (community_id is null))
    );
    create index mentions_post on mentions (post_id);
    create index mentions_user on mentions (user_id) where user_id is not null;

    create table attachments (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      uploader_id uuid not null references users(id) on delete cascade,
      post_id uuid references posts(id) on delete cascade,
      comment_id uuid references comments(id) on delete cascade,
      kind text not null check (kind in ('image', 'file')),
      mime text not null,
      name text not null,
      size integer not null,
      storage_key text not null,
      thumb_key text,
      width integer,
      height integer,
      position integer not null default 0,
      created_at timestamptz not null default now()
    );
    create index attachments_post on attachments (post_id, position) where post_id is not null;
    create index attachments_comment on attachments (comment_id, position) where comment_id is not null;
    create index attachments_unattached on attachments (uploader_id, created_at) where post_id is null and comment_id is null;

    create table reactions (
      org_id uuid not null references orgs(id) on delete cascade,
      target_type text not null check (target_type in ('post', 'comment')),
      target_id uuid not null,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('like', 'celebrate', 'love', 'insightful', 'support', 'funny')),
      created_at timestamptz not null default now(),
      primary key (target_id, user_id)
    );
    create index reactions_target on reactions (target_id, created_at desc, user_id);

    create table bookmarks (
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      post_id uuid not null references posts(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (user_id, post_id)
    );
    create index bookmarks_recent on bookmarks (user_id, created_at desc, post_id desc);

    create table follows (
      org_id uuid not null references orgs(id) on delete cascade,
      follower_id uuid not null references users(id) on delete cascade,
      followee_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (follower_id, followee_id),
      check (follower_id <> followee_id)
    );
    create index follows_followee on follows (followee_id, created_at desc);

    create table hashtag_follows (
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      tag text not null,
      created_at timestamptz not null default now(),
      primary key (user_id, tag)
    );

    create table notifications (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      type text not null,
      actor_id uuid references users(id) on delete set null,
      post_id uuid references posts(id) on delete cascade,
      comment_id uuid references comments(id) on delete cascade,
      community_id uuid references communities(id) on delete cascade,
      data jsonb not null default '{}',
      created_at timestamptz not null default now(),
      read_at timestamptz,
      digested_at timestamptz
    );
    create index notifications_recent on notifications (user_id, created_at desc, id desc);
    create index notifications_unread on notifications (user_id) where read_at is null;
    create index notifications_digest on notifications (org_id, created_at) where digested_at is null and read_at is null;

    create table notification_settings (
      org_id uuid not null references orgs(id) on delete cascade,
      user_id uuid primary key references users(id) on delete cascade,
      digest text not null default 'daily' check (digest in ('off', 'daily', 'weekly')),
      prefs jsonb not null default '{}',
      last_digest_at timestamptz
    );

    create table reports (
      id uuid primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      reporter_id uuid references users(id) on delete set null,
      post_id uuid references posts(id) on delete cascade,
      comment_id uuid references comments(id) on delete cascade,
      community_id uuid references communities(id) on delete cascade,
      reason text not null check (reason in ('spam', 'harassment', 'inappropriate', 'misinformation', 'other')),
      note text,
      status text not null default 'open' check (status in ('open', 'dismissed', 'actioned')),
      resolved_by uuid references users(id) on delete set null,
      resolved_at timestamptz,
      resolution_note text,
      created_at timestamptz not null default now()
    );
    create index reports_queue on reports (org_id, status, created_at desc, id desc);
    create index reports_community on reports (community_id, status, created_at desc) where community_id is not null;
    create unique index reports_once on reports (reporter_id, coalesce(comment_id, post_id)) where status = 'open';

    create table realtime_events (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      channel text not null,
      type text not null,
      payload jsonb not null,
      created_at timestamptz not null default now()
    );
    create index realtime_events_channel on realtime_events (org_id, channel, id);
    create index realtime_events_age on realtime_events (created_at);

    -- Every organisation has an "All company" community that every active person is in.
    insert into communities (id, org_id, name, slug, description, visibility, official, is_all_company, member_count)
      select gen_random_uuid(), o.id, 'All company', 'all-company', '', 'public', true, true,
             (select count(*) from users u where u.org_id = o.id and u.status = 'active')
      from orgs o;
    insert into community_members (org_id, community_id, user_id, role, status, via_sync)
      select u.org_id, c.id, u.id, 'member', 'active', true
      from users u join communities c on c.org_id = u.org_id and c.is_all_company
      where u.status = 'active';
  `.execute(db);
}
