import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import {
  checkBackoffPolicy,
  countOnly,
  LOGIN_THROTTLE_POLICIES,
  normalizeEmail,
  type BackoffPolicy,
  type LoginThrottlePolicies,
} from '@docket/domain';
import type { LoginAttemptStore } from '@docket/store';
import { RateLimitedError } from '../errors';
import { throttledAddress } from '../http/client-address';

/**
 * Throttling of failed logins (docs/adr/0005-login-throttling.md). Every attempt is admitted by counters in the
 * datastore before its password is checked, and counted there as a failure at once, so that neither parallel
 * attempts nor several server copies can go past the limits; a correct password then takes its failure back.
 *
 * - A browser that holds this account's **device cookie** (given by an earlier successful login) is throttled only
 *   by its own failures at this account. Failures elsewhere — an attacker's — can never keep a user out of the
 *   browser they usually sign in from.
 * - Any other attempt is throttled by the account's failures from such browsers and by its **client address**'s
 *   failures across accounts (a high limit: one office behind one address shares it). When the account later
 *   signs in from that address, the address is forgiven the failures it made against that account, so an office's
 *   typing never adds up.
 *
 * Counters live under keyed hashes (HMAC with a key derived from the session secret), so the datastore holds
 * neither the emails people typed — sometimes a password typed in the wrong field — nor their addresses.
 */

/** A browser that signed in before: its random id, and the accounts (as tags) that signed in on it, latest first. */
export interface KnownDevice {
  id: string;
  accounts: readonly string[];
}

/** An admitted attempt: which counters hold its failure, to be taken back if the password is right. */
export interface AdmittedAttempt {
  /** The account's tag, as a device cookie names it. */
  account: string;
  keys: { device: string } | { account: string; address: string; pair: string };
}

/** Accounts a device cookie remembers; an older one drops off when another signs in on the same browser. */
export const DEVICE_ACCOUNTS = 5;

export class LoginThrottle {
  private readonly key: Buffer;
  private readonly policies: LoginThrottlePolicies;

  constructor(
    private readonly store: LoginAttemptStore,
    secret: string,
    policies: Partial<LoginThrottlePolicies> = {},
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'docket', 'login throttle counters', 32));
    this.policies = { ...LOGIN_THROTTLE_POLICIES, ...policies };
    Object.values(this.policies).forEach(checkBackoffPolicy);
  }

  /** The tag a device cookie names an account by. */
  accountTag(email: string): string {
    return this.tag('account', normalizeEmail(email));
  }

  /**
   * Admits a login attempt and counts it as a failure, or refuses it without anything else being done.
   * @throws RateLimitedError with the seconds to wait, when a counter it falls under is waiting out a failure.
   */
  async admit(
    attempt: { email: string; address: string; device: KnownDevice | null },
    now: Date,
  ): Promise<AdmittedAttempt> {
    const at = now.toISOString();
    const account = this.accountTag(attempt.email);
    if (attempt.device?.accounts.includes(account)) {
      const device = `device:${this.tag('device', attempt.device.id, account)}`;
      await this.claim(device, this.policies.device, now);
      return { account, keys: { device } };
    }
    const accountKey = `account:${account}`;
    await this.claim(accountKey, this.policies.account, now);
    const address = throttledAddress(attempt.address);
    const addressKey = `address:${this.tag('address', address)}`;
    try {
      await this.claim(addressKey, this.policies.address, now);
    } catch (error) {
      // Refused by its address: the account did not see this attempt.
      if (error instanceof RateLimitedError) await this.store.forgive(accountKey, 1, at);
      throw error;
    }
    // How many of the address's failures were against this account, to forgive them when it signs in.
    const pair = `address-account:${this.tag('pair', address, account)}`;
    await this.store.claim(pair, countOnly(this.policies.address.forgetAfterMs), at);
    return { account, keys: { account: accountKey, address: addressKey, pair } };
  }

  /**
   * The password was right: takes back the failures the account's counters hold (and, from a browser without
   * its device cookie, the failures its address made against it).
   */
  async succeeded(admitted: AdmittedAttempt, now: Date): Promise<void> {
    const at = now.toISOString();
    const { keys } = admitted;
    await this.store.clear(`account:${admitted.account}`, at);
    if ('device' in keys) {
      await this.store.clear(keys.device, at);
      return;
    }
    const against = await this.store.clear(keys.pair, at);
    if (against > 0) await this.store.forgive(keys.address, against, at);
  }

  /** The device cookie to give after a successful login: this browser's, with the account first. */
  remember(device: KnownDevice | null, admitted: AdmittedAttempt): KnownDevice {
    const others = (device?.accounts ?? []).filter((account) => account !== admitted.account);
    return {
      id: device?.id ?? randomBytes(16).toString('base64url'),
      accounts: [admitted.account, ...others].slice(0, DEVICE_ACCOUNTS),
    };
  }

  private async claim(key: string, policy: BackoffPolicy, now: Date): Promise<void> {
    const claim = await this.store.claim(key, policy, now.toISOString());
    if (!claim.admitted) {
      const seconds = Math.ceil((Date.parse(claim.retryAt) - now.getTime()) / 1000);
      throw new RateLimitedError(Math.max(1, seconds));
    }
  }

  /** A keyed hash of some parts: 128 bits, base64url. */
  private tag(kind: string, ...parts: string[]): string {
    return createHmac('sha256', this.key)
      .update([kind, ...parts].join('\u0000'))
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
