import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The architecture's boundaries are kept by `no-restricted-imports` in eslint.config.js, which `npm test` runs
 * (`npm run lint`). These cases prove the rule fires where it should, and only there: a boundary whose
 * configuration silently stopped matching would otherwise pass unnoticed.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The `no-restricted-imports` messages for `source` linted as if it were the file at `path`. */
async function restrictions(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${ROOT}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const CASES: { path: string; source: string; refused: boolean }[] = [
  // The store's ports know no adapter and no SDK.
  { path: 'packages/store/src/contract-store.ts', source: "export * from './postgres/rows';", refused: true },
  { path: 'packages/store/src/datastore.ts', source: "export * from './dynamodb';", refused: true },
  { path: 'packages/store/src/rate-store.ts', source: "export * from 'drizzle-orm';", refused: true },
  {
    path: 'packages/store/src/user-store.ts',
    source: "export * from '@aws-sdk/lib-dynamodb';",
    refused: true,
  },
  { path: 'packages/store/src/index.ts', source: "export * from 'pg';", refused: true },
  { path: 'packages/store/src/page.ts', source: "export * from '@electric-sql/pglite';", refused: true },
  { path: 'packages/store/src/contract-store.ts', source: "export * from './page';", refused: false },
  // …while the adapters use them.
  { path: 'packages/store/src/postgres/x.ts', source: "export * from 'drizzle-orm';", refused: false },
  // The blob store's port likewise.
  { path: 'packages/blobs/src/index.ts', source: "export * from './s3/s3-blob-store';", refused: true },
  { path: 'packages/blobs/src/blob-store.ts', source: "export * from '@aws-sdk/client-s3';", refused: true },
  // The server knows adapters only in its composition root.
  { path: 'packages/server/src/app.ts', source: "export * from '@docket/store/postgres';", refused: true },
  { path: 'packages/server/src/cli/main.ts', source: "export * from '@docket/blobs/s3';", refused: true },
  {
    path: 'packages/server/src/composition-root.ts',
    source: "export * from '@docket/store/postgres';",
    refused: false,
  },
  // Use cases know nothing of HTTP.
  { path: 'packages/server/src/use-cases/x.ts', source: "export * from 'fastify';", refused: true },
  {
    path: 'packages/server/src/use-cases/x.ts',
    source: "export * from '@fastify/multipart';",
    refused: true,
  },
  { path: 'packages/server/src/use-cases/x.ts', source: "export * from '../http/problem';", refused: true },
  {
    path: 'packages/server/src/use-cases/x.ts',
    source: "export * from '@docket/store/dynamodb';",
    refused: true,
  },
  { path: 'packages/server/src/use-cases/x.ts', source: "export * from '../errors';", refused: false },
  { path: 'packages/server/src/routes/x.ts', source: "export * from 'fastify';", refused: false },
  // The web talks to the server only over HTTP.
  { path: 'packages/web/src/api/x.ts', source: "export * from '@docket/server';", refused: true },
  { path: 'packages/web/src/pages/x.tsx', source: "export * from '@docket/store';", refused: true },
  { path: 'packages/web/src/app.tsx', source: "export * from '@docket/blobs';", refused: true },
  { path: 'packages/web/src/app.tsx', source: "export * from '@docket/domain';", refused: false },
];

describe('import boundaries', () => {
  for (const { path, source, refused } of CASES) {
    it(`${refused ? 'refuses' : 'allows'} ${source} in ${path}`, async () => {
      const found = await restrictions(path, `${source}\n`);
      if (refused) expect(found.length).toBeGreaterThan(0);
      else expect(found).toEqual([]);
    });
  }
});
