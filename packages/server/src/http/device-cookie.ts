import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_ACCOUNTS, type KnownDevice } from '../security/login-throttle';

/**
 * The device cookie: given by a successful login, it tells later logins from the same browser that it is one the
 * account has signed in from (see `security/login-throttle.ts`). Signed with `DOCKET_SECRET`, httpOnly, sent only
 * to the login routes, and holding nothing but a random id and keyed hashes of the accounts.
 */

export const DEVICE_COOKIE = 'docket_device';

const LIFETIME_SECONDS = 180 * 24 * 60 * 60;
const PATH = '/api/auth';
/** 16 bytes, base64url: the device id and each account tag. */
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** The browser's device cookie, if it carries a validly signed, well-formed one. */
export function readKnownDevice(request: FastifyRequest): KnownDevice | null {
  const raw = request.cookies[DEVICE_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const [id = '', ...accounts] = unsigned.value.split('.');
  const wellFormed =
    TOKEN.test(id) &&
    accounts.length >= 1 &&
    accounts.length <= DEVICE_ACCOUNTS &&
    accounts.every((account) => TOKEN.test(account));
  return wellFormed ? { id, accounts } : null;
}

export function setKnownDevice(reply: FastifyReply, device: KnownDevice, secure: boolean): void {
  reply.setCookie(DEVICE_COOKIE, [device.id, ...device.accounts].join('.'), {
    signed: true,
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: PATH,
    maxAge: LIFETIME_SECONDS,
  });
}
