import { describe, expect, it } from 'vitest';
import { createTemplates, partialTemplate } from '../../src/render/templates.js';

// A house's partial written for a model where a field was text, now an object (a plan point became
// `{ text, lukket }`): it printed nothing ({{md this}}) or "[object Object]" ({{this}}) at exit 0.
// Each is now an error naming the partial's file, as a house template's other mistakes are.
const file = 'husstil/partials/kommende-moeder.hbs';
const plan = { points: [{ text: 'Budget 2025', lukket: false }] };
const render = (source: string, data: unknown = plan) => {
  const house = { folder: 'husstil', partials: { 'kommende-moeder': source }, key: 'test' };
  return partialTemplate(createTemplates(house), house, 'kommende-moeder')(data);
};

describe('a house partial that prints an object as text', () => {
  it('{{md this}} of an object, which printed nothing, names the file', () => {
    expect(() => render('{{#each points}}<li>{{md this}}</li>{{/each}}')).toThrow(
      `${file}: {{md}} is given an object, not text, so it would print nothing (print one of its fields, e.g. {{md text}})`,
    );
  });

  it('{{this}} of an object, which printed "[object Object]", names the file', () => {
    expect(() => render('{{#each points}}<li>{{this}}</li>{{/each}}')).toThrow(
      `${file}: prints an object as "[object Object]" (print one of its fields, e.g. {{text}}, not {{this}})`,
    );
  });

  it('a clerk\'s own text that holds "[object Object]" is printed, not refused', () => {
    const text = 'Skærmen viste "[object Object]" i stedet for navnet.';
    expect(render('{{#each points}}<li>{{text}}</li>{{/each}}', { points: [{ text, lukket: false }] })).toBe(
      '<li>Skærmen viste &quot;[object Object]&quot; i stedet for navnet.</li>',
    );
  });

  it('its fields print as before', () => {
    expect(render('{{#each points}}<li>{{md text}}</li>{{/each}}')).toBe('<li><p>Budget 2025</p>\n</li>');
  });
});
