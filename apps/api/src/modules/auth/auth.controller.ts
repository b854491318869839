import type {
  EnrolledSessionResponse,
  LoginResult,
  MeResponse,
  RecoveryCodesResponse,
  SecondFactorStatus,
  SessionResponse,
  TotpEnrolment,
} from '@gezinsplan/contracts';
import { PERMISSIONS } from '@gezinsplan/contracts';
import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, requestOrigin } from '../../common/auth/actor';
import { Public, RequirePermission } from '../../common/auth/decorators';
import { AppError } from '../../common/errors/app-error';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { AuthService } from './auth.service';
import { ActivateAccountDto } from '../users/dto/user.dto';
import { LoginDto } from './dto/login.dto';
import {
  ChangePasswordDto,
  DisableSecondFactorDto,
  EnrolmentConfirmLoginDto,
  MfaTokenDto,
  SecondFactorLoginDto,
  TotpCodeDto,
} from './dto/second-factor.dto';
import { assertCsrf, clearSessionCookies, refreshCookie, setSessionCookies } from './session-cookies';

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
  @ApiOperation({
    summary:
      'Log in with e-mail and password: a session (sets the refresh and CSRF cookies), or { mfa, mfaToken } ' +
      'when a second factor is needed (required: send a code; enrolment-required: set one up first)',
  })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED (per IP) or LOGIN_LOCKED (per address)' })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResult> {
    const outcome = await this.auth.oneAttemptAtATime(body.email, () =>
      this.auth.login(body.email, body.password, requestOrigin(req)),
    );
    if ('challenge' in outcome) {
      res.setHeader('Cache-Control', 'no-store');
      return outcome.challenge;
    }
    return setSessionCookies(res, outcome.session, this.env);
  }

  @Post('login/second-factor')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Second login step: a TOTP code or a one-time recovery code; sets the session cookies' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_LOCKED: wrong codes count into the lockout of the address' })
  async loginSecondFactor(
    @Body() body: SecondFactorLoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionResponse> {
    if ((body.code === undefined) === (body.recoveryCode === undefined)) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Send either a code or a recovery code', [
        { field: 'code', messages: ['send exactly one of code and recoveryCode'] },
      ]);
    }
    const session = await this.auth.loginSecondFactor(body.mfaToken, body, requestOrigin(req));
    return setSessionCookies(res, session, this.env);
  }

  @Post('login/enrolment')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Enrolment during login: a new TOTP secret (key, otpauth URI, QR code)' })
  loginEnrolmentStart(@Body() body: MfaTokenDto, @Req() req: Request): Promise<TotpEnrolment> {
    return this.auth.loginEnrolmentStart(body.mfaToken, requestOrigin(req));
  }

  @Post('login/enrolment/confirm')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Enrolment during login: the first code; answers the recovery codes (once) and a session' })
  async loginEnrolmentConfirm(
    @Body() body: EnrolmentConfirmLoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrolledSessionResponse> {
    const session = await this.auth.loginEnrolmentConfirm(body.mfaToken, body.code, requestOrigin(req));
    return setSessionCookies(res, session, this.env);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token for the refresh cookie; the cookie rotates. Needs X-CSRF-Token' })
  @ApiForbiddenResponse({ description: 'CSRF_FAILED: X-CSRF-Token missing or not equal to the gp_csrf cookie' })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    assertCsrf(req, this.env);
    return setSessionCookies(res, await this.auth.refresh(refreshCookie(req), requestOrigin(req)), this.env);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends the session of the refresh cookie (all its tokens are revoked). Needs X-CSRF-Token' })
  @ApiForbiddenResponse({ description: 'CSRF_FAILED: X-CSRF-Token missing or not equal to the gp_csrf cookie' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    assertCsrf(req, this.env);
    await this.auth.logout(refreshCookie(req), requestOrigin(req));
    clearSessionCookies(res, this.env);
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

  @Post('password')
  @RequirePermission(PERMISSIONS.profileRead)
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your own password; every other session of yours ends' })
  async changePassword(@Body() body: ChangePasswordDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.auth.changePassword(actor, actor.sessionId ?? null, body.currentPassword, body.newPassword);
  }

  @Get('second-factor')
  @RequirePermission(PERMISSIONS.profileRead)
  @ApiOperation({ summary: 'Whether your account has a second factor, must have one, and recovery codes left' })
  secondFactorStatus(@CurrentActor() actor: Actor): Promise<SecondFactorStatus> {
    return this.auth.secondFactorStatus(actor);
  }

  @Post('second-factor/enrolment')
  @RequirePermission(PERMISSIONS.profileRead)
  @HttpCode(200)
  @ApiOperation({ summary: 'Set up a second factor: a new TOTP secret (pending until confirmed)' })
  enrolmentStart(@CurrentActor() actor: Actor): Promise<TotpEnrolment> {
    return this.auth.enrolmentStart(actor);
  }

  @Post('second-factor/enrolment/confirm')
  @RequirePermission(PERMISSIONS.profileRead)
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the new secret with its first code; answers the recovery codes (once)' })
  async enrolmentConfirm(@Body() body: TotpCodeDto, @CurrentActor() actor: Actor): Promise<RecoveryCodesResponse> {
    return { recoveryCodes: await this.auth.enrolmentConfirm(actor, body.code) };
  }

  @Post('second-factor/recovery-codes')
  @RequirePermission(PERMISSIONS.profileRead)
  @HttpCode(200)
  @ApiOperation({ summary: 'Ten new recovery codes (the old ones stop working); needs a current code' })
  async regenerateRecoveryCodes(
    @Body() body: TotpCodeDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecoveryCodesResponse> {
    return { recoveryCodes: await this.auth.regenerateRecoveryCodes(actor, body.code) };
  }

  @Delete('second-factor')
  @RequirePermission(PERMISSIONS.profileRead)
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn the second factor off (needs your password); refused where it is required' })
  async disableSecondFactor(@Body() body: DisableSecondFactorDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.auth.disableSecondFactor(actor, body.password);
  }
}
