import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTemplate, previewFolders } from '../../src/preview/folders.js';
import { templatesDir } from '../../src/shared/paths.js';

describe('what the preview of 2023-11-22 watches', () => {
  const folder = { id: 'meetings', dir: 'meetings', root: '.', named: false };
  const [meetings, templates, repository] = previewFolders(folder, '2023-11-22');
  const p = (...parts: string[]) => path.join(...parts);

  it('in the meetings folder: the meeting, the shared files, its archive, attachments', () => {
    for (const file of [
      '',
      '2023-11-22.yaml',
      'udvalg.yaml',
      'kalender.yaml',
      'arkiv',
      p('arkiv', '2023-11-22'),
      p('arkiv', '2023-11-22', 'plan.yaml'),
      p('bilag', 'notat.pdf'),
    ]) {
      expect(meetings!.matters(file), file).toBe(true);
    }
  });

  it("not the other meetings, their send logs and archives, the schema, an editor's swap and backup files", () => {
    for (const file of [
      '2023-11-29.yaml',
      '2023-11-22.sendt.yaml',
      p('arkiv', '2023-11-15', 'plan.yaml'),
      'schema.json',
      '.2023-11-22.yaml.swp',
      '2023-11-22.yaml~',
      p('.git', 'index'),
    ]) {
      expect(meetings!.matters(file), file).toBe(false);
    }
  });

  it("in the package: the templates and stylesheet, not the preview page's own files", () => {
    expect(templates!.dir).toBe(templatesDir);
    expect(templates!.matters(p('partials', 'forside.hbs'))).toBe(true);
    expect(templates!.matters('style.css')).toBe(true);
    expect(templates!.matters(p('preview', 'preview.js'))).toBe(false);
    expect(isTemplate(p(templatesDir, 'style.css'))).toBe(true);
    expect(isTemplate(p('meetings', 'udvalg.yaml'))).toBe(false);
  });

  it("in the repository: kommune.yaml, kalender.yaml and husstil/, not the other committees', out/ or site/", () => {
    expect(path.resolve(repository!.dir)).toBe(path.resolve('.'));
    for (const file of ['', 'kommune.yaml', 'kalender.yaml', 'husstil', p('husstil', 'partials', 'punkt.hbs'), p('husstil', 'style.css')])
      expect(repository!.matters(file), file).toBe(true);
    for (const file of ['udvalg', 'out', 'site', 'meetings', 'README.md', p('husstil', '.style.css.swp')])
      expect(repository!.matters(file), file).toBe(false);
  });

  it('watches the repository once where the committee is the repository itself', () => {
    expect(previewFolders({ ...folder, dir: '.', root: '.' }, '2023-11-22')).toHaveLength(2);
  });
});
