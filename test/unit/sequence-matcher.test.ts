import { describe, expect, it } from 'vitest';
import { words } from '../support/fidelity.js';
import { ratio } from '../support/sequence-matcher.js';

// Expected values from Python's difflib.SequenceMatcher(None, a, b, autojunk=False).ratio().
describe('the fidelity measure used by the tests', () => {
  it('gives what difflib gives', () => {
    expect(ratio([...'abcd'], [...'bcde'])).toBeCloseTo(0.75, 10);
    expect(ratio([...'qabxcd'], [...'abycdf'])).toBeCloseTo((2 * 4) / 12, 10);
    expect(ratio(['a', 'b'], [])).toBe(0);
  });

  it('splits words as the shared tool does', () => {
    expect(words('<p>2. Økonomi</p> | Side....... 12 • 116728/23')).toEqual(['2', '.', 'Økonomi', 'Side', '12', '116728', '/', '23']);
  });
});
