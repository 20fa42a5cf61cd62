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
import { t } from '../i18n';
import { routeLabel } from '../router';
import { hrefFor } from '../router';
import { useReview, useReviewReport } from '../stores/review';
import { useSession } from '../stores/session';
import { useSettingsList } from '../stores/settings';

/** The setting that switches auditing on, named as Settings lists it. */
const AUDIT_SETTING = 'audit.enabled';

function AuditingOff({ isAdmin, busy, onEnable }: { isAdmin: boolean; busy: boolean; onEnable: () => void }) {
  const m = t().review.auditingOff;
  return (
    <EmptyState title={m.title}>
      <p>
        {m.intro}{' '}
        {isAdmin ? (
          m.adminHow(AUDIT_SETTING)
        ) : (
          <>
            {m.viewerHowBefore} <a href={hrefFor('settings')}>{m.settingsLink}</a> {m.viewerHowAfter(AUDIT_SETTING)}
          </>
        )}
      </p>
      {isAdmin ? (
        <button type="button" className="button button-primary" disabled={busy} onClick={onEnable}>
          {m.enable}
        </button>
      ) : null}
    </EmptyState>
  );
}

export function ReviewPage() {
  const role = useSession((s) => s.me?.role ?? null);
  const canReview = roleAllows(role, 'operator');
  const isAdmin = roleAllows(role, 'admin');
  const { next, loading, busy, error, errorAction, skipped, load, answer, skip, enable, reset } = useReview();
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

  const m = t().review;
  let review;
  if (!canReview) {
    review = enabled === false ? (
      <AuditingOff isAdmin={false} busy={false} onEnable={() => undefined} />
    ) : (
      <EmptyState title={m.notOperator}>{m.notOperatorHint}</EmptyState>
    );
  } else if (!next) {
    review = loading ? <Loading what={m.loadingNext} /> : null;
  } else if (!next.enabled && !item) {
    review = <AuditingOff isAdmin={isAdmin} busy={busy} onEnable={() => void enable()} />;
  } else if (item) {
    review = <ReviewItem key={item.id} item={item} progress={next.progress} busy={busy} onAnswer={onAnswer} onSkip={onSkip} />;
  } else {
    review = (
      <EmptyState title={m.nothingLeft}>
        <p data-testid="review-progress">{m.progressDone(formatInt(next.progress.reviewed), formatInt(next.progress.total))}</p>
        <p>
          {m.newItems} {skipped.length > 0 ? m.skippedComeBack : null}
        </p>
      </EmptyState>
    );
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title={routeLabel('review')} description={m.description} />
      <InlineError error={error} context={m.errorContext[errorAction]} />
      {review}
      <h2 className="subheading">{m.accuracy}</h2>
      <InlineError error={report.error} context={m.loadReportContext} />
      {report.data ? <ReviewReport rows={report.data.rows} /> : report.loading ? <Loading what={m.loadingReport} /> : null}
    </section>
  );
}
