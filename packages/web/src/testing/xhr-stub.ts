import { vi } from 'vitest';

/**
 * Replaces `XMLHttpRequest` (which uploads use, for their progress) for a unit test of the web app: every upload
 * is held until the test answers it. Only for tests of the page's own logic; the journeys upload to the server.
 */
export class HeldUpload {
  static sent: HeldUpload[] = [];
  readonly upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  responseType = '';
  status = 0;
  responseText = '';
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  path = '';
  aborted = false;
  private readonly headers = new Map<string, string>();

  open(_method: string, path: string): void {
    this.path = path;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers.set(name.toLowerCase(), value);
  }
  getResponseHeader(name: string): string | null {
    return name.toLowerCase() === 'content-type' ? 'application/json' : null;
  }
  send(): void {
    HeldUpload.sent.push(this);
  }
  abort(): void {
    this.aborted = true;
    this.onabort?.();
  }
  /** Answers the upload as the server would. */
  answer(status: number, body: unknown): void {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

export function holdUploads(): typeof HeldUpload.sent {
  HeldUpload.sent = [];
  vi.stubGlobal('XMLHttpRequest', HeldUpload);
  return HeldUpload.sent;
}
