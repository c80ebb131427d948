import type { CustomerLocale, FeedbackKind } from '../../../shared/customers.js';
import { CUSTOMER_LIMITS } from '../../../shared/customers.js';

/**
 * The public feedback pages, rendered on the server: small, readable on a phone, usable with a
 * keyboard and a screen reader, with no script and nothing loaded from elsewhere. Every string
 * exists in English and Italian; everything that comes from outside is escaped.
 */

export type Lang = CustomerLocale;

/** What the customer typed, shown again when the form comes back with an error. */
export interface FormValues {
  score: number | null;
  comment: string;
  thank: string;
  share: boolean;
  email: string;
}

export const EMPTY_VALUES: FormValues = { score: null, comment: '', thank: '', share: false, email: '' };

/** The pages that only say something: errors and closed links. */
export type MessageKind = 'not_found' | 'form_not_found' | 'answered' | 'expired' | 'too_many' | 'too_large' | 'bad_request' | 'error';

const T = {
  en: {
    npsQuestion: (org: string) => `How likely are you to recommend ${org} to a friend or colleague?`,
    csatQuestion: (org: string) => `How satisfied are you with ${org}?`,
    required: '(required)',
    npsLow: 'Not at all likely',
    npsHigh: 'Extremely likely',
    csat: ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'],
    scoreError: (kind: FeedbackKind) => (kind === 'nps' ? 'Choose a score from 0 to 10.' : 'Choose a score from 1 to 5.'),
    comment: 'Tell us why (optional)',
    thank: 'Anyone you want to thank? (optional)',
    thankHint: 'The name of the person who helped you.',
    share: 'You may share my words with the person I named',
    email: 'Your e-mail (optional)',
    emailHint: 'Only if you would like us to get back to you.',
    honeypot: 'Leave this field empty',
    send: 'Send',
    other: { lang: 'it' as Lang, label: 'Italiano' },
    feedbackFor: (org: string) => `Feedback for ${org}`,
    thanksTitle: 'Thank you!',
    thanksBody: 'We have received your answer. It helps us do better.',
    messages: {
      not_found: ['This link does not work', 'Check that you opened the whole link from the e-mail you received.'],
      form_not_found: ['This form is not available', 'It may have been closed. Thank you for wanting to share your view.'],
      answered: ['You have already answered', 'Thank you: we have already received your answer to this question.'],
      expired: ['This link has expired', 'Feedback links stay open for a limited time. Thank you all the same.'],
      too_many: ['Too many answers', 'Too many answers came from your connection. Please try again in a minute.'],
      too_large: ['Your answer is too long', 'Please shorten your comment and send it again.'],
      bad_request: ['Your answer could not be read', 'Please go back and send the form again.'],
      error: ['Something went wrong on our side', 'Please try again in a few minutes.'],
    } satisfies Record<MessageKind, [string, string]>,
  },
  it: {
    npsQuestion: (org: string) => `Con quale probabilità consiglierebbe ${org} a un amico o a un collega?`,
    csatQuestion: (org: string) => `Quanto è soddisfatto di ${org}?`,
    required: '(obbligatorio)',
    npsLow: 'Per niente probabile',
    npsHigh: 'Estremamente probabile',
    csat: ['Molto insoddisfatto', 'Insoddisfatto', 'Né soddisfatto né insoddisfatto', 'Soddisfatto', 'Molto soddisfatto'],
    scoreError: (kind: FeedbackKind) => (kind === 'nps' ? 'Scelga un punteggio da 0 a 10.' : 'Scelga un punteggio da 1 a 5.'),
    comment: 'Ci dica il perché (facoltativo)',
    thank: 'C’è qualcuno che vorrebbe ringraziare? (facoltativo)',
    thankHint: 'Il nome della persona che l’ha aiutata.',
    share: 'Potete condividere le mie parole con la persona che ho nominato',
    email: 'La sua e-mail (facoltativa)',
    emailHint: 'Solo se desidera che la ricontattiamo.',
    honeypot: 'Lasci vuoto questo campo',
    send: 'Invia',
    other: { lang: 'en' as Lang, label: 'English' },
    feedbackFor: (org: string) => `La sua opinione su ${org}`,
    thanksTitle: 'Grazie!',
    thanksBody: 'Abbiamo ricevuto la sua risposta: ci aiuta a migliorare.',
    messages: {
      not_found: ['Questo link non funziona', 'Controlli di aver aperto il link completo dall’e-mail che ha ricevuto.'],
      form_not_found: ['Questo modulo non è disponibile', 'Potrebbe essere stato chiuso. Grazie comunque per voler dire la sua.'],
      answered: ['Ha già risposto', 'Grazie: abbiamo già ricevuto la sua risposta a questa domanda.'],
      expired: ['Questo link è scaduto', 'I link per rispondere restano aperti per un tempo limitato. Grazie comunque.'],
      too_many: ['Troppe risposte', 'Sono arrivate troppe risposte dalla sua connessione. Riprovi tra un minuto.'],
      too_large: ['La risposta è troppo lunga', 'Accorci il commento e lo invii di nuovo.'],
      bad_request: ['Non siamo riusciti a leggere la risposta', 'Torni indietro e invii di nuovo il modulo.'],
      error: ['Si è verificato un problema da parte nostra', 'Riprovi tra qualche minuto.'],
    } satisfies Record<MessageKind, [string, string]>,
  },
} as const;

