import { PERMISSIONS, type SsoConfigResponse, type SsoError, type SsoOrganisationOption } from '@gezinsplan/contracts';
import { Body, Controller, Get, Headers, Inject, Param, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiFoundResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, requestOrigin } from '../../common/auth/actor';
import { Public, RequirePermission } from '../../common/auth/decorators';
import { etagFor, expectedVersion } from '../../common/http/concurrency';
import { uuidParam } from '../../common/http/params';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { setSessionCookies } from '../auth/session-cookies';
import { SsoConfigService } from './sso-config.service';
import { SsoConfigDto } from './sso.dto';
import { SSO_STATE_TTL_SECONDS, SsoLoginService, SsoRefusal } from './sso-login.service';

/** The browser binding of a started SSO login; Lax, because the IdP's redirect back is a cross-site navigation. */
export const SSO_STATE_COOKIE = 'gp_sso';
const SSO_COOKIE_PATH = '/api/auth/sso';
/** Where the web app takes over after a successful SSO login: it calls /api/auth/refresh. */
export const SSO_SUCCESS_PATH = '/sso?ok=1';
export const ssoFailurePath = (code: SsoError) => `/inloggen?sso_error=${code}`;

/** Per-organisation SSO configuration (functional management, admin). */
@ApiTags('admin')
@Controller('organisations')
export class SsoAdminController {
  constructor(private readonly configs: SsoConfigService) {}

  @Get(':id/sso')
  @RequirePermission(PERMISSIONS.organisationWrite)
  @ApiOperation({
    summary: "The organisation's SSO (OpenID Connect) configuration; the client secret is never returned",
  })
  async get(
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SsoConfigResponse> {
    const config = await this.configs.get(id);
    res.setHeader('ETag', etagFor(config.version));
    return config;
  }

  @Put(':id/sso')
  @RequirePermission(PERMISSIONS.organisationWrite)
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you edited; "0" creates the configuration' })
  @ApiOperation({ summary: 'Configure SSO for the organisation (issuer, client, write-only secret, enabled, claim)' })
  async put(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SsoConfigDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SsoConfigResponse> {
    const config = await this.configs.put(actor, id, expectedVersion(ifMatch), body);
    res.setHeader('ETag', etagFor(config.version));
    return config;
  }
}

/** Login through the organisation's own identity provider (professionals only). */
@ApiTags('auth')
@Controller('auth/sso')
export class SsoLoginController {
  constructor(
    private readonly configs: SsoConfigService,
    private readonly sso: SsoLoginService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Get('organisations')
  @Public()
  @ApiOperation({ summary: 'The organisations whose staff can log in via their own IdP (id and name only)' })
  organisations(): Promise<SsoOrganisationOption[]> {
    return this.configs.offering();
  }

  @Get(':organisationId/start')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: "Starts an SSO login: 302 to the organisation's IdP (code flow, PKCE S256, state, nonce)" })
  @ApiFoundResponse({ description: 'To the IdP, or to /inloggen?sso_error=<code> when SSO is not available' })
  async start(
    @Param('organisationId', uuidParam('organisationId')) organisationId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const { url, binding } = await this.sso.start(organisationId);
      res.cookie(SSO_STATE_COOKIE, binding, {
        httpOnly: true,
        secure: this.env.COOKIE_SECURE,
        sameSite: 'lax',
        path: SSO_COOKIE_PATH,
        maxAge: SSO_STATE_TTL_SECONDS * 1000,
      });
      res.redirect(302, url);
    } catch (error) {
      if (!(error instanceof SsoRefusal)) throw error;
      await this.sso.refused(error, requestOrigin(req));
      res.redirect(302, ssoFailurePath(error.code));
    }
  }

  @Get('callback')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: "The IdP's redirect back: on success sets the refresh cookie and 302s to the web app" })
  @ApiFoundResponse({ description: 'To /sso?ok=1 (session started) or /inloggen?sso_error=<code>' })
  async callback(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.clearCookie(SSO_STATE_COOKIE, {
      httpOnly: true,
      secure: this.env.COOKIE_SECURE,
      sameSite: 'lax',
      path: SSO_COOKIE_PATH,
    });
    const origin = requestOrigin(req);
    try {
      const session = await this.sso.callback(query, stateCookie(req), origin);
      setSessionCookies(res, session, this.env);
      res.redirect(302, SSO_SUCCESS_PATH);
    } catch (error) {
      if (!(error instanceof SsoRefusal)) throw error;
      await this.sso.refused(error, origin);
      res.redirect(302, ssoFailurePath(error.code));
    }
  }
}

function stateCookie(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[SSO_STATE_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
