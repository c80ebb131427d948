import type { Migration } from 'kysely';
import * as foundation from './20261126060000_foundation.js';
import * as directorySearch from './20261126070000_directory_search.js';
import * as social from './20261126090000_social.js';

/** Every migration in order. Forward-only: a migration that has landed is never edited. */
export const migrations: Record<string, Migration> = {
  '20261126060000_foundation': foundation,
  '20261126070000_directory_search': directorySearch,
  '20261126090000_social': social,
};
