/**
 * What the editor carries from one step's route to the next in router state: that the step should show its
 * missing answers at once (arriving from the review page's list), or when the draft was last saved.
 */
export interface EditorFlash {
  check?: boolean;
  savedAt?: string;
}

export function readEditorFlash(state: unknown): EditorFlash {
  if (typeof state !== 'object' || state === null) return {};
  const { check, savedAt } = state as Record<string, unknown>;
  return {
    ...(check === true ? { check: true } : {}),
    ...(typeof savedAt === 'string' ? { savedAt } : {}),
  };
}

/** The route of a step of a filing, optionally at a field. */
export function stepPath(contractId: string, step: string, fieldId?: string | null): string {
  return `/submissions/${encodeURIComponent(contractId)}/edit/${step}${fieldId ? `#${fieldId}` : ''}`;
}
