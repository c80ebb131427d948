import { esc } from '../customers/public.html.js';
import type { SharedPage } from './redirect.service.js';

/**
 * The pages people outside the company see: a shared post or article (with Open Graph tags, so that
 * networks show a proper preview), and the pages of a tracked link that leads nowhere. Rendered on
 * the server, no script, nothing loaded from elsewhere but the item's own image; English and Italian.
 */

export type Lang = 'en' | 'it';
export type MessageKind = 'not_found' | 'gone';

const T = {
  en: {
    sharedBy: (org: string) => `Shared by people at ${org}`,
    messages: {
      not_found: [
        'This link does not work',
        'Check that you opened the whole address. If it still does not work, the link may be incomplete or mistyped.',
      ],
      gone: ['This content is no longer available', 'The company has withdrawn what this link pointed to. Thank you for your interest.'],
    } satisfies Record<MessageKind, [string, string]>,
  },
  it: {
    sharedBy: (org: string) => `Condiviso dalle persone di ${org}`,
    messages: {
      not_found: [
        'Questo link non funziona',
        'Controlli di aver aperto l’indirizzo completo. Se continua a non funzionare, il link potrebbe essere incompleto o sbagliato.',
      ],
      gone: [
        'Questo contenuto non è più disponibile',
        'L’azienda ha ritirato il contenuto a cui portava questo link. Grazie comunque per l’interesse.',
      ],
    } satisfies Record<MessageKind, [string, string]>,
  },
} as const;

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;background:#f4f6f9}
main{max-width:42rem;margin:0 auto;padding:1.25rem 1rem 2rem}
.card{background:#fff;border:1px solid #d8dde5;border-radius:12px;padding:1.25rem;overflow-wrap:anywhere}
.org{font-size:.9rem;color:#4a5568;margin:0 0 .75rem}
h1{font-size:1.5rem;line-height:1.3;margin:0 0 .75rem}
.summary{font-size:1.05rem;color:#2d3748}
.cover{display:block;width:100%;height:auto;border-radius:8px;margin:0 0 1rem}
.body img{max-width:100%;height:auto}
.body pre{overflow-x:auto}
.body table{display:block;overflow-x:auto}
a{color:#1f5fa8}
a:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
@media (prefers-color-scheme:dark){
body{background:#12161c;color:#e8ecf2}
.card{background:#1b2129;border-color:#333c48}
.org,.summary{color:#b4bdca}
a{color:#8fbcf0}
}
`;

function layout(lang: Lang, title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${head}<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card">
${body}
</div>
</main>
</body>
</html>
`;
}

/** A shared post or article: the organisation, the title, the summary and the sanitised HTML written in Tessuto. No author, no comments. */
export function sharedItemPage(p: SharedPage): string {
  const t = T[p.lang];
  const meta = [
    `<link rel="canonical" href="${esc(p.canonicalUrl)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:site_name" content="${esc(p.orgName)}">`,
    `<meta property="og:title" content="${esc(p.title)}">`,
    `<meta property="og:description" content="${esc(p.summary)}">`,
    `<meta property="og:url" content="${esc(p.canonicalUrl)}">`,
    `<meta property="og:locale" content="${p.lang === 'it' ? 'it_IT' : 'en_GB'}">`,
    p.imageUrl ? `<meta property="og:image" content="${esc(p.imageUrl)}">` : '',
    `<meta name="twitter:card" content="${p.imageUrl ? 'summary_large_image' : 'summary'}">`,
    `<meta name="description" content="${esc(p.summary)}">`,
  ]
    .filter(Boolean)
    .join('\n');
  const body = `<article>
<p class="org">${esc(t.sharedBy(p.orgName))}</p>
${p.imageUrl ? `<img class="cover" src="${esc(p.imageUrl)}" alt="">` : ''}
<h1>${esc(p.title)}</h1>
${p.summary ? `<p class="summary">${esc(p.summary)}</p>` : ''}
<div class="body">
${/* Sanitised with the allow-list when the post was written. */ p.bodyHtml}
</div>
</article>`;
  return layout(p.lang, `${p.title} – ${p.orgName}`, `${meta}\n`, body);
}

/** The page of a tracked link or shared page that leads nowhere: unknown (404) or withdrawn (410). */
export function linkMessagePage(lang: Lang, kind: MessageKind): string {
  const [title, text] = T[lang].messages[kind];
  return layout(lang, title, `<meta name="robots" content="noindex, nofollow">\n`, `<h1>${title}</h1>\n<p>${text}</p>`);
}
