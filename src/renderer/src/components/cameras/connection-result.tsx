import type { CameraTestDto } from '../../../../shared/dto-cameras';
import { formatDecimal } from '../../format';
import { reasonWords } from './camera-words';

/** What `cameras:test` found, in words (the reason's code stays in `data-reason` for support and tests). */
export function ConnectionResult({ result }: { result: CameraTestDto }) {
  if (result.ok) {
    const size = result.width && result.height ? `${result.width}×${result.height}` : 'unknown size';
    return (
      <p className="test-result test-ok">
        <strong>Connected</strong> — {size}
        {result.fps ? ` at ${formatDecimal(result.fps)} fps` : ''} ({Math.round(result.elapsedMs)} ms)
      </p>
    );
  }
  return (
    <div className="test-result test-failed" data-reason={result.reason ?? undefined}>
      <p>
        <strong>Could not connect.</strong> {reasonWords(result.reason ?? 'unknown')}
      </p>
      <p className="small">You can still save the camera: it keeps trying to connect and its state shows on the Cameras page.</p>
    </div>
  );
}
