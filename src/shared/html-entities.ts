const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", '#x3D': '=', '#x60': '`' };

/** Text of HTML we rendered ourselves: the entities handlebars' escaping writes, read back; any other left as it is. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#?\w+);/g, (whole, name: string) => entities[name] ?? whole);
}
