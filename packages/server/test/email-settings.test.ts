import {
  EVERY_EVENT,
  type EmailSettings,
  type EmailSettingsChangeView,
  type EmailSettingsView,
  type FieldIssue,
} from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const FILLED: EmailSettings = {
  reviewTeamEmails: ['review.one@cms.example', 'review.two@cms.example'],
  dmcoEmails: ['dmco@cms.example'],
  dmcpReviewEmails: [],
  dmcpSubmissionEmails: ['dmcp.submissions@cms.example'],
  oactEmails: ['oact@cms.example'],
  senderEmail: 'docket@cms.example',
  helpDeskEmail: 'help@cms.example',
  cmsReviewHelpEmail: null,
  cmsRateHelpEmail: null,
};

describe('email settings over HTTP', () => {
  it('lets an admin save versions, folds duplicates and case, and keeps the history with each change', async () => {
    const admin = await t.loginAs('ADMIN');
    const current = (await admin.get('/api/settings/email')).json<EmailSettingsView>();
    expect(current).toMatchObject({ canEdit: true });

    const first = await admin.put('/api/settings/email', {
      version: current.version,
      settings: {
        ...FILLED,
        reviewTeamEmails: ['  Review.One@CMS.example ', 'review.one@cms.example', 'review.two@cms.example'],
      },
    });
    expect(first.statusCode, first.body).toBe(200);
    const saved = first.json<EmailSettingsView>();
    expect(saved).toMatchObject({ version: current.version + 1, settings: FILLED, canEdit: true });
    expect(saved.savedBy?.userId).toBe(admin.session.user.id);
    expect((await admin.get('/api/settings/email')).json()).toEqual(saved);

    const second = await admin.put('/api/settings/email', {
      version: saved.version,
      settings: { ...FILLED, dmcoEmails: [...FILLED.dmcoEmails, 'dmco.two@cms.example'], helpDeskEmail: '' },
    });
    expect(second.statusCode, second.body).toBe(200);

    const history = (await admin.get('/api/settings/email/history?limit=1')).json<{
      items: EmailSettingsChangeView[];
      nextCursor: string | null;
    }>();
    expect(history.items).toEqual([
      {
        version: saved.version + 1,
        savedAt: expect.any(String),
        savedBy: expect.objectContaining({ userId: admin.session.user.id }),
        changes: [
          {
            field: 'dmcoEmails',
            before: 'dmco@cms.example',
            after: 'dmco.two@cms.example, dmco@cms.example',
          },
          { field: 'helpDeskEmail', before: 'help@cms.example', after: null },
        ],
      },
    ]);
    expect(history.nextCursor).not.toBeNull();

    const events = await t.datastore.events.query(
      { ...EVERY_EVENT, actorId: admin.session.user.id, actions: ['UPDATE_EMAIL_SETTINGS'] },
      { limit: 10 },
    );
    expect(events.items[0]?.details).toEqual({
      'before.dmcoEmails': 'dmco@cms.example',
      'after.dmcoEmails': 'dmco.two@cms.example, dmco@cms.example',
      'before.helpDeskEmail': 'help@cms.example',
      'after.helpDeskEmail': null,
    });
  });

  it('refuses a bad address with 400 naming its list and line, and a stale version with 409', async () => {
    const admin = await t.loginAs('ADMIN');
    const { version } = (await admin.get('/api/settings/email')).json<EmailSettingsView>();
    const bad = await admin.put('/api/settings/email', {
      version,
      settings: { ...FILLED, oactEmails: ['oact@cms.example', 'not an address'], senderEmail: 'nope' },
    });
    const problem = expectProblem(bad, 400, 'VALIDATION_FAILED');
    const paths = (problem.issues ?? []).map((issue: FieldIssue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['settings.oactEmails.1', 'settings.senderEmail']));
    expect((await admin.get('/api/settings/email')).json<EmailSettingsView>().version).toBe(version);

    expect((await admin.put('/api/settings/email', { version, settings: FILLED })).statusCode).toBe(200);
    expectProblem(
      await admin.put('/api/settings/email', { version, settings: FILLED }),
      409,
      'VERSION_CONFLICT',
    );
  });

  it('lets the help desk read but not save, and nobody else read', async () => {
    const desk = await t.loginAs('HELPDESK');
    const view = await desk.get('/api/settings/email');
    expect(view.statusCode).toBe(200);
    expect(view.json<EmailSettingsView>().canEdit).toBe(false);
    expect((await desk.get('/api/settings/email/history')).statusCode).toBe(200);
    const { version } = view.json<EmailSettingsView>();
    expectProblem(await desk.put('/api/settings/email', { version, settings: FILLED }), 403, 'FORBIDDEN');
    for (const role of ['STATE_USER', 'CMS_USER', 'CMS_APPROVER', 'READONLY'] as const) {
      const other = await t.loginAs(role, role === 'STATE_USER' ? { state: 'MN' } : {});
      expectProblem(await other.get('/api/settings/email'), 403, 'FORBIDDEN');
      expectProblem(await other.get('/api/settings/email/history'), 403, 'FORBIDDEN');
    }
    expectProblem(await t.anonymous.get('/api/settings/email'), 401, 'UNAUTHENTICATED');
  });
});
