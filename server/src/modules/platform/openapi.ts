/**
 * The OpenAPI document of the platform staff API, generated from the same zod schemas the routes
 * validate with, so the two cannot drift.
 */
import { z } from 'zod';
import { version } from '../../../package.json';
import { createTenantBody, listTenantsQuery, updateTenantBody } from './schema';
import { privacyStaffPaths } from '../privacy/openapi-paths';

const errorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } } });
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorBody } } });
const queryParameters = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([name, field]) => ({ name, in: 'query', required: false, schema: z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }) }));
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

export function platformOpenApi() {
  return {
    openapi: '3.1.0',
    info: { title: 'Qixue platform staff API', version, description: '平台运营接口 / Operator API. Authenticate with a staff API key: `Authorization: Bearer qxs_…`.' },
    servers: [{ url: '/platform/v1' }],
    components: { securitySchemes: { staffKey: { type: 'http', scheme: 'bearer' } } },
    security: [{ staffKey: [] }],
    paths: {
      '/tenants': {
        post: {
          summary: 'Register an enterprise directly (name, industry, size, admin name and phone)',
          requestBody: { required: true, ...json(createTenantBody) },
          responses: { 201: { description: 'Created' }, 400: errorResponse('validation_failed'), 401: errorResponse('unauthenticated') },
        },
        get: {
          summary: 'List enterprises (cursor pagination)',
          parameters: queryParameters(listTenantsQuery),
          responses: { 200: { description: '{ items, nextCursor }' }, 401: errorResponse('unauthenticated') },
        },
      },
      '/tenants/{id}': {
        get: { summary: 'One enterprise', parameters: [idParam], responses: { 200: { description: 'OK' }, 404: errorResponse('not_found') } },
        patch: {
          summary: 'Change edition; suspend or reinstate',
          parameters: [idParam],
          requestBody: { required: true, ...json(updateTenantBody) },
          responses: { 200: { description: 'OK' }, 400: errorResponse('validation_failed'), 404: errorResponse('not_found'), 409: errorResponse('tenant_not_changeable') },
        },
      },
      '/tenants/{id}/audit-logs': {
        get: { summary: "The enterprise's audit trail (append-only)", parameters: [idParam], responses: { 200: { description: '{ items, nextCursor }' } } },
      },
      ...privacyStaffPaths({ json, errorResponse, queryParameters, idParam }),
    },
  };
}
