import { z } from 'zod';
import programsFile from '../../../data/state-programs.json';
import statesFile from '../../../data/states.json';
import { recordIdSchema } from './record-fields';

/** A US state, DC or territory, as filed under. */
export const stateSchema = z.object({
  code: z.string().min(1),
  name: z.string(),
});
export type State = z.infer<typeof stateSchema>;

/** A managed-care program of one state. Programs are never deleted; a deprecated one cannot be chosen anew. */
export const programSchema = z.object({
  id: recordIdSchema,
  stateCode: z.string().min(1),
  name: z.string(),
  fullName: z.string(),
  isRateProgram: z.boolean(),
  isDeprecated: z.boolean(),
});
export type Program = z.infer<typeof programSchema>;

/** The 56 state and territory codes with their names, sorted by name. */
export const STATES: readonly State[] = Object.freeze(
  statesFile.states.map((s) => ({ code: s.code, name: s.name })).sort((a, b) => a.name.localeCompare(b.name)),
);

const STATE_BY_CODE = new Map(STATES.map((s) => [s.code, s]));

export const STATE_CODES: readonly string[] = STATES.map((s) => s.code);

export function isStateCode(code: string): boolean {
  return STATE_BY_CODE.has(code);
}

export function stateName(code: string): string | undefined {
  return STATE_BY_CODE.get(code)?.name;
}

/** Every program of the reference file, each tagged with its state. */
export const REFERENCE_PROGRAMS: readonly Program[] = Object.freeze(
  programsFile.states.flatMap((s) =>
    s.programs.map((p) => ({
      id: p.id,
      stateCode: s.code,
      name: p.name,
      fullName: p.fullName,
      isRateProgram: p.isRateProgram,
      isDeprecated: p.isDeprecated,
    })),
  ),
);

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Whether `phrase` stands in `text` as whole words, ignoring case ("PH" in "Turquoise Care PH", not "ACC" in "Accountable"). */
function containsWords(text: string, phrase: string): boolean {
  const haystack = text.toLowerCase();
  const needle = phrase.toLowerCase();
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? ' ';
    const after = haystack[at + needle.length] ?? ' ';
    if (!WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after)) return true;
  }
  return false;
}

/**
 * How a program is shown to people: its full name with the nickname that generated names use, "Prepaid Medical
 * Assistance Program (PMAP)", or only the one of the two that already says the other ("FIDE D-SNP", "Turquoise
 * Care PH", "Vital Government Health Plan"). Deprecated ones carry "(retired)".
 */
export function programLabel(program: Pick<Program, 'name' | 'fullName' | 'isDeprecated'>): string {
  const { name, fullName } = program;
  const named = containsWords(fullName, name)
    ? fullName
    : containsWords(name, fullName)
      ? name
      : `${fullName} (${name})`;
  return `${named}${program.isDeprecated ? ' (retired)' : ''}`;
}
