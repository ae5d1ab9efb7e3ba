import { closeSync, linkSync, openSync, readdirSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { EnvironmentError, errnoCode, messageOf } from './errors.js';
import {
  bootId,
  cannotWrite,
  madeBeforeThisBoot,
  pidNamespace,
  processAlive,
  readHead,
  staleTemporaries,
  statusOf,
  temporaryBeside,
  writeFailureOf,
} from './files.js';

// A lock of a command that must run alone (one publish into a site, one send of a meeting): a file that
// names its process, "host boot pid-namespace pid", made whole at once (`create`): the words written to a
// temporary file beside it, then linked to the lock's name, which fails where a lock is, as an exclusive
// create ('wx') does, and is atomic on a network file system too (the lock-file recipe of open(2)). So
// no lock ever names no process for a kill, a power cut or a full disk between its making and its words;
// a temporary file a kill leaves blocks no one and is removed by the next taker on this host (its name
// names host and boot: another host sharing the folder, NFS or SMB, may be between its write and link). Where the file system
// makes no hard links (FAT, some SMB mounts), the lock is made exclusively and then written, and that
// moment is open again.
//
// One left by a killed command is taken over only where that can be told from here (leftBehind): of an
// earlier boot of this host (and written before this boot: two machines may share a name), or of this
// host and pid namespace whose process is gone (or whose pid is this process's, which does not hold it:
// in one namespace, that pid's earlier holder is gone). A pid of another host or pid namespace (a
// container beside this one, or this one restarted) cannot be judged from here, nor a lock that names no
// process (a FIFO or a symbolic link in its place, an older agenda's, one cut short where there are no
// hard links): the caller tells the clerk to remove it if none runs.
//
// Taking over is removing the left lock and then making it as anyone does, and the removal must be of
// that lock, not of one a quicker taker made meanwhile: read and removed under a guard (`LOCK.takeover`),
// itself a lock of the same kind, so that of two takers one at a time reads and removes. The guard is
// held for a read and a removal; a command killed then leaves it, naming a dead process, and it is taken
// over by the same rules under its own guard (`LOCK.takeover.takeover`), whose own is never taken over
// (`guards`): the recursion stops there, and the clerk is told to remove that one.
//
// Two takers A and B of a lock L left by a dead H, and a kill at each step of A:
// - A makes the guard G: writes its temporary file T (killed then: T is left, of a dead process, and
//   removed by the next taker of G), links T to G (B finds G, names A, alive, and is refused), removes T
//   (killed before: G names A, dead, as below; T is removed with it).
// - A reads L: still H's, so A removes it (nobody else may: a creator needs L gone, a taker needs G,
//   H is dead). Not H's (B took it over before A held G): A removes nothing. Killed here: G names A,
//   dead, and the next taker removes it under G's guard, and L with it.
// - A releases G (where it still names A: a live holder's guard is never taken over). Killed before:
//   as above; L is gone already, so the next command makes L without a takeover.
// - A makes L as it made G: of A and B one links it, the other finds it and is refused by its rules (a
//   live holder). Killed before the link: T is left, removed by the next taker; after: L names A, dead.
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

/**
 * Makes the file naming this process, whole at once: its words written to a temporary file beside it
 * (temporaryBeside), which is then linked to its name (link, as 'wx', fails where there is one; NFS
 * makes it atomically too) and removed. False where there is one. A kill leaves at most the temporary
 * file, never a lock that names no process; a full disk fails before any lock exists. Temporary files
 * of processes gone are removed first, as files.ts removes its own. Where the file system has no hard
 * links (FAT, some SMB mounts), the file is made exclusively and then written, as before.
 */
function create(file: string): boolean {
  removeStaleTemporaries(file);
  const temporary = temporaryBeside(file);
  if (!createWritten(temporary, file)) throw cannotLock(file, new Error(`${temporary} exists`));
  let made: boolean | undefined;
  try {
    made = linked(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
  made ??= createWritten(file, file);
  if (made) heldHere.add(file);
  return made;
}

/** As files.ts's: one that cannot be removed (nor its folder read) is left, as it blocks no one. */
function removeStaleTemporaries(file: string): void {
  try {
    for (const stale of staleTemporaries(file, readdirSync(path.dirname(file)))) rmSync(stale, { force: true });
  } catch {
    // left: a temporary file is never a lock
  }
}

/**
 * Makes `file` exclusively and writes this process's words into it; false where there is one. One
 * made but not written (a full disk) is removed. Its failure is told as one to lock `lock`.
 */
function createWritten(file: string, lock: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw cannotLock(lock, err, file);
  }
  try {
    writeSync(fd, `${thisProcess()}\n`);
  } catch (err) {
    rmSync(file, { force: true });
    throw cannotLock(lock, err, file);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Links `temporary` to the lock's name `file`: true where made, false where there is one, none where the
 * file system makes no hard links. A link made whose answer was lost (NFS: its retry finds it, EEXIST)
 * is told by the temporary's two names, as the lock-file recipe of open(2) says.
 */
function linked(temporary: string, file: string): boolean | undefined {
  try {
    linkSync(temporary, file);
    return true;
  } catch (err) {
    if (statusOf(temporary)?.nlink === 2) return true;
    const code = errnoCode(err) ?? '';
    if (code === 'EEXIST') return false;
    if (noHardLinks.has(code)) return undefined;
    throw cannotLink(file, err, temporary);
  }
}

/**
 * Why the lock `file` could not be linked from its `temporary` file: both named, as two files (the
 * system's "link 'T' -> 'L'" with T named as the lock read "link 'L' -> 'L'"). ENOENT: the temporary
 * was removed since it was written, by another program.
 */
function cannotLink(file: string, err: unknown, temporary: string): EnvironmentError {
  const reason = messageOf(err).split(', link ')[0];
  const why = errnoCode(err) === 'ENOENT' ? ' (something removed the temporary file meanwhile); run the command again' : '';
  return new EnvironmentError(
    `cannot lock ${path.dirname(file)}: ${file} could not be made from its temporary file ${temporary}: ${reason}${why}`,
  );
}

/** What link answers on a file system without hard links: FAT's EPERM, an SMB mount's EOPNOTSUPP (ENOTSUP in Node), ENOSYS. */
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Why `file` could not be locked, naming the lock, not the temporary file it was `written` as: a folder that cannot be
 * written (read-only, the disk full) as every output that cannot be written is told (cannotWrite).
 */
const cannotLock = (file: string, err: unknown, written = file) =>
  writeFailureOf(err) !== undefined
    ? cannotWrite(path.dirname(file), err, written)
    : new EnvironmentError(`cannot lock ${path.dirname(file)}: ${messageOf(err).replaceAll(written, file)}`);

/** A lock's words ("host boot pid-namespace pid"), and the file's identity as read: device, inode and times. */
interface Holder {
  holder: string;
  identity: string;
}

/**
 * Who holds the file, as it names its process; none where it is gone meanwhile, or is no file a lock
 * is: a FIFO (opened without waiting for a writer, where a plain read would wait for ever), a device,
 * a symbolic link (not followed), or longer than any name of a process. It then stands as naming none.
 * Read by readHead, not input/read-file's reader: a lock is never followed through a link, and is tiny.
 */
function holderOf(file: string): Holder | undefined {
  const read = readHead(file, longestHolder + 1);
  if (!read || read.bytes.length > longestHolder) return undefined;
  const { bytes, kind } = read;
  return { holder: bytes.toString('utf8').trim(), identity: [kind.dev, kind.ino, kind.mtimeNs, kind.ctimeNs].join(' ') };
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
/** The holder as a clerk reads it: "process 28415 on this machine", not the lock's words (host, boot, namespace, pid). */
function named(holder: string): string | undefined {
  if (holder === '') return undefined;
  const parts = partsOf(holder);
  if (!parts) return holder;
  return `process ${parts.pid} on ${parts.host === hostname() ? 'this machine' : `the machine ${parts.host}`}`;
}

function leftBehind(file: string, holder: string): boolean {
  const their = partsOf(holder);
  const ours = partsOf(thisProcess());
  // Another machine's, or one that names no boot and namespace: its process cannot be judged here.
  if (!their || !ours || their.host !== ours.host) return false;
  if (their.boot !== ours.boot) return madeBeforeThisBoot(file);
  if (their.space !== ours.space) return false;
  return their.pid === process.pid ? !heldHere.has(file) : !processAlive(their.pid);
}

/** Removes the file where it is still this process's (not one taken over meanwhile by mistake). */
function release(file: string): void {
  heldHere.delete(file);
  if (holderOf(file)?.holder === thisProcess()) rmSync(file, { force: true });
}
