import { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  statSync,
  type BigIntStats,
  type Stats,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { hostname, uptime, userInfo } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { EnvironmentError, errnoCode, messageOf } from './errors.js';
import { cacheRootOf } from './paths.js';

/** A file's bytes, or its text; or its text in pieces, written one after another (a text too large to be one string at once). */
export type FileData = Uint8Array | string | Iterable<string>;

/**
 * Writes beside the target and renames into place, so a reader never sees half a file and a failed
 * build leaves the previous one as it was.
 */
export async function writeAtomically(file: string, data: FileData, mode?: number): Promise<void> {
  await writeAllAtomically([{ file, data }], mode);
}

/**
 * Writes an entry of the user's cache (userCacheDir), readable by its owner alone: what is kept there
 * is as closed as what it was made of (a closed attachment's PDF, a site's records of closed cases), so
 * its folder is 0700 (made so, and set so where an older run made it 0755) and each entry 0600, written
 * whole or not at all. An entry that cannot be written (a read-only or full ~/.cache, a file where the
 * folder should be) is left out without a word: a cache only saves the next run's time, and the run it
 * serves must not fail, nor tell the clerk of a folder they never named. Nothing is written into a cache
 * that is not the user's own (ownCacheFolders), which says so once.
 */
export async function writeToCache(file: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(file);
  try {
    // Judged before a folder is made in it too: nothing is made in another's folder.
    if (ownCacheFolders(file) === false) return;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (!ownCacheFolders(file)) return;
    await chmod(dir, 0o700);
    await writeAtomically(file, data, 0o600);
  } catch {
    // not cached: made again next time (see above)
  }
}

/** Removes a file of the user's cache; as writeToCache, one that cannot be removed (a read-only cache) costs nothing but room, and one of a cache not the user's own is left. */
export async function removeFromCache(file: string): Promise<void> {
  if (ownCacheFolders(file) === false) return;
  await rm(file, { force: true }).catch(() => undefined);
}

/**
 * Whether `file` of the user's cache may be read: a regular file (not a link) in folders that are the user's own
 * (ownCacheFolders), owned by the user and writable by no one else. Those folders only the user can write, so what
 * this tells stays true while the file is read.
 */
export function usableCacheEntry(file: string): boolean {
  const kind = ownCacheFolders(file) ? statusOf(file) : undefined;
  return kind !== undefined && kind.isFile() && ownedAlone(kind);
}

/**
 * Whether each folder from the user's cache root (cacheRootOf) down to `file`'s is the user's own: a folder, not a
 * link (but the root, which may lead to one: its target is judged), owned by the user and writable by no one else (ownedAlone); undefined where one is not there (yet). Another
 * user's folder, or one anyone may write in, may hold an entry planted under the name agenda gives one (a
 * conversion's is a hash of the office file, which anyone with the file can compute): it is not used, nothing is
 * written into it, and a warning says so once. Each folder is asked once a process.
 */
function ownCacheFolders(file: string): boolean | undefined {
  const root = cacheRootOf(file);
  const folders = [root, ...path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean)];
  let folder = '';
  for (const part of folders) {
    // The root followed where it is a link (~/.cache kept on another disk): its own folders above are not judged either.
    const root = folder === '';
    folder = folder ? path.join(folder, part) : part;
    const own = judged.get(folder) ?? judgeFolder(folder, root);
    if (own !== true) return own;
  }
  return true;
}

/** Where a warning of the cache goes: stderr, but nowhere under --json, whose stderr holds nothing (cli.ts sets it each command). */
let warnOfCache = (line: string): void => void process.stderr.write(line);

export function warnOfCacheTo(sink: (line: string) => void): void {
  warnOfCache = sink;
}

/** The cache's folders judged in this process (ownCacheFolders): one not there is judged again once it is. */
const judged = new Map<string, boolean>();

