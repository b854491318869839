import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { PERMISSION_KEY, PUBLIC_KEY } from '../../src/common/auth/decorators';

/** One route the running app serves, with what it declares, read from Nest's own metadata (not from a list). */
export interface AppRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express-style, with the global prefix: `/api/families/:id/plan`. */
  path: string;
  /** `public`, a permission from libs/contracts, or `undeclared` (which the deny-by-default guard refuses). */
  declared: string;
  /** The route reads a JSON body (`@Body()`). */
  hasBody: boolean;
  /** The path parameters, in order. */
  params: string[];
  key: string;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isWrite = (r: AppRoute) => WRITE_METHODS.has(r.method);

/**
 * Every HTTP route of every controller in the app, sorted; the same technique as platform.int-spec.ts's
 * snapshot, so a route added anywhere (by any module) is attacked without being listed by hand.
 */
export function enumerateRoutes(
  app: INestApplication,
  skip: (controller: object) => boolean = () => false,
): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...a: never[]) => object) | null;
      if (!type || skip(type)) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] as AppRoute['method'];
        const declared =
          Reflect.getMetadata(PUBLIC_KEY, handler) || Reflect.getMetadata(PUBLIC_KEY, type)
            ? 'public'
            : String(
                Reflect.getMetadata(PERMISSION_KEY, handler) ??
                  Reflect.getMetadata(PERMISSION_KEY, type) ??
                  'undeclared',
              );
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, unknown>;
        const hasBody = Object.keys(args).some((k) => k.split(':')[0] === String(RouteParamtypes.BODY));
        for (const p of ([] as string[]).concat(paths)) {
          const path = `/api/${[base, p].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/');
          const params = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
          routes.push({ method, path, declared, hasBody, params, key: `${method} ${path}` });
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** The concrete path for a route, with each parameter filled in by `fill(name)`. */
export function fillPath(route: AppRoute, fill: (param: string) => string): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(fill(name)));
}
