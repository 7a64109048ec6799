import { createFileBlobStore } from '@docket/blobs';
import { createPostgresDatastore } from '@docket/store/postgres';
import { buildApp } from '../packages/server/src/app';
const [url, op, n] = process.argv.slice(2);
const datastore = await createPostgresDatastore({ driver: 'pg', url: url! });
const blobs = await createFileBlobStore({ dir: '/tmp/prof/blobs' });
const app = buildApp({ datastore, blobs, secret: 'x'.repeat(40), demo: false, secureCookies: false, logLevel: 'silent', webRoot: null, validateResponses: false });
await app.ready();
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'prof-cms@example.gov', password: 'prof-password-123456' } });
const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const list = (await app.inject({ method: 'GET', url: '/api/contracts?limit=100', headers: { cookie } })).json() as { items: { id: string }[]; nextCursor: string };
const ids = list.items.map((i) => i.id);
async function one(i: number) {
  const url = op === 'read' ? `/api/contracts/${ids[i % ids.length]}` : op === 'me' ? '/api/me' : op === 'list' ? `/api/contracts?limit=25` : '/api/nothing';
  const r = await app.inject({ method: 'GET', url, headers: { cookie } });
  if (r.statusCode !== 200 && op !== 'none') throw new Error(r.body);
}
for (let i = 0; i < 300; i++) await one(i);
const N = Number(n ?? 2000);
const c0 = process.cpuUsage(); const t0 = performance.now();
for (let i = 0; i < N; i++) await one(i);
const c = process.cpuUsage(c0); const wall = performance.now() - t0;
console.log(op, 'cpu µs/req', ((c.user + c.system) / N).toFixed(0), 'wall µs/req', ((wall * 1000) / N).toFixed(0));
await app.close(); await datastore.close();
