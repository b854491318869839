import type { LoginResponse, MeResponse } from '@gezinsplan/contracts';
import { PERMISSIONS } from '@gezinsplan/contracts';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, requestOrigin } from '../../common/auth/actor';
import { Public, RequirePermission } from '../../common/auth/decorators';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { AuthService, type IssuedSession } from './auth.service';
import { ActivateAccountDto } from '../users/dto/user.dto';
import { LoginDto } from './dto/login.dto';

export const REFRESH_COOKIE = 'gp_refresh';
const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Log in with e-mail and password; sets the refresh cookie' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED (per IP) or LOGIN_LOCKED (per address)' })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const session = await this.auth.oneAttemptAtATime(body.email, () =>
      this.auth.login(body.email, body.password, requestOrigin(req)),
    );
    return this.withCookie(res, session);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token for the refresh cookie; the cookie rotates' })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    return this.withCookie(res, await this.auth.refresh(refreshCookie(req), requestOrigin(req)));
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends the session of the refresh cookie (all its tokens are revoked)' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(refreshCookie(req), requestOrigin(req));
    res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
  }

  @Post('activate')
  @Public()
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Activate an account an admin created: the one-time token and a password of your own' })
  async activate(@Body() body: ActivateAccountDto, @Req() req: Request): Promise<void> {
    await this.auth.activate(body.token, body.password, requestOrigin(req));
  }

  @Get('me')
  @RequirePermission(PERMISSIONS.profileRead)
  @ApiOperation({ summary: 'The logged-in user, role and permissions' })
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.auth.me(actor);
  }

  private withCookie(res: Response, session: IssuedSession): LoginResponse {
    res.cookie(REFRESH_COOKIE, session.refreshToken, { ...this.cookieOptions(), expires: session.refreshExpiresAt });
    res.setHeader('Cache-Control', 'no-store');
    return session.response;
  }

  private cookieOptions() {
    return { httpOnly: true, secure: this.env.COOKIE_SECURE, sameSite: 'strict' as const, path: COOKIE_PATH };
  }
}

function refreshCookie(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
