import type { Handlers } from '../../platform/jobs.js';

/** Escalation of urgent broadcasts through e-mail and web push. */
export function urgentHandlers(): Pick<Handlers, 'urgent.escalate' | 'push.send'> {
  return {
    'urgent.escalate': async () => {},
    'push.send': async () => {},
  };
}
