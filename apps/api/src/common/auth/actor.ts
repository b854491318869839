import type { Role } from '@gezinsplan/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Who is asking, from the verified access token. */
export interface Principal {
  userId: string;
  role: Role;
  displayName: string;
  organisationId: string | null;
  teamId: string | null;
  /** Parents and youths: their family member record and family. */
  familyMemberId: string | null;
  familyId: string | null;
  /** The login session of the access token (REST requests only). */
  sessionId?: string;
}

/** The principal plus where the request came from: everything an audit row needs. */
export interface Actor extends Principal {
  ip: string | null;
  requestId: string | null;
}

export function actorFrom(req: Request): Actor {
  const user = req.user as Principal | undefined;
  if (!user) throw new Error('actorFrom() on a request without an authenticated user');
  return { ...user, ...requestOrigin(req) };
}

export function requestOrigin(req: Request): { ip: string | null; requestId: string | null } {
  const id = (req as Request & { id?: unknown }).id;
  return { ip: req.ip ?? null, requestId: id === undefined ? null : String(id) };
}

/** `@CurrentActor() actor: Actor` in a controller method. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  actorFrom(ctx.switchToHttp().getRequest<Request>()),
);