function judgeFolder(folder: string, follow: boolean): boolean | undefined {
  const kind = statusOf(folder, { follow });
  if (!kind) return undefined;
  const own = kind.isDirectory() && ownedAlone(kind);
  judged.set(folder, own);
  // A file where a folder should be is no cache, and no one's to warn of: writing there fails as it did (writeToCache).
  if (!own && (kind.isDirectory() || kind.isSymbolicLink()))
    warnOfCache(
      `warning: the cache folder ${folder} is not your own (another user's, writable by others, or a link): agenda neither uses nor writes it; make it yours and writable by you alone (chown, chmod go-w), or name another with XDG_CACHE_HOME\n`,
    );
  return own;
}

/**
 * Owned by this user and writable by no one else; where the platform has no owners (Windows: no getuid), any. Its
 * group may write where that group is the user's own (Debian's and Ubuntu's user private groups: named and numbered as
 * the user, its primary group, with umask 002 every folder a desktop program makes is group-writable): no one else is in it.
 */
function ownedAlone(kind: Stats): boolean {
  if (!process.getuid || !process.getgid) return true;
  const uid = process.getuid();
  if (kind.uid !== uid || (kind.mode & 0o002) !== 0) return false;
  return (kind.mode & 0o020) === 0 || (kind.gid === uid && kind.gid === process.getgid() && isPrivateGroup(kind.gid));
}

/** Whether each group asked is the user's private group (isPrivateGroup), asked of the system once a process. */
const privateGroups = new Map<number, boolean>();

/**
 * Whether the group `gid` is the user's alone as the system's group database tells (`getent group`, which asks
 * /etc/group, LDAP or whatever the system is set to): named as the user and listing no other member. A number alone
 * tells nothing: an administrator may have made a shared group of that number, members and all. Where the database
 * cannot be asked (no getent), the group is not taken as private, and the folder is not the user's own.
 */
