import { linkSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { EnvironmentError, errnoCode, messageOf } from '../shared/errors.js';
import { processAlive } from '../shared/files.js';

// One publication at a time in a site: two at once would each take the other's staging folder for a
// leftover, or write the site half each. The lock is a file made exclusively ('wx', which a network
// file system honours too) that names its process: host, boot, pid namespace and pid. One left by a
// killed publication is taken over where that can be told from here: of an earlier boot of this host,
// or of this host and pid namespace whose process is gone (or is this one's pid and not held here: a
// container's pid 1 restarted in the same namespace). A pid of another host or pid namespace (a container
// beside this one) cannot be judged from here: the clerk is told to remove the lock if none runs.

const lockName = '.agenda-publish.lock';

/** The locks this process holds, by their real path. */
const heldHere = new Set<string>();

/** Takes the lock of the site `out` (which exists); returns what releases it. */
export function lockSite(out: string): () => void {
  const file = path.join(realpathSync(out), lockName);
  if (!create(file)) {
    const other = holderOf(file);
    if (other !== undefined && !(leftBehind(file, other) && takenOver(file, other))) refuse(out, file, other);
    if (!create(file)) refuse(out, file, holderOf(file) ?? '');
  }
  heldHere.add(file);
  return () => release(file);
}

/** This process as its lock names it; "-" for what this system does not tell (no /proc: no pid namespaces either). */
function thisProcess(): string {
  const read = (file: string, how: (f: string) => string) => {
    try {
      return how(file).trim() || '-';
    } catch {
      return '-';
    }
  };
  const boot = read('/proc/sys/kernel/random/boot_id', (f) => readFileSync(f, 'utf8'));
  // The namespace's link names it ("pid:[4026531836]").
  const space = read('/proc/self/ns/pid', (f) => readlinkSync(f));
  return [hostname(), boot, space, process.pid].join(' ');
}

/**
 * Makes the lock naming this process; false where there is one. A lock this process made but could not
 * write (a full disk) is removed: an empty one would refuse every publication after.
 */
function create(file: string): boolean {
  try {
    writeFileSync(file, `${thisProcess()}\n`, { flag: 'wx' });
    return true;
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    rmSync(file, { force: true });
    throw new EnvironmentError(`cannot lock ${path.dirname(file)}: ${messageOf(err)}`);
  }
}

function refuse(out: string, file: string, holder: string): never {
  const [host = '?', , , pid = '?'] = holder.split(' ');
  const why = `another agenda publish (${host} ${pid}) is writing this site; wait for it to end, or remove ${file} if none runs`;
  throw new EnvironmentError(`cannot publish to ${out}: ${why}`);
}

/** Who holds the lock, as it names its process; none where it is gone meanwhile. */
function holderOf(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function leftBehind(file: string, holder: string): boolean {
  const [host, boot, space, pid] = holder.split(' ');
  const [ourHost, ourBoot, ourSpace] = thisProcess().split(' ');
  // Another machine's, or one that names no boot and namespace: its process cannot be judged here.
  if (host !== ourHost || pid === undefined) return false;
  if (boot !== ourBoot) return true;
  if (space !== ourSpace) return false;
  return Number(pid) === process.pid ? !heldHere.has(file) : !processAlive(Number(pid));
}

/**
 * Takes a lock left behind out of the way, by a rename (atomic: of two publications taking it over at
 * once, one renames it), and tells whether what it moved is still that lock; where it is another's,
 * made meanwhile, it is put back (link: only where none is there) and false.
 */
function takenOver(file: string, holder: string): boolean {
  const aside = `${file}.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return true;
  }
  const moved = holderOf(aside);
  try {
    if (moved !== holder) linkSync(aside, file);
  } catch {
    // another lock is in place already
  }
  rmSync(aside, { force: true });
  return moved === holder;
}

/** Removes the lock where it is still this process's (not one taken over meanwhile by mistake). */
function release(file: string): void {
  heldHere.delete(file);
  if (holderOf(file) === thisProcess()) rmSync(file, { force: true });
}
