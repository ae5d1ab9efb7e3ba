import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTemplate, previewFolders } from '../../src/preview/folders.js';
import { templatesDir } from '../../src/shared/paths.js';

describe('what the preview of 2023-11-22 watches', () => {
  const [meetings, templates] = previewFolders('meetings', '2023-11-22');
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
});
