import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { toErrorBody } from '../../platform/http-errors.js';
import { ipKey } from '../../platform/ip.js';
import { CUSTOMER_LIMITS } from '../../../shared/customers.js';
import { formPage, messagePage, thanksPage, type Lang, type MessageKind } from './public.html.js';
import * as pub from './public.service.js';

/** A posted form is a score, two short texts and a comment of at most 2,000 characters: 16 KB is plenty. */
const BODY_LIMIT = 16 * 1024;

const PageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) });
const LinkParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const FormParams = Type.Object({ formId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const Html = Type.String({ description: 'An HTML page (text/html).' });

/** No script, nothing from elsewhere; styles inline; forms post back here only. */
const directives = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ['data:'],
  formAction: ["'self'"],
  baseUri: ["'none'"],
};
/** A request's link is never framed. */
const LINK_HELMET = {
  contentSecurityPolicy: { useDefaults: false, directives: { ...directives, frameAncestors: ["'none'"] } },
  referrerPolicy: { policy: 'no-referrer' as const },
};
/** The embeddable form is meant to be framed by the company's own site, whatever its address. */
const EMBED_HELMET = {
  contentSecurityPolicy: { useDefaults: false, directives: { ...directives, frameAncestors: ['*'] } },
  frameguard: false as const,
  // A site that isolates itself (COEP) may still frame the form.
  crossOriginResourcePolicy: { policy: 'cross-origin' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
};

/** Each address may post a few answers a minute, counted apart from the API's general limit (which skips these pages). */
const postLimit = {
  rateLimit: {
    max: CUSTOMER_LIMITS.publicPerMinute,
    timeWindow: '1 minute',
    allowList: [] as string[],
    keyGenerator: (req: FastifyRequest) => `public:${ipKey(req.ip)}`,
  },
};

function send(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** The language asked for in the address, else the browser's, when it is English or Italian. */
function askedLang(req: FastifyRequest, withHeader: boolean): Lang | null {
  const q = (req.query as { lang?: unknown } | undefined)?.lang;
  if (pub.isLang(q)) {
    return q;
  }
  return withHeader ? pub.langFromHeader(req.headers['accept-language']) : null;
}

/** The page an error shows, by its code or status. */
function messageOf(status: number, code: string, isEmbed: boolean): MessageKind {
  switch (code) {
    case pub.PAGE_CODES.linkNotFound:
      return 'not_found';
    case pub.PAGE_CODES.formNotFound:
      return 'form_not_found';
    case pub.PAGE_CODES.answered:
    case 'REQUEST_CLOSED':
      return 'answered';
    case pub.PAGE_CODES.expired:
      return 'expired';
  }
  if (status === 429) {
    return 'too_many';
  }
  if (status === 413) {
    return 'too_large';
  }
  if (status === 404 || (status === 400 && code === 'VALIDATION_FAILED')) {
    return isEmbed ? 'form_not_found' : 'not_found';
  }
  return status < 500 ? 'bad_request' : 'error';
}

/** Query-string with the language, for links between the two languages of a page. */
const withLang = (path: string, lang: Lang) => `${path}?lang=${lang}`;

/** The public feedback pages (a request's link, an embedded form): no account needed. */
export async function publicFeedbackRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  // Browsers post these forms URL-encoded; this parser applies to this plugin's routes only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    done(null, new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8')));
  });

  // These are pages for people, not API calls: every failure is a page in their language, with the right status.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) {
      req.log.error({ err }, 'public feedback page failed');
    }
    if (err instanceof AppError && err.retryAfter !== undefined) {
      void reply.header('retry-after', String(err.retryAfter));
    }
    const isEmbed = req.url.startsWith('/embed/');
    const known = err instanceof AppError ? (err.details as { lang?: unknown } | undefined)?.lang : undefined;
    const lang = askedLang(req, false) ?? (pub.isLang(known) ? known : null) ?? pub.langFromHeader(req.headers['accept-language']) ?? 'en';
    return send(reply, status, messagePage(lang, messageOf(status, body.error.code, isEmbed)));
  });

  const formOf = (req: FastifyRequest) => {
    if (!(req.body instanceof URLSearchParams)) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded.');
    }
    return pub.postedForm(req.body);
  };

  r.get(
    '/r/:token',
    {
      helmet: LINK_HELMET,
      schema: {
        tags,
        summary: 'The feedback page of a request’s link',
        description: 'Server-rendered HTML in the contact’s language (or `lang`). 404 for an unknown link, 410 when answered or expired.',
        produces: ['text/html'],
        params: LinkParams,
        querystring: PageQuery,
        response: { 200: Html, 404: Html, 410: Html },
      },
    },
    async (req, reply) => {
      const target = await pub.openLink(ctx, req.hostname, req.params.token);
      const lang = askedLang(req, false) ?? target.lang;
      const path = `/r/${encodeURIComponent(req.params.token)}`;
      return send(
        reply,
        200,
        formPage({
          lang,
          orgName: target.org.name,
          kind: target.kind,
          action: withLang(path, lang),
          switchTo: withLang(path, lang === 'en' ? 'it' : 'en'),
          withEmail: false,
        }),
      );
    },
  );

  r.post(
    '/r/:token',
    {
      helmet: LINK_HELMET,
      bodyLimit: BODY_LIMIT,
      config: postLimit,
      schema: {
        tags,
        summary: 'Answer a request’s link',
        description:
          'URL-encoded form: score, comment, thank (a name), share, website (must stay empty). Answers once; the thank-you page, or the form again (400) for a score off the scale.',
        consumes: ['application/x-www-form-urlencoded'],
        produces: ['text/html'],
        params: LinkParams,
        querystring: PageQuery,
        response: { 200: Html, 400: Html, 404: Html, 410: Html, 413: Html, 415: Html, 429: Html },
      },
    },
    async (req, reply) => {
      const form = formOf(req);
      const out = await pub.answerLink(ctx, req.hostname, req.params.token, form, askedLang(req, false));
      if (out.ok) {
        return send(reply, 200, thanksPage(out.lang));
      }
      const path = `/r/${encodeURIComponent(req.params.token)}`;
      return send(
        reply,
        400,
        formPage({
          lang: out.lang,
          orgName: out.target.org.name,
          kind: out.target.kind,
          action: withLang(path, out.lang),
          switchTo: withLang(path, out.lang === 'en' ? 'it' : 'en'),
          withEmail: false,
          values: { ...form, score: null },
          scoreError: true,
        }),
      );
    },
  );

  r.get(
    '/embed/:formId',
    {
      helmet: EMBED_HELMET,
      schema: {
        tags,
        summary: 'An embeddable feedback form',
        description:
          'Server-rendered HTML meant for an iframe on the company’s site; in the browser’s language (or `lang`). 404 when unknown or closed.',
        produces: ['text/html'],
        params: FormParams,
        querystring: PageQuery,
        response: { 200: Html, 404: Html },
      },
    },
    async (req, reply) => {
      const target = await pub.openForm(ctx, req.hostname, req.params.formId);
      const lang = askedLang(req, true) ?? target.lang;
      const path = `/embed/${target.formId}`;
      return send(
        reply,
        200,
        formPage({
          lang,
          orgName: target.org.name,
          kind: target.kind,
          action: withLang(path, lang),
          switchTo: withLang(path, lang === 'en' ? 'it' : 'en'),
          withEmail: true,
        }),
      );
    },
  );

  r.post(
    '/embed/:formId',
    {
      helmet: EMBED_HELMET,
      bodyLimit: BODY_LIMIT,
      config: postLimit,
      schema: {
        tags,
        summary: 'Answer an embeddable form',
        description:
          'URL-encoded form: score, comment, thank, share, email (optional: a contact’s address links the answer to them), website (must stay empty).',
        consumes: ['application/x-www-form-urlencoded'],
        produces: ['text/html'],
        params: FormParams,
        querystring: PageQuery,
        response: { 200: Html, 400: Html, 404: Html, 413: Html, 415: Html, 429: Html },
      },
    },
    async (req, reply) => {
      const form = formOf(req);
      if (form.email !== '' && !/^[^\s@]+@[^\s@]+$/.test(form.email)) {
        // Not an address: answered as if none was given rather than refusing the customer's words.
        form.email = '';
      }
      const out = await pub.answerForm(ctx, req.hostname, req.params.formId, form, askedLang(req, true));
      if (out.ok) {
        return send(reply, 200, thanksPage(out.lang));
      }
      const path = `/embed/${out.target.formId}`;
      return send(
        reply,
        400,
        formPage({
          lang: out.lang,
          orgName: out.target.org.name,
          kind: out.target.kind,
          action: withLang(path, out.lang),
          switchTo: withLang(path, out.lang === 'en' ? 'it' : 'en'),
          withEmail: true,
          values: { ...form, score: null },
          scoreError: true,
        }),
      );
    },
  );
}
