import { readdir, rm, rmdir } from 'node:fs/promises';
import { readEarlierOutput } from '../input/read-file.js';
import path from 'node:path';
import { refuseSpecial, writeAtomically } from '../shared/files.js';
import type { SiteFiles } from './site.js';

// Writing the site: a file whose bytes are the same is left alone (its time too), so a web server, a
// git diff or rsync sees only what changed; a file the last publication wrote and this one does not
// is removed. What agenda wrote is listed in a state file, so nothing else in the folder is touched.

const stateFile = '.agenda-publish.json';

export interface PublishState {
  /** Every file the publication wrote, by its path in the site. */
  files: string[];
  /** Each printed document's path and the fingerprint of what it was printed from. */
  printed: Record<string, string>;
}

export async function readState(out: string): Promise<PublishState> {
  const bytes = await readEarlierOutput(path.join(out, stateFile));
  try {
    const state = JSON.parse(Buffer.from(bytes ?? '{}').toString('utf8')) as Partial<PublishState>;
    return { files: state.files ?? [], printed: state.printed ?? {} };
  } catch {
    return { files: [], printed: {} };
  }
}

export interface WriteLog {
  written: string[];
  removed: string[];
  unchanged: number;
}

export async function writeSite(out: string, files: SiteFiles, printed: PublishState['printed'], previous: PublishState): Promise<WriteLog> {
  const log: WriteLog = { written: [], removed: [], unchanged: 0 };
  // All at once: most of the time goes waiting for the disk, file by file.
  const outputs = await Promise.all(
    [...files].map(async ([file, content]) => {
      const target = path.join(out, file);
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      const old = await readEarlierOutput(target);
      return old && Buffer.compare(old, bytes) === 0 ? undefined : { file, target, bytes };
    }),
  );
  const changed = outputs.filter((o) => o !== undefined);
  // A folder or FIFO in a file's place stops the publication before anything of it is written.
  await Promise.all(changed.map((o) => refuseSpecial(o.target)));
  await Promise.all(changed.map((o) => writeAtomically(o.target, o.bytes)));
  log.written = changed.map((o) => o.file).sort();
  log.unchanged = files.size - log.written.length;
  for (const file of previous.files.filter((f) => !files.has(f))) {
    await rm(path.join(out, file), { force: true });
    await removeEmptyFolders(out, path.dirname(file));
    log.removed.push(file);
  }
  const state: PublishState = { files: [...files.keys()].sort(), printed };
  await writeAtomically(path.join(out, stateFile), `${JSON.stringify(state, null, 2)}\n`);
  return log;
}

/** The folders of a removed file, up to the site's root, where they are now empty. */
async function removeEmptyFolders(out: string, folder: string): Promise<void> {
  for (let dir = folder; dir !== '.' && dir !== ''; dir = path.dirname(dir)) {
    const full = path.join(out, dir);
    if ((await readdir(full).catch(() => ['?'])).length > 0) return;
    await rmdir(full);
  }
}
