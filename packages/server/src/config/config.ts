import { DocketError } from '@docket/domain';
import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from '../http/client-address';
import { BackupKey, BackupKeyError } from '../transfer/backup-key';
import { blobsLocatorSchema, DEFAULT_BLOBS, type BlobsLocator } from './blobs-locator';
import { DEFAULT_STORE, storeLocatorSchema, type StoreLocator } from './store-locator';

/** The outgoing mail server (`DOCKET_SMTP`). Only validated for now. */
export interface SmtpLocator {
  url: string;
  secure: boolean;
  host: string;
  port: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The server's whole configuration (DESIGN §2), read from the environment once at start-up. */
export interface Config {
  store: StoreLocator;
  blobs: BlobsLocator;
  smtp: SmtpLocator | null;
  port: number;
  host: string;
  /** Signs session cookies. Null only in demo mode, where the caller reads or makes `./.docket/secret`. */
  secret: string | null;
  demo: boolean;
  /** Set when the site is served over https: cookies get `Secure`, responses HSTS. */
  secureCookies: boolean;
  /**
   * Which proxies in front are believed about `X-Forwarded-*` (the client's address, for login throttling; https
   * detection): none, a number of hops, or a list of their addresses (`DOCKET_TRUST_PROXY`).
   */
  trustProxy: TrustProxy;
  logLevel: LogLevel;
  /** The largest document an upload may store, in bytes (`DOCKET_MAX_UPLOAD_BYTES`). */
  maxUploadBytes: number;
  /** Check every response against its schema before sending it (`DOCKET_VALIDATE_RESPONSES`; off by default). */
  validateResponses: boolean;
  /** Every /api response carries a `Server-Timing` header (`DOCKET_SERVER_TIMING`): for load tests, not production. */
  serverTiming: boolean;
  /** A session ends after this many minutes without activity (`DOCKET_SESSION_IDLE_MINUTES`, default 30). */
  sessionIdleMinutes: number;
}

export const MIN_SECRET_LENGTH = 32;
export const DEFAULT_MAX_UPLOAD_BYTES = 250 * 1024 * 1024;
export const DEFAULT_SESSION_IDLE_MINUTES = 30;

/** One or more environment variables are wrong; `problems` has one line per variable. */
export class ConfigError extends DocketError {
  readonly code = 'INVALID_CONFIGURATION';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

const smtpSchema = z.string().transform((raw, ctx): SmtpLocator => {
  let url: URL | null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    ctx.addIssue({ code: 'custom', message: 'must be an smtp://host:port or smtps://host:port URL' });
    return z.NEVER;
  }
  const secure = url.protocol === 'smtps:';
  return { url: raw, secure, host: url.hostname, port: url.port ? Number(url.port) : secure ? 465 : 587 };
});

const flagSchema = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be 1 or 0' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const trustProxySchema = z.string().transform((raw, ctx): TrustProxy => {
  const parsed = parseTrustProxy(raw);
  if (typeof parsed !== 'string') return parsed;
  ctx.addIssue({ code: 'custom', message: parsed });
  return z.NEVER;
});

const portSchema = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
  .transform(Number)
  .refine((n) => n <= 65535, 'must be a port number from 0 to 65535');

const minutesSchema = z
  .string()
  .regex(/^\d{1,3}$/, 'must be a whole number of minutes from 1 to 720')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 720, 'must be a whole number of minutes from 1 to 720');

const byteCountSchema = z
  .string()
  .regex(/^\d{1,16}$/, 'must be a whole number of bytes, such as 262144000 for 250 MB')
  .transform(Number)
  .refine((n) => n >= 1 && Number.isSafeInteger(n), 'must be a whole number of bytes, at least 1');

