import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Opens `url` in the user's own browser, where the system says which (xdg-open, open, start), by way of
 * a page that only the clerk can read and that sends the browser on to it: the address itself, key and
 * all, on xdg-open's and the browser's command lines would stand in the process list, which every user
 * of the machine can read (Jupyter does the same). Returns what removes the page, once the preview ends.
 */
export async function openPrivately(url: string): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'agenda-preview-')); // readable by its owner only
  const page = path.join(dir, 'open.html');
  // The address is the preview's own: 127.0.0.1, a port and a base64url key, nothing to escape.
  writeFileSync(page, `<!doctype html><meta http-equiv="refresh" content="0;url=${url}"><a href="${url}">${url}</a>\n`, { mode: 0o600 });
  const { default: open } = await import('open');
  const child = await open(page).catch(() => undefined);
  child?.once('error', () => undefined);
  return () => rmSync(dir, { recursive: true, force: true });
}
