/**
 * Errors in plain words for the page: no internal codes, no raw validation text, no file paths,
 * no protobuf or SQL jargon. The code stays available to tests and support as `data-code`.
 */
import type { AppErrorShape } from '../../shared/result';
import { modelFileError } from './model-file-errors';

const BY_CODE: Record<string, string> = {
  UNAVAILABLE: 'Cannot reach the Footfall server. It reconnects by itself; check that it is running.',
  UNAUTHENTICATED: 'You are signed out. Please sign in again.',
  FORBIDDEN: 'Your role does not allow this. Ask an admin.',
  NOT_FOUND: 'It no longer exists: it may have been removed in the meantime.',
  CONFLICT: 'Someone changed this at the same time. Reload and try again.',
  INTERNAL: 'Something went wrong inside Footfall. Try again; if it keeps happening, restart the app.',
  TOO_LARGE: 'That is too large to send.',
  RATE_LIMITED: 'Too many attempts. Wait a minute and try again.',
  // Experiments and derived versions (issue 9).
  EXPERIMENT_NOT_FOUND: 'This experiment no longer exists: it may have been removed in the meantime. Reload the list.',
  VERSION_NOT_FOUND: 'That model version is not registered. Pick one from the list, or import it on the Models page.',
  REVIEW_REQUIRED: 'The challenger must be approved in review first (on the Models page) before it counts for real in an A/B split or a roll-out. A shadow experiment needs no review.',
  VERDICT_BLOCKS_ROLLOUT: 'The verdict is not to deploy the challenger. To roll it out anyway, give a reason for the override.',
};

/** Codes whose engine message already says, in words, what is wrong with this request: shown cleaned up (no paths, no jargon). */
const WITH_DETAIL: Record<string, string> = {
  EXPERIMENT_INVALID: 'The experiment cannot be set up or run that way',
  EXPERIMENT_STATE: 'Not possible in the experiment’s current state',
  DERIVE_INVALID: 'The version cannot be made that way',
  DERIVE_UNSUPPORTED: 'This model cannot be derived that way',
  // Gated rollouts: the engine says which gate or guard stopped the version, in words.
  GATE_FAILED: 'The version did not pass the roll-out gate',
  CANARY_GUARD_BREACHED: 'The canary was rolled back',
  CANARY_CAMERA_PINNED: 'That camera cannot run the canary',
  SHADOW_EVIDENCE_INVALID: 'That experiment cannot stand as the shadow evidence',
};

/** Command-line hints in engine messages ("(models list shows what is)", "--split") mean nothing on a page. */
function withoutCliHints(text: string): string {
  return text.replace(/\s*\((?:models|experiments) [^)]*\)/g, '').replace(/(^|\s)--([a-z][a-z-]*)/g, '$1$2');
}

/** zod's and the engine's wording → words an operator understands. */
const PHRASES: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  [/too small: expected string to have >=1 characters?/i, 'this is required'],
  [/too small: expected string to have >=(\d+) characters/i, (_m, n) => `this needs at least ${n} characters`],
  [/too big: expected string to have <=(\d+) characters/i, (_m, n) => `this must be at most ${n} characters`],
  [/too small: expected number to be >=?(-?[\d.]+)/i, (_m, n) => `this must be at least ${n}`],
  [/too big: expected number to be <=?(-?[\d.]+)/i, (_m, n) => `this must be at most ${n}`],
  [/too small: expected array to have >=(\d+) items?/i, (_m, n) => `this needs at least ${n} points`],
  [/invalid input: expected number, received \w+/i, 'this must be a number'],
  [/invalid input: expected int, received \w+/i, 'this must be a whole number'],
  [/invalid input: expected (\w+), received \w+/i, 'this value has the wrong form'],
  [/unrecognized keys?: .*/i, 'the form sent something unexpected'],
  [/invalid (iso )?datetime/i, 'this is not a valid date and time'],
];

/** Absolute paths (POSIX or Windows) become "the file", so no internal staging path reaches the page. */
const PATH = String.raw`(?:[A-Za-z]:\\|\/)(?:[\w.@+-]+[\\/])+[\w.@+-]*`;

function withoutPaths(text: string): string {
  // "model file /a/b.onnx not found" → "model file not found"; any other path → "the file".
  return text.replace(new RegExp(String.raw`\b(file|folder|directory)\s+${PATH}`, 'gi'), '$1').replace(new RegExp(PATH, 'g'), 'the file');
}

export function plainPhrase(text: string): string {
  let out = text;
  for (const [re, to] of PHRASES) out = typeof to === 'string' ? out.replace(re, to) : out.replace(re, (...m: string[]) => to(...m));
  // Engine prefixes such as "invalid input for cameras:add: name: …" name the request, not the problem.
  out = out.replace(/^invalid input for [a-z]+:[a-zA-Z]+:\s*/i, '');
  out = out.replace(/\bprotobuf\b[^.;]*|\bwire type \d+\b/gi, 'the file is not a valid ONNX model');
  out = withoutPaths(out).replace(/\s*\[[A-Z_]{3,}\]\s*$/, '');
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** What the banner or a form says for a failed request. */
export function plainError(error: AppErrorShape): string {
  if (error.code === 'VALIDATION') {
    const issues = error.issues ?? [];
    if (issues.length > 0) return `Please check the form: ${issues.map((i) => `${i.path ? `${plainField(i.path)}: ` : ''}${plainPhrase(i.message).replace(/^\w/, (c) => c.toLowerCase())}`).join('; ')}.`.replace(/\.\.$/, '.');
    return `Please check the form: ${plainPhrase(error.message)}`;
  }
  // What is wrong with a model file or training log (import, derive), in its own words.
  const file = modelFileError(error, plainPhrase);
  if (file) return file;
  const fixed = BY_CODE[error.code];
  if (fixed) return fixed;
  const lead = WITH_DETAIL[error.code];
  if (lead) {
    const detail = plainPhrase(withoutCliHints(error.message)).replace(/\.$/, '');
    return detail ? `${lead}: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}.` : `${lead}.`;
  }
  return plainPhrase(error.message);
}

/** `lines.0.x1` → "line 1 x1". */
function plainField(path: string): string {
  return path
    .split('.')
    .map((p, i, all) => (/^\d+$/.test(p) ? String(Number(p) + 1) : i < all.length - 1 && /s$/.test(p) ? p.slice(0, -1) : p))
    .join(' ');
}
