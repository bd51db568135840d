import Router from '@koa/router';
import supertest from 'supertest';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createApp } from '../../../server/src/app';
import { EncodedJson } from '../../../server/src/core/http/json-body';
import type { AppState } from '../../../server/src/core/context';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe('member API dispatch by first segment', () => {
  it('answers a wrong method with 405 and the allowed ones, as one router of everything would', async () => {
    const res = await t.http.patch('/api/v1/exams').expect(405);
    expect(res.headers.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    await t.http.get('/api/v1/no-such-thing').expect(404);
  });

  it('matches segments case-insensitively, like the routes themselves', async () => {
    expect((await t.http.get('/API/V1/ME').expect(401)).body.error.code).toBe('unauthenticated');
  });

  it('a router with a route under no fixed segment serves every segment, in mount order', async () => {
    const first = new Router<AppState>();
    first.get('/things/:id', (ctx) => {
      ctx.body = { by: 'things' };
    });
    const anywhere = new Router<AppState>();
    anywhere.get('/:section/anything', (ctx) => {
      ctx.body = { by: 'anywhere', section: ctx.params.section };
    });
    anywhere.get('/things/:id', (ctx) => {
      ctx.body = { by: 'shadowed' };
    });
    const app = createApp(t.deps, [
      { prefix: '/api/v1', router: first },
      { prefix: '/api/v1', router: anywhere },
    ]);
    const http = supertest(app.callback());
    expect((await http.get('/api/v1/things/1').expect(200)).body).toEqual({ by: 'things' });
    await http.get('/api/v1/things/1/anything').expect(404);
    expect((await http.get('/api/v1/things/anything').expect(200)).body).toEqual({ by: 'things' });
    expect((await http.get('/api/v1/me/anything').expect(200)).body).toEqual({ by: 'anywhere', section: 'me' });
    expect((await http.get('/api/v1/nowhere/anything').expect(200)).body).toEqual({ by: 'anywhere', section: 'nowhere' });
  });
});

describe('JSON encoded ahead of time', () => {
  const questions = new EncodedJson([{ id: 'q1', stem: '第一题 "引号"', options: [{ key: 'A', text: '甲' }] }]);

  const appWith = (body: () => unknown) => {
    const router = new Router<AppState>();
    router.get('/encoded', (ctx) => {
      ctx.body = body();
    });
    return supertest(createApp(t.deps, [{ prefix: '', router }]).callback());
  };

  it('is spliced into the response object next to the members encoded as usual', async () => {
    const res = await appWith(() => ({ attempt: { id: 'a1', note: null }, questions, answers: [] }))
      .get('/encoded')
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(res.body).toEqual({ attempt: { id: 'a1', note: null }, questions: questions.value, answers: [] });
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
  });

  it('works as the only member, and stands for its value wherever else it is stringified', async () => {
    const res = await appWith(() => ({ questions })).get('/encoded').expect(200);
    expect(res.body).toEqual({ questions: questions.value });
    expect(JSON.parse(JSON.stringify({ questions }))).toEqual({ questions: questions.value });
  });
});