/** Escapes text for HTML content and quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;background:#f4f6f9}
main{max-width:36rem;margin:0 auto;padding:1.25rem 1rem 2rem}
.card{background:#fff;border:1px solid #d8dde5;border-radius:12px;padding:1.25rem}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 .75rem}
p{margin:.5rem 0}
.top{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;margin-bottom:.75rem;font-size:.9rem;color:#4a5568}
a{color:#1f5fa8}
fieldset{border:0;margin:0 0 1.25rem;padding:0;min-width:0}
legend{font-weight:600;font-size:1.1rem;margin-bottom:.75rem;padding:0}
.req{font-weight:400;color:#4a5568;font-size:.9rem}
.scale{display:flex;flex-wrap:wrap;gap:.4rem}
.scale.nps .opt{flex:1 0 2.6rem}
.scale.csat .opt{flex:1 0 3rem}
.opt{position:relative}
.opt input{position:absolute;opacity:0;width:100%;height:100%;margin:0;cursor:pointer}
.opt label{display:flex;align-items:center;justify-content:center;min-height:2.75rem;border:2px solid #8a94a6;border-radius:8px;font-weight:600;background:#fff;cursor:pointer}
.opt input:checked+label{background:#1f5fa8;border-color:#0f3566;color:#fff;box-shadow:inset 0 0 0 2px #fff}
.opt input:focus-visible+label{outline:3px solid #f0a500;outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:1rem;font-size:.85rem;color:#4a5568;margin-top:.4rem}
.ends span:last-child{text-align:right}
.field{margin:0 0 1.1rem}
.field label{display:block;font-weight:600;margin-bottom:.3rem}
.hint{font-size:.875rem;color:#4a5568;margin:.1rem 0 .3rem}
textarea,input[type=text],input[type=email]{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #8a94a6;border-radius:8px;background:#fff;color:inherit}
textarea{min-height:7rem;resize:vertical}
textarea:focus-visible,input:focus-visible{outline:3px solid #f0a500;outline-offset:1px}
.check{display:flex;gap:.6rem;align-items:flex-start;margin:0 0 1.25rem}
.check input{width:1.35rem;height:1.35rem;margin:.1rem 0 0;flex:none}
.check label{font-weight:400}
button{font:inherit;font-weight:600;width:100%;min-height:3rem;border:0;border-radius:8px;background:#1f5fa8;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.error{color:#a4161a;font-weight:600;margin:.5rem 0}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (prefers-color-scheme:dark){
body{background:#12161c;color:#e8ecf2}
.card{background:#1b2129;border-color:#333c48}
.top,.ends,.hint,.req{color:#b4bdca}
a{color:#8fbcf0}
.opt label,textarea,input[type=text],input[type=email]{background:#12161c;border-color:#7d8796;color:#e8ecf2}
.opt input:checked+label{background:#8fbcf0;border-color:#d6e7fb;color:#0b1a2c;box-shadow:inset 0 0 0 2px #0b1a2c}
button{background:#8fbcf0;color:#0b1a2c}
.error{color:#ff9b9b}
}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}
`;

function layout(lang: Lang, title: string, body: string, switchTo?: string): string {
  const t = T[lang];
  const other = switchTo ? `<a href="${esc(switchTo)}" lang="${t.other.lang}" hreflang="${t.other.lang}">${t.other.label}</a>` : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${other ? `<div class="top"><span></span>${other}</div>` : ''}
<div class="card">
${body}
</div>
</main>
</body>
</html>
`;
}

export interface FormPage {
  lang: Lang;
  orgName: string;
  kind: FeedbackKind;
  /** Where the form posts (path and query). */
  action: string;
  /** The same page in the other language. */
  switchTo: string;
  /** The embeddable form asks for an e-mail address too. */
  withEmail: boolean;
  values?: FormValues;
  scoreError?: boolean;
}

