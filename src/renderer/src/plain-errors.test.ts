import { afterEach, describe, expect, it } from 'vitest';
import { useLocale } from './i18n';
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

  it('says what the experiment and derive codes mean, without command-line hints or paths', () => {
    const say = (code: string, message: string) => plainError({ code: code as never, message });
    expect(say('EXPERIMENT_STATE', 'experiment "door" has no results yet: run it first (experiments run, or start it on cameras)')).toBe(
      'Not possible in the experiment’s current state: experiment "door" has no results yet: run it first.',
    );
    expect(say('EXPERIMENT_INVALID', 'a shadow experiment runs both models on every frame: --split slot applies to ab experiments only')).toBe(
      'The experiment cannot be set up or run that way: a shadow experiment runs both models on every frame: split slot applies to ab experiments only.',
    );
    expect(say('EXPERIMENT_INVALID', 'the run over /home/shop/door.mp4 failed after 0 frames: no such file')).not.toContain('/home');
    expect(say('DERIVE_UNSUPPORTED', 'yolov8n-coco@8.0.0-int8 is already quantized')).toBe('This model cannot be derived that way: yolov8n-coco@8.0.0-int8 is already quantized.');
    expect(say('DERIVE_INVALID', 'input size 300 must be a multiple of 32 between 64 and 2048 (e.g. 320)')).toContain('must be a multiple of 32');
    for (const code of ['EXPERIMENT_NOT_FOUND', 'VERSION_NOT_FOUND', 'REVIEW_REQUIRED', 'VERDICT_BLOCKS_ROLLOUT']) {
      const text = say(code, 'challenger m@1.0.0 is not in the registry (models list shows what is)');
      expect(text).not.toMatch(/models list|[A-Z]{3,}_[A-Z]+/);
      expect(text.length).toBeGreaterThan(20);
    }
  });

  describe('in Vietnamese', () => {
    afterEach(() => useLocale.setState({ locale: 'en' }));

    it('says the same in the language shown, read at the time of the call', () => {
      useLocale.setState({ locale: 'vi' });
      expect(plainError({ code: 'UNAVAILABLE', message: 'x' })).toContain('Không kết nối được với máy chủ Footfall');
      expect(plainError({ code: 'VALIDATION', message: 'x', issues: [{ path: 'name', message: 'Too small: expected string to have >=1 characters' }] })).toBe(
        'Vui lòng kiểm tra lại biểu mẫu: tên: mục này là bắt buộc.',
      );
      useLocale.setState({ locale: 'en' });
      expect(plainError({ code: 'UNAVAILABLE', message: 'x' })).toContain('Cannot reach the Footfall server');
    });
  });
});
