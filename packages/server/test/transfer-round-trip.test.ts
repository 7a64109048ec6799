import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBlobStore } from '@docket/blobs/file';
import {
  newId,
  rateLinkHistories,
  summaryFactsOf,
  upgradeContractForm,
  type ActorRef,
  type AuditEvent,
  type Contract,
  type ContractChange,
  type ContractListQuery,
  type ContractSummary,
  type ReviewerAssignment,
} from '@docket/domain';
import type { Datastore, Page, PageRequest } from '@docket/store';
import { ADAPTERS, type DatastoreAdapter } from '@docket/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatastore } from '../src/composition-root';
import {
  backupDatastore,
  BackupKey,
  copyDatastore,
  restoreArchive,
  verifyArchive,
  type CopyOptions,
  type Manifest,
} from '../src/transfer';
import { DEMO_EMAIL_SETTINGS, ensureDemoEmailSettings } from '../src/use-cases/ensure-demo-email-settings';
import { blobContents, generateFilings, measureAll } from './transfer-fixtures';

/**
 * The whole journey of the data between engines: PGlite → DynamoDB → PostgreSQL server → backup → restore into
 * a fresh PGlite, with the same content hashes at every step. DynamoDB and the PostgreSQL server come from the
 * conformance harness's adapters; without them this test is skipped loudly, and fails under
 * DOCKET_TEST_REQUIRE_ALL=1, like the conformance suite.
 */

const REQUIRE_ALL = process.env.DOCKET_TEST_REQUIRE_ALL === '1';
const TITLE =
  'transfer round trip PGlite → DynamoDB → PostgreSQL → backup (with documents) → restore → PGlite';

function adapterNamed(name: string): { adapter: DatastoreAdapter | null; unavailable: string | null } {
  const adapter = ADAPTERS.find((a) => a.name === name) ?? null;
  if (!adapter)
    return { adapter, unavailable: `no '${name}' adapter is registered in the conformance harness` };
  const reason = adapter.unavailableReason();
  return { adapter, unavailable: reason === null ? null : `${adapter.label}: ${reason}` };
}

const dynamodb = adapterNamed('dynamodb');
const postgres = adapterNamed('postgres');
const unavailable = [dynamodb.unavailable, postgres.unavailable].filter((r) => r !== null);

let dir: string | null = null;
const open: Datastore[] = [];

afterAll(async () => {
  for (const datastore of open.splice(0)) await datastore.close();
  if (dir !== null) await rm(dir, { recursive: true, force: true });
});

/** A datastore closed at the end of the file whatever happens, or sooner with `close`. */
function keep(datastore: Datastore): Datastore {
  open.push(datastore);
  return datastore;
}

async function close(datastore: Datastore): Promise<void> {
  open.splice(open.indexOf(datastore), 1);
  await datastore.close();
}

function copyOptions(folder: string, name: string): CopyOptions {
  return {
    sourceName: `${name} source`,
    targetName: `${name} target`,
    batchSize: 20,
    force: false,
    checkpointFile: join(folder, `${name}.checkpoint.json`),
    progress: () => {},
  };
}

/**
 * Unlocks a submitted contract that owns rates (opening them too) and undoes the unlock, so that the contract and
 * its rates hold reversed revisions (ADR 0026) for the transfers to carry. Returns the contract's id.
 */
