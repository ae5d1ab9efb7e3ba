import { readFileSync } from 'node:fs';
import { messageOf } from '../shared/errors.js';

/**
 * Chromium's sandbox keeps a page that misbehaves away from the clerk's files, so it stays on
 * wherever it can run. On Linux it needs unprivileged user namespaces (or a setuid helper Debian's
 * chromium does not ship), and Chromium refuses it as root. It is turned off only there: as root, or
 * where the kernel has user namespaces off. A container or AppArmor policy that blocks them (Ubuntu
 * 23.10 on, unless the browser has a profile that allows them) shows only when Chromium starts, so a
 * start that fails for want of a sandbox is tried once more without it (see isSandboxFailure).
 */
export interface SandboxHost {
  platform: string;
  uid?: number;
  /** A kernel setting's value, or undefined where the kernel has no such setting. */
  sysctl: (name: string) => string | undefined;
}

const thisHost: SandboxHost = {
  platform: process.platform,
  uid: process.getuid?.(),
  sysctl: (name) => {
    try {
      return readFileSync(`/proc/sys/${name}`, 'utf8').trim();
    } catch {
      return undefined;
    }
  },
};

/** Why the sandbox cannot run here, or undefined where it can. */
export function sandboxUnavailable(host: SandboxHost = thisHost): string | undefined {
  if (host.platform !== 'linux') return undefined;
  if (host.uid === 0) return 'running as root';
  if (host.sysctl('user/max_user_namespaces') === '0') return 'user namespaces are off (user.max_user_namespaces = 0)';
  if (host.sysctl('kernel/unprivileged_userns_clone') === '0')
    return 'unprivileged user namespaces are off (kernel.unprivileged_userns_clone = 0)';
  return undefined;
}

/** The flags that say so to Chromium: none where the sandbox can run. */
export function sandboxArgs(host?: SandboxHost): string[] {
  return sandboxUnavailable(host) ? ['--no-sandbox'] : [];
}

/**
 * Whether a start with the sandbox may have failed for want of it. Over a pipe Puppeteer keeps none
 * of what Chromium said ("No usable sandbox!"), so any start where the browser ended before it
 * answered counts; a hang does not.
 */
export function isSandboxFailure(err: unknown): boolean {
  const message = messageOf(err);
  return /No usable sandbox|Running as root without --no-sandbox|Target closed|Failed to launch the browser process/i.test(message);
}
