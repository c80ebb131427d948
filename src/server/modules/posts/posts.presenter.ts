import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor, CommunityAbilities } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import type { Reaction } from '../../../shared/social.js';
import { communityAccess } from '../communities/communities.access.js';
import { attachmentViews } from '../attachments/attachments.service.js';
import { postAbilities, visibleTo } from './posts.access.js';
import * as q from './posts.queries.js';
import type { PostView } from './posts.schemas.js';
import { loadPostExtras } from './post-extras.js';

type Executor = Kysely<DB> | Transaction<DB>;

function communityRef(
  id: string | null,
  r: { name: string | null; slug: string | null; visibility: string | null; official: boolean | null },
): PostView['community'] {
  return id ? { id, name: r.name ?? '', slug: r.slug ?? '', visibility: r.visibility ?? 'public', official: r.official ?? false } : null;
}

const person = (p: { id: string; name: string; title: string | null; photoKey: string | null }) => ({
  id: p.id,
  name: p.name,
  title: p.title,
  photoUrl: photoUrl(p.id, p.photoKey),
});

function sharedOf(actor: Actor, r: q.PresentableRow, access: Map<string, CommunityAbilities>): PostView['shared'] {
  if (!r.sharedId || !r.sharedAuthorId || !r.sharedCreatedAt) {
    return null;
  }
  const community = r.sharedCommunityId ? access.get(r.sharedCommunityId) : null;
  const hidden = r.sharedHiddenAt !== null;
  // A share travels further than its original: show the original only to those who may read it there.
  if (!visibleTo(actor, { authorId: r.sharedAuthorId, deleted: false, hidden }, community, r.sharedCommunityId)) {
    return null;
  }
  return {
    id: r.sharedId,
    author: {
      id: r.sharedAuthorId,
      name: r.sharedAuthorName ?? '',
      title: r.sharedAuthorTitle,
      photoUrl: photoUrl(r.sharedAuthorId, r.sharedAuthorPhotoKey),
    },
    community: communityRef(r.sharedCommunityId, {
      name: r.sharedCommunityName,
      slug: r.sharedCommunitySlug,
      visibility: r.sharedCommunityVisibility,
      official: r.sharedCommunityOfficial,
    }),
    html: r.sharedHtml ?? '',
    createdAt: r.sharedCreatedAt,
  };
}

/** An announcement is edited before it is sent, on its own page; afterwards its text stays as sent. */
function editableHere<A extends { canEdit: boolean }>(kind: string, abilities: A): A {
  return kind === 'announcement' ? { ...abilities, canEdit: false } : abilities;
}

/**
 * The read model of posts for one viewer, in the order asked, leaving out those the viewer may not read
 * (deleted, in a community they may not read, hidden from them). A fixed number of queries whatever
 * the number of posts: the posts with everything joined (a kudos' recipients and value, a celebration's
 * person included), the viewer's standing in their communities, what the richer kinds carry (one
 * query per kind present: see post-extras.ts), and their attachments.
 */
export async function presentPosts(db: Executor, actor: Actor, postIds: readonly string[]): Promise<PostView[]> {
  const ids = [...new Set(postIds)];
  if (ids.length === 0) {
    return [];
  }
  const rows = await q.presentableRows(db, actor.orgId, actor.userId, ids);
  const communityIds = rows.flatMap((r) => [r.communityId, r.sharedCommunityId]).filter((id): id is string => id !== null);
  const access = await communityAccess(db, actor, communityIds);
  const visible = rows.filter((r) =>
    visibleTo(
      actor,
      { authorId: r.authorId, deleted: false, hidden: r.hiddenAt !== null },
      r.communityId ? access.get(r.communityId) : null,
      r.communityId,
    ),
  );
  const extras = await loadPostExtras(db, actor, visible);
  const shown = visible.filter((r) => extras.shows(r.id, r.kind));
  const attachments = await attachmentViews(db, actor.orgId, { postIds: shown.map((r) => r.id) });
  const views = new Map<string, PostView>();
  for (const r of shown) {
    const community = r.communityId ? (access.get(r.communityId) ?? null) : null;
    const hidden = r.hiddenAt !== null;
    views.set(r.id, {
      id: r.id,
      kind: r.kind,
      author: { id: r.authorId, name: r.authorName, title: r.authorTitle, photoUrl: photoUrl(r.authorId, r.authorPhotoKey) },
      community: communityRef(r.communityId, {
        name: r.communityName,
        slug: r.communitySlug,
        visibility: r.communityVisibility,
        official: r.communityOfficial,
      }),
      // An article's card shows its title, summary and cover; its whole text is on its own page.
      html: r.kind === 'article' ? '' : r.bodyHtml,
      body: r.authorId === actor.userId && r.kind !== 'article' ? r.body : null,
      lang: r.lang,
      hashtags: r.hashtags,
      attachments: attachments.get(r.id) ?? [],
      shared: sharedOf(actor, r, access),
      reactionCounts: (r.reactionCounts ?? {}) as Record<string, number>,
      reactionCount: r.reactionCount,
      commentCount: r.commentCount,
      shareCount: r.shareCount,
      myReaction: (r.myReaction as Reaction | null) ?? null,
      bookmarked: Boolean(r.bookmarked),
      pinned: r.pinnedAt !== null,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      hidden: hidden ? { reason: r.hiddenReason ?? '', at: r.hiddenAt! } : null,
      abilities: editableHere(r.kind, postAbilities(actor, { authorId: r.authorId, communityId: r.communityId, hidden }, community)),
      kudos: r.kudos
        ? {
            id: r.kudos.id,
            value: r.kudos.value,
            pointsEach: r.kudos.pointsEach,
            recipients: r.kudos.recipients.map(person),
            team: r.kudos.team,
          }
        : null,
      celebration: r.celebration ? { kind: r.celebration.kind, person: person(r.celebration.person), years: r.celebration.years } : null,
      title: r.title,
      internalOnly: r.internalOnly,
      ...extras.of(r.id),
    });
  }
  return ids.map((id) => views.get(id)).filter((v): v is PostView => v !== undefined);
}
