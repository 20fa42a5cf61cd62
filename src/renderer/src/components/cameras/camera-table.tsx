import { Fragment } from 'react';
import type { CameraDto, CameraHealthDto } from '../../../../shared/dto';
import type { CameraStatusDto, CameraTestDto } from '../../../../shared/dto-cameras';
import type { AppErrorShape } from '../../../../shared/result';
import { formatDecimal } from '../../format';
import { ACTIONS_COLUMN, DataTable, type Column } from '../data-table';
import { InlineError } from '../inline-error';
import { StateBadge } from '../state-badge';
import { ageWords, CHOICE_WORDS, reasonWords, stateWords } from './camera-words';
import { ConnectionResult } from './connection-result';
import { EnabledSwitch } from './enabled-switch';
import { useCanRequest } from '../../stores/session';

export const KIND_LABELS: Record<string, string> = { usb: 'USB', rtsp: 'RTSP', http_mjpeg: 'HTTP MJPEG', file: 'File' };

export interface RowTest {
  pending: boolean;
  result: CameraTestDto | null;
  error: AppErrorShape | null;
}

/** What the Cameras page knows of a camera's running state: its status, with pushed health merged in. */
export interface CameraLiveStatus {
  health: CameraHealthDto | null;
  running: { modelId: string; versionNumber: string } | null;
  chosen: CameraStatusDto['chosen'] | null;
}

const COLUMNS: readonly Column[] = ['Name', 'Source', 'State and health', 'Model', 'Processing', 'Counting', 'Enabled', ACTIONS_COLUMN];

function StateCell({ camera, status, now }: { camera: CameraDto; status: CameraLiveStatus | undefined; now: number }) {
  const h = status?.health;
  if (!h) return <span className="muted">not known yet</span>;
  const shown = stateWords(h.state, camera.enabled ? h.reason : 'disabled');
  const why = shown.state === 'live' || shown.label === 'off' ? '' : reasonWords(h.reason);
  return (
    <>
      <span data-testid={`camera-state-${camera.cameraId}`}>
        <StateBadge state={shown.state} label={shown.label} />
      </span>
      {why ? <span className="cell-sub">{why}</span> : null}
      <HealthLines camera={camera} status={status} now={now} />
    </>
  );
}

function HealthLines({ camera, status, now }: { camera: CameraDto; status: CameraLiveStatus | undefined; now: number }) {
  const h = status?.health;
  if (!h || !camera.enabled) return null;
  const age = ageWords(h.lastFrameAt, now);
  return (
    <span className="cell-sub" data-testid={`camera-health-${camera.cameraId}`}>
      <span className="nowrap">{h.processedFps !== null ? `${formatDecimal(h.processedFps)} fps processed` : 'no frames yet'}</span>
      {' · '}
      <span className="nowrap">{age ? `last picture ${age}` : 'no picture yet'}</span>
      {h.reconnectCount ? ` · ${h.reconnectCount} reconnect${h.reconnectCount === 1 ? '' : 's'}` : null}
    </span>
  );
}

