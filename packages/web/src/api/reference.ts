import { programViewSchema, type ProgramView } from '@docket/domain';
import { z } from 'zod';
import { request } from './client';

const programListSchema = z.array(programViewSchema);

/** Every program of a state, retired ones included (they stay visible on filings that chose them). */
export function statePrograms(stateCode: string): Promise<ProgramView[]> {
  return request('GET', `/api/states/${encodeURIComponent(stateCode)}/programs`, {
    schema: programListSchema,
  });
}
