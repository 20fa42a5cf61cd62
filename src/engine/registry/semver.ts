import semver from 'semver';
import { RegistryError } from './registry-error';

// Semantic versions (semver.org 2.0.0) for model_versions.version_number, through the `semver`
// package. Only the strict form is accepted: no leading `v`, no surrounding spaces.

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string;
}

const MAX_LENGTH = 50;

function strict(text: string): semver.SemVer | null {
  if (text.length > MAX_LENGTH || text.trim() !== text || /^[vV=]/.test(text)) return null;
  return semver.parse(text);
}

export function parseSemver(text: string): SemVer | undefined {
  const v = strict(text);
  if (!v) return undefined;
  return { major: v.major, minor: v.minor, patch: v.patch, prerelease: v.prerelease.map(String), build: v.build.join('.') };
}

export function isSemver(text: string): boolean {
  return strict(text) !== null;
}

export function requireSemver(text: string): SemVer {
  const v = parseSemver(text);
  if (!v) throw new RegistryError('VERSION_INVALID', `"${text.slice(0, 60)}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0 or 2.0.0-rc.1)`);
  return v;
}

/** Precedence per semver §11 (build metadata ignored); invalid versions sort first. */
export function compareSemver(a: string, b: string): number {
  const x = strict(a);
  const y = strict(b);
  if (!x || !y) return x ? 1 : y ? -1 : a.localeCompare(b);
  return semver.compare(x, y);
}

/** The next patch release after the highest of `existing` ('1.0.0' when there is none). */
export function nextPatchVersion(existing: readonly string[]): string {
  const valid = existing.map(strict).filter((v): v is semver.SemVer => v !== null);
  if (valid.length === 0) return '1.0.0';
  const top = valid.reduce((hi, v) => (semver.gt(v, hi) ? v : hi));
  // `inc('patch')` turns 1.2.0-rc.1 into 1.2.0, the release it was a candidate for.
  return semver.inc(top.version, 'patch') ?? '1.0.0';
}
