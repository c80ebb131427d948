import type { Config } from '../../config.js';
import type { Handlers } from '../../platform/jobs.js';
import { sendPushes } from './urgent.push.js';
import { runRound } from './urgent.service.js';

/** Delivery and escalation of urgent broadcasts by e-mail, and web push messages of every kind. */
export function urgentHandlers(config: Pick<Config, 'publicUrl' | 'mailFrom'>): Pick<Handlers, 'urgent.escalate' | 'push.send'> {
  return {
    'urgent.escalate': (payload, trx) => runRound(trx, config, payload),
    'push.send': async (payload, trx) => {
      await sendPushes(trx, config, payload);
    },
  };
}
