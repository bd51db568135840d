/**
 * validate({ body, query, params }) parses the request with zod schemas and puts the typed result
 * in ctx.state.input. Failures → 400 validation_failed with the field paths.
 */
import type { Middleware } from 'koa';
import { z, type ZodType } from 'zod';
import { errors } from './errors';

interface Schemas {
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
}

export type Input<S extends Schemas> = {
  [K in keyof S]: S[K] extends ZodType ? z.infer<S[K]> : never;
};

export function validate<S extends Schemas>(schemas: S): Middleware {
  return async (ctx, next) => {
    const sources = { body: ctx.request.body ?? {}, query: ctx.query, params: (ctx as unknown as { params?: unknown }).params ?? {} };
    const input: Record<string, unknown> = {};
    const problems: { path: string; message: string }[] = [];
    for (const key of ['params', 'query', 'body'] as const) {
      const schema = schemas[key];
      if (!schema) continue;
      const result = schema.safeParse(sources[key]);
      if (result.success) input[key] = result.data;
      else problems.push(...result.error.issues.map((i) => ({ path: [key, ...i.path].join('.'), message: i.message })));
    }
    if (problems.length) throw errors.validation(problems);
    ctx.state.input = input;
    await next();
  };
}

/** The typed input of a handler behind validate(schemas). */
export function inputOf<S extends Schemas>(ctx: { state: { input?: unknown } }, _schemas?: S): Input<S> {
  return ctx.state.input as Input<S>;
}
