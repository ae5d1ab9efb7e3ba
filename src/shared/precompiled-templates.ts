import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TemplateDelegate } from 'handlebars';
import type { Handlebars } from './bundled.js';
import { packageRoot } from './paths.js';

// Compiling the templates is a tenth of a cold build (some 120 ms: Handlebars parses each one and
// writes its JavaScript). `npm run build` does it once instead (scripts/precompile-templates.mjs),
// for every template of the package, into one file keyed by the hash of source and options: a
// template finds its precompiled form only if it is the very same text, so an edited template, a
// designer's override or a checkout not yet built is compiled as before, never rendered stale.

type Templates = ReturnType<typeof Handlebars.create>;
type CompileOptions = Parameters<Templates['compile']>[1];
type Specification = Parameters<Templates['template']>[0];

export const precompiledFile = path.join(packageRoot, 'dist', 'precompiled-templates.cjs');

/** The key of a template's precompiled form: its options and its source. */
export function templateKey(source: string, options: CompileOptions = {}): string {
  return createHash('sha256').update(JSON.stringify(options)).update('\0').update(source).digest('hex');
}

let specifications: Record<string, Specification> | undefined;

function precompiled(): Record<string, Specification> {
  try {
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the file scripts/precompile-templates.mjs wrote
    specifications ??= createRequire(import.meta.url)(precompiledFile) as Record<string, Specification>;
  } catch {
    specifications = {}; // not built (tests from src/ before a build): everything is compiled
  }
  return specifications;
}

/** `hbs.compile(source, options)`, from the build's precompiled form where there is one of this text. */
export function compileTemplate(hbs: Templates, source: string, options?: CompileOptions): TemplateDelegate {
  const specification = precompiled()[templateKey(source, options)];
  return specification ? hbs.template(specification) : hbs.compile(source, options);
}
