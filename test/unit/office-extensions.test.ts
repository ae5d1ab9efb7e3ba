import { describe, expect, it } from 'vitest';
import { officeExtensions as converted } from '../../src/pdf/office/convert.js';
import { officeExtensions as accepted } from '../../src/shared/attachment-file.js';

// input/ knows an office file by its extension before pdf/ converts it, and may not import pdf/: the
// two lists are kept apart by the layers, and equal here.
describe('the office extensions', () => {
  it('that fil: accepts are those the converter converts', () => {
    expect([...accepted].sort()).toEqual([...converted].sort());
  });
});
