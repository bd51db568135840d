/**
 * Who may do what with the learning record store. Enterprise admins issue, list and revoke its
 * credentials; a credential reads and writes its own enterprise's records only (the tenant comes
 * from the credential, never from the request), and another enterprise's credential answers 404.
 */
import type { Actor } from '../../core/context';
import { isAdmin } from '../../core/auth/policy';

export const canManageCredentials = (actor: Actor) => isAdmin(actor);
