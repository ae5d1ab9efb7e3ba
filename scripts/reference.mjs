// npm run build, last step: docs/reference/commands.md and yaml.md, from the option table and the
// schemas (dist/src/commands/reference.js). A file is written only where its text changed, so a
// build leaves an unchanged reference alone; test/e2e/reference.test.ts says when the committed one
// is not the one the code makes.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceFiles } from '../dist/src/commands/reference.js';

// This script's folder; not import.meta.dirname, which Node has only from 20.11 (package.json allows 20).
const here = path.dirname(fileURLToPath(import.meta.url));

const folder = path.join(here, '..', 'docs', 'reference');
mkdirSync(folder, { recursive: true });
for (const [name, text] of Object.entries(await referenceFiles())) {
  const file = path.join(folder, name);
  let old;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = undefined;
  }
  if (old !== text) writeFileSync(file, text);
}
