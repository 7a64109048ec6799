import {
  assignableReviewerOf,
  NotFoundError,
  UniquenessError,
  newId,
  stateAnalystOf,
  type User,
} from '@docket/domain';
import { expect, it } from 'vitest';
import {
  allEvents,
  allPages,
  at,
  buildApply,
  buildContractInput,
  buildEvent,
  buildReviewerAssignment,
  buildUser,
  describeEachDatastore,
  freshState,
  reviewAction,
  saveDraft,
  submit,
} from './conformance';

/**
 * Reviewers assigned to a filing (`ContractStore.assignReviewer`, `unassignReviewer`) and a state's analysts
 * (`UserStore.listAnalysts`), on every adapter.
 */
describeEachDatastore('Assignments', (t) => {
  const submitted = async () => {
    const stateCode = await freshState(t.datastore);
    const created = await t.datastore.contracts.create(buildContractInput(stateCode, { at: at(1_000) }));
    return t.datastore.contracts.apply(created.id, buildApply(created, submit(created, { at: at(2_000) })));
  };
  const assignEvent = (contractId: string) =>
    buildEvent({ action: 'ASSIGN_REVIEWER', contractId, at: at(3_000), details: { userId: newId() } });

  it('assigns a reviewer with its event: on the filing, in its history and the log, the version unmoved', async () => {
    const contract = await submitted();
    const reviewer = buildReviewerAssignment({ at: at(3_000) });
    const event = assignEvent(contract.id);
    await t.datastore.contracts.assignReviewer(contract.id, { reviewer, event });

    const filing = await t.datastore.contracts.getFiling(contract.id);
    expect(filing.reviewers).toEqual([reviewer]);
    expect(filing.contract.version).toBe(contract.version);
    expect(filing.contract.updatedAt).toBe(contract.updatedAt);
    expect(filing.history.at(-1)).toEqual(event);
    expect((await allEvents(t.datastore)).find((e) => e.id === event.id)).toEqual(event);

    const second = buildReviewerAssignment({ at: at(4_000) });
    await t.datastore.contracts.assignReviewer(contract.id, {
      reviewer: second,
      event: assignEvent(contract.id),
    });
    expect((await t.datastore.contracts.getFiling(contract.id)).reviewers).toEqual([reviewer, second]);
  });

  it('takes a reviewer off with its event; a reviewer not assigned is not found', async () => {
    const contract = await submitted();
    const reviewer = buildReviewerAssignment();
    await t.datastore.contracts.assignReviewer(contract.id, { reviewer, event: assignEvent(contract.id) });
    const event = buildEvent({ action: 'UNASSIGN_REVIEWER', contractId: contract.id, at: at(5_000) });
    await t.datastore.contracts.unassignReviewer(contract.id, { userId: reviewer.userId, event });

    const filing = await t.datastore.contracts.getFiling(contract.id);
    expect(filing.reviewers).toEqual([]);
    expect(filing.history.map((e) => e.action).slice(-2)).toEqual(['ASSIGN_REVIEWER', 'UNASSIGN_REVIEWER']);
    const again = buildEvent({ action: 'UNASSIGN_REVIEWER', contractId: contract.id });
    await expect(
      t.datastore.contracts.unassignReviewer(contract.id, { userId: reviewer.userId, event: again }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await allEvents(t.datastore)).map((e) => e.id)).not.toContain(again.id);
  });

  it('refuses a contract that does not exist, writing nothing', async () => {
    const event = assignEvent(newId());
    const missing = event.contractId ?? '';
    await expect(
      t.datastore.contracts.assignReviewer(missing, { reviewer: buildReviewerAssignment(), event }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      t.datastore.contracts.assignReviewer('not-a-uuid', { reviewer: buildReviewerAssignment(), event }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await allEvents(t.datastore)).map((e) => e.id)).not.toContain(event.id);
  });

  it('assigns a reviewer once however many assign them at once: the others are REVIEWER_ALREADY_ASSIGNED', async () => {
    const contract = await submitted();
    const reviewer = buildReviewerAssignment();
    const events = Array.from({ length: 5 }, () => assignEvent(contract.id));
    const results = await Promise.allSettled(
      events.map((event) => t.datastore.contracts.assignReviewer(contract.id, { reviewer, event })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(result.reason).toBeInstanceOf(UniquenessError);
      expect(result.reason).toMatchObject({ code: 'REVIEWER_ALREADY_ASSIGNED' });
    }
    expect((await t.datastore.contracts.getFiling(contract.id)).reviewers).toEqual([reviewer]);
    const logged = (await allEvents(t.datastore)).filter((e) => events.some((x) => x.id === e.id));
    expect(logged).toHaveLength(1);
  });

  it('neither refuses nor is refused by a draft save or a review action made at the same time', async () => {
    const stateCode = await freshState(t.datastore);
    const draft = await t.datastore.contracts.create(buildContractInput(stateCode, { at: at(1_000) }));
    const contract = await submitted();
    const reviewers = [buildReviewerAssignment(), buildReviewerAssignment()];
    const [saved, decided] = await Promise.all([
      t.datastore.contracts.apply(draft.id, buildApply(draft, saveDraft(draft))),
      t.datastore.contracts.apply(
        contract.id,
        buildApply(contract, reviewAction({ action: 'APPROVE', at: at(6_000) })),
      ),
      t.datastore.contracts.assignReviewer(draft.id, {
        reviewer: reviewers[0]!,
        event: assignEvent(draft.id),
      }),
      t.datastore.contracts.assignReviewer(contract.id, {
        reviewer: reviewers[1]!,
        event: assignEvent(contract.id),
      }),
    ]);
    expect(saved.version).toBe(draft.version + 1);
    expect(decided.version).toBe(contract.version + 1);
    expect((await t.datastore.contracts.getFiling(draft.id)).reviewers).toEqual([reviewers[0]]);
    const filing = await t.datastore.contracts.getFiling(contract.id);
    expect(filing.reviewers).toEqual([reviewers[1]]);
    expect(filing.contract.reviewActions.map((a) => a.action)).toEqual(['APPROVE']);
  });

  it("lists a state's analysts: its enabled CMS users, whatever else they are assigned, by name", async () => {
    const [state, other] = [await freshState(t.datastore), await freshState(t.datastore)];
    const create = (overrides: Partial<User>) =>
      t.datastore.users.create({
        user: buildUser({ email: `analyst-${newId()}@example.test`, ...overrides }),
        passwordHash: null,
        event: buildEvent({ action: 'CREATE_USER' }),
      });
    const zed = await create({ familyName: 'Zed', givenName: 'Ann', assignedStates: [state, other] });
    const able = await create({
      familyName: 'Able',
      givenName: 'Bo',
      assignedStates: [state],
      division: null,
    });
    const approver = await create({
      role: 'CMS_APPROVER',
      familyName: 'Mid',
      givenName: 'Cy',
      assignedStates: [state],
      division: 'OACT',
    });
    await create({ familyName: 'Off', assignedStates: [state], disabled: true });
    await create({ familyName: 'Elsewhere', assignedStates: [other] });
    await create({ role: 'HELPDESK', familyName: 'Desk', division: null, assignedStates: [state] });

    expect(await t.datastore.users.listAnalysts(state)).toEqual([able, approver, zed].map(stateAnalystOf));
    expect((await t.datastore.users.listAnalysts(other)).map((a) => a.userId).sort()).toHaveLength(2);
    expect(await t.datastore.users.listAnalysts(await freshState(t.datastore))).toEqual([]);
  });

  it('lists the reviewers that may be assigned: enabled CMS users and approvers, by email, page by page', async () => {
    const tag = newId().slice(0, 8);
    const create = (name: string, overrides: Partial<User>) =>
      t.datastore.users.create({
        user: buildUser({ email: `${name}-${tag}@example.test`, ...overrides }),
        passwordHash: null,
        event: buildEvent({ action: 'CREATE_USER' }),
      });
    const b = await create('b', {});
    const a = await create('a', { role: 'CMS_APPROVER', assignedStates: [] });
    const c = await create('c', { division: null });
    await create('d', { disabled: true });
    await create('e', { role: 'ADMIN', division: null, assignedStates: [] });
    await create('f', { role: 'STATE_USER', stateCode: 'MN', division: null, assignedStates: [] });

    const listed = await allPages((page) => t.datastore.users.listAssignableReviewers(page), 2);
    expect(new Set(listed.map((r) => r.userId)).size).toBe(listed.length);
    const emails = listed.map((r) => r.email);
    expect(emails).toEqual([...emails].sort());
    expect(listed.filter((r) => r.email.endsWith(`-${tag}@example.test`))).toEqual(
      [a, b, c].map(assignableReviewerOf),
    );
  });
});
