// The search page's script (sog.html), the only script of the site: it asks Pagefind's index
// (pagefind/, written by `agenda publish`) in the reader's browser and lists what it finds. Every
// word it shows stands in the page (data-* of #status and #resultater), none here.

const form = document.getElementById('søgning');
const status = document.getElementById('status');
const list = document.getElementById('resultater');
const more = document.getElementById('flere');
const words = status.dataset;
/** Results shown at once, and again on each "more". */
const batch = 20;
const fill = (phrase, values) => phrase.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);

/** Pagefind's options for every index; no worker: its script would be one more download, and a search is quick on the page's thread. */
const options = { excerptLength: 30, noWorker: true };
/** No index (a site of no open item): nothing is found. */
const none = { search: async () => ({ results: [] }) };
const address = (folder) => new URL(folder, location.href).href;
/** One index a committee (pagefind/<udvalg>/), as the form lists them. */
const everyIndex = form.dataset.indekser.split(' ').filter(Boolean).map(address);
/** The searches opened so far, by the indexes they ask: each index's entry and metadata are loaded once. */
const opened = new Map();

/**
 * The indexes a search asks, and its filters there: where it names a committee whose index the page gives, that
 * index alone (and no committee filter: each of its records is that committee's); else every committee's.
 */
function scope(filters) {
  const committee = form.querySelector('option[data-indeks]:checked');
  if (!committee) return { indexes: everyIndex, filters };
  const { [committee.parentElement.dataset.filter]: _, ...others } = filters;
  return { indexes: [address(committee.dataset.indeks)], filters: others };
}

/** The search of the indexes, opened once: a failed one is tried again at the next search. */
function searchOf(indexes) {
  const key = indexes.join(' ');
  if (!opened.has(key))
    opened.set(
      key,
      open(indexes).catch((error) => {
        opened.delete(key);
        throw error;
      }),
    );
  return opened.get(key);
}

/** Pagefind's script of the first index, the others merged into it: they run on its WebAssembly. */
async function open([first, ...others]) {
  if (!first) return none;
  const { createInstance } = await import(`${first}pagefind.js`);
  const pagefind = createInstance({ ...options, basePath: first });
  for (const index of others) await pagefind.mergeIndex(index, options);
  return pagefind;
}

form.hidden = false;
// The words for a page where this script cannot run (script off, or opened as a file, where a module is not loaded).
document.getElementById('uden-script').hidden = true;

/** The search the form (or the page's address, `?q=...&udvalg=...`) asks for. */
function chosen() {
  const term = form.elements.q.value.trim();
  const filters = {};
  for (const field of form.querySelectorAll('[data-filter][name]')) if (field.value.trim()) filters[field.dataset.filter] = field.value.trim();
  return { term, filters };
}

let shown = [];
let found = [];

async function search() {
  const { term, filters } = chosen();
  const query = new URLSearchParams([['q', term], ...Object.entries(filters)]);
  history.replaceState(null, '', `?${query}`);
  if (!term && Object.keys(filters).length === 0) return clear();
  const asked = scope(filters);
  try {
    const pagefind = await searchOf(asked.indexes);
    found = (await pagefind.search(term || null, { filters: asked.filters })).results;
  } catch {
    return failed();
  }
  shown = [];
  list.replaceChildren();
  await showMore();
}

function failed() {
  clear();
  status.textContent = words.fejl;
}

function clear() {
  found = [];
  list.replaceChildren();
  status.textContent = '';
  more.hidden = true;
}

async function showMore() {
  const next = await Promise.all(found.slice(shown.length, shown.length + batch).map((r) => r.data()));
  shown.push(...next);
  list.append(...next.map(resultItem));
  const count = found.length === 0 ? words.ingen : found.length === 1 ? words.et : fill(words.flere, { antal: found.length });
  status.textContent = shown.length < found.length ? `${count} ${fill(words.vist, { vist: shown.length })}` : count;
  more.hidden = shown.length >= found.length;
}

