import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import { ContentQuery, FileListQuery, FilePage, FilePatch, FileView } from './files.schemas.js';
import * as files from './files.service.js';

/** Text fields are short (a description); anything longer is cut by the parser and refused by the service. */
const FIELD_BYTES = 8 * 1024;

/** Opens the request's file as a stream, cut at `maxBytes` + 1 bytes so that the service can tell it was too large. */
function uploadOf(req: FastifyRequest): files.ReadUpload {
  return async (maxBytes) => {
    const part = await req.file({ limits: { fileSize: maxBytes + 1, files: 1, fields: 5, fieldSize: FIELD_BYTES } });
    if (!part) {
      throw badRequest('FILE_MISSING', 'Choose a file to upload.');
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(part.fields)) {
      if (value && !Array.isArray(value) && value.type === 'field' && typeof value.value === 'string') {
        fields[name] = value.value;
      }
    }
    return { filename: part.filename, stream: part.file, truncated: () => part.file.truncated, fields };
  };
}

/** A community's files and videos: versions, downloads with permission checks, streaming by ranges. */
export async function fileRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['files'];
  // Mastodon's limit on media uploads: 30 per 30 minutes per person.
  const uploadLimit = { rateLimit: { max: 30, timeWindow: 30 * 60_000 } };

  r.post(
    '/api/communities/:id/files',
    {
      config: uploadLimit,
      schema: {
        tags,
        summary: 'Share a file or a video in a community (multipart: an optional `description` field, then `file`).',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: FileView, ...errors(400, 401, 403, 404, 413, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await files.upload(ctx, actorOf(req), req.params.id, uploadOf(req))),
  );
  r.get(
    '/api/communities/:id/files',
    {
      schema: {
        tags,
        summary: "A community's files, most recently changed first.",
        params: IdParams,
        querystring: FileListQuery,
        response: { 200: FilePage, ...errors(400, 401, 404) },
      },
    },
    (req) => files.list(ctx, actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/files/:id',
    { schema: { tags, summary: 'A file with its versions.', params: IdParams, response: { 200: FileView, ...errors(401, 404) } } },
    (req) => files.get(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/files/:id',
    {
      schema: {
        tags,
        summary: 'Rename a file or change its description.',
        params: IdParams,
        body: FilePatch,
        response: { 200: FileView, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => files.update(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/files/:id',
    { schema: { tags, summary: 'Delete a file and all its versions.', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } } },
    async (req) => {
      await files.remove(ctx, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/files/:id/versions',
    {
      config: uploadLimit,
      schema: {
        tags,
        summary: 'Upload a new version of a file (multipart: `file`).',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: FileView, ...errors(400, 401, 403, 404, 413, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await files.addVersion(ctx, actorOf(req), req.params.id, uploadOf(req))),
  );
  r.post(
    '/api/files/:id/poster',
    {
      config: uploadLimit,
      schema: {
        tags,
        summary: "Set a video's poster image (multipart: `file`, a picture).",
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: FileView, ...errors(400, 401, 403, 404, 413, 429) },
      },
    },
    (req) =>
      files.setPoster(ctx, actorOf(req), req.params.id, async () => {
        const part = await req.file({ limits: { fileSize: ctx.config.uploadLimit, files: 1 } });
        if (!part) {
          throw badRequest('FILE_MISSING', 'Choose a picture.');
        }
        return { filename: part.filename, data: await part.toBuffer() };
      }),
  );

  const contentSchema = {
    tags,
    summary: "A file's bytes (one HTTP range at most); the current version unless `version` is given.",
    params: IdParams,
    querystring: ContentQuery,
    response: errors(400, 401, 404, 416),
  };
  const serve = async (req: FastifyRequest<{ Params: { id: string }; Querystring: ContentQuery }>, reply: FastifyReply) =>
    send(
      reply,
      await files.readContent(ctx, actorOf(req), req.params.id, {
        version: req.query.version,
        range: req.headers.range,
        withBody: req.method !== 'HEAD',
      }),
    );
  // Declared before GET so that HEAD answers the real length without reading the file.
  r.head('/api/files/:id/content', { schema: { ...contentSchema, hide: true } }, serve);
  r.get('/api/files/:id/content', { schema: contentSchema }, serve);

  r.get(
    '/api/files/:id/poster',
    { schema: { tags, summary: "A video's poster image.", params: IdParams, querystring: ContentQuery, response: errors(400, 401, 404) } },
    async (req, reply) => sendPoster(reply, await files.readPoster(ctx, actorOf(req), req.params.id, req.query.version)),
  );
}

/** Posters are pictures we re-encoded ourselves, shown inline. */
function sendPoster(reply: FastifyReply, data: Buffer) {
  return reply
    .type('image/webp')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline')
    .header('cache-control', 'private, max-age=3600')
    .header('cross-origin-resource-policy', 'same-origin')
    .send(data);
}

/**
 * User files are served so that a browser never runs them: the stored type only, no sniffing, a
 * sandbox with nothing allowed, inline only for videos; ranges so that a video seeks without
 * downloading everything before.
 */
function send(reply: FastifyReply, c: files.ServedContent) {
  void reply
    .header('accept-ranges', 'bytes')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private')
    .header('etag', c.etag)
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cross-origin-resource-policy', 'same-origin');
  if (c.status === 416) {
    return reply
      .status(416)
      .header('content-range', `bytes */${c.size}`)
      .send({
        error: {
          code: 'RANGE_NOT_SATISFIABLE',
          message: 'The requested range starts past the end of the file.',
          details: { size: c.size },
        },
      });
  }
  void reply.status(c.status).type(c.type).header('content-disposition', c.disposition);
  if (c.range) {
    void reply.header('content-range', `bytes ${c.range.start}-${c.range.end}/${c.size}`);
  }
  const length = c.range ? c.range.end - c.range.start + 1 : c.size;
  void reply.header('content-length', String(length));
  return reply.send(c.stream ?? '');
}
