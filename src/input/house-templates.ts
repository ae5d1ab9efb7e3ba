import { createHash } from 'node:crypto';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MissingFileError, type Finding } from '../shared/errors.js';
import { housePageFolders, packageOnly, type HousePages, type HouseTemplates } from '../shared/house-templates.js';
import { templatesDir } from '../shared/paths.js';
import { syntaxMistake } from '../shared/template-syntax.js';
import { exists, inputLimit, readInputFile, type Within } from './read-file.js';
import { utf8Text } from './utf8.js';

/**
 * The repository's husstil/, read as every input is read, before anything is printed: regular files
 * no larger than an input may be, inside the repository as they are opened. Its files go into every
 * document, public ones too, so a link (to /etc/passwd, /proc/self/environ) is refused by name, as is
 * a FIFO or a device. Links are refused even within the repository: a document's fingerprint hashes
 * husstil/'s own files, so a linked one would change without the fingerprint. Nothing where there is
 * no husstil/.
 */
export async function readHouseTemplates(dir: string, root: string): Promise<HouseTemplates | undefined> {
  if (!(await exists(dir))) return undefined;
  const within = { folder: root, name: 'the repository' };
  await checkFolder(dir, within);
  const partialsDir = path.join(dir, 'partials');
  const names = (await exists(partialsDir)) ? (await checkFolder(partialsDir, within), await readdir(partialsDir)) : [];
  const partials: Record<string, string> = {};
  for (const name of names.filter((n) => n.endsWith('.hbs')).sort()) {
    partials[path.basename(name, '.hbs')] = await readText(path.join(partialsDir, name), within);
  }
  const cssFile = path.join(dir, 'style.css');
  const css = (await exists(cssFile)) ? await readText(cssFile, within) : undefined;
  const key = createHash('sha256')
    .update(JSON.stringify([partials, css]))
    .digest('hex');
  return { folder: dir, partials, css, key };
}

/**
 * The house's own site pages and mail letter (husstil/web/, husstil/mail/), read as its partials are,
 * each template parsed, so that `agenda check` tells a syntax mistake at its place. A file there that
 * replaces none of the package's (a README, a logo, a folder) is a warning naming it and the names it
 * could have, as an unused partial is: it would never be used, and it stops nothing. Nothing where
 * the house has neither folder.
 */
export async function readHousePages(dir: string, root: string, findings: Finding[]): Promise<HousePages | undefined> {
  const within = { folder: root, name: 'the repository' };
  const [web, mail] = await Promise.all(housePageFolders.map((name) => readPageFolder(dir, name, within, findings)));
  if (!web || !mail || Object.keys(web).length + Object.keys(mail).length === 0) return undefined;
  const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  const pages = Object.entries(web).filter(([file]) => file.endsWith('.hbs'));
  return { folder: dir, web, mail, key: hash([web, mail]), pagesKey: hash(pages) };
}

async function readPageFolder(dir: string, name: string, within: Within, findings: Finding[]): Promise<Record<string, string>> {
  const folder = path.join(dir, name);
  if (!(await exists(folder))) return {};
  await checkFolder(folder, within);
  const replaceable = (await readdir(path.join(templatesDir, name))).filter((f) => !packageOnly.includes(`${name}/${f}`)).sort();
  const files: Record<string, string> = {};
  for (const file of (await readdir(folder)).filter((f) => !f.startsWith('.')).sort()) {
    const where = path.join(folder, file);
    if (!replaceable.includes(file)) {
      findings.push({ ...atStart(where), warning: true, message: notReplaceable(name, replaceable) });
      continue;
    }
    files[file] = await readText(where, within);
    const mistake = file.endsWith('.hbs') ? syntaxMistake(files[file]) : undefined;
    if (mistake)
      findings.push({
        file: where,
        line: mistake.line ?? 1,
        col: mistake.col ?? 1,
        path: '',
        message: `template syntax: ${mistake.message}`,
      });
  }
  return files;
}

const atStart = (file: string) => ({ file, line: 1, col: 1, path: '' });

const notReplaceable = (folder: string, names: string[]) =>
  `not used: agenda has no template of that name in templates/${folder}/ to replace; the files a house may put in husstil/${folder}/ are ${names.join(', ')}`;

/** A folder of husstil/: a folder itself, not a link (each file in it is checked again as it is opened). */
async function checkFolder(dir: string, within: Within): Promise<void> {
  await refuseLink(dir, within);
  const kind = await stat(dir).catch(() => undefined);
  if (!kind?.isDirectory()) throw new MissingFileError(`${dir}: not a folder; husstil/ holds partials/*.hbs, style.css, web/ and mail/`);
}

async function refuseLink(file: string, within: Within): Promise<void> {
  const kind = await lstat(file).catch(() => undefined);
  if (kind?.isSymbolicLink()) {
    throw new MissingFileError(`${file}: a symbolic link; the house style's files are files of ${within.name} itself`);
  }
}

async function readText(file: string, within: Within): Promise<string> {
  await refuseLink(file, within);
  return utf8Text(file, await readInputFile(file, inputLimit, within));
}

/**
 * A warning for each partial of the house that replaces none of the package's (a misspelt name,
 * `forsiden.hbs`) and that none of its partials calls (`{{> logo}}`): it would never be used, and the
 * designer would see no change and no reason.
 */
export async function unusedPartials(house: HouseTemplates | undefined): Promise<Finding[]> {
  if (!house) return [];
  const names = (await readdir(path.join(templatesDir, 'partials')))
    .filter((n) => n.endsWith('.hbs'))
    .map((n) => path.basename(n, '.hbs'))
    .sort();
  return Object.keys(house.partials)
    .filter((name) => !names.includes(name) && !calledIn(house, name))
    .map((name) => ({
      ...atStart(path.join(house.folder, 'partials', `${name}.hbs`)),
      warning: true,
      message: `not used: agenda has no template named ${name} to replace; the templates a house may replace are ${names.join(', ')}`,
    }));
}

/** Whether a partial of the house calls the partial `name` (`{{> name}}`, `{{#> name}}`). */
function calledIn(house: HouseTemplates, name: string): boolean {
  const call = new RegExp(`\\{\\{~?#?>\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
  return Object.values(house.partials).some((source) => call.test(source));
}
