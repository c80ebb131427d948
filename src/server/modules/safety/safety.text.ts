/** Words of safety checks that leave the app (e-mail, push), in the person's language. */

export type Lang = 'en' | 'it';

/** A person's language: their own choice, else their organisation's. */
export const langOf = (userLocale: string | null, orgLocale: string): Lang => ((userLocale ?? orgLocale).startsWith('it') ? 'it' : 'en');

const drillPrefix = (lang: Lang, drill: boolean) => (drill ? (lang === 'it' ? 'Esercitazione: ' : 'Drill: ') : '');

/** The e-mail that asks a person whether they are safe. */
export function startedEmail(o: { lang: Lang; name: string; title: string; message: string; drill: boolean; link: string }) {
  const p = drillPrefix(o.lang, o.drill);
  if (o.lang === 'it') {
    return {
      subject: `${p}Stai bene? ${o.title}`,
      text: [
        `Ciao ${o.name},`,
        '',
        o.drill ? 'Questa è un’esercitazione: rispondi come faresti davvero.' : 'Abbiamo bisogno di sapere se stai bene.',
        '',
        o.title,
        ...(o.message ? ['', o.message] : []),
        '',
        `Rispondi con un tocco: "Sto bene" oppure "Ho bisogno di aiuto":`,
        o.link,
      ].join('\n'),
    };
  }
  return {
    subject: `${p}Are you safe? ${o.title}`,
    text: [
      `Hello ${o.name},`,
      '',
      o.drill ? 'This is a drill: please answer as you would for real.' : 'We need to know whether you are safe.',
      '',
      o.title,
      ...(o.message ? ['', o.message] : []),
      '',
      `Answer in one tap, "I'm safe" or "I need help":`,
      o.link,
    ].join('\n'),
  };
}

/** A push notification asking (or reminding) people whether they are safe. */
export function pushText(lang: Lang, o: { title: string; drill: boolean; reminder: boolean }) {
  const p = drillPrefix(lang, o.drill);
  if (lang === 'it') {
    return { title: `${p}${o.reminder ? 'Promemoria: stai bene?' : 'Stai bene?'}`, body: `${o.title} — rispondi con un tocco.` };
  }
  return { title: `${p}${o.reminder ? 'Reminder: are you safe?' : 'Are you safe?'}`, body: `${o.title} — answer in one tap.` };
}
