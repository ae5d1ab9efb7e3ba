import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, realpathSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import path from 'node:path';
import { EnvironmentError, errnoCode, messageOf } from './errors.js';
import { pidNamespace, processAlive } from './files.js';

// A lock of a command that must run alone (one publish into a site, one send of a meeting): a file made
// exclusively ('wx', which a network file system honours too) that names its process, "host boot
// pid-namespace pid". One left by a killed command is taken over only where that can be told from here
// (leftBehind): of an earlier boot of this host (and written before this boot: two machines may share a
// name), or of this host and pid namespace whose process is gone (or whose pid is this process's, which
// does not hold it: in one namespace, that pid's earlier holder is gone). A pid of another host or pid
// namespace (a container beside this one, or this one restarted) cannot be judged from here, nor a lock
// that names no process (cut short by a power cut, a FIFO in its place): the caller tells the clerk to
// remove it if none runs.
//
// Taking over is removing the left lock and then making it exclusively as anyone does, and the removal
// must be of that lock, not of one a quicker taker made meanwhile: read and removed under a guard
// (`LOCK.takeover`), itself a lock of the same kind, so that of two takers one at a time reads and
// removes. The guard is held for a read and a removal; a command killed then leaves it, naming a dead
// process, and it is taken over by the same rules under its own guard (`LOCK.takeover.takeover`), whose
// own is never taken over (`guards`): the recursion stops there, and the clerk is told to remove that one.
//
// Two takers A and B of a lock L left by a dead H, and a kill at each step of A:
// - A makes the guard G (exclusive: B finds it, names A, alive, and is refused; killed before it is
//   made, A left nothing). Killed between making G and writing its name (microseconds): G names no
//   process and is never taken over; the clerk is told to remove it.
// - A reads L: still H's, so A removes it (nobody else may: a creator needs L gone, a taker needs G,
//   H is dead). Not H's (B took it over before A held G): A removes nothing. Killed here: G names A,
//   dead, and the next taker removes it under G's guard, and L with it.
// - A releases G (where it still names A: a live holder's guard is never taken over). Killed before:
//   as above; L is gone already, so the next command makes L without a takeover.
// - A makes L exclusively: of A and B one does, the other finds it and is refused by its rules (a
//   live holder). Killed between making L and writing its name: L names no process (as above).
// A guard's takeover is the same steps one level down, so of two takers of a left G one removes it.
// test/unit/lock.test.ts runs B between each two steps of A, and ends A at each as a kill would.

/** The locks and guards this process holds, by their real path. */
const heldHere = new Set<string>();

/** How many guards deep a takeover may go: the last is never taken over. */
const guards = 2;

/** What stands in a command's way: a lock (or a guard of one) and the process it names ("HOST PID"), if any. */
export interface Blocker {
  file: string;
  process: string | undefined;
}

/**
 * Takes the lock `file` (its folder exists), taking over one left behind (see above); returns what
 * releases it. Where it cannot be taken, `refuse` says why in the caller's words, and throws.
 */
export function takeLock(file: string, refuse: (blocker: Blocker) => never): () => void {
  const real = realFile(file);
  const blocker = take(real, 0);
  if (blocker) refuse({ file: blocker.file, process: named(blocker.holder) });
  return () => release(real);
}

/** The lock's path with its folder's symbolic links resolved: one lock for one folder, however named. */
function realFile(file: string): string {
  try {
    return path.join(realpathSync(path.dirname(file)), path.basename(file));
  } catch (err) {
    throw new EnvironmentError(`cannot lock ${path.dirname(file)}: ${messageOf(err)}`);
  }
}

/** Makes `file` naming this process, after removing one left behind; else what stands in the way. */
function take(file: string, depth: number): { file: string; holder: string } | undefined {
  if (create(file)) return undefined;
  const read = holderOf(file);
  if (read && leftBehind(file, read.holder)) {
    if (depth === guards) return { file, holder: read.holder };
    const blocker = removeLeft(file, read, depth);
    if (blocker) return blocker;
  }
  return create(file) ? undefined : { file, holder: holderOf(file)?.holder ?? '' };
}

/**
 * Removes `file` where it is still the one read (`left`: the same holder, and the same file, not one a
 * new process of the same pid made meanwhile with the same words), under its guard; else what holds the guard.
 */
