import { Fragment } from 'react';
import type { CameraDto } from '../../../../shared/dto';
import type { CameraTestDto } from '../../../../shared/dto-cameras';
import type { AppErrorShape } from '../../../../shared/result';
import { formatDecimal } from '../../format';
import { ACTIONS_COLUMN, DataTable, type Column } from '../data-table';
import { InlineError } from '../inline-error';
import { StateBadge } from '../state-badge';
import { ConnectionResult } from './connection-result';
import { EnabledSwitch } from './enabled-switch';
import { useCanRequest } from '../../stores/session';

export const KIND_LABELS: Record<string, string> = { usb: 'USB', rtsp: 'RTSP', http_mjpeg: 'HTTP MJPEG', file: 'File' };

export interface RowTest {
  pending: boolean;
  result: CameraTestDto | null;
  error: AppErrorShape | null;
}

const COLUMNS: readonly Column[] = ['Name', 'Source', 'Password', { label: 'FPS', num: true }, 'Frame', 'Counting', 'Enabled', ACTIONS_COLUMN];

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
}: {
  cameras: CameraDto[];
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
              </td>
              <td>
                {c.sourceKind === 'rtsp' || c.sourceKind === 'http_mjpeg' || c.hasPassword ? (
                  c.hasPassword ? (
                    <StateBadge state="approved" label="Password set" />
                  ) : (
                    <StateBadge state="neutral" label="Not set" />
                  )
                ) : (
                  <span className="muted">not needed</span>
                )}
              </td>
              <td className="num">{formatDecimal(c.processFps)}</td>
              <td>{c.frameWidth > 0 && c.frameHeight > 0 ? `${c.frameWidth}×${c.frameHeight}` : <span className="muted">auto</span>}</td>
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
