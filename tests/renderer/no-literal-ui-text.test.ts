/**
 * All UI text comes from the catalogue: no component writes words straight into its JSX, an
 * accessible name or a placeholder. (Texts built in .ts helpers are reviewed by hand; this
 * catches the common slip of typing English into markup.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../src/renderer/src');
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
const hasWords = (s: string): boolean => /\p{L}{2,}/u.test(s);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsxFiles(path);
    return e.name.endsWith('.tsx') ? [path] : [];
  });
}

/** Text literals that end up on screen: JSX text, `{'…'}` and `{`…`}` children, text attributes. */
export function literalTexts(source: string, fileName = 'file.tsx'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node, text: string) => found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim().slice(0, 60)}`);
  const literalWords = (e: ts.Expression | undefined): string | null => {
    if (!e) return null;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return hasWords(e.text) ? e.text : null;
    if (ts.isTemplateExpression(e)) {
      const parts = [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' ');
      return hasWords(parts) ? parts : null;
    }
    if (ts.isConditionalExpression(e)) return literalWords(e.whenTrue) ?? literalWords(e.whenFalse);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) return literalWords(e.right);
    if (ts.isParenthesizedExpression(e)) return literalWords(e.expression);
    return null;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && hasWords(node.text)) at(node, node.text);
    else if (ts.isJsxExpression(node) && ts.isJsxElement(node.parent)) {
      const w = literalWords(node.expression);
      if (w) at(node, w);
    } else if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(file))) {
      const init = node.initializer;
      const w = init && ts.isStringLiteral(init) ? (hasWords(init.text) ? init.text : null) : init && ts.isJsxExpression(init) ? literalWords(init.expression) : null;
      if (w) at(node, w);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('UI text comes from the message catalogue', () => {
  it('finds literal text where it is (the check itself works)', () => {
    expect(literalTexts('const a = <p title="Hello there">Count {n} people{`${x} in`}</p>;')).toHaveLength(4);
    expect(literalTexts('const a = <p title={m.title}>{m.body(n)}{" · "}</p>;')).toEqual([]);
  });

  it('no component has words in its markup', () => {
    const offenders = tsxFiles(ROOT).flatMap((path) => literalTexts(readFileSync(path, 'utf8'), path).map((hit) => `${relative(ROOT, path)}:${hit}`));
    expect(offenders).toEqual([]);
  });
});
