/** A one-time message the summary page shows after the action that led there (carried in router state). */
export interface SummaryFlash {
  kind: 'submitted' | 'resubmitted';
  name: string;
}

export function readFlash(state: unknown): SummaryFlash | null {
  if (typeof state !== 'object' || state === null || !('flash' in state)) return null;
  const flash = (state as { flash: unknown }).flash;
  if (typeof flash !== 'object' || flash === null) return null;
  const { kind, name } = flash as Record<string, unknown>;
  if ((kind === 'submitted' || kind === 'resubmitted') && typeof name === 'string') return { kind, name };
  return null;
}