function ModelCell({ camera, status }: { camera: CameraDto; status: CameraLiveStatus | undefined }) {
  const running = status?.running;
  const chosen = status?.chosen;
  const how = chosen ? (CHOICE_WORDS[chosen.how] ?? '') : '';
  if (running) {
    return (
      <>
        <span data-testid={`camera-model-${camera.cameraId}`}>{`${running.modelId} ${running.versionNumber}`}</span>
        <span className="cell-sub">running now</span>
        {how ? <span className="cell-sub">{how}</span> : null}
      </>
    );
  }
  if (chosen?.modelId) {
    return (
      <>
        <span data-testid={`camera-model-${camera.cameraId}`}>{`${chosen.modelId} ${chosen.versionNumber ?? '(newest)'}`}</span>
        <span className="cell-sub">{camera.enabled ? 'when it runs' : 'when switched on'}; {how}</span>
      </>
    );
  }
  return <span className="muted">{chosen ? CHOICE_WORDS.default : '—'}</span>;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Configured cameras with their switches and actions; a test's result opens a row below its camera. */
export function CameraTable({
  cameras,
  tests,
  onEdit,
  onRemove,
  onTest,
  onChanged,
  statuses,
  now,
}: {
  cameras: CameraDto[];
  statuses: Record<string, CameraLiveStatus>;
  /** The page's clock (Date.now(), ticking), for "last picture 3 s ago". */
  now: number;
  tests: Record<string, RowTest>;
  onEdit: (camera: CameraDto) => void;
  onRemove: (camera: CameraDto) => void;
  onTest: (camera: CameraDto) => void;
  onChanged: (camera: CameraDto) => void;
}) {
  const can = { test: useCanRequest('cameras:test'), edit: useCanRequest('cameras:edit'), remove: useCanRequest('cameras:remove') };
  return (
    <DataTable columns={COLUMNS} caption="Configured cameras" card className="camera-table">
      {cameras.map((c) => {
        const test = tests[c.cameraId];
        return (
          <Fragment key={c.cameraId}>
            <tr>
              <th scope="row">
                {c.name}
                <span className="cell-sub">
                  <code>{c.cameraId}</code>
                </span>
              </th>
              <td>
                <span className="kind-label">{KIND_LABELS[c.sourceKind] ?? c.sourceKind}</span>
                <code className="url cell-sub camera-url">{c.url}</code>
                {c.sourceKind === 'rtsp' || c.sourceKind === 'http_mjpeg' || c.hasPassword ? (
                  <span className="cell-sub">{c.hasPassword ? <StateBadge state="approved" label="Password set" /> : <StateBadge state="neutral" label="No password" />}</span>
                ) : null}
              </td>
              <td className="camera-state-cell">
                <StateCell camera={c} status={statuses[c.cameraId]} now={now} />
              </td>
              <td className="camera-model-cell">
                <ModelCell camera={c} status={statuses[c.cameraId]} />
              </td>
              <td>
                <span className="nowrap">{formatDecimal(c.processFps)} fps</span>
                <span className="cell-sub">{c.frameWidth > 0 && c.frameHeight > 0 ? `${c.frameWidth}×${c.frameHeight}` : 'size: auto'}</span>
              </td>
              <td>
                <span className="nowrap">
                  {plural(c.lines.length, 'line')}, {plural(c.zones.length, 'zone')}
                </span>
                {c.lines.length > 0 ? <span className="cell-sub">{c.lines.map((l) => l.name).join(', ')}</span> : null}
              </td>
              <td>
                <EnabledSwitch camera={c} onChanged={onChanged} />
              </td>
              <td className="cell-actions">
                <div className="button-row">
                  {can.test ? (
                    <button type="button" className="button button-small" onClick={() => onTest(c)} disabled={test?.pending}>
                      {test?.pending ? 'Testing…' : 'Test'}
                      <span className="visually-hidden"> connection of {c.name}</span>
                    </button>
                  ) : null}
                  {can.edit ? (
                    <button type="button" className="button button-small" onClick={() => onEdit(c)}>
                      Edit<span className="visually-hidden"> {c.name}</span>
                    </button>
                  ) : null}
                  {can.remove ? (
                    <button type="button" className="button button-small button-danger-quiet" onClick={() => onRemove(c)}>
                      Remove<span className="visually-hidden"> {c.name}</span>
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
            {test && (test.result || test.error) ? (
              <tr className="row-detail">
                <td colSpan={COLUMNS.length}>
                  <div role="status" aria-label={`Connection test of ${c.name}`}>
                    {test.result ? <ConnectionResult result={test.result} /> : null}
                  </div>
                  <InlineError error={test.error} context={`Testing ${c.name}`} />
                </td>
              </tr>
            ) : null}
          </Fragment>
        );
      })}
    </DataTable>
  );
}
