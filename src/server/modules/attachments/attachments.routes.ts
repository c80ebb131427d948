import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import { AttachmentView } from '../posts/posts.schemas.js';
import * as attachments from './attachments.service.js';

/** Uploading and serving images and files attached to posts and comments. */
export async function attachmentRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['attachments'];

  r.post(
    '/api/attachments',
    {
      // Mastodon's limit on media uploads: 30 per 30 minutes per person.
      config: { rateLimit: { max: 30, timeWindow: 30 * 60_000 } },
      schema: {
        tags,
        summary: 'Upload one picture or file; attach it by id when creating or editing a post or comment.',
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentView, ...errors(400, 401, 403, 413, 415, 429) },
      },
    },
    async (req, reply) => {
      const view = await attachments.upload(ctx, actorOf(req), async () => {
        const file = await req.file({ limits: { fileSize: ctx.config.uploadLimit, files: 1 } });
        if (!file) {
          throw badRequest('FILE_MISSING', 'Choose a file to upload.');
        }
        return { filename: file.filename, data: await file.toBuffer() };
      });
      return reply.status(201).send(view);
    },
  );

  r.get('/api/attachments/:id', { schema: { tags, params: IdParams, response: errors(401, 404) } }, async (req, reply) =>
    send(reply, await attachments.readAttachment(ctx, actorOf(req), req.params.id, 'file')),
  );
  r.get('/api/attachments/:id/thumb', { schema: { tags, params: IdParams, response: errors(401, 404) } }, async (req, reply) =>
    send(reply, await attachments.readAttachment(ctx, actorOf(req), req.params.id, 'thumb')),
  );
}

/**
 * User files are served so that a browser never runs them: the stored type only, no sniffing, a
 * sandbox with nothing allowed, and a download for anything that is not a re-encoded picture.
 */
function send(reply: FastifyReply, file: attachments.ServedFile) {
  return reply
    .type(file.type)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', file.disposition)
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, max-age=3600')
    .header('cross-origin-resource-policy', 'same-origin')
    .send(file.data);
}
