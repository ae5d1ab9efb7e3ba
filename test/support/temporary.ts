import { newProfile } from '../../src/pdf/profile.js';

/**
 * The suite's own temporary folders, named and judged as the tool names its browsers' profiles
 * (src/pdf/profile.ts `newProfile`): agenda-test-<pid>-XXXXXX, the pid namespace of that process in it
 * (`.agenda-pid-namespace`). One whose process is gone (a run killed: SIGKILL, a power cut) is removed when
 * the next is made in the same folder; one of a live process, or of another pid namespace, is left.
 */
const prefix = 'agenda-test-';

/**
 * A run's temporary folder, in the system's (TMPDIR): the global setup makes it, named for the vitest
 * process, and points TMPDIR of the workers and all they start at it (test/global-setup.ts).
 */
export const newRunFolder = (): string => newProfile(prefix);

/**
 * A temporary folder of a path short enough for Chromium's socket in a profile made in it (31 bytes at
 * most, see newBrowserProfile): in /tmp, named for this process. The test removes it; a run killed
 * first leaves it to the next that makes one there.
 */
export const newShortFolder = (): string => newProfile(prefix, undefined, '/tmp');

/** The file that names the folder's pid namespace: the suite's mark, not something a command left. */
export const namespaceMark = '.agenda-pid-namespace';
