/** Pages that need a session send a person without one to sign in (the page decides, not the HTTP layer). */
import { useEffect } from 'react';
import { relaunch, replace, routes } from '../lib/routes';
import { clearSession, getProfile, getToken } from '../services/session';

export function useSignedIn() {
  const token = getToken();
  useEffect(() => {
    if (!token) replace(routes.signIn);
  }, [token]);
  return { signedIn: !!token, profile: getProfile() };
}

let leaving = false;

/**
 * The server said the session is gone (expired, signed out elsewhere): forget it and go to sign-in
 * — once, however many parts of the page saw the 401 at the same time.
 */
export function signInAgain(): void {
  if (leaving) return;
  leaving = true;
  clearSession();
  relaunch(routes.signIn);
  setTimeout(() => (leaving = false), 2000);
}