function scale(p: FormPage, values: FormValues): string {
  const t = T[p.lang];
  const scores = p.kind === 'nps' ? Array.from({ length: 11 }, (_, i) => i) : [1, 2, 3, 4, 5];
  const describedBy = p.scoreError ? ' aria-describedby="score-error"' : '';
  const options = scores
    .map((s) => {
      const spoken = p.kind === 'csat' ? ` – ${t.csat[s - 1] ?? ''}` : s === 0 ? ` – ${t.npsLow}` : s === 10 ? ` – ${t.npsHigh}` : '';
      const checked = values.score === s ? ' checked' : '';
      return `<div class="opt"><input type="radio" id="score-${s}" name="score" value="${s}" required${checked}${p.scoreError ? ' aria-invalid="true"' : ''}><label for="score-${s}">${s}${spoken ? `<span class="sr">${esc(spoken)}</span>` : ''}</label></div>`;
    })
    .join('');
  const [low, high] = p.kind === 'nps' ? [t.npsLow, t.npsHigh] : [t.csat[0], t.csat[4]];
  const question = p.kind === 'nps' ? t.npsQuestion(p.orgName) : t.csatQuestion(p.orgName);
  return `<fieldset${describedBy}>
<legend>${esc(question)} <span class="req">${t.required}</span></legend>
${p.scoreError ? `<p class="error" id="score-error" role="alert">${esc(t.scoreError(p.kind))}</p>` : ''}
<div class="scale ${p.kind}">${options}</div>
<div class="ends" aria-hidden="true"><span>${esc(low ?? '')}</span><span>${esc(high ?? '')}</span></div>
</fieldset>`;
}

/** The feedback form: the score, a comment, whom to thank, whether their words may be shared, and a hidden trap for robots. */
export function formPage(p: FormPage): string {
  const t = T[p.lang];
  const v = p.values ?? EMPTY_VALUES;
  const email = p.withEmail
    ? `<div class="field">
<label for="email">${t.email}</label>
<p class="hint" id="email-hint">${t.emailHint}</p>
<input type="email" id="email" name="email" maxlength="${CUSTOMER_LIMITS.email}" autocomplete="email" aria-describedby="email-hint" value="${esc(v.email)}">
</div>`
    : '';
  const body = `<h1>${esc(t.feedbackFor(p.orgName))}</h1>
<form method="post" action="${esc(p.action)}">
${scale(p, v)}
<div class="field">
<label for="comment">${t.comment}</label>
<textarea id="comment" name="comment" maxlength="${CUSTOMER_LIMITS.comment}" rows="5">${esc(v.comment)}</textarea>
</div>
<div class="field">
<label for="thank">${t.thank}</label>
<p class="hint" id="thank-hint">${t.thankHint}</p>
<input type="text" id="thank" name="thank" maxlength="${CUSTOMER_LIMITS.shortText}" autocomplete="off" aria-describedby="thank-hint" value="${esc(v.thank)}">
</div>
<div class="check">
<input type="checkbox" id="share" name="share" value="yes"${v.share ? ' checked' : ''}>
<label for="share">${t.share}</label>
</div>
${email}
<div class="hp" aria-hidden="true">
<label for="website">${t.honeypot}</label>
<input type="text" id="website" name="website" tabindex="-1" autocomplete="off" value="">
</div>
<button type="submit">${t.send}</button>
</form>`;
  return layout(p.lang, t.feedbackFor(p.orgName), body, p.switchTo);
}

/** The page after an answer (and after a robot's, which is not stored). */
export function thanksPage(lang: Lang): string {
  const t = T[lang];
  return layout(lang, t.thanksTitle, `<h1>${t.thanksTitle}</h1>\n<p>${t.thanksBody}</p>`);
}

/** A page that only says why there is no form: a broken or closed link, a limit reached, an error. */
export function messagePage(lang: Lang, kind: MessageKind): string {
  const [title, text] = T[lang].messages[kind];
  return layout(lang, title, `<h1>${title}</h1>\n<p>${text}</p>`);
}
