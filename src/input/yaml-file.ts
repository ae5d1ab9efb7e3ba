import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import { InputError, messageOf, type Finding } from '../shared/errors.js';
import { formatPath } from './key-path.js';
import { inputLimit, readInputFile, type Within } from './read-file.js';
import { utf8Text } from './utf8.js';

/** A YAML file, parsed, that can say where any key path stands in it. */
export interface YamlFile {
  file: string;
  data: unknown;
  /** Mistakes that leave the file readable (a key given twice: the last counts), for `validate` to report with the rest. */
  findings?: Finding[];
  /** Line and column of the value at `path` (of the key itself with `key`); the nearest existing parent where the path runs out. */
  locate(path: readonly PropertyKey[], opts?: { key?: boolean }): { line: number; col: number };
}

/** The YAML file at `file`; given `within`, only one that lies in that folder as it is opened (readInputFile). */
export async function readYamlFile(file: string, within?: Within): Promise<YamlFile> {
  return parseYaml(file, utf8Text(file, await readInputFile(file, inputLimit, within)));
}

export function parseYaml(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  // failsafe: every scalar stays the text the clerk typed ("11.00" is a time, not 11); the schemas
  // give numbers and true/false their meaning. A small alias budget refuses "billion laughs" files.
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: true, prettyErrors: false });
  const finding = (e: YAMLError): Finding => ({
    file,
    ...lineCounter.linePos(e.pos[0]),
    path: e.code === 'DUPLICATE_KEY' ? keyPathAt(doc, e.pos[0]) : '',
    message: yamlMessage(e.code, e.message),
  });
  const aliasFinding = ({ alias, path }: { alias: Alias; path: string }): Finding => ({
    file,
    ...lineCounter.linePos(alias.range?.[0] ?? 0),
    path,
    message: `no anchor &${alias.source} is set before this alias (*${alias.source}); give the text it repeats &${alias.source} above it, or write the text out`,
  });
  // A key given twice still leaves a file to check, so its other mistakes are found in the same run.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) throw new InputError(doc.errors.map(finding));
  // `key:` with nothing after it is no value, as an editor reads it, and so are YAML's words for none
  // (`~`, `null`); `key: ""` stays the empty text it says.
  visit(doc, {
    Scalar(_, node) {
      if (node.type === 'PLAIN' && noValue.includes(node.source ?? '?')) node.value = null;
    },
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    // yaml refuses an alias whose anchor is not set before it as it expands it, without place: found here.
    const unresolved = err instanceof ReferenceError ? unresolvedAliases(doc) : [];
    if (unresolved.length) throw new InputError(unresolved.map(aliasFinding));
    // yaml stops expanding aliases past the budget: a "billion laughs" file, or one that overuses them.
    const message = /alias/i.test(messageOf(err))
      ? 'its aliases (*name) expand to too much text; write the text out instead'
      : messageOf(err);
    throw fileError(file, message);
  }
  const locate: YamlFile['locate'] = (path, opts = {}) => {
    const node = findNode(doc, path, opts.key ?? false);
    return lineCounter.linePos(node?.range?.[0] ?? 0);
  };
  return { file, data, locate, findings: doc.errors.map(finding) };
}

/**
 * The aliases (*name) of `doc` that no anchor (&name) before them gives a value, each with its key path:
 * Alias.resolve's rule (an anchor on a node visited before), in one walk, as resolve walks the file each time.
 */
function unresolvedAliases(doc: Document): Array<{ alias: Alias; path: string }> {
  const anchors = new Set<string>();
  const found: Array<{ alias: Alias; path: string }> = [];
  visit(doc, {
    Node(_, node, ancestors) {
      if (isAlias(node) && !anchors.has(node.source)) found.push({ alias: node, path: pathOf([...ancestors, node]) });
      else if (!isAlias(node) && node.anchor !== undefined) anchors.add(node.anchor);
    },
  });
  return found;
}

/** The path of the key that starts at `offset` (`punkter[0].titel`), as a finding names it; empty where no key does. */
function keyPathAt(doc: Document, offset: number): string {
  let found = '';
  visit(doc, {
    Pair(_, pair, ancestors) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      found = pathOf([...ancestors, pair]);
      return visit.BREAK;
    },
  });
  return found;
}

/** The key path (`punkter[0].titel`) of the last of `nodes`, a node and the nodes that hold it, from the document down. */
function pathOf(nodes: readonly unknown[]): string {
  const keys = nodes.flatMap((node, i): PropertyKey[] => {
    if (isPair(node) && isScalar(node.key)) return [String(node.key.value)];
    return isSeq(node) ? [node.items.indexOf(nodes[i + 1])] : [];
  });
  return formatPath(keys);
}

/** A plain scalar that YAML 1.2's core schema, an editor's, reads as null. */
const noValue = ['', '~', 'null', 'Null', 'NULL'];

function fileError(file: string, message: string): InputError {
  return new InputError([{ file, line: 1, col: 1, path: '', message } satisfies Finding]);
}

/** yaml's own words, with the position it already repeats cut off and the commonest traps explained. */
function yamlMessage(code: string, message: string): string {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- split() returns at least one string
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const hints: Record<string, string> = {
    TAB_AS_INDENT: 'a tab is used for indentation; indent with spaces',
    DUPLICATE_KEY: 'this key is already given above in the same block',
    BAD_INDENT: `${first} (check that keys at the same level line up exactly)`,
  };
  return hints[code] ?? first;
}

/**
 * The node at `path`. Where the path runs out in a block given under a key (`mødeplan:` lacks `til`),
 * the key that holds the block, where an editor shows a missing key; at the top, the first key.
 */
function findNode(doc: Document, path: readonly PropertyKey[], wantKey: boolean): Node | null {
  let node: unknown = doc.contents;
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a document's contents are a node or null
  let found = node as Node | null;
  let holder: Node | null = null;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      const key = pair?.key;
      // The pair found has a scalar key (the test above): the check only tells the compiler so.
      if (!pair || !isScalar(key)) return holder ?? found;
      node = pair.value ?? key;
      // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a parsed document's pair holds a node or null
      found = last && wantKey ? key : ((pair.value as Node | null) ?? key);
      holder = key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- an item of a parsed document's sequence is a node
      found = node as Node;
      holder = null;
    } else {
      return found;
    }
  }
  return found;
}
