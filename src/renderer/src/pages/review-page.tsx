/**
 * Count review (audits): an operator answers, one evidence picture at a time, whether the model
 * counted right; below, precision / recall / F1 per camera and model version from the answers.
 */
import { useCallback, useEffect } from 'react';
import type { AuditAnswer } from '../../../shared/requests-audits';
import { roleAllows } from '../../../shared/roles';
import { EmptyState } from '../components/empty-state';
import { InlineError } from '../components/inline-error';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { ReviewItem } from '../components/review/review-item';
import { ReviewReport } from '../components/review/review-report';
import { formatInt } from '../format';
import { hrefFor } from '../router';
import { useReview, useReviewReport } from '../stores/review';
import { useSession } from '../stores/session';
import { useSettingsList } from '../stores/settings';

function AuditingOff({ isAdmin, busy, onEnable }: { isAdmin: boolean; busy: boolean; onEnable: () => void }) {
  return (
    <EmptyState title="Auditing is off">
      <p>
        While auditing is on, Footfall keeps a small picture of some counted crossings and of some moments with no crossing (people pixelated), for
        you to check here. {isAdmin ? 'Switch it on here or under Settings (audit.enabled).' : <>An administrator switches it on under <a href={hrefFor('settings')}>Settings</a> (audit.enabled).</>}
      </p>
      {isAdmin ? (
        <button type="button" className="button button-primary" disabled={busy} onClick={onEnable}>
          Switch auditing on
        </button>
      ) : null}
    </EmptyState>
  );
}

export function ReviewPage() {
  const role = useSession((s) => s.me?.role ?? null);
  const canReview = roleAllows(role, 'operator');
  const isAdmin = roleAllows(role, 'admin');
  const { next, loading, busy, error, errorContext, skipped, load, answer, skip, enable, reset } = useReview();
  const report = useReviewReport();
  const settings = useSettingsList();
  const loadReport = report.load;
  const loadSettings = settings.load;

  useEffect(() => {
    reset();
    if (canReview) void load();
    else void loadSettings();
    void loadReport();
  }, [canReview, load, loadReport, loadSettings, reset]);

  const item = next?.item ?? null;
  const onAnswer = useCallback((a: AuditAnswer) => (item ? void answer(item.id, a) : undefined), [answer, item]);
  const onSkip = useCallback(() => (item ? void skip(item.id) : undefined), [skip, item]);

  const enabled = canReview ? next?.enabled : settings.data ? settings.data.find((s) => s.key === 'audit.enabled')?.value === true : undefined;

  let review;
  if (!canReview) {
    review = enabled === false ? (
      <AuditingOff isAdmin={false} busy={false} onEnable={() => undefined} />
    ) : (
      <EmptyState title="Reviewing needs the operator role">You can read the scores below; an operator or admin answers the review items.</EmptyState>
    );
  } else if (!next) {
    review = loading ? <Loading what="the next item" /> : null;
  } else if (!next.enabled && !item) {
    review = <AuditingOff isAdmin={isAdmin} busy={busy} onEnable={() => void enable()} />;
  } else if (item) {
    review = <ReviewItem key={item.id} item={item} progress={next.progress} busy={busy} onAnswer={onAnswer} onSkip={onSkip} />;
  } else {
    review = (
      <EmptyState title="Nothing left to review">
        <p data-testid="review-progress">
          {formatInt(next.progress.reviewed)} reviewed of {formatInt(next.progress.total)}.
        </p>
        <p>New items arrive as the cameras count. {skipped.length > 0 ? 'Skipped items come back when you open this page again.' : null}</p>
      </EmptyState>
    );
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Count review" description="Check the counting against what really happened: each answer feeds the accuracy scores below." />
      <InlineError error={error} context={errorContext} />
      {review}
      <h2 className="subheading">Accuracy</h2>
      <InlineError error={report.error} context="Loading the report" />
      {report.data ? <ReviewReport rows={report.data.rows} /> : report.loading ? <Loading what="the report" /> : null}
    </section>
  );
}
