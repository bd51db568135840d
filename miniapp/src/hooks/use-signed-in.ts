/** Pages that need a session send a person without one to sign in (the page decides, not the HTTP layer). */
import { useEffect } from 'react';
import { replace, routes } from '../lib/routes';
import { getProfile, getToken } from '../services/session';

export function useSignedIn() {
  const token = getToken();
  useEffect(() => {
    if (!token) replace(routes.signIn);
  }, [token]);
  return { signedIn: !!token, profile: getProfile() };
}
