// Part of `npm run build`: the command line as a few files, dist/bin/, bundled by esbuild from what
// tsc compiled (dist/src/). A command runs once and exits, and loading its modules was the largest
// part of node's own time in a cold build: some 300 ms of CPU went to finding, reading and compiling
// the 500-odd files of agenda, Puppeteer, zod and yaml one by one. Bundled, a command loads its code
// from a few files (each command's own part still only when it runs). The library
// (`import ... from 'agenda'`) stays dist/src/, with its type declarations.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * The packages bundled with agenda's own code: many modules each, and pure code that reads no file of
 * its own. Every other package loads from node_modules as before: some find files beside their own
 * (time zone data, `open`'s xdg-open, locales), which a bundle would move away from them; others
 * (pdf-lib, Handlebars, markdown-it) load their own single-file builds already (shared/bundled.ts).
 */
const bundled = new Set(['puppeteer-core', 'zod', 'yaml', 'commander', 'date-fns']);

const onlyThesePackages = {
  name: 'only-these-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      return bundled.has(name) ? undefined : { external: true };
    });
  },
};

/**
 * zod's translations of its messages into some 50 languages (400 kB of the 1.1 MB chunk every command
 * compiles), bundled only because zod's namespace re-exports them as z.locales: agenda never names a
 * locale, and zod imports its English, the messages agenda shows, by itself (classic/schemas.js).
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(importer) ? { path: 'zod-locales', namespace: 'without-zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'without-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * Puppeteer logs each protocol message through `debug(prefix)(message)`, making a new logger of the
 * package `debug` for every message sent and received (its namespaces matched, the terminal's colours
 * asked): some 80 ms of CPU a publish, off or on. Its import of `debug` gets the same function, which
 * keeps the logger of each namespace it has made; a logger reads DEBUG's namespaces afresh when they
 * change, so it logs as a new one would.
 */
const debugLoggersKept = {
  name: 'debug-loggers-kept',
  setup(build) {
    build.onResolve({ filter: /^debug$/ }, ({ importer, namespace }) => {
      if (namespace === 'debug-loggers-kept') return { path: 'debug', external: true };
      return /[\\/]node_modules[\\/]puppeteer-core[\\/]/.test(importer) ? { path: 'debug', namespace: 'debug-loggers-kept' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'debug-loggers-kept' }, () => ({
      contents: [
        "import createDebug from 'debug';",
        'const made = new Map();',
        'export default function debug(namespace) {',
        '  if (!made.has(namespace)) made.set(namespace, createDebug(namespace));',
        '  return made.get(namespace);',
        '}',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

await build({
  // cli.js is the bin; main.js offers the command line's main(argv) to run it more than once in one
  // process (the tests' worker, test/support/cli-worker.ts), from the same chunks as the bin.
  entryPoints: { cli: 'dist/src/bin.js', main: 'dist/src/cli.js' },
  outdir: 'dist/bin',
  bundle: true,
  // A command's modules still load when it runs (cli.ts imports each command on demand): one chunk each.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [debugLoggersKept, onlyThesePackages, withoutZodLocales],
  // Bundled CommonJS (commander, yaml) asks for Node's own modules with require, which an ES module lacks.
  banner: {
    js: "import { createRequire as agendaCreateRequire } from 'node:module'; const require = agendaCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync('dist/bin/cli.js', 0o755);
