import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { BlobStore } from '@docket/blobs';
import type { LoginThrottlePolicies } from '@docket/domain';
import type { Datastore } from '@docket/store';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type HTTPMethods,
} from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_SESSION_IDLE_MINUTES, type LogLevel } from './config';
import { isApiPath } from './http/api-path';
import { registerAuth } from './http/auth';
import { auditLogRoutes } from './routes/audit-log.route';
import { emailSettingsRoutes } from './routes/email-settings.route';
import { fastifyTrustProxy, type TrustProxy } from './http/client-address';
import { answerClientError } from './http/client-errors';
import { responseSerializerCompiler } from './http/serializer';
import { registerTextGuard } from './http/text-guard';
import { registerUnreadBodyClose } from './http/unread-body';
import { swaggerOptions } from './http/openapi';
import { handleError, methodNotAllowed, routeNotFound, sendProblem } from './http/problem';
import { registerSecurityHeaders, securityHeaders } from './http/security-headers';
import { registerServerTiming } from './http/server-timing';
import { HTTP_TIMEOUTS, registerBodyDeadline, timeoutOptions, type HttpTimeouts } from './http/timeouts';
import { assignmentRoutes } from './routes/assignments.route';
import { authRoutes } from './routes/auth.route';
import { userSessionsRoutes } from './routes/user-sessions.route';
import { contractRoutes } from './routes/contracts.route';
import { contractWriteRoutes } from './routes/contract-writes.route';
import { documentRoutes } from './routes/documents.route';
import { rateRoutes } from './routes/rates.route';
import { revisionDiffRoutes } from './routes/revision-diff.route';
import { withdrawalPlanRoutes } from './routes/withdrawal-plan.route';
import { healthRoutes } from './routes/health.route';
import { userRoutes } from './routes/users.route';
import { openapiRoute } from './routes/openapi.route';
import { referenceDataRoutes } from './routes/reference-data.route';
import { LoginThrottle } from './security/login-throttle';
import { dummyPasswordHash } from './security/passwords';
import { removeStaleUploads } from './documents/stale-uploads';
import { cachingPrograms } from './reference-data-cache';
import { createUploadReceipts } from './documents/upload-receipts';
import { sessionTimeouts } from './use-cases/session-activity';

export interface AppOptions {
  datastore: Datastore;
  /** Where uploaded documents are kept. */
  blobs: BlobStore;
  /** The largest document an upload may store, in bytes (default 250 MB). */
  maxUploadBytes?: number;
  /** Signs the session cookie. */
  secret: string;
  /** Demo mode: only then may demo accounts log in. */
  demo: boolean;
  /** The site is served over https: `Secure` cookies, HSTS, upgrade-insecure-requests. */
  secureCookies: boolean;
  /** Which proxies in front are believed about the client's address (default: none). */
  trustProxy?: TrustProxy;
  logLevel?: LogLevel;
  /** The built web app to serve; `undefined` means packages/web/dist when it exists, `null` none. */
  webRoot?: string | null;
  /** Backoff policies of the login throttle that replace Docket's own (`LOGIN_THROTTLE_POLICIES`). */
  loginThrottle?: Partial<LoginThrottlePolicies>;
  /** How long to wait on clients; {@link HTTP_TIMEOUTS} unless given (tests shorten them). */
  httpTimeouts?: Partial<HttpTimeouts>;
  /**
   * Check every response against its route's schema before writing it (default true: tests and development);
   * `docket serve` turns it off unless `DOCKET_VALIDATE_RESPONSES=1` (see http/serializer.ts).
   */
  validateResponses?: boolean;
  /** Every /api response says what it cost in the `Server-Timing` header (default off; `http/server-timing.ts`). */
  serverTiming?: boolean;
  /** A session ends after this many seconds without activity (default 30 minutes; tests use a few seconds). */
  sessionIdleSeconds?: number;
  /** The time now, for sessions (default the clock; tests move their own). */
  now?: () => Date;
}

/** JSON bodies above this are refused with 413 before they are read. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const REQUEST_ID = /^[\w.:-]{1,100}$/;

function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../web/dist', import.meta.url));
}

/** The methods the app serves at this path; the web app's catch-all (`/*`) does not count. */
function allowedMethods(app: FastifyInstance, path: string): string[] {
  return app.supportedMethods.filter((method) => {
    const route = app.findRoute({ method: method as HTTPMethods, url: path });
    return route !== null && !('*' in route.params);
  });
}

/**
 * Builds the HTTP app from its configuration, a datastore and a blob store. Routes are thin (validate, call one use case with
 * the caller, present); every error becomes problem+json in `http/problem.ts`. The app is returned before it is
 * ready: `inject`, `listen` or `ready` start it.
 */
