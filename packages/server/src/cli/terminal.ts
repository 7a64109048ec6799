import { stdin, stderr } from 'node:process';
import { CancelledError, UsageError } from './cli-errors';

/** Progress of long work, on stderr so that stdout stays clean for results. */
export function progress(message: string): void {
  stderr.write(`docket: ${message}\n`);
}

/** Everything on standard input, without one trailing newline (as `echo` or a here-string adds). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for a secret on the terminal without echoing it. */
export function promptHidden(question: string): Promise<string> {
  if (!stdin.isTTY) {
    return Promise.reject(
      new UsageError('No terminal to ask for the password on: pass it with --password-stdin'),
    );
  }
  return new Promise((resolve, reject) => {
    let answer = '';
    stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n') return finish(null);
        if (char === '\u0003') return finish(new CancelledError());
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else if (char >= ' ') answer += char;
      }
    };
    stdin.on('data', onData);
  });
}
