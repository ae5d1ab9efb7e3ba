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

/** Pagefind's options, the same for every index. */
const options = { excerptLength: 30 };
/** No index (a site of no open item): nothing is found. */
const none = { search: async () => ({ results: [] }), filters: async () => ({}) };

let pagefind;
try {
  // One index a committee (pagefind/<udvalg>/): the first's script searches them all, the others merged into it.
  const [first, ...others] = form.dataset.indekser.split(' ').filter(Boolean).map((folder) => new URL(folder, location.href).href);
  pagefind = first ? await import(`${first}pagefind.js`) : none;
  if (first) await pagefind.options(options);
  for (const index of others) await pagefind.mergeIndex(index, options);
  await offerFilters(await pagefind.filters());
} catch {
  status.textContent = words.fejl;
  throw new Error('the search index could not be loaded');
}
form.hidden = false;

/** Each filter's values as the index has them: the choices of its select, the suggestions of its datalist. */
async function offerFilters(filters) {
  for (const choices of form.querySelectorAll('select[data-filter], datalist[data-filter]')) {
    const values = Object.keys(filters[choices.dataset.filter] ?? {}).sort((a, b) => a.localeCompare(b, 'da', { numeric: true }));
    if (choices.dataset.order === 'faldende') values.reverse();
    for (const value of values) choices.append(new Option(value, value));
  }
}

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
  const result = await pagefind.search(term || null, { filters });
  found = result.results;
  shown = [];
  list.replaceChildren();
  await showMore();
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

/** A result: its title linking to the item (or the attachment's page), where it is, the excerpt with the words found marked; an attachment's item. */
function resultItem(data) {
  const li = document.createElement('li');
  const heading = element('h2', '', link(data.url, data.meta.title));
  li.append(heading, element('p', 'sted', data.meta.sted ?? ''), element('p', 'uddrag', ...excerpt(data.excerpt)));
  if (data.meta.punkt) li.append(element('p', 'punkt', `${list.dataset.punkt} `, link(data.meta.punkt, data.meta.punkttitel)));
  return li;
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
