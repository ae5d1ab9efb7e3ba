import path from 'node:path';
import { archiveDir } from '../input/archive.js';
import { repositoryFiles } from '../input/load.js';
import type { CommitteeFolder } from '../input/repository.js';
import { templatesDir } from '../shared/paths.js';
import type { WatchedFolder } from './watch.js';

/**
 * What a meeting's document is made from: in the meetings folder, the meeting's file, the shared
 * files, its archive and any other file there (an attachment), but not the other meetings, their send
 * logs and archives; in the repository, kommune.yaml, kalender.yaml and husstil/ (not the other
 * committees, nor out/ or site/); in the package, the templates and stylesheet (the preview page's
 * own files aside).
 */
export function previewFolders({ dir, root }: CommitteeFolder, date: string): WatchedFolder[] {
  const ownArchive = path.relative(dir, archiveDir(dir, date));
  const otherMeeting = (file: string) => /^\d{4}-\d{2}-\d{2}(\.sendt)?\.yaml$/.test(file) && file !== `${date}.yaml`;
  const otherArchive = (file: string) => file.startsWith(`arkiv${path.sep}`) && file !== ownArchive && !isWithin(ownArchive, file);
  return [
    { dir, matters: (file) => !editorsOwn(file) && !otherMeeting(file) && !otherArchive(file) && file !== 'schema.json' },
    { dir: templatesDir, matters: (file) => !editorsOwn(file) && !isWithin('preview', file) },
    ...(path.resolve(root) === path.resolve(dir) ? [] : [{ dir: root, matters: repositoryFile }]),
  ];
}

/** A file of the repository's own that every committee's documents are made from, or the folder that holds them. */
function repositoryFile(file: string): boolean {
  const { municipality, calendar, templates } = repositoryFiles;
  return (
    !editorsOwn(file) && (file === '' || file === municipality || file === calendar || file === templates || isWithin(templates, file))
  );
}

/** A change that calls for the templates to be read again. */
export function isTemplate(file: string): boolean {
  return isWithin(templatesDir, file);
}

function isWithin(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** An editor's swap and backup files (.name.swp, name~), never read by agenda. */
function editorsOwn(file: string): boolean {
  return file.split(path.sep).some((part) => part.startsWith('.')) || file.endsWith('~');
}
