import type { ContractView, FieldIssue, ProgramView } from '@docket/domain';
import { latestUsToday } from '@docket/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { errorMessage, isApiError } from '../api/client';
import { useUnsavedChanges } from '../hooks/use-unsaved-changes';
import { createContract, performContractAction, saveDraft } from '../api/contracts';
import type { ConfirmOutcome } from '../components/confirm-dialog';
import { focusField } from '../components/error-summary';
import {
  draftFromContract,
  emptyDraft,
  previouslyChosenPrograms,
  sameAnswers,
  toSaveRequest,
  withSavedRateIds,
  type FilingDraft,
} from '../forms/filing-draft';
import {
  filingIssues,
  nextStep,
  previousStep,
  stepIssues,
  stepsFor,
  withRefusals,
  type CheckContext,
  type StepId,
} from '../forms/filing-steps';
import { refusalsOf, standingRefusals, type Refusal } from '../forms/refusals';
import type { SummaryFlash } from '../pages/summary-flash';
import { readEditorFlash, stepPath } from './editor-flash';
import { useUploadCounter } from './upload-tracker';

/** Why a save failed when the user chose not to sign in again. */
const SESSION_ENDED =
  'Your session has ended, so your changes were not saved yet. Save again to sign in and save them.';

export type Busy = 'save' | 'continue' | 'back' | 'submit' | 'resubmit' | null;

export interface EditorOptions {
  /** The contract being edited; null on `/submissions/new` until "Continue" creates it. */
  contract: ContractView | null;
  programs: readonly ProgramView[];
  step: StepId;
}

/**
 * The state and actions of the filing editor: the draft as edited, saving it (always with the version it was
 * loaded at: a stale save is refused, never merged), moving between steps, and submitting.
 */
