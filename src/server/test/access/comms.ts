import type { AccessRow } from '../access-matrix.js';

/** Communication settings: administrators only. */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/comms/settings', who: ['admin'] },
  { method: 'PUT', path: '/api/comms/settings', who: ['admin'], body: () => ({ reminderHours: 24 }) },
];
