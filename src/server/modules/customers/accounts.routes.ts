import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import * as accounts from './accounts.service.js';
import * as s from './accounts.schemas.js';

/** Accounts, contacts, serving teams and people, and the interaction log. */

export async function accountRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  r.get(
    '/api/customers/accounts',
    {
      schema: {
        tags,
        summary: 'List customer accounts',
        querystring: s.AccountListQuery,
        response: { 200: s.AccountPage, ...errors(400, 401, 403) },
      },
    },
    (req) => accounts.listAccounts(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/customers/accounts',
    {
      schema: {
        tags,
        summary: 'Create a customer account',
        body: s.NewAccount,
        response: { 201: s.AccountDetail, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await accounts.createAccount(ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/customers/accounts/:id',
    {
      schema: {
        tags,
        summary: 'One customer account',
        params: IdParams,
        response: { 200: s.AccountDetail, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => accounts.getAccount(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/customers/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Change a customer account',
        params: IdParams,
        body: s.AccountPatch,
        response: { 200: s.AccountDetail, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    (req) => accounts.updateAccount(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/customers/accounts/:id',
    { schema: { tags, summary: 'Delete a customer account', params: IdParams, response: { 200: Ok, ...errors(400, 401, 403, 404) } } },
    (req) => accounts.deleteAccount(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/customers/accounts/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Add a contact to an account',
        params: IdParams,
        body: s.NewContact,
        response: { 201: s.Contact, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await accounts.addContact(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/customers/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Change a contact',
        params: IdParams,
        body: s.ContactPatch,
        response: { 200: s.Contact, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (req) => accounts.updateContact(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/customers/contacts/:id',
    { schema: { tags, summary: 'Delete a contact', params: IdParams, response: { 200: Ok, ...errors(400, 401, 403, 404) } } },
    (req) => accounts.deleteContact(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/customers/accounts/:id/interactions',
    {
      schema: {
        tags,
        summary: "An account's interactions, newest first",
        params: IdParams,
        querystring: s.InteractionListQuery,
        response: { 200: s.InteractionPage, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => accounts.listInteractions(ctx, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/customers/accounts/:id/interactions',
    {
      schema: {
        tags,
        summary: 'Log an interaction with an account',
        params: IdParams,
        body: s.NewInteraction,
        response: { 201: s.Interaction, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await accounts.addInteraction(ctx, actorOf(req), req.params.id, req.body)),
  );
}
