// The preview page: the document's PDF drawn page by page with PDF.js (its text laid over each page, so
// it can be selected and searched), fetched again each time the server says the document changed.
// Every address is relative: the page and its files are served under the preview's secret key (server.ts).
import * as pdfjs from './pdfjs/pdf.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs/pdf.worker.mjs', import.meta.url).href;
// One worker for every document: starting one per document costs more than reading the document.
const worker = new pdfjs.PDFWorker();

const pages = () => document.getElementById('pages');
const status = document.getElementById('status');
let audience = new URLSearchParams(location.search).get('audience') === 'offentlig' ? 'offentlig' : 'medlemmer';
let shown = { audience: '', version: 0, change: 0, pdf: undefined };
let latest;
let drawing;
let events;

for (const radio of document.querySelectorAll('input[name=audience]')) {
  radio.checked = radio.value === audience;
  radio.addEventListener('change', () => {
    audience = radio.value;
    history.replaceState(null, '', audience === 'offentlig' ? '?audience=offentlig' : location.pathname);
    listen();
  });
}

/** One stream of the server's states for the version looked at. */
function listen() {
  events?.close();
  events = new EventSource(`events?audience=${audience}`);
  events.onmessage = (message) => {
    latest = { ...JSON.parse(message.data), audience };
    drawing ??= drawLatest().finally(() => (drawing = undefined));
  };
}

/** Shows the newest state; states that came while one was drawn are skipped for the last. */
async function drawLatest() {
  while (latest) {
    const state = latest;
    latest = undefined;
    showWords(state);
    showProblems(state);
    // Said updating until showStatus says what holds: the shown document is marked before the status
    // (markShown), and a waiter must never read a new document beside the last state's "up to date".
    document.body.dataset.updating = 'true';
    if (state.audience !== shown.audience || state.version !== shown.version) {
      if (state.version > 0) await showDocument(state);
    } else if (state.change > shown.change) {
      // The same document, printed again from a later change (a save that changed nothing printed).
      shown.change = state.change;
      markShown();
    }
    showStatus(state);
  }
}

/**
 * The house's words, each state's (an edit of them shows at the next save), where index.html.hbs has them.
 * Set as text, never as markup: a word is the clerk's.
 */
function showWords({ words, date }) {
  if (!words) return;
  for (const element of document.querySelectorAll('[data-title]')) element.textContent = `${words.forhåndsvisning} ${date}`;
  for (const element of document.querySelectorAll('[data-word]')) element.textContent = words[element.dataset.word];
  for (const element of document.querySelectorAll('[data-label]')) element.setAttribute('aria-label', words[element.dataset.label]);
}

function showProblems({ problems, failure }) {
  const panel = document.getElementById('problems');
  const list = panel.querySelector('ul');
  const lines = [...problems.map((p) => ({ text: p.text, kind: p.warning ? 'warning' : 'error' })), ...(failure ? [{ text: failure, kind: 'error' }] : [])];
  list.replaceChildren(...lines.map(({ text, kind }) => Object.assign(document.createElement('li'), { className: kind, textContent: text })));
  panel.hidden = lines.length === 0;
  panel.classList.toggle('warnings-only', lines.every((l) => l.kind === 'warning'));
}

/** Said once the document is on the page: never "up to date" while a later save is still being printed. */
function showStatus({ problems, failure, updating, version, words }) {
  document.body.dataset.updating = String(updating);
  if (!words) return;
  const errors = problems.filter((p) => !p.warning).length + (failure ? 1 : 0);
  status.textContent =
    errors > 0
      ? fill(words.forhåndsvisning_fejl, { antal: String(errors) })
      : version === 0
        ? words.forhåndsvisning_venter
        : updating
          ? words.forhåndsvisning_opdaterer
          : fill(words.forhåndsvisning_opdateret, { tid: new Date().toLocaleTimeString('da-DK') });
}

/** A phrase of the house's with its {name}s filled in (as the server's wording.ts fills the documents'). */
function fill(phrase, values) {
  return phrase.replace(/\{([^{}]*)\}/g, (whole, name) => values[name] ?? whole);
}

async function showDocument(state) {
  const response = await fetch(`document.pdf?audience=${state.audience}&v=${state.version}`, { cache: 'no-store' });
  if (!response.ok) return;
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(await response.arrayBuffer()), isEvalSupported: false, worker }).promise;
  const next = await layOut(pdf);
  const y = window.scrollY;
  pages().replaceWith(next);
  window.scrollTo(0, y);
  drawWhenSeen.disconnect();
  for (const page of next.children) drawWhenSeen.observe(page);
  void shown.pdf?.destroy();
  // The newest document, which may be newer than the state that asked for it.
  shown = { audience: state.audience, version: Number(response.headers.get('x-version')), change: Number(response.headers.get('x-change')), pdf };
  markShown();
}

/** What a test or the bench waits for: `audience version change`, the document on the page and the change of the files it was made from. */
function markShown() {
  document.body.dataset.shown = `${shown.audience} ${shown.version} ${shown.change}`;
}

/**
 * Every page of the new document with its text, ready to take the old one's place. The pages in view
 * now are drawn before they are shown, so the document changes in one step; the rest as they come into view.
 */
async function layOut(pdf) {
  const next = document.createElement('main');
  next.id = 'pages';
  const width = Math.min(900, document.documentElement.clientWidth - 32);
  const inView = pagesInView();
  const numbers = Array.from({ length: pdf.numPages }, (_, i) => i + 1);
  const laidOut = await Promise.all(numbers.map((n) => layOutPage(pdf, n, width)));
  next.append(...laidOut);
  const drawn = laidOut.filter((div, i) => inView.has(i + 1) || (inView.size === 0 && i < 2)).map(draw);
  await Promise.all(drawn);
  return next;
}

/** One page, its size and its text; drawn later. */
async function layOutPage(pdf, n, width) {
  const page = await pdf.getPage(n);
  const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
  const div = Object.assign(document.createElement('div'), { className: 'page' });
  div.style.width = `${viewport.width}px`;
  div.style.height = `${viewport.height}px`;
  div.style.setProperty('--total-scale-factor', String(viewport.scale));
  div.dataset.page = String(n);
  const text = Object.assign(document.createElement('div'), { className: 'textLayer' });
  div.append(text);
  await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
  pageOf.set(div, { page, viewport });
  return div;
}

/** The numbers of the pages now on screen. */
function pagesInView() {
  const seen = new Set();
  for (const div of pages().children) {
    const { top, bottom } = div.getBoundingClientRect();
    if (bottom > 0 && top < window.innerHeight) seen.add(Number(div.dataset.page));
  }
  return seen;
}

const pageOf = new WeakMap();

async function draw(div) {
  const found = pageOf.get(div);
  if (!found || div.querySelector('canvas')) return;
  const { page, viewport } = found;
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  div.prepend(canvas);
  await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
}

const drawWhenSeen = new IntersectionObserver((entries) => {
  // A page of a document replaced meanwhile fails to draw, and is gone anyway.
  for (const entry of entries) if (entry.isIntersecting) draw(entry.target).catch(() => undefined);
});

listen();
