import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { RuntimeOptions, TemplateDelegate } from 'handlebars';
import { Handlebars } from '../shared/bundled.js';
import { AgendaError, ExitCode, messageOf } from '../shared/errors.js';
import type { Item, Meeting, Seat, Section } from '../model/meeting.js';
import type { HouseTemplates } from '../shared/house-templates.js';
import { templatesDir } from '../shared/paths.js';
import { compileTemplate } from '../shared/precompiled-templates.js';
import { runtimePlace, placeOf, syntaxMistake } from '../shared/template-syntax.js';
import { subItemAnchor } from '../shared/printable.js';
import { numericDate, shortDate, weekdayDate, weekdayDateInText } from '../shared/danish-dates.js';
import { cancelledText, politicalMeetingMinute, politicalMeetingName, rulLine } from './danish.js';
import { markdownInlineToHtml, markdownToHtml } from './markdown.js';
import { holdsClosed } from '../model/closed.js';
import { pageRules, partsInMargins } from './margins.js';
import {
  absentAtDecision,
  absentLine,
  addendumLines,
  asHeading,
  pageReference,
  cssString,
  decisionHeading,
  additionHeading,
  approvalLine,
  reservationLine,
  approvedVersionLine,
  itemNumbers,
  kindWord,
  correctionLine,
  listed,
  memberLine,
  notTakingPartLines,
  participantLine,
  personName,
  protocolLine,
  styledDate,
  subItemHeading,
  bilagOf,
  substituteLine,
  treatmentLine,
  voteLines,
} from './wording.js';

export type Templates = ReturnType<typeof Handlebars.create>;

/**
 * Handlebars with the helpers and the shared partials (templates/partials/) that print and web pages
 * both use; a partial of the same name in `overrides` (a repository's husstil/, as read) replaces the package's.
 */
export function createTemplates(overrides?: HouseTemplates): Templates {
  const hbs = Handlebars.create();
  const hasText = (s: Section) => Boolean(s.before ?? s.text ?? s.after);
  hbs.registerHelper({
    md: (source: unknown) => new hbs.SafeString(markdownToHtml(textOf(source, 'md'))),
    upper: (s: string) => s.toLocaleUpperCase('da'),
    holder: (seat: Seat, meeting: Meeting) => seat.name ?? meeting.style.ord.vakant,
    hasText,
    holdsClosed,
    /** The main section shows the timetable, the plan's awaiting points and the political meetings too. */
    hasMainText: (item: Item) =>
      item.sections.some((s) => s.main && hasText(s)) ||
      item.tidsplan.length > 0 ||
      (item.forwardPlan?.awaiting.length ?? 0) > 0 ||
      item.politicalReview !== undefined,
    /** In minutes, the item that reviews the political meetings always has a decision: what was held. */
    hasBeslutning: (item: Item, meeting: Meeting) =>
      item.beslutning !== undefined ||
      item.vote !== undefined ||
      item.notTakingPart.length > 0 ||
      item.dissent.length > 0 ||
      (meeting.kind === 'referat' && item.politicalReview !== undefined),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    mdInline: (source: unknown) => new hbs.SafeString(markdownInlineToHtml(textOf(source, 'mdInline'))),
    politicalMeetingName,
    politicalMeetingMinute,
    rulLine,
    cancelledText,
    weekdayDate,
    weekdayDateInText,
    numericDate,
    shortDate,
    styledDate,
    kindWord,
    correctionLine,
    addendumLines,
    decisionHeading,
    additionHeading,
    approvalLine,
    reservationLine,
    approvedVersionLine,
    personName,
    memberLine,
    absentLine,
    absentAtDecision,
    substituteLine,
    notTakingPartLines,
    itemNumbers,
    participantLine,
    treatmentLine,
    subItemHeading,
    subItemAnchor,
    pageReference,
    asHeading,
    // Handlebars gives a helper its options last: a call without a letter would pass them as one.
    bilagOf: (item: Item, letter: unknown) => bilagOf(item, typeof letter === 'string' ? letter : undefined),
    voteLines,
    protocolLine,
    listed,
    pageRules,
    partsInMargins,
    cssString,
  });
  const dir = path.join(templatesDir, 'partials');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs')))
    hbs.registerPartial(path.basename(file, '.hbs'), compileTemplate(hbs, readFileSync(path.join(dir, file), 'utf8')));
  for (const name of Object.keys(overrides?.partials ?? {})) hbs.registerPartial(name, partialTemplate(hbs, overrides, name));
  return hbs;
}

/**
 * What md and mdInline print: text, or nothing where a field is not given. An object is a template's
 * mistake (a house's partial written for a model where it was text: a plan point is `{ text, lukket }`),
 * which printed nothing at exit 0; told, it names the template (houseTemplate).
 */
