import Router from '@koa/router';
import type { AppState } from '../context';

type RouterMiddleware = ReturnType<Router<AppState>['routes']>;

/**
 * Many routers mounted at one prefix, dispatched by the first segment of the path after it
 * (/api/v1/<segment>/…). @koa/router tests every route of a router against every request, and the
 * member API has over 170: a request now meets only the routes of the modules that serve its
 * segment. Each segment gets one router merged from those modules, in mount order, so the matching
 * and the 405/501 answers are the same as one router of everything would give. A router with a
 * route or middleware that is not under a fixed segment (a parameter first, or no path) serves
 * every segment.
 */
export function dispatchBySegment(prefix: string, routers: Router<AppState>[]): RouterMiddleware {
  const segmentsOf = routers.map(fixedSegments);
  const merge = (members: Router<AppState>[]) => {
    const merged = new Router<AppState>();
    for (const r of members) merged.use(r.routes());
    merged.prefix(prefix);
    return [merged.routes(), merged.allowedMethods() as RouterMiddleware] as const;
  };
  const everywhere = routers.filter((_, i) => segmentsOf[i] === null);
  const bySegment = new Map<string, readonly [RouterMiddleware, RouterMiddleware]>();
  for (const segment of new Set(segmentsOf.flatMap((s) => (s ? [...s] : [])))) {
    bySegment.set(segment, merge(routers.filter((_, i) => segmentsOf[i] === null || segmentsOf[i]!.has(segment))));
  }
  const elsewhere = everywhere.length ? merge(everywhere) : null;
  // Routes match case-insensitively (path-to-regexp's default), so the lookup does too.
  const head = new RegExp(`^${prefix.replace(/[/.]/g, '\\$&')}/([^/]*)`, 'i');

  return (ctx, next) => {
    const segment = head.exec(ctx.path)?.[1].toLowerCase();
    const pair = (segment !== undefined && bySegment.get(segment)) || elsewhere;
    if (!pair) return next();
    const [routes, allowedMethods] = pair;
    return routes(ctx, () => allowedMethods(ctx, next));
  };
}

/** The first path segments a router's routes and middleware live under; null when one of them is not under a fixed segment. */
function fixedSegments(router: Router<AppState>): Set<string> | null {
  const segments = new Set<string>();
  for (const layer of router.stack) {
    const first = /^\/([\w.-]+)(?:[/?]|$)/.exec(String(layer.path))?.[1];
    if (!first) return null;
    segments.add(first.toLowerCase());
  }
  return segments;
}
