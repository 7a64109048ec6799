import {
  checkFilingForSubmit,
  contractFormDraftSchema,
  createContractRequestSchema,
  PROVISIONS,
  rateFormDraftSchema,
  REFERENCE_PROGRAMS,
  saveDraftRequestSchema,
  zodIssues,
  type ContractFormData,
  type FilingRate,
  type Program,
  type RateFormData,
} from '@docket/domain';
import { z } from 'zod';
import type { FilingDraft } from '../forms/filing-draft';
import { documentRef } from './views';

/**
 * The issue paths a filing can be refused on, found by asking the domain rather than listing them by hand: every
 * answer the schemas hold is changed, one at a time, to values that break a rule, and the paths the domain's
 * submit check and the save request's schema report are collected. For the web app's tests (pure logic only).
 */

type Path = (string | number)[];

/** Every answer a schema holds: objects by key, lists as a whole and at their first item, unions by option. */
export function schemaLeaves(schema: z.ZodType, path: Path = []): { path: Path; schema: z.ZodType }[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return schemaLeaves(schema.unwrap() as z.ZodType, path);
  }
  if (schema instanceof z.ZodPipe) return schemaLeaves(schema.in as z.ZodType, path);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, inner]) =>
      schemaLeaves(inner, [...path, key]),
    );
  }
  if (schema instanceof z.ZodArray) {
    return [{ path, schema }, ...schemaLeaves(schema.element as z.ZodType, [...path, 0])];
  }
  if (schema instanceof z.ZodUnion) {
    return (schema.options as z.ZodType[]).flatMap((option) => schemaLeaves(option, path));
  }
  return [{ path, schema }];
}

/** A copy of `value` with the answer at `path` replaced (removed when `next` is undefined). */
export function withAnswer(value: unknown, path: Path, next: unknown): unknown {
  const copy: unknown = structuredClone(value);
  let at: unknown = copy;
  for (const segment of path.slice(0, -1)) {
    if (typeof at !== 'object' || at === null) return copy;
    at = (at as Record<string | number, unknown>)[segment];
  }
  const last = path.at(-1);
  if (typeof at !== 'object' || at === null || last === undefined) return copy;
  const holder = at as Record<string | number, unknown>;
  if (!(last in holder) && Array.isArray(holder)) return copy;
  if (next === undefined && !Array.isArray(holder)) delete holder[last];
  else holder[last] = next;
  return copy;
}

function answerAt(value: unknown, path: Path): unknown {
  let at = value;
  for (const segment of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[segment];
  }
  return at;
}

const MN_PROGRAMS = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');
const RETIRED: Program = {
  id: '0e2ed5a8-8f7a-4b54-9c3e-6d2f6a1b9c01',
  stateCode: 'MN',
  name: 'OLDPLAN',
  fullName: 'A retired plan',
  isRateProgram: true,
  isDeprecated: true,
};
/** Minnesota's programs and one retired one. */
export const PROGRAMS: readonly Program[] = [...MN_PROGRAMS, RETIRED];
const [FIRST, SECOND] = MN_PROGRAMS.map((p) => p.id);
const UNKNOWN_PROGRAM = '9a0b6c1e-2f3d-4e5a-8b7c-1d2e3f4a5b6c';
export const TODAY = '2026-06-01';

const actuary = (name: string, firm: 'MERCER' | 'OTHER') => ({
  name,
  titleRole: 'Actuary',
  email: `${name.toLowerCase()}@firm.example`,
  actuarialFirm: firm,
  actuarialFirmOther: firm === 'OTHER' ? 'Small Firm LLC' : '',
});

function completeRate(tag: string): RateFormData {
  return rateFormDraftSchema.parse({
    rateDocuments: [documentRef(`${tag}-certification.pdf`, 'a')],
    supportingDocuments: [documentRef(`${tag}-tables.csv`, 'b'), documentRef(`${tag}-notes.pdf`, 'c')],
    rateProgramIDs: [FIRST, SECOND],
    rateType: 'AMENDMENT',
    rateCapitationType: 'RATE_CELL',
    rateDateStart: '2026-01-01',
    rateDateEnd: '2026-12-31',
    rateDateCertified: '2025-11-14',
    amendmentEffectiveDateStart: '2026-03-01',
    amendmentEffectiveDateEnd: '2026-12-31',
    rateMedicaidPopulations: ['MEDICAID_ONLY', 'MEDICARE_MEDICAID_WITH_DSNP'],
    certifyingActuaryContacts: [actuary('Olu', 'OTHER'), actuary('Ines', 'MERCER')],
    addtlActuaryContacts: [actuary('Rafa', 'OTHER'), actuary('Kim', 'MERCER')],
    actuaryCommunicationPreference: 'OACT_TO_STATE',
  });
}

/**
 * A filing that passes the submit check and shows every question the form can ask: a Medicaid amendment with
 * rates, D-SNP, not compliant (so the description is asked), two of everything that is a list.
 */
