import { beforeEach, expect } from 'vitest';

// Every test must make at least one assertion when it runs: a test whose expects all sit behind
// a condition (or a loop over what turned out empty) fails instead of passing without checking.
beforeEach(() => {
  expect.hasAssertions();
});
