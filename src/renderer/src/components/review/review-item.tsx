import { useEffect } from 'react';
import type { AuditAnswer, AuditItemDto, AuditItemKind, AuditProgressDto } from '../../../../shared/requests-audits';
import { formatDateTimeSeconds, formatInt } from '../../format';
import { t } from '../../i18n';
import { answersFor } from '../../stores/review';

/** What the evidence picture shows, for its alt text and the caption. */
export function describeItem(item: AuditItemDto): string {
  const m = t().review.item;
  const when = formatDateTimeSeconds(item.capturedAt);
  const what = item.kind === 'no_crossing' ? m.noCrossing : item.direction === 'out' ? m.countedOut(item.line) : m.countedIn(item.line);
  return m.describe(item.camera, when, what, m.people(item.people, formatInt(item.people)));
}

export function questionFor(item: AuditItemDto): string {
  return t().review.item.question[item.kind];
}

/** What an answer means for this kind of item; only the answers the kind allows have words (answersFor). */
function helpFor(kind: AuditItemKind, answer: AuditAnswer): string {
  const help: Partial<Record<AuditAnswer, string>> = t().review.help[kind];
  return help[answer] ?? '';
}

/** Typing in a field keeps its digits; elsewhere on the page 1–4 answer. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function ReviewItem({
  item,
  progress,
  busy,
  onAnswer,
  onSkip,
}: {
  item: AuditItemDto;
  progress: AuditProgressDto;
  busy: boolean;
  onAnswer: (answer: AuditAnswer) => void;
  onSkip: () => void;
}) {
  const answers = answersFor(item.kind);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat || isTyping(e.target) || document.querySelector('[role="dialog"]')) return;
      const choice = answers.find((a) => a.key === e.key);
      if (!choice || busy) return;
      e.preventDefault();
      onAnswer(choice.answer);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [answers, busy, onAnswer]);

  const description = describeItem(item);
  const m = t().review.item;
  const labels = t().review.answers;
  return (
    <section className="card review-item" aria-labelledby="review-question" data-testid="review-item" data-kind={item.kind}>
      <p className="muted" data-testid="review-progress" aria-live="polite">
        {m.progress(formatInt(progress.reviewed), formatInt(progress.total), formatInt(progress.open))}
      </p>
      <figure style={{ margin: '0 0 1rem' }}>
        {item.picture ? (
          <img
            src={item.picture}
            alt={description}
            width={item.pictureWidth ?? undefined}
            height={item.pictureHeight ?? undefined}
            style={{ display: 'block', maxWidth: '100%', height: 'auto', border: '1px solid var(--border)', borderRadius: 'var(--radius)' }}
          />
        ) : (
          <p className="muted">{m.pictureDeleted}</p>
        )}
        <figcaption className="muted small">{description}</figcaption>
      </figure>
      <h2 id="review-question" className="subheading">
        {questionFor(item)}
      </h2>
      <div className="button-row" role="group" aria-label={m.answerGroup}>
        {answers.map((a) => (
          <button
            key={a.answer}
            type="button"
            className={a.answer === 'right' ? 'button button-primary' : 'button'}
            disabled={busy}
            aria-keyshortcuts={a.key}
            title={helpFor(item.kind, a.answer)}
            onClick={() => onAnswer(a.answer)}
          >
            <kbd aria-hidden="true" style={{ fontFamily: 'var(--font-mono)', marginRight: '0.4em', padding: '0 0.3em', border: '1px solid currentColor', borderRadius: '3px' }}>
              {a.key}
            </kbd>
            {labels[a.answer]}
          </button>
        ))}
        <button type="button" className="button button-quiet" disabled={busy} onClick={onSkip}>
          {m.skip}
        </button>
      </div>
      <p className="muted small">{m.keysHelp(answers.map((a) => m.answerHelp(labels[a.answer], helpFor(item.kind, a.answer))).join('. '))}</p>
    </section>
  );
}
