import { describe, expect, it } from 'vitest';
import { isSandboxFailure, sandboxArgs, sandboxUnavailable } from '../../src/pdf/sandbox.js';

const host = (uid: number, settings: Record<string, string> = {}, platform = 'linux') => ({
  platform,
  uid,
  sysctl: (name: string) => settings[name],
});

describe("Chromium's sandbox", () => {
  it('stays on for a user who is not root, where the kernel has user namespaces', () => {
    expect(sandboxArgs(host(1000))).toEqual([]);
    expect(sandboxArgs(host(1000, { 'user/max_user_namespaces': '63000', 'kernel/unprivileged_userns_clone': '1' }))).toEqual([]);
    expect(sandboxArgs(host(0, {}, 'darwin'))).toEqual([]);
  });

  it('is off as root, or where user namespaces are off', () => {
    expect(sandboxUnavailable(host(0))).toBe('running as root');
    expect(sandboxArgs(host(1000, { 'user/max_user_namespaces': '0' }))).toEqual(['--no-sandbox']);
    expect(sandboxArgs(host(1000, { 'kernel/unprivileged_userns_clone': '0' }))).toEqual(['--no-sandbox']);
  });

  it('takes a browser that ended at start, but not one that hung, for one without a sandbox', () => {
    expect(isSandboxFailure(new Error('Protocol error (Target.setDiscoverTargets): Target closed'))).toBe(true);
    expect(isSandboxFailure(new Error('Timed out after 60000 ms while waiting for the WS endpoint'))).toBe(false);
    expect(
      isSandboxFailure(
        new Error(
          'Failed to launch the browser process!\n[1:1:FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox! If you are running on Ubuntu 23.10+ ...',
        ),
      ),
    ).toBe(true);
    expect(isSandboxFailure(new Error('Running as root without --no-sandbox is not supported. See https://crbug.com/638180.'))).toBe(true);
  });
});
