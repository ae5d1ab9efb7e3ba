import path from 'node:path';
import type { HousePages } from '../shared/house-templates.js';
import { compileTemplate } from '../shared/precompiled-templates.js';
import { houseTemplate, readTemplate, type CompileOptions, type Templates } from './templates.js';

// The site's pages and the mail's letter as the house has them (husstil/web/, husstil/mail/): each
// template the house's own where it has one of that name, else agenda's, compiled once for each house.

/** The template `file` of templates/FOLDER/ as the house has it: its own (husstil/FOLDER/FILE) where it has one, else agenda's. */
export function pageTemplate(
  hbs: Templates,
  house: HousePages | undefined,
  folder: 'web' | 'mail',
  file: string,
  options: CompileOptions = {},
) {
  const own = house?.[folder][file];
  return own === undefined
    ? compileTemplate(hbs, readTemplate(`${folder}/${file}`), options)
    : houseTemplate(hbs, pageFile(house, folder, file), own, options);
}

/** The file that template is read from, to name it in an error. */
export function pageFile(house: HousePages | undefined, folder: 'web' | 'mail', file: string): string {
  return house?.[folder][file] === undefined ? path.join('templates', folder, file) : path.join(house.folder, folder, file);
}

/** What `make` makes of a house's own pages, made once for each set (by its key) and once for agenda's alone. */
export function oncePerHouse<T>(make: (house: HousePages | undefined) => T): (house: HousePages | undefined) => T {
  const made = new Map<string, T>();
  return (house) => {
    const known = made.get(house?.key ?? '');
    if (known !== undefined) return known;
    const value = make(house);
    made.set(house?.key ?? '', value);
    return value;
  };
}
