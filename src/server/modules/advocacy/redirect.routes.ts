import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { toErrorBody } from '../../platform/http-errors.js';
import { langFromHeader } from '../customers/public.service.js';
import { linkMessagePage, sharedItemPage, type Lang, type MessageKind } from './public.html.js';
import { sharedPage, TrackedLinks } from './redirect.service.js';
import * as s from './sharing.schemas.js';

/** No script, nothing from elsewhere; the shared page may show the item's own (https) image. */
const csp = (imgSrc: string[]) => ({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    styleSrc: ["'unsafe-inline'"],
    imgSrc,
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

/**
 * The redirect keeps the browser's usual referrer policy rather than the app's `no-referrer`: the
 * target then sees the visit came from the network (LinkedIn, X…), which UTM tags alone do not say.
 * Our /s/ address never leaks by it: on a redirect the referrer is the page the click came from.
 */
const REDIRECT_HELMET = {
  contentSecurityPolicy: csp([]),
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
};
const PAGE_HELMET = {
  contentSecurityPolicy: csp(['https:', 'data:']),
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
};

const langOf = (req: FastifyRequest): Lang => langFromHeader(req.headers['accept-language']) ?? 'en';

function sendPage(reply: FastifyReply, status: number, html: string, cache = 'no-store'): FastifyReply {
  return reply.status(status).header('cache-control', cache).header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(html);
}

function sendMessage(req: FastifyRequest, reply: FastifyReply, status: 404 | 410): FastifyReply {
  const kind: MessageKind = status === 410 ? 'gone' : 'not_found';
  return sendPage(reply, status, linkMessagePage(langOf(req), kind));
}

/** Tracked links (/s/<code>) and the public page of a shared post or article: no account needed. */
export async function trackedLinkRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['advocacy'];
  const links = new TrackedLinks(ctx);
  app.addHook('onClose', async () => links.close());

  // These are pages for people, not API calls: a failure is a page too, never JSON or a stack trace.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { status } = toErrorBody(err);
    if (status >= 500) {
      req.log.error({ err }, 'tracked link failed');
      return sendPage(reply, 503, linkMessagePage(langOf(req), 'not_found'));
    }
    return sendMessage(req, reply, status === 410 ? 410 : 404);
  });

  r.get(
    '/s/:code',
    {
      helmet: REDIRECT_HELMET,
      schema: {
        tags,
        summary: 'Follow a tracked link',
        description:
          '302 to the item’s approved address (or its public page) with UTM parameters; the visit is counted unless it is a robot, a link preview or a HEAD request. 404 page for an unknown code, 410 page for a withdrawn item.',
        produces: ['text/html'],
        params: s.CodeParams,
        response: { 404: s.Html, 410: s.Html },
      },
    },
    async (req, reply) => {
      const opened = await links.open(req.hostname, req.params.code, {
        method: req.method,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      if (opened.status !== 302) {
        return sendMessage(req, reply, opened.status);
      }
      return reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex').redirect(opened.location, 302);
    },
  );

  r.get(
    '/shared/:itemId',
    {
      helmet: PAGE_HELMET,
      schema: {
        tags,
        summary: 'The public page of a shared post or article',
        description:
          'Server-rendered HTML in the item’s language with Open Graph tags: organisation, title, summary and text. 404 when not a post or article, withdrawn, or internal-only.',
        produces: ['text/html'],
        params: s.ItemParams,
        response: { 200: s.Html, 404: s.Html },
      },
    },
    async (req, reply) => {
      const page = await sharedPage(ctx, req.hostname, req.params.itemId);
      if (!page) {
        return sendMessage(req, reply, 404);
      }
      // Revalidated every time: a post withdrawn or made internal-only must not linger in a shared cache.
      return sendPage(reply, 200, sharedItemPage(page), 'no-cache');
    },
  );
}
