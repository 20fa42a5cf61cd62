import { useEffect } from 'react';
import type { AuditAnswer, AuditItemDto, AuditProgressDto } from '../../../../shared/requests-audits';
import { formatDateTimeSeconds, formatInt } from '../../format';
import { answersFor } from '../../stores/review';

/** What the evidence picture shows, for its alt text and the caption. */
export function describeItem(item: AuditItemDto): string {
  const when = formatDateTimeSeconds(item.capturedAt);
  const what = item.kind === 'no_crossing' ? 'no crossing' : `counted going ${item.direction === 'out' ? 'out' : 'in'}${item.line ? ` across line ${item.line}` : ''}`;
  const people = `${formatInt(item.people)} ${item.people === 1 ? 'person' : 'people'} detected, pixelated`;
  return `Camera ${item.camera}, ${when}: ${what}; ${people}`;
}

export function questionFor(item: AuditItemDto): string {
  return item.kind === 'no_crossing' ? 'Did someone cross the line here without being counted?' : 'Was this person counted right?';
}

const HELP: Record<AuditAnswer, { crossing: string; no_crossing: string }> = {
  right: { crossing: 'counted once, in the right direction', no_crossing: 'nobody was missed' },
  wrong_direction: { crossing: 'the person went the other way', no_crossing: '' },
  not_a_person: { crossing: 'nobody crossed, or it is not a person', no_crossing: '' },
  missed_one: { crossing: 'this count is right, but someone else was not counted', no_crossing: 'someone crossed and was not counted' },
};

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
  return (
    <section className="card review-item" aria-labelledby="review-question" data-testid="review-item" data-kind={item.kind}>
      <p className="muted" data-testid="review-progress" aria-live="polite">
        {formatInt(progress.reviewed)} reviewed of {formatInt(progress.total)} · {formatInt(progress.open)} left
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
          <p className="muted">The picture has been deleted (its retention ran out or auditing was switched off).</p>
        )}
        <figcaption className="muted small">{description}</figcaption>
      </figure>
      <h2 id="review-question" className="subheading">
        {questionFor(item)}
      </h2>
      <div className="button-row" role="group" aria-label="Answer">
        {answers.map((a) => (
          <button
            key={a.answer}
            type="button"
            className={a.answer === 'right' ? 'button button-primary' : 'button'}
            disabled={busy}
            aria-keyshortcuts={a.key}
            title={HELP[a.answer][item.kind]}
            onClick={() => onAnswer(a.answer)}
          >
            <kbd aria-hidden="true" style={{ fontFamily: 'var(--font-mono)', marginRight: '0.4em', padding: '0 0.3em', border: '1px solid currentColor', borderRadius: '3px' }}>
              {a.key}
            </kbd>
            {a.label}
          </button>
        ))}
        <button type="button" className="button button-quiet" disabled={busy} onClick={onSkip}>
          Skip
        </button>
      </div>
      <p className="muted small">
        Keys 1–4 answer. {answers.map((a) => `${a.label}: ${HELP[a.answer][item.kind]}`).join('. ')}.
      </p>
    </section>
  );
}
