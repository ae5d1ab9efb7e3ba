import { stringify } from 'yaml';

/**
 * A text as the value of a YAML key: a literal block (`|`) with its lines indented by `indent` where
 * it has lines or starts like a list, else one line, quoted where YAML needs it.
 */
export function yamlScalar(value: string, indent: number): string {
  if (!value.includes('\n') && !value.startsWith('- ')) return stringify(value, { lineWidth: 0 }).trimEnd();
  const lines = value
    .trimEnd()
    .split('\n')
    .map((line) => (line ? ' '.repeat(indent) + line : ''));
  return `|\n${lines.join('\n')}`;
}
