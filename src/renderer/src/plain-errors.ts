/**
 * Errors in plain words for the page: no internal codes, no raw validation text, no file paths,
 * no protobuf or SQL jargon. The code stays available to tests and support as `data-code`.
 */
import type { AppErrorShape } from '../../shared/result';
import { t } from './i18n';
import { modelFileError } from './model-file-errors';

// The words are the catalogue's `errors` area, in the language shown. Engine messages are English,
// so the patterns below match English; what replaces them is in the language shown.

/** The fixed words for a code, or undefined. */
function byCode(code: string): string | undefined {
  const words: Partial<Record<string, string>> = t().errors.byCode;
  return words[code];
}

/** The lead for a code whose engine message says, in words, what is wrong with this request: shown cleaned up (no paths, no jargon). */
function detailLead(code: string): string | undefined {
  const words: Partial<Record<string, string>> = t().errors.withDetail;
  return words[code];
}

/** Command-line hints in engine messages ("(models list shows what is)", "--split") mean nothing on a page. */
function withoutCliHints(text: string): string {
  return text.replace(/\s*\((?:models|experiments) [^)]*\)/g, '').replace(/(^|\s)--([a-z][a-z-]*)/g, '$1$2');
}

/** zod's and the engine's wording → words an operator understands. */
function phrases(): Array<[RegExp, string | ((...m: string[]) => string)]> {
  const p = t().errors.phrases;
  return [
    [/too small: expected string to have >=1 characters?/i, p.required],
    [/too small: expected string to have >=(\d+) characters/i, (_m, n) => p.atLeastCharacters(n)],
    [/too big: expected string to have <=(\d+) characters/i, (_m, n) => p.atMostCharacters(n)],
    [/too small: expected number to be >=?(-?[\d.]+)/i, (_m, n) => p.atLeast(n)],
    [/too big: expected number to be <=?(-?[\d.]+)/i, (_m, n) => p.atMost(n)],
    [/too small: expected array to have >=(\d+) items?/i, (_m, n) => p.atLeastPoints(n)],
    [/invalid input: expected number, received \w+/i, p.number],
    [/invalid input: expected int, received \w+/i, p.wholeNumber],
    [/invalid input: expected (\w+), received \w+/i, p.wrongForm],
    [/unrecognized keys?: .*/i, p.unexpected],
    [/invalid (iso )?datetime/i, p.dateTime],
  ];
}

/** Absolute paths (POSIX or Windows) become "the file", so no internal staging path reaches the page. */
const PATH = String.raw`(?:[A-Za-z]:\\|\/)(?:[\w.@+-]+[\\/])+[\w.@+-]*`;

function withoutPaths(text: string): string {
  // "model file /a/b.onnx not found" → "model file not found"; any other path → "the file".
  return text.replace(new RegExp(String.raw`\b(file|folder|directory)\s+${PATH}`, 'gi'), '$1').replace(new RegExp(PATH, 'g'), t().errors.phrases.theFile);
}

export function plainPhrase(text: string): string {
  let out = text;
  for (const [re, to] of phrases()) out = typeof to === 'string' ? out.replace(re, to) : out.replace(re, (...m: string[]) => to(...m));
  // Engine prefixes such as "invalid input for cameras:add: name: …" name the request, not the problem.
  out = out.replace(/^invalid input for [a-z]+:[a-zA-Z]+:\s*/i, '');
  out = out.replace(/\bprotobuf\b[^.;]*|\bwire type \d+\b/gi, t().errors.phrases.notOnnx);
  out = withoutPaths(out).replace(/\s*\[[A-Z_]{3,}\]\s*$/, '');
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** What the banner or a form says for a failed request. */
export function plainError(error: AppErrorShape): string {
  const m = t().errors;
  if (error.code === 'VALIDATION') {
    const issues = error.issues ?? [];
    if (issues.length > 0) {
      const each = issues.map((i) => `${i.path ? `${plainField(i.path)}: ` : ''}${plainPhrase(i.message).replace(/^\w/, (c) => c.toLowerCase())}`);
      return m.checkTheForm(each.join(m.issueSeparator)).replace(/\.\.$/, '.');
    }
    return m.checkTheFormMessage(plainPhrase(error.message));
  }
  // What is wrong with a model file or training log (import, derive), in its own words.
  const file = modelFileError(error, plainPhrase);
  if (file) return file;
  const fixed = byCode(error.code);
  if (fixed) return fixed;
  const lead = detailLead(error.code);
  if (lead) {
    const detail = plainPhrase(withoutCliHints(error.message)).replace(/\.$/, '');
    return detail ? m.leadWithDetail(lead, `${detail.charAt(0).toLowerCase()}${detail.slice(1)}`) : m.leadAlone(lead);
  }
  return plainPhrase(error.message);
}

/** `lines.0.x1` → "line 1 x1". */
function plainField(path: string): string {
  const fields = t().errors.fields;
  return path
    .split('.')
    .map((p, i, all) => (/^\d+$/.test(p) ? String(Number(p) + 1) : i < all.length - 1 && /s$/.test(p) ? p.slice(0, -1) : p))
    .map((word) => (Object.hasOwn(fields, word) ? fields[word] : word))
    .join(' ');
}
