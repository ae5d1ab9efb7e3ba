/** A small seeded generator (mulberry32), so a failing mutation can be found again by its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const values = [
  '[1, 2]',
  '{a: 1}',
  '""',
  '42',
  'true',
  '~',
  '2023-02-30',
  '99:99',
  '&x anker',
  '*x',
  '|',
  '>-',
  '- liste',
  'ja',
  '0',
  '-1',
];
const keys = ['titel', 'tekst', 'lukket', 'nummer', 'fast', 'dato', 'punkter', 'bilag', 'tid', 'navn', 'xyz', 'Titel', 'indstiling'];

type Mutation = (lines: string[], pick: <T>(xs: readonly T[]) => T, rnd: () => number) => string[];

const keyLine = /^(\s*-?\s*)([^\s:#][^:#]*):(\s.*|)$/;

/** Ways a clerk, an editor or a disk can damage a YAML file. Each takes lines and gives lines. */
const mutations: Record<string, Mutation> = {
  'drop a line': (l, pick) => withLine(l, pick, () => []),
  'duplicate a line': (l, pick) => withLine(l, pick, (x) => [x, x]),
  'swap two lines': (l, pick) => {
    const i = pick([...l.keys()]);
    const j = pick([...l.keys()]);
    const out = [...l];
    [out[i], out[j]] = [l[j]!, l[i]!];
    return out;
  },
  'rename a key': (l, pick) => withKeyLine(l, pick, (m) => `${m[1]}${pick(keys)}:${m[3]}`),
  'retype a value': (l, pick) => withKeyLine(l, pick, (m) => `${m[1]}${m[2]}: ${pick(values)}`),
  'empty a value': (l, pick) => withKeyLine(l, pick, (m) => `${m[1]}${m[2]}:`),
  're-indent a line': (l, pick) => withLine(l, pick, (x) => [pick(['', ' ', '   ', '\t']) + x.trimStart()]),
  'truncate the file': (l, _pick, rnd) => {
    const text = l.join('\n');
    return text.slice(0, Math.floor(rnd() * text.length)).split('\n');
  },
  'insert control characters': (l, pick, rnd) =>
    withLine(l, pick, (x) => {
      const at = Math.floor(rnd() * (x.length + 1));
      const junk = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => String.fromCharCode(Math.floor(rnd() * 32))).join('');
      return [x.slice(0, at) + junk + x.slice(at)];
    }),
};

function withLine(lines: string[], pick: <T>(xs: readonly T[]) => T, change: (line: string) => string[]): string[] {
  if (lines.length === 0) return lines;
  const i = pick([...lines.keys()]);
  return [...lines.slice(0, i), ...change(lines[i]!), ...lines.slice(i + 1)];
}

function withKeyLine(lines: string[], pick: <T>(xs: readonly T[]) => T, change: (m: RegExpExecArray) => string): string[] {
  const candidates = [...lines.keys()].filter((i) => keyLine.test(lines[i]!));
  if (candidates.length === 0) return lines;
  const i = pick(candidates);
  return [...lines.slice(0, i), change(keyLine.exec(lines[i]!)!), ...lines.slice(i + 1)];
}

export interface Mutant {
  kind: string;
  bytes: Buffer;
}

/** One to three mutations of a YAML text, chosen by `rnd`; now and then random bytes, valid UTF-8 or not, as well. */
export function mutate(text: string, rnd: () => number): Mutant {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let lines = text.split('\n');
  const kinds: string[] = [];
  for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) {
    const kind = pick(Object.keys(mutations));
    kinds.push(kind);
    lines = mutations[kind]!(lines, pick, rnd);
  }
  let bytes = Buffer.from(lines.join('\n'), 'utf8');
  if (rnd() < 0.1) {
    const at = Math.floor(rnd() * (bytes.length + 1));
    const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => Math.floor(rnd() * 256)));
    bytes = Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
    kinds.push('insert random bytes');
  }
  return { kind: kinds.join(' + '), bytes };
}
