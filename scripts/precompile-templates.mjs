// Part of `npm run build`: precompiles every Handlebars template of the package into one file that
// rendering takes them from (src/shared/precompiled-templates.ts says why). Plain-text templates
// (drafts, mail) are compiled with nothing HTML-escaped, as textTemplate compiles them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { precompiledFile, templateKey } from '../dist/src/shared/precompiled-templates.js';
import { templatesDir } from '../dist/src/shared/paths.js';

const plainText = new Set(['drafts', 'mail']);
const entries = readdirSync(templatesDir, { recursive: true })
  .filter((file) => file.endsWith('.hbs'))
  .sort()
  .map((file) => {
    const source = readFileSync(path.join(templatesDir, file), 'utf8');
    const options = plainText.has(file.split(path.sep)[0]) ? { noEscape: true } : {};
    return `  // ${file}\n  ${JSON.stringify(templateKey(source, options))}: ${Handlebars.precompile(source, options)},`;
  });
writeFileSync(
  precompiledFile,
  `// Made by scripts/precompile-templates.mjs from templates/: do not edit.\nmodule.exports = {\n${entries.join('\n')}\n};\n`,
);