async function undoAnUnlock(datastore: Datastore): Promise<string> {
  let chosen: Contract | null = null;
  for await (const batch of datastore.transfer.read('contracts', { batchSize: 100 })) {
    chosen ??=
      batch.records.find((c) => c.revisions.at(-1)?.submitted && c.revisions[0]?.rateLinks.length) ?? null;
  }
  if (!chosen) throw new Error('no submitted contract with rates was generated');
  const contract = chosen;
  const by: ActorRef = { userId: newId(), email: 'admin@cms.gov', name: 'Ada Admin', role: 'ADMIN' };
  const change = async (
    at: string,
    version: number,
    action: AuditEvent['action'],
    planned: ContractChange,
  ) => {
    const event: AuditEvent = {
      ...{ id: newId(), at, actor: by, action, reason: 'By mistake', stateCode: contract.stateCode },
      ...{ contractId: contract.id, revisionId: null, details: {} },
    };
    return datastore.contracts.apply(contract.id, { expectedVersion: version, at, change: planned, event });
  };
  const last = contract.revisions.at(-1)!;
  const owned = await datastore.rates.listByParent(contract.id);
  const unlocked = { at: '2026-03-01T00:00:00.000Z', by, reason: 'By mistake' };
  const opened = owned.map((rate) => ({
    rateId: rate.id,
    revision: { id: newId(), formData: rate.revisions.at(-1)!.formData },
    unlocked,
  }));
  const revision = {
    id: newId(),
    formData: upgradeContractForm(last.formData),
    rateLinks: last.rateLinks.map((l) => ({ ...l, rateRevisionId: null })),
  };
  const open = await change(unlocked.at, contract.version, 'UNLOCK', {
    kind: 'UNLOCK',
    revision,
    unlocked,
    rates: { open: opened },
  });
  const reversal = { ...unlocked, at: '2026-03-02T00:00:00.000Z' };
  const discard = opened.map((o) => ({ rateId: o.rateId, revisionId: o.revision.id, reversal }));
  const undone = await change(reversal.at, open.version, 'UNDO_UNLOCK', {
    kind: 'DISCARD_DRAFT',
    revisionId: revision.id,
    reversal,
    rates: { discard },
  });
  expect(undone.reversedRevisions.map((r) => r.id)).toEqual([revision.id]);
  return contract.id;
}

/** Assigns two reviewers to the contract, as the back office does. Returns the assignments. */
async function assignReviewers(datastore: Datastore, contractId: string): Promise<ReviewerAssignment[]> {
  const by: ActorRef = { userId: newId(), email: 'admin@cms.gov', name: 'Ada Admin', role: 'ADMIN' };
  const assignments = ['2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z'].map(
    (at, index): ReviewerAssignment => ({
      userId: newId(),
      email: `reviewer${index}@cms.gov`,
      name: `Reviewer ${index}`,
      role: 'CMS_USER',
      assignedBy: by,
      assignedAt: at,
    }),
  );
  for (const reviewer of assignments) {
    const event: AuditEvent = {
      ...{ id: newId(), at: reviewer.assignedAt, actor: by, action: 'ASSIGN_REVIEWER', reason: null },
      ...{ stateCode: null, contractId, revisionId: null, details: { userId: reviewer.userId } },
    };
    await datastore.contracts.assignReviewer(contractId, { reviewer, event });
  }
  return assignments;
}

/** The filing's reviewers, and what the reviewer's "Assigned to me" lists. */
async function expectAssigned(datastore: Datastore, contractId: string, assigned: ReviewerAssignment[]) {
  expect((await datastore.contracts.getFiling(contractId)).reviewers).toEqual(assigned);
  for (const reviewer of assigned) {
    const query: ContractListQuery = {
      ...{ view: 'LATEST', states: null, submissionTypes: null, statuses: null, programId: null },
      ...{ reviewerId: reviewer.userId, sort: { by: 'UPDATED', direction: 'DESC' } },
    };
    const page = await datastore.contracts.listContracts(query, { limit: 10 });
    expect(page.items.map((c) => c.id)).toEqual([contractId]);
  }
}

/** The reversed revisions a datastore holds for the contract and the rates it owns. */
async function reversedOf(datastore: Datastore, contractId: string) {
  const rates = await datastore.rates.listByParent(contractId);
  return {
    contract: (await datastore.contracts.get(contractId)).reversedRevisions,
    rates: rates.map((r) => r.reversedRevisions),
  };
}

/**
 * The dashboards of a datastore written by a transfer: every list holds the summary of each contract record, as
 * derived from the record itself (summaries are never carried over, only recomputed).
 */
