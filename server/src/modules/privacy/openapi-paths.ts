/**
 * The staff API's agreement and privacy-request paths, for the OpenAPI document
 * (platform/openapi.ts), described from the same zod schemas the routes validate with.
 */
import type { z } from 'zod';
import { listQuery, publishBody } from '../agreements/schema';
import { answerRequestBody, listRequestsQuery, staffPhoneBody } from './schema';

export interface OpenApiHelpers {
  json(schema: z.ZodType): unknown;
  errorResponse(description: string): unknown;
  queryParameters(schema: z.ZodObject): unknown[];
  idParam: unknown;
}

export function privacyStaffPaths({ json, errorResponse, queryParameters, idParam }: OpenApiHelpers) {
  return {
    '/agreements': {
      post: {
        summary: 'Publish a version of the user agreement or privacy policy; it becomes current and every member must accept it (004 §2.3)',
        requestBody: { required: true, ...(json(publishBody) as object) },
        responses: { 201: { description: 'Created' }, 400: errorResponse('validation_failed'), 401: errorResponse('unauthenticated'), 409: errorResponse('version_exists') },
      },
      get: { summary: 'Published versions, newest first', parameters: queryParameters(listQuery), responses: { 200: { description: '{ items, nextCursor }' } } },
    },
    '/agreements/{id}': {
      get: { summary: 'One version', parameters: [idParam], responses: { 200: { description: 'OK' }, 404: errorResponse('not_found') } },
    },
    '/privacy-requests': {
      get: {
        summary: 'Personal-information requests across enterprises, with their 15-day deadline (003 §6)',
        parameters: queryParameters(listRequestsQuery),
        responses: { 200: { description: '{ items, nextCursor }' }, 400: errorResponse('validation_failed') },
      },
    },
    '/privacy-requests/{id}': {
      get: { summary: 'One request', parameters: [idParam], responses: { 200: { description: 'OK' }, 404: errorResponse('not_found') } },
    },
    '/privacy-requests/{id}/answer': {
      post: {
        summary: 'Answer (or reject) a request, once',
        parameters: [idParam],
        requestBody: { required: true, ...(json(answerRequestBody) as object) },
        responses: { 200: { description: 'OK' }, 400: errorResponse('validation_failed'), 404: errorResponse('not_found'), 409: errorResponse('request_closed') },
      },
    },
    '/tenants/{tenantId}/members/{memberId}/phone': {
      post: {
        summary: 'Move an account, with its records, to a new phone number after checking identity documents (003 §3); ends its sessions',
        parameters: [{ name: 'tenantId', in: 'path', required: true, schema: { type: 'string' } }, { name: 'memberId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, ...(json(staffPhoneBody) as object) },
        responses: { 200: { description: 'OK' }, 400: errorResponse('validation_failed'), 404: errorResponse('not_found'), 409: errorResponse('phone_taken') },
      },
    },
  };
}
