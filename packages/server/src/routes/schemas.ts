import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { User } from '@docket/domain';
import { MAX_PAGE_SIZE } from '@docket/store';
import { contractEtag, presentContract } from '../presenters/contract.presenter';
import type { ContractDetails } from '../use-cases/contract-access';
import type { WriteBasis } from '../use-cases/contract-write';

/** Pieces shared by the contract routes. */

/** A page of a list: where it starts and how long it is. */
export const listQuery = z.object({
  cursor: z
    .string()
    .optional()
    .describe('The `nextCursor` of the previous page; any other value answers 400 `INVALID_CURSOR`'),
  limit: z.coerce
    .number({ error: 'Must be a number' })
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(25)
    .describe(`Page size, 1 to ${MAX_PAGE_SIZE}`),
});

/** A state named in a path, in any case. */
export const stateCodeParams = z.object({
  code: z
    .string()
    .max(10)
    .transform((code) => code.toUpperCase())
    .describe('Two-letter state or territory code, such as MN'),
});

export const contractIdParams = z.object({
  id: z.string().min(1).max(100).describe('The contract id (a UUID)'),
});

const IF_MATCH = /^(?:\*|(?:W\/)?"(\d{1,15})")$/;

/** Contract writes may be made conditional with `If-Match: "<version>"` (the `ETag` of `GET`). */
export const ifMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .regex(IF_MATCH, 'Use If-Match: "<version>", as sent in the ETag header')
    .optional()
    .describe('Optional: the `ETag` the change is based on; a stale one answers 412'),
});

/** The version an `If-Match` header requires, or null (absent or `*`). */
export function preconditionOf(ifMatch: string | undefined): number | null {
  const version = ifMatch?.match(IF_MATCH)?.[1];
  return version === undefined ? null : Number(version);
}

export function writeBasis(id: string, version: number, ifMatch: string | undefined): WriteBasis {
  return { contractId: id, version, precondition: preconditionOf(ifMatch) };
}

/** Presents a contract for its reader and sets its `ETag`. */
export function contractReply(reply: FastifyReply, details: ContractDetails, user: User) {
  reply.header('etag', contractEtag(details.contract));
  return presentContract(details, user);
}
