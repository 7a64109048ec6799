import type { Program } from './reference-data';

/**
 * The generated name of a contract submission: `MCR-{ST}-{number padded to 4}-{PROGRAM NAMES joined by -}`,
 * program nicknames as they are (`MSC+` stays `MSC+`), sorted so that the same choice always gives the same name
 * (e.g. `MCR-MN-0005-MSHO-SNBC`).
 */
export function contractName(
  stateCode: string,
  stateNumber: number,
  programs: readonly Pick<Program, 'name'>[],
): string {
  const names = programs.map((p) => p.name.trim().replace(/\s+/g, '-')).sort();
  return ['MCR', stateCode, String(stateNumber).padStart(4, '0'), ...names].join('-');
}
