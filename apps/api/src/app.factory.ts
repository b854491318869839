import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { hardenOpenApi } from './common/http/openapi';
import { compressedWebAssets, inlineScriptHashes } from './common/http/web-assets';
import { LiveIoAdapter } from './modules/live/live-io.adapter';

/** Builds the configured Nest application (shared by main.ts and the integration tests). */
export async function createApp(
  options: AppModuleOptions,
  rootModule: DynamicModule = AppModule.forRoot(options),
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Socket.IO (live updates) on the same port, linked across API instances through PostgreSQL.
  // LIVE_DATABASE_URL: a direct (or session-mode) connection when DATABASE_URL goes through PgBouncer in transaction
  // mode, which cannot carry LISTEN.
  app.useWebSocketAdapter(
    options.env.LIVE_DATABASE_URL
      ? new LiveIoAdapter(app, options.env.LIVE_DATABASE_URL, options.env.LIVE_CHANNEL_PREFIX)
      : LiveIoAdapter.forDataSource(app, options.dataSource, options.env.LIVE_CHANNEL_PREFIX),
  );
  app.setGlobalPrefix('api');
  // Our ETags carry record versions; Express's automatic body-hash ETags would only confuse If-Match.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  app.use(cookieParser());
  // Case data never lands in a browser or proxy cache (shared computers, NEN 7510), and the API has no
  // conditional GETs: an ETag names one record's version (for If-Match), not the whole answer (a plan's ETag
  // does not change when one of its goals does), so a 304 for If-None-Match could show stale data.
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    delete req.headers['if-none-match'];
    delete req.headers['if-modified-since'];
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          // The web app's own inline script (the early session resume) by its hash; nothing else inline.
          'script-src': ["'self'", ...(options.webRoot ? inlineScriptHashes(options.webRoot) : [])],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'base-uri': ["'self'"],
          'object-src': ["'none'"],
        },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  // The web app's scripts and styles, compressed (brotli/gzip) and cached by content hash; see web-assets.ts.
  if (options.webRoot) app.use(compressedWebAssets(options.webRoot));
  // CORS is closed unless CORS_ORIGINS lists the (exact) origins that may call the API from another site.
  if (options.env.corsOrigins.length > 0) {
    app.enableCors({
      origin: options.env.corsOrigins,
      credentials: true,
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-CSRF-Token', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'X-Request-Id'],
    });
  }
  app.useBodyParser('json', { limit: '1mb' });
  const openApi = new DocumentBuilder()
    .setTitle('Gezinsplan API')
    .setDescription(
      'One family, one plan, one regisseur. Errors always have the shape { statusCode, code, message, details? }. ' +
        'Updates need If-Match with the ETag (version) you edited.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => hardenOpenApi(SwaggerModule.createDocument(app, openApi)), {
    jsonDocumentUrl: 'api/docs-json',
  });
  await app.init();
  return app;
}
