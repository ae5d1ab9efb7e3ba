import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';

// `npm run lint` as a test, so CI counts it: ESLint with eslint.config.js over the code, and Prettier's check
// over exactly the files .prettierignore leaves to it (the ones `prettier --write .` would change). And the
// same rules on a bad line, which must fail them: rules that cannot fail would prove nothing. And tsc's check of
// the tests (vitest strips their types unread), on the same TypeScript program the linter then reads its types
// from: one program built and checked, not one for tsc and again one for the linter (some 12 s of CPU saved).
// test/tsconfig.json holds every TypeScript file the linter reads (src/, bench/, the tests, vitest.config.ts), with
// tsconfig.json's options: one program and one checker serve them all (a second, of tsconfig.json for bench/, cost
// its checker's work over src/ again, some 4 s of CPU).
const ignorePath = ['.gitignore', '.prettierignore'].map((name) => path.join(packageRoot, name));
const unvisited = new Set(['.git', 'node_modules', 'dist']);

function lines(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) =>
    r.messages.map((m) => `${path.relative(packageRoot, r.filePath)}:${m.line}:${m.column}: ${m.ruleId ?? ''}: ${m.message}`),
  );
}

/** The program of a tsconfig, as tsc builds it. */
function programOf(tsconfig: string): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(packageRoot, tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${tsconfig}`);
  return ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    configFileParsingDiagnostics: config.errors,
  });
}

/** What `tsc -p` would print of a program's errors (getPreEmitDiagnostics: the declaration diagnostics too, as tsc's --noEmit). */
function typeErrors(program: ts.Program): string[] {
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(packageRoot, d.file.fileName)}:${line + 1}:${character + 1}: TS${d.code}: ${text}`;
  });
}

/** Every file under the package, but for the folders no tool reads. */
function allFiles(dir = packageRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return unvisited.has(entry.name) ? [] : allFiles(file);
    return entry.isFile() ? [file] : [];
  });
}

/** The files Prettier formats that it would change. */
async function unformatted(): Promise<string[]> {
  const found: string[] = [];
  for (const file of allFiles()) {
    const info = await prettier.getFileInfo(file, { ignorePath });
    if (info.ignored || !info.inferredParser) continue;
    const options = await prettier.resolveConfig(file);
    if (!(await prettier.check(readFileSync(file, 'utf8'), { ...options, filepath: file }))) found.push(path.relative(packageRoot, file));
  }
  return found;
}

describe('the code kept in shape', () => {
  // Type-aware linting of some 45,000 lines: about 30 s of CPU, several times that on a machine the suite shares.
  it('type-checks the tests (tsc -p test/tsconfig.json), and has no finding of the linter', { timeout: 300_000 }, async () => {
    const tests = programOf('test/tsconfig.json');
    expect(typeErrors(tests)).toEqual([]);
    expect(tests.getRootFileNames().filter((f) => f.includes('/test/')).length).toBeGreaterThan(50);
    const eslint = new ESLint({
      cwd: packageRoot,
      overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, programs: [tests] } } },
    });
    const results = await eslint.lintFiles(['.']);
    expect(lines(results)).toEqual([]);
    expect(results.length).toBeGreaterThan(100);
  });

  it('is as Prettier writes it (`npx prettier --write .` mends it)', async () => {
    expect(await unformatted()).toEqual([]);
  });

  it('fails a floating promise, a bare non-null assertion, a cast, and an exception without a reason', { timeout: 300_000 }, async () => {
    const bad = [
      'export async function later(): Promise<void> {}',
      'const numbers: number[] = [1];',
      'later();',
      'export const first = numbers[0]!;',
      "export const parsed = JSON.parse('1') as number;",
      '// eslint-disable-next-line @typescript-eslint/no-non-null-assertion',
      'export const second = numbers[1]!;',
      "export const kept = ['dagsorden'] as const;",
    ].join('\n');
    const [result] = await new ESLint({ cwd: packageRoot }).lintText(`${bad}\n`, { filePath: path.join(packageRoot, 'lint-sample.ts') });
    const found = (result?.messages ?? []).map((m) => `${m.line} ${m.ruleId}`);
    expect(found).toEqual([
      '3 @typescript-eslint/no-floating-promises',
      '4 @typescript-eslint/no-non-null-assertion',
      '5 @typescript-eslint/consistent-type-assertions',
      '6 @eslint-community/eslint-comments/require-description',
    ]);
  });

  it('fails a line Prettier would write otherwise', async () => {
    const file = path.join(packageRoot, 'src', 'lint-sample.ts');
    const options = await prettier.resolveConfig(file);
    expect(await prettier.check("export const word = 'dagsorden';\n", { ...options, filepath: file })).toBe(true);
    expect(await prettier.check('export const word = "dagsorden"\n', { ...options, filepath: file })).toBe(false);
  });
});
