import { RegistryError } from './registry-error';

// Semantic versions (semver.org 2.0.0) for model_versions.version_number. Hand-written because
// the app needs only parse, compare and bump, and the `semver` package is not a dependency.

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string;
}

const SEMVER_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function parseSemver(text: string): SemVer | undefined {
  if (text.length > 50) return undefined;
  const m = SEMVER_RE.exec(text);
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (![major, minor, patch].every(Number.isSafeInteger)) return undefined;
  return { major, minor, patch, prerelease: m[4] ? m[4].split('.') : [], build: m[5] ?? '' };
}

export function isSemver(text: string): boolean {
  return parseSemver(text) !== undefined;
}

export function requireSemver(text: string): SemVer {
  const v = parseSemver(text);
  if (!v) throw new RegistryError('VERSION_INVALID', `"${text.slice(0, 60)}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0 or 2.0.0-rc.1)`);
  return v;
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Math.sign(Number(a) - Number(b));
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Precedence per semver §11 (build metadata ignored); invalid versions sort first. */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) return x ? 1 : y ? -1 : a.localeCompare(b);
  for (const k of ['major', 'minor', 'patch'] as const) if (x[k] !== y[k]) return Math.sign(x[k] - y[k]);
  if (x.prerelease.length === 0 || y.prerelease.length === 0) return Math.sign(y.prerelease.length - x.prerelease.length);
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const c = compareIdentifiers(p, q);
    if (c !== 0) return c;
  }
  return 0;
}

/** The next patch release after the highest of `existing` ('1.0.0' when there is none). */
export function nextPatchVersion(existing: readonly string[]): string {
  const valid = existing.filter(isSemver).sort(compareSemver);
  const top = valid.length > 0 ? parseSemver(valid[valid.length - 1]!) : undefined;
  if (!top) return '1.0.0';
  // 1.2.0-rc.1 → 1.2.0 is the release it was a candidate for.
  if (top.prerelease.length > 0) return `${top.major}.${top.minor}.${top.patch}`;
  return `${top.major}.${top.minor}.${top.patch + 1}`;
}
