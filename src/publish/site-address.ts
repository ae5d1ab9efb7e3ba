import { UsageError } from '../shared/errors.js';

// The site's public address (--url): every link of the data and the feeds is made from it, so it must
// be an address a reader's program can open as it is: http or https, with the host, nothing after.

/** Refuses, as a usage error, an address the site's links cannot be made from ("moeder.kommune.dk" without https://). */
export function checkSiteAddress(address: string): void {
  const problem = addressProblem(address);
  if (problem) throw new UsageError(`--url ${address}: ${problem}; ${advice}`);
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
  return undefined;
}
