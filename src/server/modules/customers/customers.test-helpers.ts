import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import type { AccountSize, FeedbackChannel, FeedbackKind } from '../../../shared/customers.js';

/** Test fixtures for customers, written directly. */

export async function insertAccount(
  db: Kysely<DB>,
  orgId: string,
  opts: {
    name?: string;
    externalId?: string;
    segment?: string;
    region?: string;
    size?: AccountSize;
    locale?: string;
    customerSince?: string;
    lostOn?: string | null;
    teamIds?: string[];
    userIds?: string[];
  } = {},
): Promise<string> {
  const id = newId();
  await db
    .insertInto('customerAccounts')
    .values({
      id,
      orgId,
      name: opts.name ?? `Account ${id.slice(-8)}`,
      externalId: opts.externalId ?? null,
      segment: opts.segment ?? null,
      region: opts.region ?? null,
      size: opts.size ?? null,
      locale: opts.locale ?? 'en',
      customerSince: opts.customerSince ?? '2025-01-01',
      lostOn: opts.lostOn ?? null,
    })
    .execute();
  if (opts.teamIds?.length) {
    await db
      .insertInto('customerAccountTeams')
      .values(opts.teamIds.map((teamId) => ({ orgId, accountId: id, teamId })))
      .execute();
  }
  if (opts.userIds?.length) {
    await db
      .insertInto('customerAccountPeople')
      .values(opts.userIds.map((userId) => ({ orgId, accountId: id, userId })))
      .execute();
  }
  return id;
}

export async function insertContact(
  db: Kysely<DB>,
  orgId: string,
  accountId: string,
  opts: { name?: string; email?: string; locale?: string | null } = {},
): Promise<string> {
  const id = newId();
  await db
    .insertInto('customerContacts')
    .values({
      id,
      orgId,
      accountId,
      name: opts.name ?? 'Alex Customer',
      email: opts.email ?? `contact-${id.slice(-8)}@customer.example`,
      locale: opts.locale ?? null,
    })
    .execute();
  return id;
}

/** A stored answer, as if it had arrived (no follow-up or notification: use `recordFeedback` for those). */
export async function insertFeedback(
  db: Kysely<DB>,
  orgId: string,
  opts: {
    kind?: FeedbackKind;
    score: number;
    accountId?: string | null;
    contactId?: string | null;
    teamId?: string | null;
    namedUserId?: string | null;
    shareAllowed?: boolean;
    comment?: string | null;
    channel?: FeedbackChannel;
    receivedAt?: Date;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('customerFeedback')
    .values({
      id,
      orgId,
      kind: opts.kind ?? 'nps',
      score: opts.score,
      comment: opts.comment ?? null,
      channel: opts.channel ?? 'api',
      accountId: opts.accountId ?? null,
      contactId: opts.contactId ?? null,
      teamId: opts.teamId ?? null,
      namedUserId: opts.namedUserId ?? null,
      shareAllowed: opts.shareAllowed ?? false,
      receivedAt: opts.receivedAt ?? new Date(),
      requestId: null,
      formId: null,
      source: null,
      externalId: null,
      namedText: null,
      passedOnPostId: null,
      passedOnBy: null,
      passedOnAt: null,
    })
    .execute();
  return id;
}
