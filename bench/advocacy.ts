/**
 * The advocacy scenario of `npm run bench`: a tracked link (/s/<code>) followed by one visitor again
 * and again, as a popular share would be. It is set up through the API as the demo company's
 * administrator (accept the guidelines, add an approved link, share it) and measured against the bare
 * constant route of the same run: a redirect should cost little more than answering at all.
 */

/** A redirect scenario: answers 302 (checked before measuring); autocannon reports those as non-2xx. */
export interface RedirectScenario {
  name: string;
  paths: string[];
  auth: false;
  baseline: string;
  redirect: true;
  headers: Record<string, string>;
}

/** A browser's user agent: robots and clients without one are not counted, and the counting path is part of what is measured. */
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function call(base: string, cookie: string, csrf: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(base + path, {
    method,
    headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The tracked-redirect scenario, set up as the given signed-in administrator. */
export async function advocacyScenarios(base: string, cookie: string): Promise<RedirectScenario[]> {
  const me = (await (await fetch(`${base}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  const csrf = me.csrfToken;
  const guidelines = await call(base, cookie, csrf, 'GET', '/api/advocacy/guidelines');
  const { version } = (await guidelines.json()) as { version: number };
  await call(base, cookie, csrf, 'POST', '/api/advocacy/guidelines/accept', { version });
  const item = await call(base, cookie, csrf, 'POST', '/api/advocacy/items', {
    kind: 'link',
    url: 'https://www.example.com/press/2026/solar-plant?ref=bench',
    title: 'Our solar plant is live',
  });
  if (item.status !== 201) {
    throw new Error(`tracked-redirect: adding the item answered ${item.status} ${await item.text()}`);
  }
  const { id } = (await item.json()) as { id: string };
  const shared = await call(base, cookie, csrf, 'POST', `/api/advocacy/items/${id}/shares`, { network: 'linkedin' });
  if (shared.status !== 201) {
    throw new Error(`tracked-redirect: sharing answered ${shared.status} ${await shared.text()}`);
  }
  const { trackedUrl } = (await shared.json()) as { trackedUrl: string };
  const code = new URL(trackedUrl).pathname;
  return [
    {
      name: 'tracked-redirect',
      paths: [code],
      auth: false,
      baseline: 'baseline-constant',
      redirect: true,
      headers: { 'user-agent': BROWSER },
    },
  ];
}
