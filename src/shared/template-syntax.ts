import { Handlebars } from './bundled.js';
import { messageOf } from './errors.js';

// A template of the house's parsed for its syntax alone: where `agenda check` reads husstil/ (input/)
// and where a renderer compiles it (render/templates.ts), the same mistake told at the same place.

/** A template's syntax mistake: Handlebars' message and where it stands (line, column from 1, where known). */
export interface SyntaxMistake {
  line?: number;
  col?: number;
  message: string;
}

/** The template's syntax mistake, if it has one. */
export function syntaxMistake(source: string): SyntaxMistake | undefined {
  try {
    Handlebars.parse(source);
    return undefined;
  } catch (err) {
    return { ...syntaxPlace(err), message: messageOf(err).split('\n').at(-1) ?? messageOf(err) };
  }
}

/** `:LINE:COL`, `:LINE` or nothing: where a mistake stands, as a file's place is told. */
export const placeOf = ({ line, col }: SyntaxMistake): string =>
  line === undefined ? '' : col === undefined ? `:${line}` : `:${line}:${col}`;

/**
 * Where a syntax error stands: a block closed by another's name says so itself, the parser
 * keeps where it stopped (Handlebars' Parser, whose error tells the line alone).
 */
function syntaxPlace(err: unknown): { line?: number; col?: number } {
  if (err instanceof Handlebars.Exception && err.lineNumber !== undefined)
    return { line: Number(err.lineNumber), col: Number(err.column ?? 0) + 1 };
  const at = parserPlace();
  if (at) return { line: at.first_line, col: at.first_column + 1 };
  const line = /^Parse error on line (\d+):/.exec(messageOf(err))?.[1];
  return line ? { line: Number(line) } : {};
}

/** Where Handlebars' parser stopped last: its lexer's place, which the library's types do not declare. */
function parserPlace(): { first_line: number; first_column: number } | undefined {
  const parser: unknown = Reflect.get(Handlebars, 'Parser');
  const lexer: unknown = parser && typeof parser === 'object' ? Reflect.get(parser, 'lexer') : undefined;
  const place: unknown = lexer && typeof lexer === 'object' ? Reflect.get(lexer, 'yylloc') : undefined;
  if (!place || typeof place !== 'object' || !('first_line' in place) || !('first_column' in place)) return undefined;
  const { first_line, first_column } = place;
  return typeof first_line === 'number' && typeof first_column === 'number' ? { first_line, first_column } : undefined;
}

type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

/**
 * The first place a template calls the helper `name` with arguments (as Handlebars takes a name with arguments for a
 * helper), or names the partial `name`.
 */
class FirstUse extends Handlebars.Visitor {
  place: hbs.AST.Position | undefined;

  constructor(private readonly name: { helper?: string; partial?: string }) {
    super();
  }

  private note(call: Call): void {
    const named = call.path.type === 'PathExpression' && Reflect.get(call.path, 'original') === this.name.helper;
    // Handlebars leaves `hash` out of a call without one, whatever its types say.
    const hash: hbs.AST.Hash | undefined = call.hash;
    if (named && (call.params.length > 0 || (hash?.pairs.length ?? 0) > 0)) this.place ??= call.loc.start;
  }

  override MustacheStatement(node: hbs.AST.MustacheStatement): void {
    this.note(node);
    super.MustacheStatement(node);
  }

  override BlockStatement(node: hbs.AST.BlockStatement): void {
    this.note(node);
    super.BlockStatement(node);
  }

  override SubExpression(node: hbs.AST.SubExpression): void {
    this.note(node);
    super.SubExpression(node);
  }

  override PartialStatement(node: hbs.AST.PartialStatement): void {
    if (Reflect.get(node.name, 'original') === this.name.partial) this.place ??= node.loc.start;
    super.PartialStatement(node);
  }
}

/**
 * Where a template uses what Handlebars' run-time error names, which tells no place itself: a helper that does not
 * exist ("Missing helper: "x""), a partial that does not ("The partial x could not be found").
 */
export function runtimePlace(source: string, err: unknown): SyntaxMistake | undefined {
  const message = messageOf(err);
  const helper = /^Missing helper: "(.+)"$/.exec(message)?.[1];
  const partial = /^The partial (.+) could not be found$/.exec(message)?.[1];
  if (helper === undefined && partial === undefined) return undefined;
  const use = new FirstUse({ helper, partial });
  use.accept(Handlebars.parse(source));
  return use.place && { line: use.place.line, col: use.place.column + 1, message };
}
