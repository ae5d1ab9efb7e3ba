import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lockSite } from '../../src/publish/site-lock.js';
import { withSendLock } from '../../src/send/lock.js';
import { temporaryBeside } from '../../src/shared/files.js';
import { type Blocker, takeLock } from '../../src/shared/lock.js';
import { tempDir } from '../support/cli.js';

// Each step a lock takes on disk (a read begins with openSync; a lock is made by writing a temporary file,
// linking it to the lock's name and removing it) passes `before`, given the step's arguments, so that a test
// can run another taker, or end this one as a kill would (or a file system fail), at each.
const steps = vi.hoisted(() => ({ before: undefined as ((step: string, ...args: unknown[]) => void) | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const hooked = <F extends (...args: never[]) => unknown>(name: string, f: F) =>
    ((...args: Parameters<F>) => {
      steps.before?.(name, ...args);
      return f(...args);
    }) as F;
  const mocked = {
    ...fs,
    openSync: hooked('openSync', fs.openSync),
    writeSync: hooked('writeSync', fs.writeSync),
    linkSync: hooked('linkSync', fs.linkSync),
    readdirSync: hooked('readdirSync', fs.readdirSync),
    rmSync: hooked('rmSync', fs.rmSync),
    statSync: hooked('statSync', fs.statSync),
  };
  return { ...mocked, default: mocked };
});

// A host's name with a space (sethostname allows one): a lock's words are read from the end, its pid the last.
// Read from the start, the pid was a word of the namespace's, not a number, and a live holder's lock was taken over.
vi.mock('node:os', async (importOriginal) => {
  const os = await importOriginal<typeof import('node:os')>();
  const mocked = { ...os, hostname: () => 'kommune server' };
  return { ...mocked, default: mocked };
});

const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const space = readlinkSync('/proc/self/ns/pid');
const named = (pid: number) => `${hostname()} ${boot} ${space} ${pid}\n`;
const gone = () => spawnSync('true').pid;
/** The temporary files in `dir`: a lock's words before they are linked to its name. */
const temporaries = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

/** Runs `work` as the process `pid` would: what it locks names that pid. */
function as<T>(pid: number, work: () => T): T {
  const real = process.pid;
  Object.defineProperty(process, 'pid', { value: pid, configurable: true, writable: true });
  try {
    return work();
  } finally {
    Object.defineProperty(process, 'pid', { value: real, configurable: true, writable: true });
  }
}

/** The lock's two callers and the lock itself: each takes it as the command does, held until the test ends. */
const takers: Record<string, { file: (dir: string) => string; take: (dir: string) => Promise<boolean> }> = {
  lock: { file: (dir) => path.join(dir, 'x.lock'), take: (dir) => settled(() => takeLock(path.join(dir, 'x.lock'), refuse)) },
  publish: { file: (dir) => path.join(dir, '.agenda-publish.lock'), take: (dir) => settled(() => lockSite(dir)) },
  send: {
    file: (dir) => path.join(dir, 'm.sendt.yaml.lock'),
    // Taken as the call begins (before its first await); refused as its promise is rejected.
    take: (dir) => {
      const sending = withSendLock(path.join(dir, 'm.sendt.yaml'), () => new Promise<void>(() => undefined));
      return Promise.race([
        sending.then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((r) => setTimeout(() => r(true), 0)),
      ]);
    },
  },
};
const refuse = (blocker: Blocker): never => {
  throw new Error(JSON.stringify(blocker));
};
function settled(take: () => unknown): Promise<boolean> {
  try {
    take();
    return Promise.resolve(true);
  } catch {
    return Promise.resolve(false);
  }
}

let alive: ChildProcess;
beforeAll(() => {
  alive = spawn('sleep', ['600'], { stdio: 'ignore' });
});
afterAll(() => {
  alive.kill();
});

describe('a lock left by a killed command', () => {
  /** How many steps a takeover of a lock left behind takes, alone. */
  function stepsOfTakeover(taker: (typeof takers)[string], left = ['']): Promise<number> {
    const dir = tempDir();
    for (const end of left) writeFileSync(`${taker.file(dir)}${end}`, named(gone()));
    let count = 0;
    steps.before = () => count++;
    return taker
      .take(dir)
      .finally(() => (steps.before = undefined))
      .then((held) => {
        expect(held).toBe(true);
        // Each step passed the hook: the mock of node:fs is the lock's (one loaded before, unmocked, would not be).
        expect(count).toBeGreaterThan(5);
        return count;
      });
  }

  // Left: the lock alone, or (the lock itself) the lock and its guard (a takeover killed before).
  const cases = [
    ...Object.entries(takers).map(([name, taker]) => [name, taker, ['']] as const),
    ['lock and guard', takers.lock!, ['', '.takeover']] as const,
  ];
  for (const [name, taker, left] of cases) {
    it(`${name}: of two taking it over at once, one alone holds it, wherever the second comes between the first's steps`, async () => {
      const count = await stepsOfTakeover(taker, [...left]);
      for (let at = 0; at <= count; at++) {
        const dir = tempDir();
        for (const end of left) writeFileSync(`${taker.file(dir)}${end}`, named(gone()));
        let second: Promise<boolean> = Promise.resolve(false);
        let step = 0;
        steps.before = () => {
          if (step++ !== at) return;
          steps.before = undefined;
          second = as(alive.pid!, () => taker.take(dir));
        };
        const first = await taker.take(dir).finally(() => (steps.before = undefined));
        const held = [first, await second];
        expect(held.filter(Boolean), `the second at step ${at}`).toHaveLength(1);
        expect(readFileSync(taker.file(dir), 'utf8')).toBe(named(held[0] ? process.pid : alive.pid!));
        expect(temporaries(dir), `the second at step ${at}`).toEqual([]);
      }
    });
  }

  // Left: the lock alone, or the lock and its guard (a takeover killed before).
  for (const left of [[''], ['', '.takeover']]) {
    it(`a command killed at any step of its takeover of ${left.map((end) => `x.lock${end}`).join(' and ')} leaves what the next takes over, or a file it names`, async () => {
      const count = await stepsOfTakeover(takers.lock!, left);
      let recovered = 0;
      let unrecovered = 0;
      for (let at = 0; at <= count; at++) {
        const dir = tempDir();
        const lock = path.join(dir, 'x.lock');
        for (const end of left) writeFileSync(`${lock}${end}`, named(gone()));
        let step = 0;
        steps.before = (name) => {
          if (step++ >= at) throw new Error(`killed before ${name}`);
        };
        try {
          as(gone(), () => takeLock(lock, refuse));
        } catch {
          // killed: no step after, and its pid gone
        }
        steps.before = undefined;
        try {
          takeLock(lock, refuse);
          expect(readFileSync(lock, 'utf8')).toBe(named(process.pid));
          // A temporary file the killed one left (its words, not yet linked or not yet removed) blocked no one, and is gone.
          expect(temporaries(dir), `killed at step ${at}`).toEqual([]);
          recovered++;
        } catch (err) {
          // Killed holding the guard's guard: the last, never taken over, named to the clerk. A lock or guard is made
          // whole (linked once written): none names no process, wherever the kill came.
          const blocker = JSON.parse((err as Error).message) as Blocker;
          expect(
            blocker.file.endsWith('.takeover.takeover') && blocker.process !== undefined,
            `killed at step ${at}: ${JSON.stringify(blocker)}`,
          ).toBe(true);
          unrecovered++;
        }
      }
      // Alone, every kill is recovered from (12 of 14 steps when a lock was made, then written); with a guard left
      // too, all but those holding the guard's guard (19 of 25 then).
      if (left.length === 1) expect(unrecovered).toBe(0);
      expect(recovered).toBeGreaterThan(count - 4);
    });
  }

  it('is made whole or not at all: a full disk leaves nothing; where links fail, a lost answer is told by the link count, and no hard links are made as before', () => {
    const dir = tempDir();
    const lock = path.join(dir, 'x.lock');
    /** The steps taken at the lock's own name, and `fail`ing a step with an error of `code`. */
    let atLock: string[] = [];
    const watching = (fail?: { step: string; code: string }) => (name: string, file: unknown, to: unknown) => {
      if (file === lock || to === lock) atLock.push(name);
      if (name === fail?.step) throw Object.assign(new Error(`${fail.code}: ${name} failed`), { code: fail.code });
    };
    // A full disk as its words are written: no lock was ever made; no temporary file left; the lock's folder named.
    steps.before = watching({ step: 'writeSync', code: 'ENOSPC' });
    expect(() => takeLock(lock, refuse)).toThrow(`cannot write ${dir}: the disk is full`);
    // A folder that cannot be written: said as any output that cannot be written is, naming no temporary file.
    steps.before = watching({ step: 'openSync', code: 'EACCES' });
    expect(() => takeLock(lock, refuse)).toThrow(new RegExp(`^cannot write ${dir}: permission denied$`));
    steps.before = undefined;
    expect(readdirSync(dir)).toEqual([]);
    expect(atLock).toEqual([]);
    // NFS: the link made, its answer lost, its retry answered EEXIST: the temporary file's two names say it is ours.
    steps.before = (name, from, to) => {
      if (name !== 'linkSync') return;
      steps.before = undefined;
      linkSync(from as string, to as string);
      throw Object.assign(new Error('EEXIST: file already exists, link'), { code: 'EEXIST' });
    };
    const release = takeLock(lock, refuse);
    expect(steps.before, 'linked').toBeUndefined();
    expect(readFileSync(lock, 'utf8')).toBe(named(process.pid));
    expect(readdirSync(dir)).toEqual(['x.lock']);
    release();
    // FAT, an SMB mount: no hard links. Made exclusively, then written; a lock held is still refused.
    for (const code of ['EPERM', 'ENOTSUP', 'ENOSYS']) {
      atLock = [];
      steps.before = watching({ step: 'linkSync', code });
      const release = takeLock(lock, refuse);
      expect(atLock.slice(0, 2), code).toEqual(['linkSync', 'openSync']);
      expect(readFileSync(lock, 'utf8')).toBe(named(process.pid));
      expect(readdirSync(dir)).toEqual(['x.lock']);
      expect(() => as(alive.pid!, () => takeLock(lock, refuse))).toThrow(`"process":"process ${process.pid} on this machine"`);
      steps.before = undefined;
      release();
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it("leaves another host's temporary file beside the lock (NFS, SMB): its pid and pid namespace may be this host's numbers", () => {
    const dir = tempDir();
    const lock = path.join(dir, 'x.lock');
    const [host, bootTag] = path.basename(temporaryBeside(lock)).split('.').slice(3, 5) as [string, string];
    const spaceNumber = /\[(\d+)\]/.exec(space)![1];
    const pid = gone();
    // Written by host Y between its write and its link: the same pid namespace number (every host's initial one), its pid gone here.
    const theirs = `.x.lock.${host === '00000000' ? '11111111' : '00000000'}.${bootTag}.${pid}.${spaceNumber}.${Date.now()}.tmp`;
    const ours = `.x.lock.${host}.${bootTag}.${pid}.${spaceNumber}.${Date.now()}.tmp`;
    for (const name of [theirs, ours]) writeFileSync(path.join(dir, name), named(pid));
    const release = takeLock(lock, refuse);
    expect(readdirSync(dir).sort()).toEqual([theirs, 'x.lock'].sort());
    release();
    // Its temporary file removed by another program between its write and its link: both files named, as they are.
    steps.before = (step, from) => {
      if (step !== 'linkSync') return;
      steps.before = undefined;
      rmSync(from as string);
    };
    expect(() => takeLock(lock, refuse)).toThrow(
      new RegExp(
        `^cannot lock ${dir}: ${lock} could not be made from its temporary file ${dir}/\\.x\\.lock\\.${host}\\.[^ ]+\\.tmp: ENOENT: no such file or directory \\(something removed the temporary file meanwhile\\); run the command again$`,
      ),
    );
    steps.before = undefined;
    expect(readdirSync(dir)).toEqual([theirs]);
  });

  it('its guard, left by a killed takeover, is taken over where its holder is gone; one of a live holder, or naming none, is refused naming it', () => {
    const dir = tempDir();
    const lock = path.join(dir, 'x.lock');
    const guard = `${lock}.takeover`;
    writeFileSync(lock, named(gone()));
    writeFileSync(guard, named(gone()));
    const release = takeLock(lock, refuse);
    expect(readFileSync(lock, 'utf8')).toBe(named(process.pid));
    expect(readdirSync(dir)).toEqual(['x.lock']);
    release();
    expect(readdirSync(dir)).toEqual([]);
    const blocked = (holder: string) => {
      writeFileSync(lock, named(gone()));
      writeFileSync(guard, holder);
      expect(() => takeLock(lock, refuse)).toThrow(Error);
      try {
        takeLock(lock, refuse);
      } catch (err) {
        return JSON.parse((err as Error).message) as Blocker;
      }
    };
    expect(blocked(named(alive.pid!))).toEqual({ file: guard, process: `process ${alive.pid} on this machine` });
    expect(blocked('')).toEqual({ file: guard, process: undefined });
    const elsewhere = gone();
    expect(blocked(`${hostname()} ${boot} pid:[1] ${elsewhere}`)).toEqual({ file: guard, process: `process ${elsewhere} on this machine` });
    // A guard's own guard left behind too: the recursion stops there, and the clerk is told to remove it.
    writeFileSync(guard, named(gone()));
    writeFileSync(`${guard}.takeover`, named(gone()));
    expect(() => takeLock(lock, refuse)).toThrow(`"file":"${guard}.takeover"`);
    rmSync(`${guard}.takeover`);
    takeLock(lock, refuse)();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a lock made anew meanwhile in the same words (a new process of the dead one’s pid) is not removed', () => {
    const dir = tempDir();
    const lock = path.join(dir, 'x.lock');
    const words = named(gone());
    writeFileSync(lock, words);
    let opened = 0;
    steps.before = (name) => {
      // The lock read, and judged left behind: as the guard is made, a process of that pid takes it over.
      if (name !== 'openSync' || ++opened !== 3) return;
      steps.before = undefined;
      rmSync(lock);
      // The new file's times after the old one's (a process started between: milliseconds at least).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      writeFileSync(lock, words);
    };
    expect(() => takeLock(lock, refuse)).toThrow(Error);
    steps.before = undefined;
    expect(readFileSync(lock, 'utf8')).toBe(words);
  });

  it("publish's and send's words for a lock or guard that stands in the way", async () => {
    const site = tempDir();
    const lock = path.join(site, '.agenda-publish.lock');
    writeFileSync(lock, named(gone()));
    writeFileSync(`${lock}.takeover`, named(alive.pid!));
    expect(() => lockSite(site)).toThrow(
      `cannot publish to ${site}: another agenda publish (process ${alive.pid} on this machine) is writing this site; wait for it to end, or remove ${lock}.takeover if none runs`,
    );
    const log = path.join(tempDir(), 'm.sendt.yaml');
    execFileSync('mkfifo', [`${log}.lock`]);
    // A FIFO in the lock's place is not read (a read would wait for ever), nor taken over; nor is a symbolic
    // link followed (here to a dead process's lock, which would be taken over).
    const noProcess = `another agenda send of this meeting is running (a lock that names no process: ${log}.lock): wait for it to end (or, if none is, delete ${log}.lock)`;
    await expect(withSendLock(log, () => Promise.resolve())).rejects.toThrow(noProcess);
    expect(existsSync(`${log}.lock`)).toBe(true);
    rmSync(`${log}.lock`);
    writeFileSync(`${log}.elsewhere`, named(gone()));
    symlinkSync(`${log}.elsewhere`, `${log}.lock`);
    await expect(withSendLock(log, () => Promise.resolve())).rejects.toThrow(noProcess);
    expect(readlinkSync(`${log}.lock`)).toBe(`${log}.elsewhere`);
  });
});
