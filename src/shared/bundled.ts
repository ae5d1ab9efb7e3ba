import { createRequire } from 'node:module';
import path from 'node:path';
import type HandlebarsModule from 'handlebars';
import type MarkdownItModule from 'markdown-it';

// A command runs once and exits, so loading its libraries is a good part of its time. These three
// publish a single-file build that loads in a fraction of the time of their hundreds of modules
// (on the bench machine: pdf-lib 27 ms instead of 117, markdown-it 10 instead of 45, Handlebars 8
// instead of 27). The same code, the same types; only how it is loaded differs.
const require = createRequire(import.meta.url);

// eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- require gives any; it is the package's own build of the typed module
export const Handlebars = require('handlebars/dist/handlebars.min.js') as typeof HandlebarsModule;
// eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- require gives any; it is the package's own build of the typed module
export const MarkdownIt = require('markdown-it/dist/markdown-it.min.js') as typeof MarkdownItModule;

/**
 * pdf-lib (its maintained fork @cantoo/pdf-lib, which also opens encrypted attachments), loaded when
 * first needed (not every command prints). The fork's package exports do not name its single-file
 * build, so it is found beside the entry point.
 */
const pdfLibBuild = () => path.join(path.dirname(require.resolve('@cantoo/pdf-lib')), '../dist/pdf-lib.min.js');
// eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- require gives any; it is the package's own build of the typed module
export const loadPdfLib = () => require(pdfLibBuild()) as typeof import('@cantoo/pdf-lib');
