import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import { AuthorizationGuard } from './common/auth/authorization.guard';
import { ErrorFilter } from './common/errors/error.filter';
import { createValidationPipe } from './common/errors/validation.pipe';
import { setWebCacheHeaders } from './common/http/web-assets';
import { ConfigModule } from './config/config.module';
import type { Env } from './config/env';
import { AccessModule } from './modules/access/access.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { FamiliesModule } from './modules/families/families.module';
import { HealthModule } from './modules/health/health.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { ReadReplicaModule } from './database/read-replica.module';
import { LiveModule } from './modules/live/live.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OutcomesModule } from './modules/outcomes/outcomes.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { PlansModule } from './modules/plans/plans.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { RegieModule } from './modules/regie/regie.module';
import { SsoModule } from './modules/sso/sso.module';
import { RetentionModule } from './modules/retention/retention.module';
import { UsersModule } from './modules/users/users.module';
import { ZrmModule } from './modules/zrm/zrm.module';

export interface AppModuleOptions {
  env: Env;
  /** An initialised DataSource (migrated); the app shares it rather than opening its own. */
  dataSource: DataSource;
  /** Folder of the built web app, served on the same port; null to serve the API only. */
  webRoot: string | null;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

@Module({})
export class AppModule {
  static forRoot({ env, dataSource, webRoot }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.LOG_LEVEL,
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            // Only what helps to follow a request; never headers (tokens, cookies) or bodies (case data).
            serializers: {
              req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                remoteAddress: req.remoteAddress,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            customLogLevel: (_req, res, err) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          },
          forRoutes: ['{*path}'],
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        AuditModule,
        AccessModule,
        AuthModule,
        LiveModule,
        FamiliesModule,
        OrganisationsModule,
        PlansModule,
        RegieModule,
        NotificationsModule,
        ZrmModule,
        UsersModule,
        OutcomesModule,
        HealthModule,
        PrivacyModule,
        JobsModule,
        ReadReplicaModule,
        ...(webRoot
          ? [
              ServeStaticModule.forRoot({
                rootPath: webRoot,
                exclude: ['/api/{*path}'],
                serveStaticOptions: { setHeaders: setWebCacheHeaders },
              }),
            ]
          : []),
        SsoModule,
        RetentionModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthorizationGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
