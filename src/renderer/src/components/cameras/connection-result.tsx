import type { CameraTestDto } from '../../../../shared/dto-cameras';
import { CAPTURE_ERROR_REASONS, isOneOf, type CaptureErrorReason } from '../../../../shared/enums';
import { formatDecimal } from '../../format';

const REASONS: Partial<Record<CaptureErrorReason, string>> = {
  auth: 'The camera refused the user name or password.',
  not_found: 'Nothing found at that address or path.',
  refused: 'The camera refused the connection (wrong port, or the stream is off).',
  timeout: 'The camera did not answer in time.',
  unreachable: 'The address cannot be reached from this PC.',
  unsupported: 'This kind of address is not supported.',
};

/** What `cameras:test` found, in words; the engine has already removed any credential. */
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
    <div className="test-result test-failed">
      <p>
        <strong>Could not connect</strong>
        {result.reason ? <code className="error-code">{result.reason}</code> : null} {isOneOf(CAPTURE_ERROR_REASONS, result.reason) ? (REASONS[result.reason] ?? '') : ''}
      </p>
      <p className="small">{result.message}</p>
    </div>
  );
}
