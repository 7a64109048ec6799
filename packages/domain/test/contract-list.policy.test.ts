import { describe, expect, it } from 'vitest';
import {
  canonicalContractListQuery,
  contractListQueryFor,
  ForbiddenError,
  ROLES,
  seesWorkInProgress,
  type ContractListRequest,
  type Role,
} from '../src';
import { buildUser, userWithRole } from '../src/testing';

/**
 * What a dashboard request becomes for each user (DOMAIN §2, §6): the view the rows are shown in, and the states
 * narrowed to the ones the user may list.
 */

const ANYTHING: ContractListRequest = {
  states: null,
  mine: false,
  submissionTypes: null,
  statuses: null,
  programId: null,
  sort: { by: 'UPDATED', direction: 'DESC' },
};

/** Every role's view, written out from DOMAIN §2: the state and the read-everything roles see drafts. */
const VIEWS: Record<Role, 'LATEST' | 'SUBMITTED'> = {
  STATE_USER: 'LATEST',
  CMS_USER: 'SUBMITTED',
  CMS_APPROVER: 'SUBMITTED',
  ADMIN: 'LATEST',
  HELPDESK: 'LATEST',
  READONLY: 'LATEST',
};

describe('contractListQueryFor', () => {
  it.each(ROLES.map((role) => [role]))('gives %s the view its rows are shown in', (role) => {
    const user = userWithRole(role);
    const query = contractListQueryFor(user, ANYTHING);
    expect(query?.view).toBe(VIEWS[role]);
    // The same rule as the row's slice: a view never shows what the row would hide.
    expect(query?.view === 'LATEST').toBe(seesWorkInProgress(user, 'MN'));
  });

  it('keeps a state user to its own state, and refuses another one instead of listing nothing', () => {
    const mn = userWithRole('STATE_USER', 'MN');
    expect(contractListQueryFor(mn, ANYTHING)?.states).toEqual(['MN']);
    expect(contractListQueryFor(mn, { ...ANYTHING, states: ['MN'], mine: true })?.states).toEqual(['MN']);
    expect(() => contractListQueryFor(mn, { ...ANYTHING, states: ['WI'] })).toThrow(ForbiddenError);
    expect(() => contractListQueryFor(mn, { ...ANYTHING, states: ['MN', 'WI'] })).toThrow(ForbiddenError);
  });

  it("narrows a reviewer's states to the assigned ones with 'mine'", () => {
    const reviewer = buildUser({
      role: 'CMS_USER',
      stateCode: null,
      division: 'DMCO',
      assignedStates: ['MN', 'WI'],
    });
    expect(contractListQueryFor(reviewer, { ...ANYTHING, mine: true })?.states).toEqual(['MN', 'WI']);
    expect(contractListQueryFor(reviewer, { ...ANYTHING, mine: true, states: ['WI', 'FL'] })?.states).toEqual(
      ['WI'],
    );
    expect(contractListQueryFor(reviewer, { ...ANYTHING, states: ['FL'] })?.states).toEqual(['FL']);
    const unassigned = buildUser({ role: 'CMS_USER', stateCode: null, division: 'DMCO', assignedStates: [] });
    expect(contractListQueryFor(unassigned, { ...ANYTHING, mine: true })?.states).toEqual([]);
  });

  it('lists nothing for a disabled user or a state user without a state', () => {
    expect(
      contractListQueryFor(buildUser({ role: 'ADMIN', stateCode: null, disabled: true }), ANYTHING),
    ).toBeNull();
    expect(contractListQueryFor(buildUser({ role: 'STATE_USER', stateCode: null }), ANYTHING)).toBeNull();
  });

  it('keeps the filters and the order as asked', () => {
    const asked: ContractListRequest = {
      ...ANYTHING,
      submissionTypes: ['CONTRACT_ONLY'],
      statuses: ['UNLOCKED', 'SUBMITTED'],
      programId: 'program-1',
      sort: { by: 'NAME', direction: 'ASC' },
    };
    expect(contractListQueryFor(userWithRole('ADMIN'), asked)).toEqual({
      view: 'LATEST',
      states: null,
      submissionTypes: ['CONTRACT_ONLY'],
      statuses: ['UNLOCKED', 'SUBMITTED'],
      programId: 'program-1',
      sort: { by: 'NAME', direction: 'ASC' },
    });
  });
});

describe('canonicalContractListQuery', () => {
  it('sorts each filter and keeps each value once, so equal views compare equal', () => {
    const query = contractListQueryFor(userWithRole('ADMIN'), {
      ...ANYTHING,
      states: ['WI', 'MN', 'WI'],
      statuses: ['SUBMITTED', 'DRAFT'],
    });
    if (query === null) throw new Error('no query');
    expect(canonicalContractListQuery(query)).toMatchObject({
      states: ['MN', 'WI'],
      statuses: ['DRAFT', 'SUBMITTED'],
    });
  });
});
