import { Readable } from 'node:stream';
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { actorOf, errors } from '../../platform/http.js';
import { COLUMNS } from './import.rows.js';
import * as s from './import.schemas.js';
import * as people from './import.service.js';

/** The uploaded file as a stream: the "file" field of a form, or the whole body when it is sent as text/csv. */
async function upload(req: FastifyRequest): Promise<Readable> {
  if (req.isMultipart()) {
    const part = await req.file();
    if (!part || part.fieldname !== 'file') {
      throw badRequest('FILE_MISSING', 'Choose a CSV file to import (form field "file").');
    }
    return part.file;
  }
  if (req.body instanceof Readable) {
    return req.body;
  }
  throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file as multipart/form-data (field "file") or as a text/csv body.');
}

/** Importing people from a CSV file, and exporting them in the same format. */
export async function importRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['admin'];
  // The importer reads the body as a stream; this parser applies to this plugin's routes only.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_req, payload, done) => done(null, payload));

  r.post(
    '/api/admin/people/import',
    {
      config: { rateLimit: { max: 20, timeWindow: 60 * 60_000 } },
      schema: {
        tags,
        summary: 'Import people from CSV',
        description: `Columns (header row, case-insensitive; email and name required): ${COLUMNS.join(', ')}. Roles and skills are separated by ";". An empty cell leaves an existing person's value unchanged.`,
        consumes: ['multipart/form-data', 'text/csv'],
        querystring: s.ImportQuery,
        response: { 200: s.ImportResult, ...errors(400, 401, 403, 413, 415, 422, 429) },
      },
    },
    async (req) => people.importPeople(ctx, actorOf(req), { open: () => upload(req), dryRun: req.query.dryRun }),
  );

  r.get(
    '/api/admin/people/export',
    {
      schema: {
        tags,
        summary: 'Export people as CSV',
        description: 'Every person, deactivated people included, in the import format.',
        produces: ['text/csv'],
        response: { 200: s.PeopleCsv, ...errors(401, 403) },
      },
    },
    async (req, reply) => {
      const csv = await people.exportPeople(ctx, actorOf(req));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="people.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
