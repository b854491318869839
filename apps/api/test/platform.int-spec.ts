import { type DynamicModule, Controller, Get, Module, Post, Body } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import request from 'supertest';
import { IsInt } from 'class-validator';
import { Public, PERMISSION_KEY, PUBLIC_KEY } from '../src/common/auth/decorators';
import { createDataSource, pendingSchemaChanges } from '../src/database/data-source';
import { startTestApp, type TestApp } from './support/test-app';

class EchoDto {
  @IsInt()
  n!: number;
}

/** Test-only controllers: one forgets to declare a permission, one fails with internals in its message. */
@Controller('test-only')
class TestOnlyController {
  @Get('undeclared')
  undeclared() {
    return { secret: 'should never be served' };
  }

  @Get('boom')
  @Public()
  boom(): never {
    throw new Error('connection string postgres://admin:hunter2@db leaked');
  }

  @Post('echo')
  @Public()
  echo(@Body() body: EchoDto) {
    return body;
  }
}

@Module({ controllers: [TestOnlyController] })
class TestOnlyModule {}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    wrap: (app: DynamicModule) => ({ module: class TestRoot {}, imports: [app, TestOnlyModule] }),
  });
});
afterAll(() => t.close());

/** Every route the app serves, with what it declares, read from Nest's own metadata. */
function declaredRoutes(): string[] {
  const routes: string[] = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...a: never[]) => object) | null;
      if (!type || type === TestOnlyController) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const declared =
          Reflect.getMetadata(PUBLIC_KEY, handler) || Reflect.getMetadata(PUBLIC_KEY, type)
            ? 'public'
            : (Reflect.getMetadata(PERMISSION_KEY, handler) ??
              Reflect.getMetadata(PERMISSION_KEY, type) ??
              'UNDECLARED');
        const full = `/api/${[base, String(path)].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.push(`${method} ${full} -> ${declared}`);
      }
    }
  }
  return routes.sort();
}

describe('deny by default', () => {
  it('lists every route with its permission; none is undeclared', () => {
    // A new route must be added here on purpose, with the permission it needs.
    expect(declaredRoutes()).toEqual([
      'DELETE /api/auth/second-factor -> profile:read',
      'DELETE /api/goals/:goalId -> plan:edit',
      'GET /api/agreements/overdue -> plan:read',
      'GET /api/auth/me -> profile:read',
      'GET /api/auth/second-factor -> profile:read',
      'GET /api/auth/sso/:organisationId/start -> public',
      'GET /api/auth/sso/callback -> public',
      'GET /api/auth/sso/organisations -> public',
      'GET /api/emergency-access -> emergency-access:request',
      'GET /api/families -> family:list',
      'GET /api/families/:id -> family:read',
      'GET /api/families/:id/access-log -> family:access-log:read',
      'GET /api/families/:id/allocations -> allocation:read',
      'GET /api/families/:id/complaints -> complaint:read',
      'GET /api/families/:id/correction-requests -> family:read',
      'GET /api/families/:id/destruction-requests -> destruction:read',
      'GET /api/families/:id/evaluations -> evaluation:read',
      'GET /api/families/:id/involvements -> family:read',
      'GET /api/families/:id/plan -> plan:read',
      'GET /api/families/:id/plan/pdf -> plan:read',
      'GET /api/families/:id/plan/versions -> plan:read',
      'GET /api/families/:id/plan/versions/:a/diff/:b -> plan:read',
      'GET /api/families/:id/plan/versions/:number -> plan:read',
      'GET /api/families/:id/plan/versions/:number/pdf -> plan:read',
      'GET /api/families/:id/privacy-export -> privacy:export',
      'GET /api/families/:id/privacy-export/pdf -> privacy:export',
      'GET /api/families/:id/regie -> regie:read',
      'GET /api/families/:id/retention -> family:read',
      'GET /api/families/:id/zrm -> zrm:read',
      'GET /api/health -> public',
      'GET /api/indicators -> indicators:read',
      'GET /api/indicators/export.csv -> indicators:read',
      'GET /api/notifications -> notification:read',
      'GET /api/organisations -> organisation:read',
      'GET /api/organisations/:id/sso -> organisation:write',
      'GET /api/organisations/:id/teams -> organisation:read',
      'GET /api/users -> user:read',
      'PATCH /api/agreements/:agreementId -> plan:edit',
      'PATCH /api/allocations/:allocationId -> allocation:update',
      'PATCH /api/families/:id -> family:update',
      'PATCH /api/families/:id/plan -> plan:edit',
      'PATCH /api/goals/:goalId -> plan:edit',
      'PATCH /api/organisations/:id -> organisation:write',
      'PATCH /api/plan-sections/:sectionId -> plan:edit',
      'PATCH /api/users/:id -> user:write',
      'POST /api/agreements/:agreementId/comments -> comment:write',
      'POST /api/auth/activate -> public',
      'POST /api/auth/login -> public',
      'POST /api/auth/login/enrolment -> public',
      'POST /api/auth/login/enrolment/confirm -> public',
      'POST /api/auth/login/second-factor -> public',
      'POST /api/auth/logout -> public',
      'POST /api/auth/password -> profile:read',
      'POST /api/auth/refresh -> public',
      'POST /api/auth/second-factor/enrolment -> profile:read',
      'POST /api/auth/second-factor/enrolment/confirm -> profile:read',
      'POST /api/auth/second-factor/recovery-codes -> profile:read',
      'POST /api/correction-requests/:requestId/answer -> correction:answer',
      'POST /api/destruction-requests/:requestId/decision -> destruction:decide',
      'POST /api/emergency-access -> emergency-access:request',
      'POST /api/families -> family:create',
      'POST /api/families/:id/allocations -> allocation:write',
      'POST /api/families/:id/close -> family:close',
      'POST /api/families/:id/complaints -> complaint:write',
      'POST /api/families/:id/correction-requests -> correction:request',
      'POST /api/families/:id/destruction-requests -> destruction:request',
      'POST /api/families/:id/evaluations -> evaluation:write',
      'POST /api/families/:id/evaluations/:evaluationId/satisfaction -> satisfaction:write',
      'POST /api/families/:id/involvements -> involvement:manage',
      'POST /api/families/:id/members -> family-members:manage',
      'POST /api/families/:id/network -> family-members:manage',
      'POST /api/families/:id/plan/close -> plan:close',
      'POST /api/families/:id/plan/goal-proposals -> goal:propose',
      'POST /api/families/:id/plan/goals -> plan:edit',
      'POST /api/families/:id/plan/versions -> plan:agree',
      'POST /api/families/:id/plan/versions/:number/acknowledgements -> version:acknowledge',
      'POST /api/families/:id/regie/handover -> regie:handover',
      'POST /api/families/:id/reopen -> family:close',
      'POST /api/families/:id/zrm -> zrm:write',
      'POST /api/goals/:goalId/agreements -> plan:edit',
      'POST /api/goals/:goalId/comments -> comment:write',
      'POST /api/goals/:goalId/progress -> progress:write',
      'POST /api/involvements/:involvementId/consent -> involvement:manage',
      'POST /api/involvements/:involvementId/consent/withdraw -> consent:withdraw',
      'POST /api/notifications/:notificationId/read -> notification:read',
      'POST /api/organisations -> organisation:write',
      'POST /api/organisations/:id/teams -> organisation:write',
      'POST /api/users -> user:write',
      'POST /api/users/:id/activation -> user:write',
      'POST /api/users/:id/sessions/revoke -> user:write',
      'PUT /api/me/sharing -> sharing:manage',
      'PUT /api/organisations/:id/sso -> organisation:write',
    ]);
  });

  it('refuses a route that declares nothing, even to a logged-in admin', async () => {
    const token = await t.token('beheer@gezinsplan.demo');
    const res = await request(t.http).get('/api/test-only/undeclared').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'You are not allowed to do this' });
  });

  it('keeps case data from admin and policy, and management from professionals', async () => {
    const admin = await t.token('beheer@gezinsplan.demo');
    const worker = await t.token('toegang@heerlen.demo');
    expect((await request(t.http).get('/api/organisations').set('Authorization', `Bearer ${admin}`)).status).toBe(200);
    expect((await request(t.http).get('/api/users').set('Authorization', `Bearer ${worker}`)).status).toBe(403);
    const users = await request(t.http).get('/api/users').set('Authorization', `Bearer ${admin}`);
    expect(JSON.stringify(users.body)).not.toMatch(/argon2|password/i);
  });
});

describe('error shape', () => {
  it('answers unknown errors with a 500 that hides internals', async () => {
    const res = await request(t.http).get('/api/test-only/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|postgres:\/\//);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await request(t.http)
      .post('/api/test-only/echo')
      .set('Content-Type', 'application/json')
      .send('{"n": 1');
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'The request body is not valid JSON',
    });
  });

  it('answers a wrong type with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await request(t.http).post('/api/test-only/echo').send({ n: 'een' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'n' }] });
  });

  it('answers an unknown API path with 404 in the same shape', async () => {
    const res = await request(t.http).get('/api/bestaat-niet');
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await request(t.http)
      .post('/api/test-only/echo')
      .send({ n: 1, pad: 'x'.repeat(2_000_000) });
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('operations', () => {
  it('reports health with database readiness and a request id', async () => {
    const res = await request(t.http).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document generated from the code, and its UI', async () => {
    const json = await request(t.http).get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/families/{id}', '/api/auth/login', '/api/health']),
    );
    expect(json.body.paths['/api/families/{id}'].patch.parameters.map((p: { name: string }) => p.name)).toContain(
      'If-Match',
    );
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/families/{id}/allocations',
        '/api/allocations/{allocationId}',
        '/api/families/{id}/evaluations',
        '/api/families/{id}/complaints',
        '/api/indicators',
        '/api/indicators/export.csv',
      ]),
    );
    expect(
      json.body.paths['/api/allocations/{allocationId}'].patch.parameters.map((p: { name: string }) => p.name),
    ).toContain('If-Match');
    const ui = await request(t.http).get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('sends security headers', async () => {
    const res = await request(t.http).get('/api/health');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});

describe('database schema', () => {
  it('has no drift between entities and migrations', async () => {
    const { up } = await pendingSchemaChanges(t.ds);
    expect(up).toEqual([]);
  });

  it('runs every migration down and up again on an empty database', async () => {
    const name = `gezinsplan_roundtrip_${process.pid}`;
    await t.ds.query(`DROP DATABASE IF EXISTS "${name}"`);
    await t.ds.query(`CREATE DATABASE "${name}"`);
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${name}`;
    const ds = createDataSource(url.toString());
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);
      for (let i = 0; i < applied.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      const tables: { table_name: string }[] = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(tables).toEqual([]);
      expect(await ds.runMigrations({ transaction: 'each' })).toHaveLength(applied.length);
      expect((await pendingSchemaChanges(ds)).up).toEqual([]);
    } finally {
      await ds.destroy();
      await t.ds.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
