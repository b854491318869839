import { hasPermission, type Permission } from '@gezinsplan/contracts';
import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import type { Principal } from './actor';
import { PERMISSION_KEY, PUBLIC_KEY } from './decorators';

class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw new AppError(401, 'UNAUTHENTICATED', 'Log in first, or your session has expired');
    return user;
  }
}

/**
 * The one global guard, deny by default: a route runs only when it is marked @Public() or declares a
 * permission that the caller's role has. A route that declares neither is refused for everyone.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  private readonly logger = new Logger('AuthorizationGuard');
  private readonly jwt = new JwtAuthGuard();

  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      const req = context.switchToHttp().getRequest<Request>();
      this.logger.error(`Route ${req.method} ${req.path} declares no permission: denied`);
      throw new AppError(403, 'FORBIDDEN', 'You are not allowed to do this');
    }
    await this.jwt.canActivate(context);
    const user = context.switchToHttp().getRequest<Request>().user as Principal;
    if (!hasPermission(user.role, permission)) {
      throw new AppError(403, 'FORBIDDEN', 'You are not allowed to do this');
    }
    return true;
  }
}
