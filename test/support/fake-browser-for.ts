import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/shared/paths.js';

const fakeBrowser = path.join(packageRoot, 'test', 'support', 'fake-browser.mjs');

/**
 * The fake browser (fake-browser.mjs) with its fault, pid file and any other setting written in: the
 * browser gets none of the command's environment.
 */
export function fakeBrowserFor(dir: string, fault: string, pidFile: string, more: Record<string, string> = {}): string {
  const file = path.join(dir, 'fake-chromium');
  const settings = Object.entries({ AGENDA_FAKE_FAULT: fault, AGENDA_FAKE_PIDFILE: pidFile, ...more })
    .map(([name, value]) => `${name}='${value}'`)
    .join(' ');
  writeFileSync(file, `#!/bin/sh\n${settings} exec '${process.execPath}' '${fakeBrowser}' "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}
