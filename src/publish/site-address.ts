import { UsageError } from '../shared/errors.js';

// The site's public address (--url): every link of the data and the feeds is made from it, so it must
// be an address a reader's program can open as it is: http or https, with the host, nothing after, and
// the site's folder, not a file in it (index.html would put every link under .../index.html/).

/** Refuses, as a usage error, an address the site's links cannot be made from ("moeder.kommune.dk" without https://). */
export function checkSiteAddress(address: string): void {
  const problem = addressProblem(address);
  if (problem) throw new UsageError(`--url ${withoutCredentials(address)}: ${problem}; ${advice}`);
}

/** The address as typed, but a user and password before its host (or whatever stands before an @) left out: a refusal never echoes a password. */
function withoutCredentials(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const slashes = address.indexOf('//');
  const host = slashes >= 0 && slashes < at ? slashes + 2 : 0;
  return `${address.slice(0, host)}…${address.slice(at)}`;
}

const advice = "give the site's address with its scheme, e.g. https://moeder.kommune.dk/";

function addressProblem(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'not a whole address';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol} is not the scheme of a web address`;
  if (url.username || url.password || url.search || url.hash) return 'a site address holds no user, password, ?query or #fragment';
  // A last part with a dot names a file (index.html, forside.aspx); a folder so named is given with its closing slash.
  const last = url.pathname.split('/').at(-1) ?? '';
  if (last.includes('.')) return `${last} names a file, not the site's folder: give the folder (${new URL('.', url).href})`;
  return undefined;
}
