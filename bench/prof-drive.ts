import { prepareDocket, type Op } from './api-targets';
import { runLoad } from './load';
const [base, op, seconds, conns] = process.argv.slice(2);
const target = await prepareDocket(base!, [{ email: 'prof-mn@example.gov', password: 'prof-password-123456', stateCode: 'MN' }], Number(conns), op === 'save');
const r = await runLoad({ url: base!, connections: Number(conns), warmupMs: 1000, durationMs: Number(seconds) * 1000, worker: (i) => target.worker(op as Op, i) });
console.log(op, r.perSecond.toFixed(0), 'req/s p50', r.p50.toFixed(1), 'p99', r.p99.toFixed(1), 'errors', r.errors, r.errorSamples.slice(0, 2), 'stmts', r.statements);
