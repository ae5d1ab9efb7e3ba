import { describe, expect, it } from 'vitest';
import { seal, sealedOver, sealHolds } from '../../src/pdf/seal.js';

const placeholder = 'a'.repeat(64);
const info = `<< /AgendaInputs (${placeholder}) /AgendaSha256 (${placeholder}) >>`;
const saved = Buffer.from(`%PDF-1.7\n1 0 obj\n${info}\nendobj\n%%EOF\n`, 'latin1');
const digestOf = (bytes: Uint8Array) => /\/AgendaSha256 \(([0-9a-f]{64})\)/.exec(Buffer.from(bytes).toString('latin1'))?.[1] ?? '';

describe('the seal of a document', () => {
  it('holds for the bytes as sealed, and for nothing appended, changed or with the entry twice', () => {
    const sealed = seal(saved, placeholder);
    const digest = digestOf(sealed);
    expect(digest).not.toBe(placeholder);
    expect(sealHolds(sealed, digest, placeholder)).toBe(true);
    expect(sealHolds(Buffer.concat([sealed, Buffer.from('1 0 obj\n<< >>\nendobj\n')]), digest, placeholder)).toBe(false);
    const changed = Buffer.from(sealed);
    changed.write('6', '%PDF-1.'.length, 'latin1');
    expect(sealHolds(changed, digest, placeholder)).toBe(false);
    const twice = Buffer.concat([sealed, Buffer.from(`<< /AgendaSha256 (${digest}) >>\n`, 'latin1')]);
    expect(sealHolds(twice, digest, placeholder)).toBe(false);
  });

  it('is found over the inputs it was sealed with, by its bytes alone; not over other inputs, bytes appended or the entry twice', () => {
    const sealed = seal(saved, placeholder);
    expect(sealedOver(sealed, placeholder)).toBe(true);
    expect(sealedOver(sealed, 'b'.repeat(64))).toBe(false);
    expect(sealedOver(Buffer.concat([sealed, Buffer.from('%annotated\n')]), placeholder)).toBe(false);
    expect(sealedOver(Buffer.concat([sealed, Buffer.from(`<< /AgendaSha256 (${digestOf(sealed)}) >>\n`, 'latin1')]), placeholder)).toBe(
      false,
    );
    expect(sealedOver(saved, placeholder)).toBe(false);
  });
});
