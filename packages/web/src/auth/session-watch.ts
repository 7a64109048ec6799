import type { SessionTimes } from '@docket/domain';

/** How long before the idle timeout the warning opens: two minutes, or a third of a shorter timeout. */
export function warningLeadMs(idleSeconds: number): number {
  return Math.min(2 * 60_000, Math.floor((idleSeconds * 1000) / 3));
}

/** The longest delay a browser timer takes; longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SessionWatchOptions {
  /**
   * Reads the server's times for this session without counting as activity. Resolves to the times while it is
   * live, to `{ ended: code }` once it has ended (idle, expired, ended elsewhere, account disabled); rejects when
   * the server cannot be reached (the watch tries again at the next check).
   */
  check(): Promise<SessionTimes | { ended: string }>;
  /** The session idles out within the warning's lead: `deadline` is when (ms since the epoch). */
  onWarning(deadline: number): void;
  /** Activity (here, or in another tab of the browser) moved the idle expiry beyond the warning. */
  onWarningOver(): void;
  /** The session has ended; `code` says why. */
  onEnded(code: string): void;
  /** How often the session is checked when nothing else happens (default one minute). */
  checkEveryMs?: number;
  now?: () => number;
}

/**
 * Watches one signed-in page's session. The server's times are the truth: before warning and before ending it
 * checks them again (activity in another tab moves them), and it checks every minute (`checkEveryMs`) so a session
 * ended elsewhere — by an administrator, by "log out of other sessions" — is noticed. The checks never count as
 * activity. Answers of this tab's own requests bring new times through `update`.
 */
export class SessionWatch {
  private times: Pick<SessionTimes, 'idleExpiresAt' | 'expiresAt'>;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private warned = false;
  private stopped = false;
  private checking = false;
  private readonly checkEveryMs: number;
  private readonly now: () => number;

  constructor(
    times: SessionTimes,
    private readonly options: SessionWatchOptions,
  ) {
    this.times = { idleExpiresAt: times.idleExpiresAt, expiresAt: times.expiresAt };
    this.leadMs = warningLeadMs(times.idleSeconds);
    this.checkEveryMs = options.checkEveryMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.nextCheckAt = this.now() + this.checkEveryMs;
    this.schedule();
  }

  private readonly leadMs: number;
  private nextCheckAt: number;

  /** When the session idles out, as last known (ms since the epoch). */
  get idleDeadline(): number {
    return Math.min(Date.parse(this.times.idleExpiresAt), Date.parse(this.times.expiresAt));
  }

  /** New times from the server (an answer's headers, a keep-alive). */
  update(times: Pick<SessionTimes, 'idleExpiresAt' | 'expiresAt'>): void {
    if (this.stopped) return;
    this.times = { idleExpiresAt: times.idleExpiresAt, expiresAt: times.expiresAt };
    if (this.warned && this.idleDeadline - this.now() > this.leadMs) {
      this.warned = false;
      this.options.onWarningOver();
    }
    this.schedule();
  }

  /** Checks the session now (the page came back into focus). */
  checkNow(): void {
    void this.runCheck();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    const deadline = this.idleDeadline;
    const wakeAt = Math.min(this.nextCheckAt, this.warned ? deadline : deadline - this.leadMs);
    // Not sooner than half a second: a server whose clock runs behind may still call a session live that is due.
    const delay = Math.min(MAX_TIMER_MS, Math.max(500, wakeAt - this.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runCheck();
    }, delay);
  }

  private async runCheck(): Promise<void> {
    if (this.stopped || this.checking) return;
    this.checking = true;
    this.nextCheckAt = this.now() + this.checkEveryMs;
    let answer: SessionTimes | { ended: string } | null;
    try {
      answer = await this.options.check();
    } catch {
      answer = null;
    }
    this.checking = false;
    if (this.stopped) return;
    if (answer && 'ended' in answer) {
      this.stop();
      this.options.onEnded(answer.ended);
      return;
    }
    if (answer) this.times = { idleExpiresAt: answer.idleExpiresAt, expiresAt: answer.expiresAt };
    const left = this.idleDeadline - this.now();
    if (left <= 0 && !answer) {
      // The server could not be asked and the time is up: the page ends as the server will have ended it.
      this.stop();
      this.options.onEnded('SESSION_IDLE');
      return;
    }
    if (left <= this.leadMs && !this.warned) {
      this.warned = true;
      this.options.onWarning(this.idleDeadline);
    } else if (left > this.leadMs && this.warned) {
      this.warned = false;
      this.options.onWarningOver();
    }
    this.schedule();
  }
}
