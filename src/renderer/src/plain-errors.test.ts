import { describe, expect, it } from 'vitest';
import { plainError, plainPhrase } from './plain-errors';

describe('plain-words errors', () => {
  it('never shows a code, zod jargon, a path or protobuf wording', () => {
    const cases = [
      plainError({ code: 'VALIDATION', message: 'invalid input for cameras:add: name: Too small: expected string to have >=1 characters', issues: [{ path: 'name', message: 'Too small: expected string to have >=1 characters' }] }),
      plainError({ code: 'UNAVAILABLE', message: 'cannot reach the Footfall server' }),
      plainError({ code: 'INVALID_MODEL', message: 'cannot read /var/lib/footfall/models/.staging/ab12.onnx: protobuf wire type 7 at offset 3 [INVALID_MODEL]' }),
      plainError({ code: 'VALIDATION', message: 'x', issues: [{ path: 'lines.0.x1', message: 'Invalid input: expected number, received string' }] }),
    ];
    expect(cases[0]).toBe('Please check the form: name: this is required.');
    expect(cases[1]).toContain('Cannot reach the Footfall server');
    expect(cases[2]).toBe('Cannot read the file: the file is not a valid ONNX model');
    expect(cases[3]).toBe('Please check the form: line 1 x1: this must be a number.');
    for (const text of cases) {
      expect(text).not.toMatch(/[A-Z]{3,}_[A-Z]+|VALIDATION|UNAVAILABLE|Too small|expected string|\/var\/|wire type|protobuf/);
    }
    expect(plainPhrase('Too big: expected number to be <=30')).toBe('This must be at most 30');
    expect(plainError({ code: 'FILE_NOT_FOUND' as never, message: 'model file /nonexistent/footfall/missing.onnx not found' })).toBe('Model file not found');
  });
});