export function buildApp(options: AppOptions) {
  const { datastore } = options;
  const logLevel = options.logLevel ?? 'info';
  const timeouts: HttpTimeouts = { ...HTTP_TIMEOUTS, ...options.httpTimeouts };
  const app = Fastify({
    ...timeoutOptions(timeouts),
    logger: logLevel === 'silent' ? false : { level: logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? { kind: 'none' }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Fastify's own refusals before routing (a malformed URL, a path parameter too long) are problems too.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id).header('cache-control', 'no-store');
      handleError(error, request, reply);
    },
    // What Node's HTTP parser refuses itself (headers too large or too slow) is answered as a problem too.
    clientErrorHandler: function (this: FastifyInstance, error, socket) {
      answerClientError(this.log, error, socket);
    },
  }).withTypeProvider<ZodTypeProvider>();

  // First: the meter must be in place before any hook reads the datastore.
  if (options.serverTiming) registerServerTiming(app, isApiPath);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ validate: options.validateResponses ?? true }));
  app.setErrorHandler(handleError);
  // Only JSON bodies: a cross-site form can send text/plain, urlencoded or multipart, never application/json.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // No answer under /api may be kept by a browser or a proxy (they carry the CSRF token and filings); a route
    // may set a value of its own, as strict (downloads: private, no-store).
    if (isApiPath(request.url)) reply.header('cache-control', 'no-store');
  });
  registerBodyDeadline(app, timeouts);
  registerUnreadBodyClose(app);
  registerTextGuard(app);
  app.addHook('onReady', async () => {
    await dummyPasswordHash();
  });
  // What a server killed mid-upload left in the blob store goes at the next start (a failure only costs disk).
  app.addHook('onReady', async () => {
    try {
      const removed = await removeStaleUploads(options.blobs);
      if (removed > 0) app.log.info({ removed }, 'removed the temporary files of uploads cut short');
    } catch (error) {
      app.log.warn({ err: error }, 'could not remove the temporary files of uploads cut short');
    }
  });

  const secure = options.secureCookies;
  registerSecurityHeaders(
    app,
    securityHeaders({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(secure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      frameguard: { action: 'deny' },
      strictTransportSecurity: secure ? { maxAge: 180 * 24 * 60 * 60, includeSubDomains: true } : false,
    }),
  );
  app.register(fastifyCookie, { secret: options.secret });
  app.register(fastifySwagger, swaggerOptions);
  const sessionClock = options.now ?? (() => new Date());
  const sessionTimeoutsOfApp = sessionTimeouts(
    (options.sessionIdleSeconds ?? DEFAULT_SESSION_IDLE_MINUTES * 60) * 1000,
  );
  registerAuth(app, {
    sessions: datastore.sessions,
    demo: options.demo,
    timeouts: sessionTimeoutsOfApp,
    now: sessionClock,
  });
  // What requests use of the datastore, with the reference data (programs) served from memory.
  const stores = {
    users: datastore.users,
    sessions: datastore.sessions,
    events: datastore.events,
    settings: datastore.settings,
    contracts: datastore.contracts,
    rates: datastore.rates,
    states: cachingPrograms(datastore.states),
  };

  app.register(healthRoutes, {
    checks: [
      { name: 'the datastore', ping: () => datastore.ping() },
      { name: 'the blob store', ping: () => options.blobs.ping() },
    ],
  });
  app.register(openapiRoute);
  app.register(authRoutes, {
    stores,
    demo: options.demo,
    secureCookies: secure,
    throttle: new LoginThrottle(datastore.loginAttempts, options.secret, options.loginThrottle),
    timeouts: sessionTimeoutsOfApp,
    now: sessionClock,
  });
  app.register(userSessionsRoutes, { stores });
  app.register(referenceDataRoutes, { states: stores.states });
  const receipts = createUploadReceipts(options.secret);
  app.register(contractRoutes, { stores, receipts });
  app.register(contractWriteRoutes, { stores, receipts });
  app.register(rateRoutes, { stores });
  app.register(emailSettingsRoutes, { stores });
  app.register(auditLogRoutes, { stores });
  app.register(userRoutes, { stores });
  app.register(revisionDiffRoutes, { stores });
  app.register(withdrawalPlanRoutes, { stores });
  app.register(assignmentRoutes, { stores });
  app.register(documentRoutes, {
    stores,
    blobs: options.blobs,
    receipts,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
  });

  const webRoot = options.webRoot === undefined ? defaultWebRoot() : options.webRoot;
  const serveWeb = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (webRoot !== null && serveWeb) {
    app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      dotfiles: 'ignore',
      // Vite puts content-hashed files under assets/: they never change. Everything else is revalidated.
      setHeaders: (reply, path) => {
        const immutable = path.includes(join('/', 'assets', '/'));
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?', 1)[0] ?? '';
    const lastSegment = path.slice(path.lastIndexOf('/') + 1);
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !lastSegment.includes('.');
    if (serveWeb && isPage && !isApiPath(request.url)) {
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .sendFile('index.html');
    }
    const allowed = isApiPath(request.url) ? allowedMethods(app, path) : [];
    if (allowed.length > 0) {
      return sendProblem(reply.header('allow', allowed.join(', ')), methodNotAllowed(request, allowed));
    }
    return sendProblem(reply, routeNotFound(request));
  });

  return app;
}

export type DocketApp = ReturnType<typeof buildApp>;
