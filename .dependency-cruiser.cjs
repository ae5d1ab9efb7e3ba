// The layers of src/, as docs/develop/flow.md draws them, checked by `npm test` (test/unit/layers.test.ts).
// The flow: input → check → model → render → pdf, each step importing only shared/ and what it needs before it;
// drafts/, send/ and publish/ make other things of the model; pipeline/ composes all of them, once;
// commands/ and preview/ call the pipeline (and drafts/ for the clerk's files); cli.ts calls the commands; bin.ts runs cli.ts.
// A type-only import of the model is allowed above it (commands name an audience), never one against the flow.

const folder = (name) => `^src/${name}/`;
const except = (...names) => `^src/(?!(?:${names.join('|')})/)`;

/** A folder that may import only the folders named (and itself). */
const only = (name, allowed, comment) => ({
  name: `${name}-imports-only-${allowed.join('-') || 'nothing'}`,
  comment,
  severity: 'error',
  from: { path: folder(name) },
  to: { path: except(name, ...allowed), pathNot: '^node_modules' },
});

module.exports = {
  forbidden: [
    only('shared', [], 'shared/ is the bottom: what every layer uses, importing none of them'),
    only('input', ['shared'], 'input/ reads files into validated values; it knows nothing of what is made of them'),
    only('check', ['input', 'shared'], 'check/ is pure: sources → findings'),
    only('model', ['input', 'shared'], 'model/ merges checked sources; the checks are done before it'),
    only('render', ['model', 'shared'], 'render/ turns the model into HTML'),
    only('pdf', ['shared'], 'pdf/ prints the printable document (shared/printable.ts); it knows no renderer'),
    ...['drafts', 'send', 'publish', 'approval'].map((name) =>
      only(
        name,
        ['input', 'model', 'render', 'shared'],
        `${name}/ makes its own things of the input and the model; the flow is composed in pipeline/`,
      ),
    ),
    {
      name: 'pipeline-below-its-callers',
      comment: 'pipeline/ is usable without a terminal: it imports no command, no preview server, not the CLI',
      severity: 'error',
      from: { path: folder('pipeline') },
      to: { path: ['^src/commands/', '^src/preview/', '^src/(cli|bin)\\.ts$'] },
    },
    {
      name: 'callers-go-through-the-pipeline',
      comment: "commands/ and preview/ do not compose the flow: its steps only through pipeline/ (the model's types excepted)",
      severity: 'error',
      from: { path: ['^src/commands/', '^src/preview/'] },
      to: { path: ['^src/(check|render|send|publish)/', '^src/model/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cli-calls-commands',
      comment: 'cli.ts is commander only',
      severity: 'error',
      from: { path: '^src/cli\\.ts$' },
      to: { path: except('commands', 'shared'), pathNot: ['^node_modules'] },
    },
    {
      name: 'bin-runs-the-cli',
      comment: "bin.ts is the command: cli.ts's main, run once",
      severity: 'error',
      from: { path: '^src/bin\\.ts$' },
      to: { path: '^src/(?!cli\\.ts$)', pathNot: ['^node_modules'] },
    },
    {
      name: 'the-library-is-the-pipeline',
      comment: "index.ts, the programmatic API, offers the pipeline and shared/'s errors (and the model's types)",
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: except('pipeline', 'shared'), pathNot: '^node_modules', dependencyTypesNot: ['type-only'] },
    },
    { name: 'no-cycles', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
