import { Readable } from 'node:stream';
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { actorOf, errors } from '../../platform/http.js';
import { COLUMNS } from './import.rows.js';
import * as s from './import.schemas.js';
import { importAccounts } from './import.service.js';

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
  throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file as a text/csv body or as multipart/form-data (field "file").');
}

/** CSV import of accounts and contacts, with a dry run. */

export async function customerImportRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // The importer reads the body as a stream; this parser applies to this plugin's routes only.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_req, payload, done) => done(null, payload));

  r.post(
    '/api/customers/import',
    {
      config: { rateLimit: { max: 30, timeWindow: 60 * 60_000 } },
      schema: {
        tags: ['customers'],
        summary: 'Import customer accounts and contacts from CSV',
        description: `Columns (header row, case-insensitive; name required): ${COLUMNS.join(', ')}. Teams (by name) and people (by e-mail) are separated by ";". Rows are matched to accounts by external_id, else by name; several rows of one account add contacts. An empty cell leaves an existing value unchanged. An unknown team or person is an error and nothing is imported.`,
        consumes: ['text/csv', 'multipart/form-data'],
        querystring: s.ImportQuery,
        response: { 200: s.ImportResult, ...errors(400, 401, 403, 409, 413, 415, 429) },
      },
    },
    async (req) => importAccounts(ctx, actorOf(req), { open: () => upload(req), dryRun: req.query.dryRun }),
  );
}
