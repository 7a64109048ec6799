import { vi } from 'vitest';

/** One request the page made, as the stub saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What the stub answers: a status and a JSON body (problem+json for a failure). */
export interface StubAnswer {
  status: number;
  body?: unknown;
}

/**
 * Replaces `fetch` for a unit test of the web app: every request is recorded and answered by `answer`. Only for
 * tests of the page's own logic; the journeys talk to the real server.
 */
export function stubFetch(answer: (request: SeenRequest) => StubAnswer | Promise<StubAnswer>): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const text = typeof init.body === 'string' ? init.body : undefined;
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      path: String(input),
      headers,
      body: text === undefined ? undefined : (JSON.parse(text) as unknown),
    };
    seen.push(request);
    const { status, body } = await answer(request);
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': type },
    });
  });
  return seen;
}

/** A problem+json answer, as the server's error handler writes them. */
export function problem(
  status: number,
  code: string,
  detail: string,
  issues?: { path: (string | number)[]; message: string }[],
): StubAnswer {
  return {
    status,
    body: { type: 'about:blank', title: code, status, detail, code, ...(issues ? { issues } : {}) },
  };
}
