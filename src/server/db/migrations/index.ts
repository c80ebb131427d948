import type { Migration } from 'kysely';
import * as foundation from './20261126060000_foundation.js';
import * as directorySearch from './20261126070000_directory_search.js';
import * as social from './20261126090000_social.js';
import * as notifications from './20261126100000_notifications.js';
import * as feeds from './20261126100100_feeds.js';
import * as search from './20261126100200_search.js';
import * as recognition from './20261126120000_recognition.js';
import * as millisecondTimes from './20261126130000_millisecond_times.js';
import * as listening from './20261126140000_listening.js';
import * as feedbackNotified from './20261126150000_feedback_notified.js';
import * as resultsIndexes from './20261126150100_results_indexes.js';
import * as customers from './20261126180000_customers.js';
import * as communication from './20261126200000_communication.js';
import * as advocacy from './20261127020000_advocacy.js';

/** Every migration in order. Forward-only: a migration that has landed is never edited. */
export const migrations: Record<string, Migration> = {
  '20261126060000_foundation': foundation,
  '20261126070000_directory_search': directorySearch,
  '20261126090000_social': social,
  '20261126100000_notifications': notifications,
  '20261126100100_feeds': feeds,
  '20261126100200_search': search,
  '20261126120000_recognition': recognition,
  '20261126130000_millisecond_times': millisecondTimes,
  '20261126140000_listening': listening,
  '20261126150000_feedback_notified': feedbackNotified,
  '20261126150100_results_indexes': resultsIndexes,
  '20261126180000_customers': customers,
  '20261126200000_communication': communication,
  '20261127020000_advocacy': advocacy,
};