function textOf(source: unknown, helper: string): string {
  if (typeof source === 'string') return source;
  if (source !== null && typeof source === 'object')
    throw new Error(
      `{{${helper}}} is given an object, not text, so it would print nothing (print one of its fields, e.g. {{${helper} text}})`,
    );
  return '';
}

/** What Handlebars prints of an object given as text ({{this}} of a plan point, say): never right in a document. */
const printedObject = '[object Object]';

/** How often `printedObject` stands in `text`: a clerk's own text may hold it, which the partial then prints rightly. */
const timesIn = (text: string) => text.split(printedObject).length - 1;

/** The data a partial was given, as text (only where its output holds `printedObject`: rare, so its cost too). */
function dataText(context: unknown): string {
  try {
    return JSON.stringify(context) ?? '';
  } catch {
    return ''; // A cycle: the partial is judged by its output alone.
  }
}

/** A mistake in a template of the house style (husstil/partials/, web/, mail/): the designer's to mend, not a bug of agenda's. */
export class TemplateError extends AgendaError {
  readonly exitCode = ExitCode.invalidInput;
}

/**
 * A template of the house style, parsed now, so that a syntax error is told with its file, line and
 * column, and whose errors while rendering (a helper or partial that does not exist, a helper given the
 * wrong arguments, a field the data does not have) name its file. An error of a house partial it calls
 * names that partial's file. `options`: as the package's template of its kind is compiled (a mail's, unescaped).
 */
export function houseTemplate(hbs: Templates, file: string, source: string, options: CompileOptions = {}): TemplateDelegate {
  const mistake = syntaxMistake(source);
  if (mistake) throw new TemplateError(`${file}${placeOf(mistake)}: template syntax: ${mistake.message}`);
  const template = compileTemplate(hbs, source, options);
  // Strict, a field the data lacks throws, with its line, where the template itself prints nothing.
  const strict = compileTemplate(hbs, source, { ...options, strict: true });
  const lenient = (context: unknown, runtime?: RuntimeOptions) => {
    try {
      return template(context, runtime);
    } catch (err) {
      if (err instanceof TemplateError) throw err;
      const place = runtimePlace(source, err);
      throw new TemplateError(`${file}${place ? placeOf(place) : ''}: ${messageOf(err)}`);
    }
  };
  return (context: unknown, runtime?: RuntimeOptions) => {
    try {
      return strict(context, runtime);
    } catch (err) {
      if (err instanceof TemplateError) throw err;
      // What the template itself does first: a mistake of its own (a helper that does not exist) is told as it is.
      const html = lenient(context, runtime);
      const missing = missingField(err);
      // A name the package's templates use is a field that some data leaves out (an item without a decision).
      if (missing && !packageWords().has(missing.name))
        throw new TemplateError(`${file}:${missing.line}: {{${missing.name}}}: no such field here, so it would print nothing (misspelt?)`);
      return html;
    }
  };
}

export type CompileOptions = Parameters<Templates['compile']>[1];

/** The field a strict template did not find, and its line: Handlebars' `"name" not defined in ... - line:column`. */
function missingField(err: unknown): { name: string; line: string } | undefined {
  const found = /^"([^"]+)" not defined in .* - (\d+):\d+$/.exec(messageOf(err));
  return found ? { name: found[1] ?? '', line: found[2] ?? '' } : undefined;
}

let ownWords: Set<string> | undefined;

/** Every word of the package's own templates: the fields they print, among others. */
function packageWords(): Set<string> {
  ownWords ??= new Set(
    readdirSync(templatesDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.hbs'))
      .flatMap((f) => readFileSync(path.join(templatesDir, f), 'utf8').match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []),
  );
  return ownWords;
}

/** The house's partial `name` (husstil/partials/NAME.hbs) where it has one, else the package's. */
export function partialTemplate(hbs: Templates, overrides: HouseTemplates | undefined, name: string): TemplateDelegate {
  const own = overrides?.partials[name];
  const file = path.join('partials', `${name}.hbs`);
  if (own === undefined) return compileTemplate(hbs, readTemplate(file));
  const houseFile = path.join(overrides?.folder ?? '', file);
  const template = houseTemplate(hbs, houseFile, own);
  // In a document (and an item's part of a page), never: a house's own pages may show a field's every value (husstil-skabeloner does).
  return (context: unknown, runtime?: RuntimeOptions) => {
    const html = template(context, runtime);
    if (html.includes(printedObject) && timesIn(html) > timesIn(dataText(context)))
      throw new TemplateError(
        `${houseFile}: prints an object as "${printedObject}" (print one of its fields, e.g. {{text}}, not {{this}})`,
      );
    return html;
  };
}

/** A file of templates/, by its path there. */
export function readTemplate(file: string): string {
  return readFileSync(path.join(templatesDir, file), 'utf8');
}