/** Never echoes the value: the message says what a key looks like. */
const backupKeySchema = z.string().transform((raw, ctx): BackupKey => {
  try {
    return BackupKey.fromBase64(raw);
  } catch (error) {
    if (!(error instanceof BackupKeyError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
    return z.NEVER;
  }
});

function envSchema(cwd: string, forceDemo: boolean) {
  return z
    .object({
      DOCKET_STORE: storeLocatorSchema(cwd).default(() => storeLocatorSchema(cwd).parse(DEFAULT_STORE)),
      DOCKET_BLOBS: blobsLocatorSchema(cwd).default(() => blobsLocatorSchema(cwd).parse(DEFAULT_BLOBS)),
      DOCKET_SMTP: smtpSchema.optional(),
      PORT: portSchema.default(3000),
      HOST: z
        .string()
        .regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'must be a host name or IP address to listen on')
        .default('127.0.0.1'),
      DOCKET_SECRET: z
        .string()
        .min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters (it signs session cookies)`)
        .optional(),
      DOCKET_DEMO: flagSchema.default(false),
      DOCKET_SECURE_COOKIES: flagSchema.default(false),
      DOCKET_TRUST_PROXY: trustProxySchema.default({ kind: 'none' }),
      DOCKET_LOG_LEVEL: z
        .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
        .default('info'),
      DOCKET_MAX_UPLOAD_BYTES: byteCountSchema.default(DEFAULT_MAX_UPLOAD_BYTES),
      DOCKET_VALIDATE_RESPONSES: flagSchema.default(false),
      DOCKET_SERVER_TIMING: flagSchema.default(false),
      DOCKET_SESSION_IDLE_MINUTES: minutesSchema.default(DEFAULT_SESSION_IDLE_MINUTES),
    })
    .transform((env): Config => ({
      store: env.DOCKET_STORE,
      blobs: env.DOCKET_BLOBS,
      smtp: env.DOCKET_SMTP ?? null,
      port: env.PORT,
      host: env.HOST,
      secret: env.DOCKET_SECRET ?? null,
      demo: forceDemo || env.DOCKET_DEMO,
      secureCookies: env.DOCKET_SECURE_COOKIES,
      trustProxy: env.DOCKET_TRUST_PROXY,
      logLevel: env.DOCKET_LOG_LEVEL,
      maxUploadBytes: env.DOCKET_MAX_UPLOAD_BYTES,
      validateResponses: env.DOCKET_VALIDATE_RESPONSES,
      serverTiming: env.DOCKET_SERVER_TIMING,
      sessionIdleMinutes: env.DOCKET_SESSION_IDLE_MINUTES,
    }));
}

const VARIABLES = [
  'DOCKET_STORE',
  'DOCKET_BLOBS',
  'DOCKET_SMTP',
  'PORT',
  'HOST',
  'DOCKET_SECRET',
  'DOCKET_DEMO',
  'DOCKET_SECURE_COOKIES',
  'DOCKET_TRUST_PROXY',
  'DOCKET_LOG_LEVEL',
  'DOCKET_MAX_UPLOAD_BYTES',
  'DOCKET_VALIDATE_RESPONSES',
  'DOCKET_SERVER_TIMING',
  'DOCKET_SESSION_IDLE_MINUTES',
] as const;

/**
 * Reads and validates the configuration of the server and the commands that open a datastore. The backup key is
 * not part of it: only `docket backup` and `restore` read it ({@link backupKeyFromEnv}), so that a wrong one never
 * keeps the server from starting. Empty variables count as unset. Relative folders are resolved against
 * `cwd`. `demo: true` turns demo mode on whatever `DOCKET_DEMO` says (the `docket demo` command);
 * `requireSecret: false` is for commands that never sign a cookie (migrate, seed, users).
 * @throws ConfigError naming every variable at fault, one line each, never echoing a secret.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: { cwd: string; demo?: boolean; requireSecret?: boolean },
): Config {
  const input: Record<string, string> = {};
  for (const name of VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') input[name] = value;
  }
  const parsed = envSchema(options.cwd, options.demo ?? false).safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  const demo = options.demo === true || flagSchema.safeParse(input.DOCKET_DEMO).data === true;
  if (!demo && options.requireSecret !== false && input.DOCKET_SECRET === undefined) {
    problems.push(
      `DOCKET_SECRET: is required outside demo mode: at least ${MIN_SECRET_LENGTH} random characters ` +
        '(e.g. openssl rand -base64 48)',
    );
  }
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new ConfigError(problems);
}

/**
 * `DOCKET_BACKUP_KEY` alone, for `docket backup` and `restore`, which read no other variable when told where
 * everything is. Empty counts as unset.
 * @throws ConfigError when it is set but not a key, without echoing it
 */
export function backupKeyFromEnv(env: Readonly<Record<string, string | undefined>>): BackupKey | null {
  const raw = env.DOCKET_BACKUP_KEY;
  if (raw === undefined || raw === '') return null;
  const parsed = backupKeySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError([`DOCKET_BACKUP_KEY: ${parsed.error.issues[0]?.message ?? 'is not a backup key'}`]);
}
