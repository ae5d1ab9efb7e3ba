import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';

// The layers of .dependency-cruiser.cjs, checked by dependency-cruiser itself on the real source, and
// on a copy with one wrong import each, which must fail: rules that cannot fail would prove nothing.
const depcruise = path.join(packageRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(root: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync(process.execPath, [depcruise, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { ok: true, output };
  } catch (err) {
    const { stdout, stderr } = err as { stdout: string; stderr: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
}

/** The sources and the rules in a folder of their own, with `imports` added to files of src/. */
function copyWith(imports: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'agenda-layers-'));
  for (const part of ['src', 'tsconfig.json', '.dependency-cruiser.cjs', 'package.json'])
    cpSync(path.join(packageRoot, part), path.join(root, part), { recursive: true });
  symlinkSync(path.join(packageRoot, 'node_modules'), path.join(root, 'node_modules'));
  for (const [file, line] of Object.entries(imports)) appendFileSync(path.join(root, file), `\n${line}\n`);
  return root;
}

describe('the layers', () => {
  it('hold in the source as it is', () => {
    const result = cruise(packageRoot);
    expect(result.output).toContain('no dependency violations found');
    expect(result.ok).toBe(true);
  });

  it('fail on an import against them: each wrong import is named by its rule', () => {
    const result = cruise(
      copyWith({
        'src/pdf/print.ts': "export type { Meeting } from '../model/meeting.js';",
        'src/model/merge.ts': "export { checkShared } from '../check/check.js';",
        'src/shared/dates.ts': "export { meetingFile } from '../input/load.js';",
        'src/commands/check.ts': "export { renderDocument } from '../render/html.js';",
        'src/pipeline/sources.ts': "export { checkCommand } from '../commands/check.js';",
      }),
    );
    expect(result.ok).toBe(false);
    for (const rule of [
      'pdf-imports-only-shared',
      'model-imports-only-input-shared',
      'shared-imports-only-nothing',
      'callers-go-through-the-pipeline',
      'pipeline-below-its-callers',
    ]) {
      expect(result.output).toContain(rule);
    }
  });
});
