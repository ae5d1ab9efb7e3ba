import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Handlebars } from '../../src/shared/bundled.js';
import { templatesDir } from '../../src/shared/paths.js';
import { compileTemplate, precompiledFile, templateKey } from '../../src/shared/precompiled-templates.js';

// The test run begins with `npm run build` (test/global-setup.ts), or finds dist/ newer than every input of
// the build, so the file is the build's own.
const templates = readdirSync(templatesDir, { recursive: true }).filter((f): f is string => typeof f === 'string' && f.endsWith('.hbs'));
const precompiled = readFileSync(precompiledFile, 'utf8');

describe('templates precompiled by the build', () => {
  it('holds every template of the package, under the key of its current text and options', () => {
    expect(templates.length).toBeGreaterThan(20);
    const missing = templates.filter((file) => {
      const options = /^(drafts|mail)\//.test(file) ? { noEscape: true } : {};
      return !precompiled.includes(JSON.stringify(templateKey(readFileSync(path.join(templatesDir, file), 'utf8'), options)));
    });
    expect(missing).toEqual([]);
  });

  it('renders a precompiled template as Handlebars compiles it', () => {
    // A template that calls no helper of ours: the comparison is of Handlebars with itself.
    const source = readFileSync(path.join(templatesDir, 'partials', 'indhold.hbs'), 'utf8');
    const words = { indholdsfortegnelse: 'Indholdsfortegnelse', punkt: 'Punkt', side: 'Side' };
    const context = { meeting: { style: { ord: words } }, contents: [{ anchor: 'punkt-1', label: '1. Godkendelse', page: 3 }] };
    const hbs = Handlebars.create();
    expect(compileTemplate(hbs, source)(context)).toBe(hbs.compile(source)(context));
  });

  it('compiles a text it has no precompiled form of (an edited template, a designer’s override), never a stale one', () => {
    const hbs = Handlebars.create();
    const edited = `${readFileSync(path.join(templatesDir, 'partials', 'tekst.hbs'), 'utf8')}<i>{{extra}}</i>`;
    expect(compileTemplate(hbs, edited)({ extra: 'ny' })).toContain('<i>ny</i>');
    expect(compileTemplate(hbs, '{{a}}&', { noEscape: true })({ a: '<b>' })).toBe('<b>&');
    expect(compileTemplate(hbs, '{{a}}')({ a: '<b>' })).toBe('&lt;b&gt;');
  });
});