/**
 * A result: its title linking to the item (or the attachment's page), where it is, the excerpt with the words found marked; an attachment's item.
 * An attachment's file is one record of its pages: the result is its page where the words are found most, and that page's excerpt.
 * Where it is and an attachment's item are the record's filters (soegepost.hbs): Pagefind indexes a meta field's words.
 */
function resultItem(data) {
  const [sted = ''] = data.filters.sted ?? [];
  const [punkt] = data.filters.punkt ?? [];
  const page = punkt ? mostFound(data) : undefined;
  const title = page ? `${data.meta.title}, ${fill(list.dataset.side, { side: page.number })}` : data.meta.title;
  const li = document.createElement('li');
  const heading = element('h2', '', link(page ? pageAddress(data.url, page.id) : data.url, title));
  li.append(heading, element('p', 'sted', sted), element('p', 'uddrag', ...excerpt(page ? pageExcerpt(data, page) : data.excerpt)));
  if (punkt) li.append(element('p', 'punkt', `${list.dataset.punkt} `, link(punkt, data.filters.punkttitel?.[0])));
  return li;
}

/**
 * The page of an attachment's record with the most words found (the first of those): none where the search named no word.
 * Each page follows an empty anchor, id="page=3" (soegepost.hbs), which Pagefind gives with its word position; a word
 * found is the page's whose anchor is the last at or before it. Not Pagefind's sub-results: they are made of headings
 * only, and a heading "side 3" would be found as words of every file.
 */
function mostFound(data) {
  const pages = data.anchors
    .filter((a) => /^page=\d+$/.test(a.id))
    .sort((a, b) => a.location - b.location)
    .map((a, k, all) => ({ id: a.id, number: a.id.slice('page='.length), from: a.location, to: all[k + 1]?.location ?? Infinity, found: [] }));
  for (const location of data.locations) pages.findLast((p) => p.from <= location)?.found.push(location);
  return pages.reduce((best, p) => (p.found.length > (best?.found.length ?? 0) ? p : best), undefined);
}

const pageAddress = (url, id) => `${url.replace(/#.*$/, '')}#${id}`;

/**
 * The page's part of the record's text around its words found, as HTML with them in <mark> (as Pagefind's excerpt):
 * the words (Pagefind's raw_content, split as Pagefind splits it for its excerpts) from a little before the first run that holds most of them.
 */
function pageExcerpt(data, page) {
  const all = data.raw_content.split(data.raw_content.includes('\u200B') ? '\u200B' : /[^\S\uFEFF]+/);
  const end = Math.min(page.to, all.length);
  const within = (start) => page.found.filter((l) => l >= start && l < start + options.excerptLength).length;
  const densest = page.found.reduce((best, l) => (within(l) > within(best) ? l : best));
  const start = Math.max(page.from, Math.min(densest - Math.floor(options.excerptLength / 4), end - options.excerptLength));
  const marked = new Set(page.found);
  return all
    .slice(start, Math.min(end, start + options.excerptLength))
    .map((word, k) => (marked.has(start + k) ? `<mark>${word}</mark>` : word))
    .join(' ');
}

function element(name, className, ...children) {
  const e = document.createElement(name);
  if (className) e.className = className;
  e.append(...children);
  return e;
}

function link(href, text) {
  const a = element('a', '', text ?? href);
  a.href = href;
  return a;
}

/**
 * Pagefind's excerpt is HTML with the words found in <mark>; the indexed text is the site's own, but
 * it is read into an inert document and only its text and marks are kept, so nothing in it can run.
 */
function excerpt(html) {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return [...body.childNodes].map((node) => (node.nodeName === 'MARK' ? element('mark', '', node.textContent) : document.createTextNode(node.textContent)));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void search();
});
more.addEventListener('click', () => void showMore());

// A search given in the page's address (a link to it, or the page reloaded) is run at once.
const given = new URLSearchParams(location.search);
for (const field of form.querySelectorAll('[name]')) if (given.has(field.name)) field.value = given.get(field.name);
if (given.size > 0) await search();
