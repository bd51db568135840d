/** Host logins: WeCom mini-program, WeCom H5 OAuth, admin-console SSO, WeChat mini-program. */
import type Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';

export function hostLoginRoutes(_deps: AppDeps, _router: Router<AppState>): void {
  // filled in with the host clients
}
