import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A Message-ID fixed by the sender (`<unique@host>`), so that a message sent twice is recognised as one. */
  messageId?: string;
}

/** Sends e-mail through SMTP, or writes it to the log when no SMTP server is configured. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** The last messages written to the log (log mode only), newest last; lets operators and tests read links. */
  readonly recent: readonly MailMessage[];
}

export function createMailer(opts: { smtpUrl: string | undefined; from: string; log: FastifyBaseLogger }): Mailer {
  const recent: MailMessage[] = [];
  let transport: Transporter | undefined;
  if (opts.smtpUrl) {
    transport = nodemailer.createTransport(opts.smtpUrl);
  }
  return {
    recent,
    async send(message) {
      if (transport) {
        await transport.sendMail({ from: opts.from, ...message });
        return;
      }
      recent.push(message);
      if (recent.length > 100) {
        recent.shift();
      }
      opts.log.info({ mail: message }, 'e-mail (no SMTP_URL set, so it is logged instead of sent)');
    },
  };
}
