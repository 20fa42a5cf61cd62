import { describe, expect, it } from 'vitest';
import { differenceInWords, rolloutInWords } from './experiment-words';

const crossings = (difference: number, ci: [number, number]) => ({ metric: 'crossings_relative_difference', difference, ci });

describe('an experiment in words', () => {
  it('says the count difference with its interval, more or fewer', () => {
    expect(differenceInWords(crossings(0.031, [0.012, 0.05]), 0.95)).toBe('the challenger counts 3.1 % more crossings, 95 % CI 1.2–5.0 %');
    expect(differenceInWords(crossings(-0.031, [-0.05, -0.012]), 0.95)).toBe('the challenger counts 3.1 % fewer crossings, 95 % CI 1.2–5.0 %');
    expect(differenceInWords(crossings(0.01, [-0.02, 0.04]), 0.9)).toBe('the challenger counts 1.0 % more crossings, 90 % CI from 2.0 % fewer to 4.0 % more');
    expect(differenceInWords(crossings(0, [0, 0]), 0.975)).toBe('the challenger counts 0.0 % more crossings, 97.5 % CI 0.0–0.0 %');
  });

  it('says when there is no interval yet (the engine reports the whole range)', () => {
    expect(differenceInWords(crossings(0, [-1, 10]), 0.95)).toBe('the challenger counts 0.0 % more crossings (too few intervals for a 95 % interval yet)');
    expect(differenceInWords({ metric: 'f1_difference', difference: -0.02, ci: [-1, 1] }, 0.95)).toBe("the challenger's F1 is 2.0 points lower (too few intervals for a 95 % interval yet)");
    expect(differenceInWords({ metric: 'f1_difference', difference: 0.02, ci: [0.005, 0.035] }, 0.95)).toBe("the challenger's F1 is 2.0 points higher, 95 % CI 0.5 to 3.5 points");
  });

  it('says what a roll-out changes', () => {
    expect(rolloutInWords('yolov8n-coco@8.0.0-i320', 'yolov8n-coco@8.0.0', 'canary', 'door')).toBe(
      'yolov8n-coco@8.0.0-i320 will be rolled out behind a canary on camera door; the baseline yolov8n-coco@8.0.0 stays in production until the canary passes.',
    );
    expect(rolloutInWords('m@2.0.0', 'm@1.0.0', 'immediate', null)).toBe('m@2.0.0 will replace m@1.0.0 in production on every camera now.');
  });
});
