import { join } from 'node:path';
import type { Datastore } from '@docket/store';
import { buildApp } from '../app';
import { openBlobStore } from '../composition-root';
import { describeBlobs, type Config } from '../config';
import { readOrCreateDemoSecret } from '../demo-secret';
import { DOCKET_FOLDER } from '../private-files';
import { progress } from './terminal';

export interface RunningServer {
  url: string;
}

/**
 * Serves the app on the configured host and port until SIGINT or SIGTERM, then closes the app, the blob store
 * (which this opens) and the datastore (which this takes over). A second signal ends the process at once.
 */
export async function startServer(config: Config, datastore: Datastore, cwd: string): Promise<RunningServer> {
  const secret = config.secret ?? (await readOrCreateDemoSecret(join(cwd, DOCKET_FOLDER)));
  progress(`Opening ${describeBlobs(config.blobs)}…`);
  const blobs = await openBlobStore(config.blobs);
  const app = buildApp({
    datastore,
    blobs,
    maxUploadBytes: config.maxUploadBytes,
    secret,
    demo: config.demo,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    logLevel: config.logLevel,
    validateResponses: config.validateResponses,
    serverTiming: config.serverTiming,
    sessionIdleSeconds: config.sessionIdleMinutes * 60,
  });
  let url: string;
  try {
    url = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await blobs.close();
    throw error;
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    progress(`${signal}: shutting down…`);
    app
      .close()
      .then(() => blobs.close())
      .then(() => datastore.close())
      .then(
        () => progress('Stopped'),
        (error: unknown) => {
          progress(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exitCode = 1;
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { url };
}
