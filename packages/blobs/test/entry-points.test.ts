import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A module-resolution hook that makes every AWS SDK package unresolvable, so that loading one fails loudly. */
const WITHOUT_AWS_SDK = `
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@aws-sdk/')) throw new Error('the AWS SDK was loaded: ' + specifier);
  return next(specifier, context);
}`;
const REGISTER = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(WITHOUT_AWS_SDK)}));`;

/** Imports `entry` in a fresh Node process where the AWS SDK cannot be loaded; resolves to its error output. */
function importWithoutAwsSdk(entry: string): Promise<{ ok: boolean; stderr: string }> {
  const script = `await import(${JSON.stringify(entry)}); console.log('imported');`;
  const args = [
    '--import',
    TSX,
    '--import',
    `data:text/javascript,${encodeURIComponent(REGISTER)}`,
    '--input-type=module',
    '--eval',
    script,
  ];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: PACKAGE_ROOT }, (error, stdout, stderr) => {
      resolve({ ok: error === null && stdout.includes('imported'), stderr });
    });
  });
}

describe('entry points', () => {
  it('the port and the folder adapter load without the AWS SDK', async () => {
    for (const entry of ['@docket/blobs', '@docket/blobs/file']) {
      const run = await importWithoutAwsSdk(entry);
      expect(run.stderr, entry).toBe('');
      expect(run.ok, entry).toBe(true);
    }
  });

  it('the S3 adapter is the entry that loads it (which proves the check above can fail)', async () => {
    const run = await importWithoutAwsSdk('@docket/blobs/s3');
    expect(run.ok).toBe(false);
    expect(run.stderr).toContain('the AWS SDK was loaded: @aws-sdk/');
  });
});