function isPrivateGroup(gid: number): boolean {
  const known = privateGroups.get(gid);
  if (known !== undefined) return known;
  let entry = '';
  try {
    entry = execFileSync('getent', ['group', String(gid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
  } catch {
    // no such group, no getent: not shown to be private
  }
  const [name, , , members = ''] = entry.trim().split(':');
  const user = userName();
  const alone = user !== undefined && name === user && members.split(',').every((member) => member === '' || member === user);
  privateGroups.set(gid, alone);
  return alone;
}

/** The user's name; none where the system has no entry for the user (a container's `--user 1000`): no group is then theirs alone. */
function userName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

/**
 * `bytes` (a file of the cache) as the JSON of `schema`'s shape; none where there are none, or they
 * are not JSON of that shape: a file not as agenda writes it is not used.
 */
export function cachedJson<T>(schema: z.ZodType<T>, bytes: Uint8Array | undefined): T | undefined {
  if (!bytes) return undefined;
  try {
    const read = schema.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    return read.success ? read.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Several files of one result (a PDF and its HTML): each written to a temporary file beside it, and
 * renamed into place only once all are written, so a failure leaves every one as it was. Only a
 * regular file is replaced: a device (/dev/full), a folder or a FIFO named as a target is refused.
 * `mode` is each file's from its first byte (0600 for what only its owner may read), the umask's otherwise.
 */
export async function writeAllAtomically(outputs: Array<{ file: string; data: FileData }>, mode?: number): Promise<void> {
  const written: Array<{ file: string; temporary: string }> = [];
  let current = outputs[0]?.file ?? '';
  try {
    for (const { file, data } of outputs) {
      current = file;
      await refuseSpecial(file);
      const temporary = await temporaryOf(file);
      written.push({ file, temporary });
      await writeFile(temporary, data, { flag: 'wx', mode });
    }
    for (const { file, temporary } of written) {
      current = file;
      await rename(temporary, file);
    }
  } catch (err) {
    await Promise.all(written.map(({ temporary }) => rm(temporary, { force: true }).catch(() => undefined)));
    if (err instanceof EnvironmentError) throw err;
    throw cannotWrite(current, err, written.find((w) => w.file === current)?.temporary ?? current);
  }
}

/** A temporary file beside `file` (its folder made), to rename into its place; those of runs killed while they wrote removed. */
async function temporaryOf(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await removeStaleTemporaries(file);
  return temporaryBeside(file);
}

/**
 * The name of this process's temporary file beside `file`: `.NAME.<host>.<boot>.<pid>.<pid namespace>.<ms>.tmp`,
 * its host and boot as short tags (thisMachine), so that a folder shared by several hosts (NFS, SMB) has
 * each host judge its own alone (see staleTemporaries).
 */
export const temporaryBeside = (file: string) =>
  path.join(path.dirname(file), `.${path.basename(file)}.${thisMachine().tag}.${process.pid}.${namespaceNumber()}.${Date.now()}.tmp`);

/**
 * The file `from` (written already, on the same file system) put at `file` as writeAtomically writes:
 * renamed into place (`move`), or copied beside it and the copy renamed (a file put at several places).
 */
export async function placeAtomically(file: string, from: string, move: boolean): Promise<void> {
  await refuseSpecial(file);
  let temporary = from;
  try {
    if (!move) {
      temporary = await temporaryOf(file);
      await copyFile(from, temporary, constants.COPYFILE_EXCL);
    } else await mkdir(path.dirname(file), { recursive: true });
    await rename(temporary, file);
  } catch (err) {
    if (!move) await rm(temporary, { force: true }).catch(() => undefined);
    if (err instanceof EnvironmentError) throw err;
    throw cannotWrite(file, err, temporary);
  }
}

/**
 * A cache entry's bytes, or undefined where there is none, or it is not the user's own (usableCacheEntry) or not a
 * regular file: opened without blocking nor following a link and judged by what was opened, so a FIFO put at its
 * name (a script may leave anything) never holds the command that reads it.
 */
export async function readCacheEntry(file: string): Promise<Buffer | undefined> {
  if (!usableCacheEntry(file)) return undefined;
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0)).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const kind = await handle.stat();
    return kind.isFile() && ownedAlone(kind) ? await handle.readFile() : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * The first `length` bytes of a regular file (fewer where it is shorter) and what fstat says of it, or undefined where
 * there is none, it is no regular file (a FIFO, opened without waiting for a writer, where a plain read would wait
 * for ever; a device) or a symbolic link (not followed), or it cannot be read: judged by what was opened, as
 * readCacheEntry. Synchronous: asked of each file a folder holds, where a round through libuv's pool would cost more than the read.
 */
export function readHead(file: string, length: number): { bytes: Buffer; kind: BigIntStats } | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const kind = fstatSync(fd, { bigint: true });
    if (!kind.isFile()) return undefined;
    const bytes = Buffer.alloc(length);
    return { bytes: bytes.subarray(0, readSync(fd, bytes, 0, length, 0)), kind };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * A file's kind, size and times (`lstat`, or `stat` where `follow`ing a last symbolic link); none where
 * there is nothing or it cannot be told. Synchronous: a republish asks it of every file of the site and
 * of the archive (14,000 at 240 meetings), which `lstatSync` answers in a third of the processor time
 * of promises, each a round through libuv's pool (and a microtask).
 */
export function statusOf(file: string, { follow = false } = {}): Stats | undefined {
  try {
    return (follow ? statSync : lstatSync)(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** A target that exists as anything but a regular file (a folder, a device, a FIFO, a link) is refused before anything is written. */
export async function refuseSpecial(file: string): Promise<void> {
  const kind = await lstat(file).catch(() => undefined);
  if (kind && !kind.isFile())
    throw new EnvironmentError(
      `cannot write ${file}: it is ${kind.isDirectory() ? 'a folder' : kind.isSymbolicLink() ? 'a symbolic link' : 'a device, pipe or socket'}, not a file; name a file to write`,
    );
}

/**
 * Temporary files of ours beside `file` (temporaryBeside) whose process is gone: a run killed while it
 * wrote. They are removed on the next write of the same file (staleTemporaries).
 */
async function removeStaleTemporaries(file: string): Promise<void> {
  const names = await readdir(path.dirname(file)).catch((): string[] => []);
  for (const stale of staleTemporaries(file, names)) await rm(stale, { force: true }).catch(() => undefined);
}

/**
 * Of `names` (those of `file`'s folder), the temporary files beside `file` whose process is gone: of
 * this host only (another host sharing the folder may be writing its own, of the same pid and pid
 * namespace: the initial namespace has one number on every Linux host); of this boot, where their pid is
 * of this namespace and not alive (one of another namespace, a container writing the same file beside
 * this one, may be alive there); of an earlier boot, where made before this boot began (two machines may
 * share a name, as lock.ts says). One whose host or namespace is not told (an older agenda's, a system
 * without /proc) cannot be judged.
 */
export function staleTemporaries(file: string, names: string[]): string[] {
  const prefix = `.${path.basename(file)}.`;
  const folder = path.dirname(file);
  return names.filter((name) => name.startsWith(prefix) && isStaleTemporary(folder, name)).map((name) => path.join(folder, name));
}

/** Whether `name` in `folder` is a temporary file of ours (temporaryBeside, beside whatever file) whose process is gone, as staleTemporaries judges it. */
export function isStaleTemporary(folder: string, name: string): boolean {
  const parts = /^\..+\.([0-9a-f]{8})\.([0-9a-f]{8}|-)\.(\d+)\.(\d+)\.\d+\.tmp$/.exec(name);
  if (parts?.[1] !== thisMachine().host) return false;
  if (parts[2] !== thisMachine().boot) return madeBeforeThisBoot(path.join(folder, name));
  return parts[4] === namespaceNumber() && !processAlive(Number(parts[3]));
}

/** This host and boot as a temporary file's name tells them: 8 hex digits of its name's SHA-256, and of its boot id ("-" where none is told). */
const thisMachine = (() => {
  let machine: { host: string; boot: string; tag: string } | undefined;
  return () => {
    if (machine) return machine;
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    const id = bootId();
    const boot = id === '-' ? '-' : id.replaceAll('-', '').slice(0, 8);
    return (machine = { host, boot, tag: `${host}.${boot}` });
  };
})();

/** This boot's id (Linux: /proc/sys/kernel/random/boot_id); "-" where the system does not tell (one boot is then told from another by the pid alone). */
export function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || '-';
  } catch {
    return '-';
  }
}

/** Whether `file` was last modified before this boot of the host began (what a process of an earlier boot made). */
export function madeBeforeThisBoot(file: string): boolean {
  const made = statusOf(file)?.mtimeMs;
  return made !== undefined && made < Date.now() - uptime() * 1000;
}

/**
 * This process's pid namespace as a number for a file's name ("pid:[4026531836]": 4026531836); "0" on a
 * system of no pid namespaces (not Linux: macOS, one namespace, its pids judged as they are); "-" where
 * Linux does not tell (no /proc), which is never judged.
 */
const namespaceNumber = () => (process.platform === 'linux' ? (/\[(\d+)\]/.exec(pidNamespace())?.[1] ?? '-') : '0');

/** Read once: a process's pid namespace is fixed for its life (setns and unshare change its children's). */
let namespace: string | undefined;

/**
 * This process's pid namespace as Linux names it ("pid:[4026531836]"); "-" where the system does not tell
 * (no /proc, no namespaces). A pid names a process only within its namespace: a process of a container
 * beside this one (sharing a folder, /tmp or a site) looks gone to processAlive here, so what names a pid
 * names its namespace too, and is judged only in it (a browser's or LibreOffice's folder, profile.ts; a
 * lock, lock.ts; a temporary file, removeStaleTemporaries).
 */
export function pidNamespace(): string {
  return (namespace ??= namespaceOfThisProcess());
}

function namespaceOfThisProcess(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '-';
  }
}

/** Whether a process of this id runs (one of another user's counts: it is not ours to judge). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}

/** Why `file` could not be written, in one line that names it and never the temporary file used to write it. */
export function cannotWrite(file: string, err: unknown, temporary: string): EnvironmentError {
  return new EnvironmentError(`cannot write ${file}: ${writeFailureOf(err) ?? messageOf(err).replaceAll(temporary, file)}`);
}

/** A system error any write may meet (permission denied, the disk full) in the words `cannotWrite` gives it; none for another. */
export const writeFailureOf = (err: unknown): string | undefined => writeFailures[errnoCode(err) ?? ''];

const writeFailures: Record<string, string> = {
  EEXIST: 'part of its folder path is a file',
  ENOTDIR: 'part of its folder path is a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EISDIR: 'it is a folder',
};