export function completeFiling(): { form: ContractFormData; rates: RateFormData[] } {
  const form = contractFormDraftSchema.parse({
    populationCovered: 'MEDICAID',
    programIDs: [FIRST, SECOND],
    submissionType: 'CONTRACT_AND_RATES',
    contractType: 'AMENDMENT',
    riskBasedContract: true,
    submissionDescription: 'An amendment with rates.',
    stateContacts: [
      { givenName: 'Ann', familyName: 'Lee', titleRole: 'Analyst', email: 'ann@state.example' },
      { givenName: 'Bo', familyName: 'Ek', titleRole: 'Manager', email: 'bo@state.example' },
    ],
    contractDetails: {
      contractDocuments: [documentRef('contract.pdf', 'd'), documentRef('amendment.pdf', 'e')],
      supportingDocuments: [documentRef('letter.pdf', 'f'), documentRef('tables.xlsx', '1')],
      contractExecutionStatus: 'EXECUTED',
      contractDateStart: '2026-01-01',
      contractDateEnd: '2026-12-31',
      managedCareEntities: ['MCO', 'PIHP'],
      federalAuthorities: ['STATE_PLAN', 'WAIVER_1915B'],
      dsnpContract: true,
      statutoryRegulatoryAttestation: false,
      statutoryRegulatoryAttestationDescription: 'One clause is still being negotiated.',
      provisions: Object.fromEntries(PROVISIONS.map((p) => [p, false])),
    },
  });
  return { form, rates: [completeRate('first'), completeRate('second')] };
}

/** The complete filing as the editor holds it. */
export function completeDraft(): FilingDraft {
  const { form, rates } = completeFiling();
  return {
    form,
    rates: rates.map((formData, index) => ({
      kind: 'NEW',
      key: `rate-${index}`,
      rateId: `10000000-0000-4000-8000-00000000000${index}`,
      formData,
    })),
  };
}

/** The filing's answers as one object, rates beside the contract's, addressed as issues address them. */
const filingSchema = contractFormDraftSchema.extend({ rates: z.array(rateFormDraftSchema) });
type FilingAnswers = z.output<typeof filingSchema>;

/** Values that keep a draft well-typed but may break a rule of submitting. */
function submitBreakers(leaf: z.ZodType, current: unknown): unknown[] {
  const values: unknown[] = [undefined, '', ' ', 'x'.repeat(5000), 'not-an-email', true, false];
  values.push('1900-01-01', '2999-12-31', [], [UNKNOWN_PROGRAM], [RETIRED.id]);
  if (leaf instanceof z.ZodEnum) values.push(...(leaf.options as unknown[]));
  if (Array.isArray(current) && current.length > 0) values.push([...current, current[0]]);
  return values;
}

function checkIssuePaths(answers: FilingAnswers, rateIds: readonly string[]): Path[] {
  const { rates, ...form } = answers;
  const filingRates: FilingRate[] = rates.map((formData, index) => ({
    rateId: rateIds[index] ?? `rate-${index}`,
    owned: true,
    formData,
  }));
  const check = checkFilingForSubmit({
    form,
    rates: filingRates,
    statePrograms: PROGRAMS,
    previouslyChosen: [],
    today: TODAY,
  });
  return check.ok ? [] : check.issues.map((i) => i.path);
}

/** Every path the submit check reports when any one answer of a complete filing breaks a rule. */
export function submitCheckPaths(): Path[] {
  const { form, rates } = completeFiling();
  const base: FilingAnswers = { ...form, rates };
  if (checkIssuePaths(base, ['r0', 'r1']).length > 0) throw new Error('the complete filing does not pass');
  const found = new Map<string, Path>();
  for (const leaf of schemaLeaves(filingSchema)) {
    for (const value of submitBreakers(leaf.schema, answerAt(base, leaf.path))) {
      const parsed = filingSchema.safeParse(withAnswer(base, leaf.path, value));
      if (!parsed.success) continue;
      // A rate listed twice is the same rate, with the same id.
      const twice = leaf.path.length === 1 && leaf.path[0] === 'rates' && parsed.data.rates.length === 3;
      const ids = twice ? ['r0', 'r1', 'r0'] : ['r0', 'r1', 'r2'];
      for (const path of checkIssuePaths(parsed.data, ids)) found.set(JSON.stringify(path), path);
    }
  }
  return [...found.values()];
}

/** Values the save request's schema refuses. */
function schemaBreakers(current: unknown): unknown[] {
  const values: unknown[] = [42, 'x'.repeat(5000), 'not-valid', null, {}, [42], 'Z'];
  if (Array.isArray(current) && current.length > 0)
    values.push(Array.from({ length: 300 }, () => current[0]));
  return values;
}

/** A save request of the complete filing: a new rate not saved yet, one saved, and a linked one. */
function saveRequest(): unknown {
  const { form, rates } = completeFiling();
  return {
    version: 3,
    formData: form,
    rates: [
      { kind: 'NEW', rateId: null, formData: rates[0] },
      { kind: 'NEW', rateId: '10000000-0000-4000-8000-000000000001', formData: rates[1] },
      { kind: 'LINKED', rateId: '10000000-0000-4000-8000-000000000002' },
    ],
  };
}

/**
 * Every path the server's schemas answer 400 on, for a save (`PUT …/draft`) or a create (`POST /api/contracts`),
 * as the request body addresses them (`formData.…`, `rates.{i}.formData.…`).
 */
export function saveSchemaPaths(): Path[] {
  const found = new Map<string, Path>();
  const requests: [z.ZodType, unknown][] = [
    [saveDraftRequestSchema, saveRequest()],
    [createContractRequestSchema, { formData: completeFiling().form }],
  ];
  for (const [schema, body] of requests) {
    if (!schema.safeParse(body).success) throw new Error('the complete save request does not parse');
    for (const leaf of schemaLeaves(schema)) {
      for (const value of schemaBreakers(answerAt(body, leaf.path))) {
        const parsed = schema.safeParse(withAnswer(body, leaf.path, value));
        if (parsed.success) continue;
        for (const issue of zodIssues(parsed.error)) found.set(JSON.stringify(issue.path), issue.path);
      }
    }
  }
  return [...found.values()];
}