function removeLeft(file: string, left: Holder, depth: number): { file: string; holder: string } | undefined {
  const guard = `${file}.takeover`;
  const blocker = take(guard, depth + 1);
  if (blocker) return blocker;
  try {
    const now = holderOf(file);
    if (now?.holder === left.holder && now.identity === left.identity) rmSync(file, { force: true });
  } finally {
    release(guard);
  }
  return undefined;
}

/**
 * This process as its lock names it; "-" for what this system does not tell. Its host, boot and pid
 * namespace read once: a lock is released only where it names this process as it was written.
 */
const thisProcess = (() => {
  let machine: string | undefined;
  return () => `${(machine ??= [hostname(), bootId(), pidNamespace()].join(' '))} ${process.pid}`;
})();

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || '-';
  } catch {
    return '-'; // no /proc: one boot is told from another by the pid alone
  }
}

/**
 * Makes the file naming this process; false where there is one. One this process made but could not
 * write (a full disk) is removed: an empty one would refuse every command after.
 */
function create(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw cannotLock(file, err);
  }
  try {
    writeSync(fd, `${thisProcess()}\n`);
  } catch (err) {
    rmSync(file, { force: true });
    throw cannotLock(file, err);
  } finally {
    closeSync(fd);
  }
  heldHere.add(file);
  return true;
}

const cannotLock = (file: string, err: unknown) => new EnvironmentError(`cannot lock ${path.dirname(file)}: ${messageOf(err)}`);

/** A lock's words ("host boot pid-namespace pid"), and the file's identity as read: device, inode and times. */
interface Holder {
  holder: string;
  identity: string;
}

/**
 * Who holds the file, as it names its process; none where it is gone meanwhile, or is no file a lock
 * is: a FIFO (opened without waiting for a writer, where a plain read would wait for ever), a device,
 * a symbolic link (not followed), or longer than any name of a process. It then stands as naming none.
 * Not input/read-file's reader: a lock is never followed through a link (O_NOFOLLOW), and is tiny.
 */
function holderOf(file: string): Holder | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const kind = fstatSync(fd, { bigint: true });
    if (!kind.isFile()) return undefined;
    const bytes = Buffer.alloc(longestHolder + 1);
    const length = readSync(fd, bytes, 0, bytes.length, 0);
    if (length > longestHolder) return undefined;
    const identity = [kind.dev, kind.ino, kind.mtimeNs, kind.ctimeNs].join(' ');
    return { holder: bytes.toString('utf8', 0, length).trim(), identity };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Beyond any "host boot pid-namespace pid" (a host name is at most 255 bytes). */
const longestHolder = 512;

/**
 * A holder's parts, read from the end: its pid the last word (digits alone), its namespace and boot the
 * two before, its host the rest (a host's name may have a space). None for fewer words (an older
 * agenda's lock: a pid, or a host and a pid) or a pid of anything but digits: such a lock is not judged.
 */
function partsOf(holder: string): { host: string; boot: string; space: string; pid: number } | undefined {
  const words = holder.split(' ');
  if (words.length < 4 || !/^\d+$/.test(words.at(-1) ?? '')) return undefined;
  const [boot = '', space = '', pid = ''] = words.slice(-3);
  return { host: words.slice(0, -3).join(' '), boot, space, pid: Number(pid) };
}

/** Its host and pid (an older agenda's lock: its words as they are); none for none. */
function named(holder: string): string | undefined {
  if (holder === '') return undefined;
  const parts = partsOf(holder);
  return parts ? `${parts.host} ${parts.pid}` : holder;
}

function leftBehind(file: string, holder: string): boolean {
  const their = partsOf(holder);
  const ours = partsOf(thisProcess());
  // Another machine's, or one that names no boot and namespace: its process cannot be judged here.
  if (!their || !ours || their.host !== ours.host) return false;
  if (their.boot !== ours.boot) return madeBefore(file, Date.now() - uptime() * 1000);
  if (their.space !== ours.space) return false;
  return their.pid === process.pid ? !heldHere.has(file) : !processAlive(their.pid);
}

function madeBefore(file: string, time: number): boolean {
  try {
    return statSync(file).mtimeMs < time;
  } catch {
    return false;
  }
}

/** Removes the file where it is still this process's (not one taken over meanwhile by mistake). */
function release(file: string): void {
  heldHere.delete(file);
  if (holderOf(file)?.holder === thisProcess()) rmSync(file, { force: true });
}
