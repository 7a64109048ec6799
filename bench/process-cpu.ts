import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of the processes a leg runs on, from /proc (Linux; elsewhere every figure is null): a server process by
 * its id, or the PostgreSQL backends serving some databases. The bench runs on the same machine as the PostgreSQL
 * cluster, so the backends are its children there; the cluster's shared background processes (WAL writer,
 * checkpointer) are left out, as other work shares them.
 */

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User and system CPU time of a process so far, in ms; null when it cannot be read. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: the fields that follow start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/** CPU ms of each process that `select` picks, by id. */
export type CpuSnapshot = Map<number, number>;

function processes(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** The PostgreSQL backends connected to one of `databases` (by their process title), with their CPU so far. */
export function postgresBackends(databases: readonly string[]): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const pid of processes()) {
    let title: string;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    // "postgres: [<cluster name>: ]<user> <database> <client> <state>"
    const database = /^postgres: (?:\S+: )?\S+ (\S+) /.exec(title)?.[1];
    if (database === undefined || !databases.includes(database)) continue;
    const ms = cpuMsOf(pid);
    if (ms !== null) snapshot.set(pid, ms);
  }
  return snapshot;
}

/**
 * CPU ms spent between two snapshots: each process's growth, a process that started in between counted whole.
 * A process that ended in between is lost (the pools keep their connections for the whole leg).
 */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** A snapshot of one process (empty when it cannot be read). */
export function processCpu(pid: number): CpuSnapshot {
  const ms = cpuMsOf(pid);
  return new Map(ms === null ? [] : [[pid, ms]]);
}