async function expectListsSummarizeRecords(datastore: Datastore): Promise<void> {
  const records: Contract[] = [];
  for await (const batch of datastore.transfer.read('contracts', { batchSize: 100 }))
    records.push(...batch.records);
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const expected = records.map(summaryFactsOf).sort(byId);
  const listAll = async (list: (page: PageRequest) => Promise<Page<ContractSummary>>) => {
    const items: ContractSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<ContractSummary> = await list({ limit: 100, cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return items.sort(byId);
  };
  expect(await listAll((page) => datastore.contracts.listAll(page))).toEqual(expected);
  expect(await listAll((page) => datastore.contracts.listSubmitted(page))).toEqual(
    expected.filter((s) => s.submittedCount > 0),
  );
  const kinds = [expected.some((s) => s.draftOpen), expected.some((s) => s.submittedCount > 1)];
  expect(kinds, 'drafts and resubmissions among them').toEqual([true, true]);
}

/**
 * The links of every rate in a datastore written by a transfer: each rate's parent and the contracts whose
 * submissions link it, with the history the domain derives from the contract records (links are never carried
 * over, only recomputed: DynamoDB writes its link items from the records).
 */
async function expectRateLinksFollowRecords(datastore: Datastore): Promise<void> {
  const contracts = new Map<string, Contract>();
  for await (const batch of datastore.transfer.read('contracts', { batchSize: 100 }))
    for (const contract of batch.records) contracts.set(contract.id, contract);
  let linked = 0;
  for await (const batch of datastore.transfer.read('rates', { batchSize: 100 })) {
    for (const rate of batch.records) {
      const expected = [...contracts.values()]
        .map((contract) => ({ contract, submissions: rateLinkHistories(contract).get(rate.id) ?? [] }))
        .filter(
          ({ contract, submissions }) => contract.id === rate.parentContractId || submissions.length > 0,
        )
        .map(({ contract, submissions }) => ({
          id: contract.id,
          summary: summaryFactsOf(contract),
          submissions,
        }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const listed = (await datastore.rates.listLinkers(rate.id))
        .map(({ contract, submissions }) => ({ id: contract.id, summary: contract, submissions }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(listed, `linkers of rate ${rate.id}`).toEqual(expected);
      if (expected.some((l) => l.submissions.length > 0)) linked++;
    }
  }
  expect(linked, 'rates linked by submissions').toBeGreaterThan(0);
}

function hashesOf(manifest: Manifest): Record<string, [number, string]> {
  return Object.fromEntries(manifest.parts.map((p) => [p.kind, [p.records, p.contentHash]]));
}

if (unavailable.length > 0 && REQUIRE_ALL) {
  describe(TITLE, () => {
    it('needs DynamoDB Local and a PostgreSQL server', () => {
      throw new Error(`${unavailable.join('; ')}. DOCKET_TEST_REQUIRE_ALL=1 forbids skipping it.`);
    });
  });
} else {
  if (unavailable.length > 0) console.warn(`SKIPPED: ${TITLE} — ${unavailable.join('; ')}`);

  describe.skipIf(unavailable.length > 0)(TITLE, () => {
    it('gives identical content hashes at every step', { timeout: 300_000 }, async () => {
      if (!dynamodb.adapter || !postgres.adapter) throw new Error('unreachable: the adapters are available');
      const folder = await mkdtemp(join(tmpdir(), 'docket-round-trip-'));
      dir = folder;

      const pglite = keep(await openDatastore({ kind: 'pglite', dataDir: null }));
      await pglite.migrate();
      const documents = await createFileBlobStore({ dir: join(folder, 'documents') });
      await generateFilings(pglite, { contracts: 40, documents });
      const undone = await undoAnUnlock(pglite);
      const reversed = await reversedOf(pglite, undone);
      // Two versions of the email settings: both travel, and the latest stays the current one.
      await ensureDemoEmailSettings(pglite);
      const settings = await pglite.settings.updateEmailSettings({
        expectedVersion: 1,
        settings: { ...DEMO_EMAIL_SETTINGS, oactEmails: ['oact.second@cms.example'] },
        savedAt: '2026-03-04T05:06:07.089Z',
        savedBy: null,
        event: {
          id: newId(),
          at: '2026-03-04T05:06:07.089Z',
          actor: null,
          action: 'UPDATE_EMAIL_SETTINGS',
          reason: null,
          stateCode: null,
          contractId: null,
          revisionId: null,
          details: {
            'before.oactEmails': 'oact.actuaries@cms.example',
            'after.oactEmails': 'oact.second@cms.example',
          },
        },
      });
      const assigned = await assignReviewers(pglite, undone);
      expect(reversed.rates.flat().length).toBeGreaterThan(0);
      const original = await measureAll(pglite);
      expect(original.contracts.count).toBe(40);
      expect(original.rates.count).toBeGreaterThan(0);

      const dynamo = keep(await dynamodb.adapter.create());
      const intoDynamo = await copyDatastore(pglite, dynamo, copyOptions(folder, 'dynamodb'));
      expect(intoDynamo.ok).toBe(true);
      await close(pglite);
      expect(await measureAll(dynamo)).toEqual(original);
      expect(original.emailSettings.count).toBe(2);
      expect(await dynamo.settings.getEmailSettings()).toEqual(settings);
      expect(await reversedOf(dynamo, undone)).toEqual(reversed);
      await expectAssigned(dynamo, undone, assigned);
      await expectListsSummarizeRecords(dynamo);
      await expectRateLinksFollowRecords(dynamo);

      const server = keep(await postgres.adapter.create());
      const intoServer = await copyDatastore(dynamo, server, copyOptions(folder, 'postgres'));
      expect(intoServer.ok).toBe(true);
      expect(await measureAll(server)).toEqual(original);
      expect(await server.settings.getEmailSettings()).toEqual(settings);
      await expectAssigned(server, undone, assigned);
      await expectListsSummarizeRecords(server);
      await expectRateLinksFollowRecords(server);

      const archive = join(folder, 'round-trip.tar');
      const key = BackupKey.generate();
      const { manifest } = await backupDatastore(server, archive, {
        key,
        batchSize: 20,
        blobs: documents,
        progress: () => {},
      });
      expect(manifest.blobs.blobs).toBe((await blobContents(documents)).size);
      expect(manifest.source.kind).toBe('postgres');
      for (const part of manifest.parts) {
        expect([part.records, part.contentHash], part.kind).toEqual([
          original[part.kind].count,
          original[part.kind].contentHash,
        ]);
      }

      const restored = keep(await openDatastore({ kind: 'pglite', dataDir: join(folder, 'restored') }));
      await restored.migrate();
      const restoredDocuments = await createFileBlobStore({ dir: join(folder, 'restored-documents') });
      const checked = await verifyArchive(archive, { key, allowUnsigned: false, progress: () => {} });
      expect(checked.codec.sealed).toBe(true);
      const report = await restoreArchive(checked, restored, {
        batchSize: 20,
        force: false,
        blobs: restoredDocuments,
        progress: () => {},
      });
      expect(report.ok).toBe(true);
      expect(await measureAll(restored)).toEqual(original);
      expect(await reversedOf(restored, undone)).toEqual(reversed);
      await expectAssigned(restored, undone, assigned);
      await expectListsSummarizeRecords(restored);
      await expectRateLinksFollowRecords(restored);
      expect(await blobContents(restoredDocuments)).toEqual(await blobContents(documents));

      const { manifest: again } = await backupDatastore(restored, join(folder, 'again.tar'), {
        key,
        batchSize: 50,
        blobs: restoredDocuments,
        progress: () => {},
      });
      expect(hashesOf(again)).toEqual(hashesOf(manifest));
    });
  });
}
