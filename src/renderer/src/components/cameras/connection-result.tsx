import type { CameraTestDto } from '../../../../shared/dto-cameras';
import { formatDecimal, formatInt } from '../../format';
import { t } from '../../i18n';
import { reasonWords } from './camera-words';

/** What `cameras:test` found, in words (the reason's code stays in `data-reason` for support and tests). */
export function ConnectionResult({ result }: { result: CameraTestDto }) {
  const m = t().cameras.connection;
  if (result.ok) {
    const size = result.width && result.height ? `${result.width}×${result.height}` : m.unknownSize;
    return (
      <p className="test-result test-ok">
        <strong>{m.connected}</strong> — {m.detail(size, result.fps ? formatDecimal(result.fps) : null, formatInt(Math.round(result.elapsedMs)))}
      </p>
    );
  }
  return (
    <div className="test-result test-failed" data-reason={result.reason ?? undefined}>
      <p>
        <strong>{m.couldNotConnect}</strong> {reasonWords(result.reason ?? 'unknown')}
      </p>
      <p className="small">{m.saveAnyway}</p>
    </div>
  );
}
