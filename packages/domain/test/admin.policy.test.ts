import { describe, expect, it } from 'vitest';
import { ADMIN_ACTIONS, adminAbilities, canAdminister, ROLES, type AdminAction, type Role } from '../src';

/** The back office's table, written out: a change to who may do what must change this table too. */
const TABLE: Record<AdminAction, Record<Role, boolean>> = {
  VIEW_USERS: row({ ADMIN: true, HELPDESK: true }),
  MANAGE_USERS: row({ ADMIN: true }),
  EDIT_ASSIGNMENTS: row({ ADMIN: true, HELPDESK: true }),
  END_USER_SESSIONS: row({ ADMIN: true }),
  ASSIGN_REVIEWERS: row({ CMS_USER: true, CMS_APPROVER: true, ADMIN: true, HELPDESK: true }),
  VIEW_AUDIT_LOG: row({ ADMIN: true }),
  VIEW_EMAIL_SETTINGS: row({ ADMIN: true, HELPDESK: true }),
  EDIT_EMAIL_SETTINGS: row({ ADMIN: true }),
};

function row(allowed: Partial<Record<Role, true>>): Record<Role, boolean> {
  return Object.fromEntries(ROLES.map((role) => [role, allowed[role] ?? false])) as Record<Role, boolean>;
}

describe('who may run the back office', () => {
  for (const action of ADMIN_ACTIONS) {
    for (const role of ROLES) {
      const expected = TABLE[action][role];
      it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(canAdminister({ role, disabled: false }, action)).toBe(expected);
        expect(adminAbilities({ role, disabled: false }).includes(action)).toBe(expected);
      });
    }
  }

  it('lets a disabled user do nothing, whatever the role', () => {
    for (const role of ROLES) expect(adminAbilities({ role, disabled: true })).toEqual([]);
  });
});
