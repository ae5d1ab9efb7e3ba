import { closeSync, openSync, readFileSync, realpathSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import path from 'node:path';
import { readEarlierOutputSync } from '../input/read-file.js';
import { EnvironmentError, errnoCode, messageOf } from '../shared/errors.js';
import { pidNamespace, processAlive } from '../shared/files.js';

// One publication at a time in a site: two at once would each take the other's staging folder for a
// leftover, or write the site half each. The lock is a file made exclusively ('wx', which a network
// file system honours too) that names its process: host, boot, pid namespace and pid. One left by a
// killed publication is taken over where that can be told from here: of an earlier boot of this host
// (and older than this boot: two machines may share a name), or of this host and pid namespace whose
// process is gone (or whose pid is this process's, which does not hold it: in one namespace, that pid's
// earlier holder is gone). A pid of another host or pid namespace (a container beside this one) cannot
// be judged from here, nor a lock that names no process (cut short by a power cut): the clerk is told
// to remove the lock if none runs.

const lockName = '.agenda-publish.lock';

/** The locks this process holds, by their real path. */
const heldHere = new Set<string>();

/** Takes the lock of the site `out` (which exists); returns what releases it. */
export function lockSite(out: string): () => void {
  const file = path.join(realSite(out), lockName);
  if (!create(file)) {
    const other = holderOf(file);
    if (other !== undefined && !(leftBehind(file, other) && takenOver(file, other))) refuse(out, file, other);
    if (!create(file)) refuse(out, file, holderOf(file) ?? '');
  }
  heldHere.add(file);
  return () => release(file);
}

function realSite(out: string): string {
  try {
    return realpathSync(out);
  } catch (err) {
    throw new EnvironmentError(`cannot lock ${out}: ${messageOf(err)}`);
  }
}

/** This process as its lock names it; "-" for what this system does not tell. */
function thisProcess(): string {
  let boot = '-';
  try {
    boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || '-';
  } catch {
    // no /proc: one boot is told from another by the pid alone
  }
  return [hostname(), boot, pidNamespace(), process.pid].join(' ');
}

/**
 * Makes the lock naming this process; false where there is one. One this process made but could not
 * write (a full disk) is removed: an empty one would refuse every publication after.
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
  return true;
}

const cannotLock = (file: string, err: unknown) => new EnvironmentError(`cannot lock ${path.dirname(file)}: ${messageOf(err)}`);

function refuse(out: string, file: string, holder: string): never {
  // Its host and pid: the first and last words (an older agenda's lock names those alone).
  const words = holder.split(' ');
  const who = holder === '' ? `a lock that names no process: ${file}` : `another agenda publish (${words[0]} ${words.at(-1)})`;
  const why = `${who} is writing this site; wait for it to end, or remove ${file} if none runs`;
  throw new EnvironmentError(`cannot publish to ${out}: ${why}`);
}

/**
 * Who holds the lock, as it names its process; none where it is gone meanwhile, or is no file a lock
 * is (a FIFO, which a plain read would wait on for ever; a device): then refused as naming no process.
 */
function holderOf(file: string): string | undefined {
  const bytes = readEarlierOutputSync(file);
  return bytes && Buffer.from(bytes).toString('utf8').trim();
}

function leftBehind(file: string, holder: string): boolean {
  const [host, boot, space, pid] = holder.split(' ');
  const [ourHost, ourBoot, ourSpace] = thisProcess().split(' ');
  // Another machine's, or one that names no boot and namespace: its process cannot be judged here.
  if (host !== ourHost || pid === undefined) return false;
  if (boot !== ourBoot) return madeBefore(file, Date.now() - uptime() * 1000);
  if (space !== ourSpace) return false;
  return Number(pid) === process.pid ? !heldHere.has(file) : !processAlive(Number(pid));
}

function madeBefore(file: string, time: number): boolean {
  try {
    return statSync(file).mtimeMs < time;
  } catch {
    return false;
  }
}

/**
 * Removes a lock left behind where it still is that one: under a guard of its own (`.takeover`, made
 * exclusively), so that of two publications taking it over at once one removes it and the other finds
 * it gone or another's, and each then makes the lock exclusively, which one alone can.
 */
function takenOver(file: string, holder: string): boolean {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch {
    return false;
  }
  try {
    if (holderOf(file) !== holder) return false;
    rmSync(file, { force: true });
    return true;
  } finally {
    closeSync(fd);
    rmSync(guard, { force: true });
  }
}

/** Removes the lock where it is still this process's (not one taken over meanwhile by mistake). */
function release(file: string): void {
  heldHere.delete(file);
  if (holderOf(file) === thisProcess()) rmSync(file, { force: true });
}
