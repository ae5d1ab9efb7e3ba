import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Audience } from '../model/meeting.js';
import { Handlebars } from '../shared/bundled.js';
import { templatesDir } from '../shared/paths.js';
import { compileTemplate } from '../shared/precompiled-templates.js';
import type { LiveDocument } from './live.js';
import type { Handler } from './server.js';

const require = createRequire(import.meta.url);
const pageDir = path.join(templatesDir, 'preview');
const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

// The page runs its own script and PDF.js, and talks to this server only.
const policy =
  "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Every path the preview serves: its page, PDF.js (the document's pages as PDF, text selectable), the PDF and its events. */
export function previewRoutes(live: LiveDocument, date: string): Record<string, Handler> {
  return {
    '/': async (_request, response) => {
      // In the house's words, HTML-escaped: a word is the clerk's text, never markup on the page.
      const page = compileTemplate(Handlebars.create(), await readFile(path.join(pageDir, 'index.html.hbs'), 'utf8'));
      send(response, '.html', page({ ord: await live.pageWords(), date }));
    },
    '/preview.js': file(path.join(pageDir, 'preview.js')),
    '/preview.css': file(path.join(pageDir, 'preview.css')),
    '/pdfjs/pdf.mjs': file(path.join(pdfjsDir, 'build', 'pdf.min.mjs')),
    '/pdfjs/pdf.worker.mjs': file(path.join(pdfjsDir, 'build', 'pdf.worker.min.mjs')),
    '/pdfjs/pdf_viewer.css': file(path.join(pdfjsDir, 'web', 'pdf_viewer.css')),
    '/document.pdf': (_request, response, query) => {
      const document = live.document(audienceOf(query));
      if (!document) return void response.writeHead(404).end();
      const headers = {
        'content-type': 'application/pdf',
        'cache-control': 'no-store',
        'content-disposition': `inline; filename="${date}.pdf"`,
        'x-version': String(document.version),
        'x-change': String(document.change),
      };
      response.writeHead(200, headers).end(document.pdf);
    },
    '/events': (request, response, query) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      // retry: a page that lost the stream (the preview restarted) asks again soon.
      response.write('retry: 500\n\n');
      const unsubscribe = live.subscribe(audienceOf(query), (state) => response.write(`data: ${JSON.stringify({ date, ...state })}\n\n`));
      request.once('close', unsubscribe);
    },
  };
}

/** Read at each request, so the page's own files can be worked on while the preview runs. */
function file(name: string): Handler {
  return async (_request, response) => send(response, path.extname(name), await readFile(name));
}

function send(response: ServerResponse, extension: string, body: string | Buffer): void {
  response
    .writeHead(200, {
      'content-type': types[extension] ?? 'application/octet-stream',
      'content-security-policy': policy,
      'cache-control': 'no-store',
    })
    .end(body);
}

function audienceOf(query: URLSearchParams): Audience {
  return query.get('audience') === 'offentlig' ? 'offentlig' : 'medlemmer';
}
