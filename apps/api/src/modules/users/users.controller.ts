import {
  type ActivationResponse,
  type CreateUserResponse,
  PERMISSIONS,
  type RevokeSessionsResponse,
  type UserResponse,
} from '@gezinsplan/contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { etagFor, expectedVersion } from '../../common/http/concurrency';
import { uuidParam } from '../../common/http/params';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

/** Functional management (functioneel beheer) of accounts. Never password hashes or tokens, except a new one once. */
@ApiTags('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(PERMISSIONS.userRead)
  @ApiOperation({ summary: 'Users with role, organisation and team, filtered (never password hashes)' })
  list(@Query() query: ListUsersQueryDto): Promise<UserResponse[]> {
    return this.users.list(query);
  }

  @Post()
  @RequirePermission(PERMISSIONS.userWrite)
  @ApiOperation({
    summary: 'Create a professional account; answers a one-time activation token (shown once) for its owner',
  })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the e-mail address is taken' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateUserDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CreateUserResponse> {
    const created = await this.users.create(actor, body);
    res.setHeader('ETag', etagFor(created.user.version));
    res.setHeader('Cache-Control', 'no-store');
    return created;
  }

  @Patch(':id')
  @RequirePermission(PERMISSIONS.userWrite)
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you edited, e.g. "3"' })
  @ApiOperation({ summary: 'Change name, role, team; active=false deactivates and ends all sessions' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateUserDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserResponse> {
    const user = await this.users.update(actor, id, expectedVersion(ifMatch), body);
    res.setHeader('ETag', etagFor(user.version));
    return user;
  }

  @Post(':id/activation')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.userWrite)
  @ApiOperation({ summary: 'A new one-time activation token for an account not activated yet (the old one ends)' })
  reissueActivation(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ActivationResponse> {
    res.setHeader('Cache-Control', 'no-store');
    return this.users.reissueActivation(actor, id);
  }

  @Post(':id/sessions/revoke')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.userWrite)
  @ApiOperation({ summary: 'End every session of the user (their refresh tokens stop working)' })
  revokeSessions(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<RevokeSessionsResponse> {
    return this.users.revokeSessions(actor, id);
  }
}
