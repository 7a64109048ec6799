import type { ApiBenchResult, ApiRow, Side } from './api';

/**
 * The API leg's table, with the goals of the issue that asked for it beside the figures: on the PostgreSQL
 * server, reads and lists at least 0.5× the reference and saves and creates 0.4×, and a p99 at 64 connections
 * at most 4× the reference's; on PGlite at least 0.25× the reference (on the server) and a p99 of at most 100 ms
 * at 16 connections; a server RSS of at most 300 MB under the full load on PostgreSQL. DynamoDB has no goals.
 */

const MB = 1024 * 1024;

function ratioGoal(row: ApiRow): number | null {
  if (row.engine === 'PostgreSQL') return row.op === 'read' || row.op === 'list' ? 0.5 : 0.4;
  if (row.engine === 'PGlite') return 0.25;
  return null;
}

function ratioOf(row: ApiRow): number | null {
  if (!row.reference || row.reference.load.perSecond === 0) return null;
  return row.docket.load.perSecond / row.reference.load.perSecond;
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function ratioCell(row: ApiRow): string {
  const goal = ratioGoal(row);
  const ratio = ratioOf(row);
  if (goal === null || ratio === null) return '';
  return `≥${goal} ${verdict(ratio >= goal)}`;
}

function latencyGoalCell(row: ApiRow): string {
  if (row.engine === 'PostgreSQL' && row.connections === 64 && row.reference) {
    const times = row.docket.load.p99 / row.reference.load.p99;
    return `≤4× ref: ${times.toFixed(1)}× ${verdict(times <= 4)}`;
  }
  if (row.engine === 'PGlite' && row.connections === 16) {
    return `≤100 ms ${verdict(row.docket.load.p99 <= 100)}`;
  }
  return '';
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function pair(docket: string, reference: string | null): string {
  return reference === null ? docket : `${docket} / ${reference}`;
}

function cpu(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2);
}

function statements(side: Side): string {
  return side.load.statements === null ? 'n/a' : side.load.statements.perRequest.toFixed(1);
}

function rss(side: Side): string {
  return side.rssPeak === null ? 'n/a' : String(Math.round(side.rssPeak / MB));
}

export function apiTable(rows: readonly ApiRow[]): string {
  const header = [
    'engine',
    'op',
    'conns',
    'Docket req/s',
    'ref req/s',
    'ratio',
    'ratio goal',
    'p50 ms D / ref',
    'p99 ms D / ref',
    'p99 goal',
    'server CPU ms/req D / ref',
    'DB CPU ms/req D / ref',
    'statements/req D / ref',
    'RSS peak MB D / ref',
    'errors D / ref',
  ];
  const cells = rows.map((row) => {
    const ref = row.reference;
    const ratio = ratioOf(row);
    return [
      row.engine,
      row.op,
      String(row.connections),
      String(Math.round(row.docket.load.perSecond)),
      ref ? String(Math.round(ref.load.perSecond)) : 'n/a',
      ratio === null ? 'n/a' : `${ratio.toFixed(2)}×`,
      ratioCell(row),
      pair(ms(row.docket.load.p50), ref ? ms(ref.load.p50) : null),
      pair(ms(row.docket.load.p99), ref ? ms(ref.load.p99) : null),
      latencyGoalCell(row),
      pair(cpu(row.docket.serverCpu), ref ? cpu(ref.serverCpu) : null),
      pair(
        row.engine === 'PGlite' ? 'in server' : cpu(row.docket.databaseCpu),
        ref ? cpu(ref.databaseCpu) : null,
      ),
      pair(statements(row.docket), ref ? statements(ref) : null),
      pair(rss(row.docket), ref ? rss(ref) : null),
      pair(String(row.docket.load.errors), ref ? String(ref.load.errors) : null),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const numeric = new Set([2, 3, 4, 5]);
  const line = (c: readonly string[]) =>
    c
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join(' | ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The memory goal: the largest RSS Docket reached under load on PostgreSQL, or null without PostgreSQL rows. */
function memoryGoal(rows: readonly ApiRow[]): string | null {
  const peaks = rows.filter((r) => r.engine === 'PostgreSQL' && r.docket.rssPeak !== null);
  if (peaks.length === 0) return null;
  const peak = Math.max(...peaks.map((r) => r.docket.rssPeak ?? 0));
  return `Memory goal (server RSS ≤ 300 MB under load on PostgreSQL): peak ${Math.round(peak / MB)} MB, ${verdict(peak <= 300 * MB)}`;
}

/** The whole report: errors first and last when there are any, the table, the goals and the notes. */
export function apiReport(result: ApiBenchResult, title: string): string {
  const loud =
    result.errors.length === 0
      ? []
      : ['', `ERRORS UNDER LOAD (${result.errors.length} legs):`, ...result.errors.map((e) => `  ${e}`)];
  return [
    title,
    ...loud,
    '',
    apiTable(result.rows),
    '',
    ...[memoryGoal(result.rows)].filter((line): line is string => line !== null),
    'Ratio: Docket req/s ÷ reference req/s in the same run; the reference runs on the PostgreSQL server for every',
    'engine. CPU per request: the server process (utime + stime from /proc), and the database: PostgreSQL backends',
    "of the leg's database, the DynamoDB Local Java process, or inside the server for PGlite. Statements per",
    "request: the Server-Timing header's db entry (n/a until the server sends it; BEGIN and COMMIT not counted).",
    '',
    ...result.notes.map((note) => `- ${note}`),
    ...loud,
  ].join('\n');
}
