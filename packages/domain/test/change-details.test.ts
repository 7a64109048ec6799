import { describe, expect, it } from 'vitest';
import { auditEventSchema, changeDetails, changesOf, listValue } from '../src';

describe('the details of a change', () => {
  it('keeps the prior and the new value of each changed field, and leaves equal fields out', () => {
    const details = changeDetails(
      { role: 'CMS_USER', division: null, assignedStates: listValue(['WI', 'MN']), disabled: false },
      { role: 'CMS_APPROVER', division: 'DMCO', assignedStates: listValue(['MN', 'WI']), disabled: false },
    );
    expect(details).toEqual({
      'before.role': 'CMS_USER',
      'after.role': 'CMS_APPROVER',
      'before.division': null,
      'after.division': 'DMCO',
    });
    expect(changesOf(details)).toEqual([
      { field: 'division', before: null, after: 'DMCO' },
      { field: 'role', before: 'CMS_USER', after: 'CMS_APPROVER' },
    ]);
  });

  it('reads a field present on one side only as null on the other', () => {
    expect(changesOf(changeDetails({}, { helpDeskEmail: 'help@cms.example' }))).toEqual([
      { field: 'helpDeskEmail', before: null, after: 'help@cms.example' },
    ]);
  });

  it('finds no change in details that record none, and its details are valid event details', () => {
    expect(changesOf({ userId: 'u1', email: 'a@b.example' })).toEqual([]);
    const event = {
      id: '00000000-0000-4000-8000-000000000001',
      at: '2026-01-01T00:00:00.000Z',
      actor: null,
      action: 'UPDATE_USER',
      reason: null,
      stateCode: null,
      contractId: null,
      revisionId: null,
      details: { userId: 'u1', ...changeDetails({ familyName: 'Lee' }, { familyName: 'Li' }) },
    };
    expect(auditEventSchema.parse(event).details).toEqual(event.details);
  });
});
