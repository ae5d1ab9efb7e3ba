import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HelperDelegate, TemplateDelegate } from 'handlebars';
import { Handlebars } from './bundled.js';
import { templatesDir } from './paths.js';
import { compileTemplate } from './precompiled-templates.js';

/** A template of plain text from templates/ (a YAML draft, a mail), compiled with nothing HTML-escaped. */
export function textTemplate(file: string, helpers: Record<string, HelperDelegate> = {}): TemplateDelegate {
  const hbs = Handlebars.create();
  hbs.registerHelper(helpers);
  return compileTemplate(hbs, readFileSync(path.join(templatesDir, file), 'utf8'), { noEscape: true });
}
