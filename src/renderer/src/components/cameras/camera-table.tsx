import { Fragment } from 'react';
import type { CameraDto, CameraHealthDto } from '../../../../shared/dto';
import type { CameraStatusDto, CameraTestDto } from '../../../../shared/dto-cameras';
import type { AppErrorShape } from '../../../../shared/result';
import { DASH, formatDecimal, formatInt } from '../../format';
import { t } from '../../i18n';
import { ACTIONS_COLUMN, DataTable, type Column } from '../data-table';
import { InlineError } from '../inline-error';
import { StateBadge } from '../state-badge';
import { ageWords, choiceWords, reasonWords, stateWords } from './camera-words';
import { ConnectionResult } from './connection-result';
import { EnabledSwitch } from './enabled-switch';
import { useCanRequest } from '../../stores/session';

/** A source kind's short name; a kind this version does not know, as it came. */
function kindLabel(kind: string): string {
  const kinds: Record<string, string> = t().cameras.kinds;
  return kinds[kind] ?? kind;
}

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

function columns(): readonly Column[] {
  const c = t().cameras.table.columns;
  return [c.name, c.source, c.state, c.model, c.processing, c.counting, c.enabled, ACTIONS_COLUMN];
}

function StateCell({ camera, status, now }: { camera: CameraDto; status: CameraLiveStatus | undefined; now: number }) {
  const h = status?.health;
  if (!h) return <span className="muted">{t().cameras.table.notKnownYet}</span>;
  const reason = camera.enabled ? h.reason : 'disabled';
  const shown = stateWords(h.state, reason);
  // A switched-off camera's badge says so already; a live one needs no reason.
  const off = h.state === 'stopped' && reason === 'disabled';
  const why = shown.state === 'live' || off ? '' : reasonWords(h.reason);
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
  const m = t().cameras.table;
  return (
    <span className="cell-sub" data-testid={`camera-health-${camera.cameraId}`}>
      <span className="nowrap">{h.processedFps !== null ? m.fpsProcessed(formatDecimal(h.processedFps)) : m.noFramesYet}</span>
      {' · '}
      <span className="nowrap">{age ? m.lastPicture(age) : m.noPictureYet}</span>
      {h.reconnectCount ? ` · ${m.reconnects(h.reconnectCount, formatInt(h.reconnectCount))}` : null}
    </span>
  );
}

function ModelCell({ camera, status }: { camera: CameraDto; status: CameraLiveStatus | undefined }) {
  const running = status?.running;
  const chosen = status?.chosen;
  const how = chosen ? choiceWords(chosen.how) : '';
  const m = t().cameras.table;
  if (running) {
    return (
      <>
        <span data-testid={`camera-model-${camera.cameraId}`}>{`${running.modelId} ${running.versionNumber}`}</span>
        <span className="cell-sub">{m.runningNow}</span>
        {how ? <span className="cell-sub">{how}</span> : null}
      </>
    );
  }
  if (chosen?.modelId) {
    return (
      <>
        <span data-testid={`camera-model-${camera.cameraId}`}>{`${chosen.modelId} ${chosen.versionNumber ?? m.newest}`}</span>
        <span className="cell-sub">
          {camera.enabled ? m.whenRuns : m.whenSwitchedOn}; {how}
        </span>
      </>
    );
  }
  return <span className="muted">{chosen ? choiceWords('default') : DASH}</span>;
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
  const m = t().cameras.table;
  const cols = columns();
  return (
    <DataTable columns={cols} caption={m.caption} card className="camera-table">
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
                <span className="kind-label">{kindLabel(c.sourceKind)}</span>
                <code className="url cell-sub camera-url">{c.url}</code>
                {c.sourceKind === 'rtsp' || c.sourceKind === 'http_mjpeg' || c.hasPassword ? (
                  <span className="cell-sub">{c.hasPassword ? <StateBadge state="approved" label={m.passwordSet} /> : <StateBadge state="neutral" label={m.noPassword} />}</span>
                ) : null}
              </td>
              <td className="camera-state-cell">
                <StateCell camera={c} status={statuses[c.cameraId]} now={now} />
              </td>
              <td className="camera-model-cell">
                <ModelCell camera={c} status={statuses[c.cameraId]} />
              </td>
              <td>
                <span className="nowrap">{m.fps(formatDecimal(c.processFps))}</span>
                <span className="cell-sub">{c.frameWidth > 0 && c.frameHeight > 0 ? `${c.frameWidth}×${c.frameHeight}` : m.sizeAuto}</span>
              </td>
              <td>
                <span className="nowrap">
                  {m.lines(c.lines.length, formatInt(c.lines.length))}, {m.zones(c.zones.length, formatInt(c.zones.length))}
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
                      {test?.pending ? m.testing : m.test}
                      <span className="visually-hidden">{m.testRest(c.name)}</span>
                    </button>
                  ) : null}
                  {can.edit ? (
                    <button type="button" className="button button-small" onClick={() => onEdit(c)}>
                      {m.edit}
                      <span className="visually-hidden"> {c.name}</span>
                    </button>
                  ) : null}
                  {can.remove ? (
                    <button type="button" className="button button-small button-danger-quiet" onClick={() => onRemove(c)}>
                      {m.remove}
                      <span className="visually-hidden"> {c.name}</span>
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
            {test && (test.result || test.error) ? (
              <tr className="row-detail">
                <td colSpan={cols.length}>
                  <div role="status" aria-label={m.connectionTestOf(c.name)}>
                    {test.result ? <ConnectionResult result={test.result} /> : null}
                  </div>
                  <InlineError error={test.error} context={m.testingContext(c.name)} />
                </td>
              </tr>
            ) : null}
          </Fragment>
        );
      })}
    </DataTable>
  );
}
