import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { outputRead } from '../../shared/wait.js';
import { browserEnvironment } from '../browser-env.js';

/** What one run of LibreOffice may take. */
export interface Limits {
  timeoutMs: number;
  /** Address space of each of its processes (ulimit -v). */
  memoryBytes: number;
  /** Size of any file it writes (ulimit -f): the PDF, and whatever it writes to its profile. */
  fileBytes: number;
  signal?: AbortSignal;
}

/** How a run ended: its exit, or why it was ended, and the last of what it said. */
export type Ended =
  { by: 'exit'; code: number | null; signal: NodeJS.Signals | null; said: string } | { by: 'timeout' | 'abort'; said: string };

/**
 * The limits, then the program, under a guard: a shell in a process group of its own (the program is
 * `exec`ed, so it keeps the shell's process id and group) with, beside it, a subshell that waits for
 * the end of a pipe from this process (fd 5). Whenever that pipe closes (this process is done with the
 * run, or ended in any way, even SIGKILL), the whole group is killed: soffice starts oosplash, which
 * starts soffice.bin, and none of them may outlive the conversion.
 */
const guard =
  '(read _ <&5; kill -9 0) </dev/null >/dev/null 2>&1 &\nulimit -v "$1" && ulimit -t "$2" && ulimit -f "$3" || exit 125\nshift 3\nexec "$@" 5<&-';

/**
 * A new network namespace with nothing in it but a loopback of its own, where this machine lets a user
 * make one (`unshare -rn`: as root, or where unprivileged user namespaces are on): LibreOffice then
 * cannot reach any other machine, nor this one's services. Elsewhere the profile's settings are what
 * keeps it offline (profile.ts).
 */
let offline: string[] | undefined;
export function offlinePrefix(): string[] {
  offline ??= spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore', timeout: 10_000 }).status === 0 ? ['unshare', '-rn', '--'] : [];
  return offline;
}

/** Runs `program args` within the limits, offline where it can be, in the given home; resolves once its whole process group is gone. */
export function runLimited(program: string, args: string[], home: string, limits: Limits): Promise<Ended> {
  const env: NodeJS.ProcessEnv = {
    ...browserEnvironment(process.env),
    HOME: home,
    TMPDIR: home,
    LC_ALL: 'C.UTF-8',
    SAL_USE_VCLPLUGIN: 'svp',
  };
  for (const name of Object.keys(env)) if (name.startsWith('XDG_')) delete env[name];
  const cpuSeconds = Math.ceil(limits.timeoutMs / 1000) + 5;
  const kilobytes = Math.floor(limits.memoryBytes / 1024);
  const blocks = Math.floor(limits.fileBytes / 512);
  const command = [...offlinePrefix(), program, ...args];
  const child = spawn('/bin/sh', ['-c', guard, 'agenda-office-guard', String(kilobytes), String(cpuSeconds), String(blocks), ...command], {
    env,
    cwd: home,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ignore', 'ignore', 'pipe'],
  });
  let said = '';
  const hear = (chunk: Buffer) => (said = (said + chunk.toString()).slice(-4000));
  // Pipes, as stdio asks; none where spawn could not start it at all (EMFILE), and the error event then says why.
  child.stdout?.on('data', hear);
  child.stderr?.on('data', hear);
  return new Promise<Ended>((resolve) => {
    let ended: Ended | undefined;
    const finish = (how: Ended) => {
      if (ended) return;
      ended = how;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      killGroup(child.pid);
      // fd 5, the pipe the guard waits on (child.stdio's type names the first five only).
      const pipes: readonly unknown[] = child.stdio;
      const guardPipe = pipes[5];
      if (guardPipe instanceof Readable) guardPipe.destroy();
      void groupGone(child.pid)
        .then(() => outputRead(child, 2000))
        .then(() => resolve({ ...how, said }));
    };
    const timer = setTimeout(() => finish({ by: 'timeout', said }), limits.timeoutMs);
    const onAbort = () => finish({ by: 'abort', said });
    if (limits.signal?.aborted) onAbort();
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (err) => finish({ by: 'exit', code: null, signal: null, said: err.message }));
    child.once('exit', (code, signal) => finish({ by: 'exit', code, signal, said }));
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

/** Waits (briefly: SIGKILL cannot be ignored) until no process of the group is left. */
async function groupGone(pid: number | undefined): Promise<void> {
  for (let i = 0; pid !== undefined && i < 200 && groupAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * The entries of /proc; undefined where it cannot be read (not mounted, or hidden from this process):
 * groupAlive then asks kill() as elsewhere, which at worst waits out groupGone's two seconds for a
 * zombie, rather than throwing where the run's promise would never settle.
 */
function procEntries(): string[] | undefined {
  try {
    return readdirSync('/proc');
  } catch {
    return undefined;
  }
}

/**
 * Whether a process of the group still runs. The guard, killed with its group once LibreOffice has
 * ended, is nobody's child by then: where the machine's first process reaps no orphans (a container's),
 * it stays a zombie, which has ended and holds nothing but counts as a member for kill(). On Linux the
 * members are read from /proc and the zombies left out (procEntries).
 */
function groupAlive(pgid: number): boolean {
  const processes = process.platform === 'linux' ? procEntries() : undefined;
  if (!processes) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return processes.some((name) => {
    if (!/^\d+$/.test(name)) return false;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(group) === pgid && state !== 'Z';
    } catch {
      return false;
    }
  });
}
