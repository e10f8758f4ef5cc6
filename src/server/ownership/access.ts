/**
 * Who may do what with a thing that has an owner: everyone in its class reads it; its owner and the
 * class's instructors change or delete it; nobody outside the class sees it. Requests carry their token
 * as `Authorization: Bearer oxus_…`; one without a token reads the open class and, when it creates
 * something, is given a new token (in the `Oxus-Token` response header and the body's `token`).
 */
import type { RequestHandler, Response } from 'express';
import { HttpError } from '../httpErrors.js';
import { OPEN_CLASS, type Principal, type Tokens } from './tokens.js';

/** What a thing records about who owns it. Things from before ownership have no owner. */
export interface Owned {
  readonly owner: string | null;
  readonly classId: string;
}

/** The header a newly issued token comes back in. */
export const TOKEN_HEADER = 'Oxus-Token';

const LOCALS_KEY = 'oxusPrincipal';

/** Reads the request's token; a token that is not known is refused (401) rather than ignored. */
export function authenticate(tokens: Tokens): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? tokens.verify(match[1]!) : undefined;
    if (!principal)
      throw new HttpError(
        401,
        'E_TOKEN_UNKNOWN',
        'the token is not known to this server; drop it to get a new one',
        'Authorization',
      );
    res.locals[LOCALS_KEY] = principal;
    next();
  };
}

/** The request's principal, if it sent a token. */
export function principalOf(res: Response): Principal | undefined {
  return res.locals[LOCALS_KEY] as Principal | undefined;
}

/** The principal that will own what this request creates: its own, or a new open-class token's. */
export function creatorOf(tokens: Tokens, res: Response): { principal: Principal; token?: string } {
  const known = principalOf(res);
  if (known) return { principal: known };
  const issued = tokens.issue();
  res.locals[LOCALS_KEY] = issued.principal;
  res.set(TOKEN_HEADER, issued.token);
  return issued;
}

/** The class a request reads: its token's, or the open class. */
export const classOf = (res: Response): string => principalOf(res)?.classId ?? OPEN_CLASS;

export function canRead(principal: Principal | undefined, thing: Owned): boolean {
  return thing.classId === (principal?.classId ?? OPEN_CLASS);
}

export function canChange(principal: Principal | undefined, thing: Owned): boolean {
  if (!principal || principal.classId !== thing.classId) return false;
  return principal.role === 'instructor' || (thing.owner !== null && thing.owner === principal.id);
}

/** Throws 401 or 403 unless the request may change the thing. */
export function assertCanChange(res: Response, thing: Owned, what: string): void {
  const principal = principalOf(res);
  if (canChange(principal, thing)) return;
  if (!principal)
    throw new HttpError(
      401,
      'E_TOKEN',
      `changing ${what} needs the token of its owner or of an instructor of its class`,
      'Authorization',
    );
  throw new HttpError(
    403,
    'E_FORBIDDEN',
    `${what} belongs to someone else: only its owner or an instructor of its class may change it`,
  );
}

/** A thing another class owns is answered as if it did not exist (its id tells nothing). */
export function readable<T extends Owned>(res: Response, thing: T | undefined): T | undefined {
  return thing && canRead(principalOf(res), thing) ? thing : undefined;
}
