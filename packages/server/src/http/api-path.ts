/** Whether a request URL is under /api, where the JSON API lives (the rest is the web app). */
export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