export function useFilingEditor({ contract: loaded, programs, step }: EditorOptions) {
  const navigate = useNavigate();
  const location = useLocation();
  const [contract, setContract] = useState(loaded);
  const [draft, setDraft] = useState<FilingDraft>(
    () => (loaded && draftFromContract(loaded)) || emptyDraft(),
  );
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [savedAt, setSavedAt] = useState<string | null>(
    () => readEditorFlash(location.state).savedAt ?? null,
  );
  const [failure, setFailure] = useState<string | null>(null);
  /** Set anew by each save that found the submission changed by someone else (409), which asks what to do. */
  const [conflict, setConflict] = useState<{ at: number } | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  /** The draft as last loaded or saved: moving between steps without a change saves nothing. */
  const savedDraft = useRef<FilingDraft | null>(draft);
  /**
   * What the server refused, kept until the answer each refusal is about changes or a save goes through: the
   * server finds some issues the browser cannot, and they must not vanish when the user moves between steps.
   */
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const refusalsRef = useRef(refusals);
  refusalsRef.current = refusals;

  /** Files being uploaded on this step: not in the draft yet, and cancelled if the step is left. */
  const { uploading, tracker } = useUploadCounter();
  const uploadingRef = useRef(uploading);
  uploadingRef.current = uploading;

  // Leaving with answers not saved asks first; this editor's steps share the draft, so moving between them does
  // not — unless a file is still uploading, which leaving the step would cancel. An uploaded document is in the
  // draft, so it is unsaved like any answer until the draft is saved.
  const hasUnsaved = useCallback(() => !sameAnswers(draftRef.current, savedDraft.current), []);
  const uploadsRunning = useCallback(() => uploadingRef.current > 0, []);
  const blocker = useUnsavedChanges(
    hasUnsaved,
    loaded ? stepPath(loaded.id, '') : '/submissions/new',
    uploadsRunning,
  );

  const steps = stepsFor(draft.form);
  const context: CheckContext = {
    programs,
    previouslyChosen: previouslyChosenPrograms(contract),
    today: latestUsToday(new Date()),
  };
  const contextRef = useRef(context);
  contextRef.current = context;

  // Arriving at a step: fresh messages; from the review page's list, its missing answers at once, and focus on
  // the field the link named.
  useEffect(() => {
    const flash = readEditorFlash(location.state);
    setFailure(null);
    setConflict(null);
    setSavedAt(flash.savedAt ?? null);
    const standing = standingRefusals(refusalsRef.current, draftRef.current);
    const found = flash.check
      ? withRefusals(filingIssues(draftRef.current, contextRef.current), standing)
      : standing;
    setIssues(step === 'review' ? [] : stepIssues(found, step));
    setPendingFocus(location.hash ? decodeURIComponent(location.hash.slice(1)) : null);
  }, [step, location.key, location.state, location.hash]);

  useEffect(() => {
    if (!pendingFocus) return;
    focusField(pendingFocus);
    setPendingFocus(null);
  }, [pendingFocus, issues]);

  /** Edits the draft; takes an update, since uploads finish after other edits. */
  const update = useCallback((change: (current: FilingDraft) => FilingDraft) => setDraft(change), []);

  // Removing a rate or a contact renumbers the rest: their issues would point at others.
  const counts = useRef({ rates: draft.rates.length, contacts: draft.form.stateContacts.length });
  useEffect(() => {
    const fewerRates = draft.rates.length < counts.current.rates;
    const fewerContacts = draft.form.stateContacts.length < counts.current.contacts;
    counts.current = { rates: draft.rates.length, contacts: draft.form.stateContacts.length };
    if (!fewerRates && !fewerContacts) return;
    setIssues((all) =>
      all.filter(
        (i) => !(fewerRates && i.path[0] === 'rates') && !(fewerContacts && i.path[0] === 'stateContacts'),
      ),
    );
  }, [draft.rates.length, draft.form.stateContacts.length]);

  /** Shows why a request failed; `sent` is the draft it was about, which the server's issues refer to. */
  const fail = (error: unknown, sent: FilingDraft) => {
    setSavedAt(null);
    if (isApiError(error, 'VERSION_CONFLICT')) setConflict({ at: Date.now() });
    else if (isApiError(error) && error.issues.length > 0) {
      setRefusals(refusalsOf(error.issues, sent));
      setIssues(error.issues);
    } else setFailure(isApiError(error) && error.status === 401 ? SESSION_ENDED : errorMessage(error));
    if (!(isApiError(error) && error.issues.length > 0)) window.scrollTo({ top: 0 });
  };

  const clearMessages = () => {
    setFailure(null);
    setConflict(null);
    setSavedAt(null);
  };

  /** Saves the draft (when it changed); resolves to the saved contract, or null after showing why it failed. */
  const save = async (): Promise<ContractView | null> => {
    if (!contract) return null;
    const sent = draftRef.current;
    if (sent === savedDraft.current) return contract;
    const sentKeys = sent.rates.map((r) => r.key);
    const { formData, rates } = toSaveRequest(sent);
    try {
      const saved = await saveDraft(contract.id, contract.version, formData, rates);
      setContract(saved);
      setRefusals([]);
      const next = withSavedRateIds(sent, sentKeys, saved);
      if (draftRef.current === sent) {
        draftRef.current = next;
        savedDraft.current = next;
        setDraft(next);
      } else {
        // Edited while the save was on its way: keep the edits, which are not saved yet.
        savedDraft.current = null;
        setDraft((current) => withSavedRateIds(current, sentKeys, saved));
      }
      return saved;
    } catch (error) {
      fail(error, sent);
      return null;
    }
  };

  /** On `/submissions/new`: creates the draft with the answers given so far. */
  const create = async (): Promise<ContractView | null> => {
    const sent = draftRef.current;
    try {
      const created = await createContract(sent.form);
      savedDraft.current = sent; // what the new page loads: only edits made meanwhile are not saved
      return created;
    } catch (error) {
      fail(error, sent);
      return null;
    }
  };

  /** Issues of this step, as the domain finds them; shown and focused when there are any. */
  const checkStep = (): boolean => {
    const found = stepIssues(filingIssues(draftRef.current, context), step);
    setIssues(found);
    return found.length === 0;
  };

  const onSaveDraft = async () => {
    clearMessages();
    setBusy('save');
    if (!contract) {
      const created = await create();
      setBusy(null);
      if (created) {
        navigate(stepPath(created.id, step), { replace: true, state: { savedAt: created.updatedAt } });
      }
      return;
    }
    const saved = await save();
    setBusy(null);
    if (saved) {
      setIssues([]);
      setSavedAt(saved.updatedAt);
    }
  };

  const onContinue = async () => {
    clearMessages();
    const next = nextStep(steps, step);
    if (!contract) {
      if (!checkStep()) return;
      setBusy('continue');
      const created = await create();
      setBusy(null);
      if (created) navigate(stepPath(created.id, next ?? 'review'), { replace: true });
      return;
    }
    setBusy('continue');
    const saved = await save();
    setBusy(null);
    if (!saved) return;
    if (!checkStep()) {
      setSavedAt(saved.updatedAt);
      return;
    }
    if (next) navigate(stepPath(saved.id, next));
  };

  const onBack = async () => {
    clearMessages();
    const previous = previousStep(steps, step);
    if (!contract || !previous) return;
    setBusy('back');
    const saved = await save();
    setBusy(null);
    if (saved) navigate(stepPath(saved.id, previous));
  };

  const finish = (submitted: ContractView, kind: SummaryFlash['kind']) => {
    const flash: SummaryFlash = { kind, name: submitted.name };
    navigate(`/submissions/${submitted.id}`, { state: { flash } });
  };

  /** Every issue of the filing, found in the browser; the review page lists them before the server is asked. */
  const allIssues = () => filingIssues(draftRef.current, context);

  /**
   * Submits (or resubmits) once the state confirmed in a dialog; what goes wrong (missing answers, a refusal) is
   * shown on the page, so the dialog closes first.
   */
  const submitWith = async (
    kind: 'submit' | 'resubmit',
    send: (saved: ContractView) => Promise<ContractView>,
    close: () => void,
  ): Promise<ConfirmOutcome> => {
    clearMessages();
    const local = allIssues();
    if (local.length > 0) {
      close();
      setIssues(local);
      return 'done';
    }
    setBusy(kind);
    const saved = await save();
    if (!saved) {
      setBusy(null);
      close();
      return 'done';
    }
    const sent = draftRef.current;
    try {
      finish(await send(saved), kind === 'submit' ? 'submitted' : 'resubmitted');
      return 'done';
    } catch (error) {
      setBusy(null);
      close();
      fail(error, sent);
      return 'done';
    }
  };

  const onSubmit = (close: () => void) =>
    submitWith(
      'submit',
      (saved) => performContractAction(saved.id, 'SUBMIT', { version: saved.version }),
      close,
    );

  /** Resubmits with the reason the dialog asked for. */
  const onResubmit = (reason: string, close: () => void) =>
    submitWith(
      'resubmit',
      (saved) => performContractAction(saved.id, 'RESUBMIT', { version: saved.version, reason }),
      close,
    );

  return {
    blocker,
    uploading,
    tracker,
    contract,
    refusals,
    draft,
    update,
    steps,
    issues,
    savedAt,
    failure,
    conflict,
    busy,
    context,
    onSaveDraft,
    onContinue,
    onBack,
    onSubmit,
    onResubmit,
  };
}
