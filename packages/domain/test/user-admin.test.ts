import { describe, expect, it } from 'vitest';
import { buildUser } from '../src/testing';
import { editUser, matchesUserSearch, mayEditUser, userChangeDetails, userEditSchema, ROLES } from '../src';

const admin = { role: 'ADMIN' as const, disabled: false };
const helpdesk = { role: 'HELPDESK' as const, disabled: false };

describe('editing a user', () => {
  const cms = buildUser({ role: 'CMS_USER', stateCode: null, division: 'DMCO', assignedStates: ['MN'] });

  it('changes the fields named, one version on, and leaves the others', () => {
    const edit = userEditSchema.parse({ version: 1, givenName: ' Rita ', assignedStates: ['WI'] });
    expect(editUser(admin, cms, edit)).toEqual({
      ...cms,
      givenName: 'Rita',
      assignedStates: ['WI'],
      version: 2,
    });
  });

  it('drops what a new role cannot hold, and refuses what it lacks', () => {
    const readonly = editUser(admin, cms, userEditSchema.parse({ version: 1, role: 'READONLY' }));
    expect(readonly).toMatchObject({ role: 'READONLY', division: null, assignedStates: [] });
    expect(() => editUser(admin, cms, userEditSchema.parse({ version: 1, role: 'STATE_USER' }))).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        issues: [expect.objectContaining({ path: ['stateCode'] })],
      }),
    );
    const state = editUser(
      admin,
      cms,
      userEditSchema.parse({ version: 1, role: 'STATE_USER', stateCode: 'IA' }),
    );
    expect(state).toMatchObject({ role: 'STATE_USER', stateCode: 'IA', division: null, assignedStates: [] });
  });

  it('refuses an unknown field, a state listed twice, and an unknown state', () => {
    expect(userEditSchema.safeParse({ version: 1, password: 'x' }).success).toBe(false);
    expect(userEditSchema.safeParse({ version: 1, assignedStates: ['ZZ'] }).success).toBe(false);
    expect(() =>
      editUser(admin, cms, userEditSchema.parse({ version: 1, assignedStates: ['MN', 'MN'] })),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('lets the help desk change only the assignments of CMS users', () => {
    expect(mayEditUser(helpdesk, cms, ['division', 'assignedStates'])).toBe(true);
    expect(mayEditUser(helpdesk, cms, ['role'])).toBe(false);
    expect(mayEditUser(helpdesk, buildUser({ role: 'STATE_USER' }), ['assignedStates'])).toBe(false);
    expect(() => editUser(helpdesk, cms, userEditSchema.parse({ version: 1, givenName: 'X' }))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    for (const role of ROLES.filter((r) => r !== 'ADMIN' && r !== 'HELPDESK')) {
      expect(mayEditUser({ role, disabled: false }, cms, ['division']), role).toBe(false);
    }
    expect(mayEditUser({ role: 'ADMIN', disabled: true }, cms, ['division'])).toBe(false);
  });

  it('records the prior and new values of what changed, never a password', () => {
    const after = { ...cms, assignedStates: ['WI', 'MN'], disabled: true };
    expect(userChangeDetails(cms, after)).toEqual({
      userId: cms.id,
      'before.assignedStates': 'MN',
      'after.assignedStates': 'MN, WI',
      'before.disabled': false,
      'after.disabled': true,
    });
  });
});

describe('searching users', () => {
  const user = buildUser({
    email: 'rita.reviewer@cms.example',
    givenName: 'Rita',
    familyName: 'Reviewer',
    role: 'CMS_USER',
    stateCode: null,
    division: 'OACT',
    assignedStates: ['MN', 'WI'],
  });

  it.each([
    [{}, true],
    [{ text: 'REVIEWER@' }, true],
    [{ text: 'rita reviewer' }, true],
    [{ text: 'view' }, true],
    [{ text: 'bob' }, false],
    [{ state: 'WI' }, true],
    [{ state: 'IA' }, false],
    [{ role: 'CMS_USER' as const, division: 'OACT' as const, disabled: false }, true],
    [{ division: 'DMCO' as const }, false],
    [{ disabled: true }, false],
  ])('%j matches: %s', (search, expected) => {
    expect(matchesUserSearch(user, search)).toBe(expected);
  });
});
