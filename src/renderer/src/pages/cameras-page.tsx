import { useEffect } from 'react';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { formatDecimal, yesNo } from '../format';
import { useCameras } from '../stores/cameras';

const KIND_LABELS: Record<string, string> = { usb: 'USB', rtsp: 'RTSP', http_mjpeg: 'HTTP MJPEG', file: 'File' };

export function CamerasPage() {
  const cameras = useCameras((s) => s.data);
  const loading = useCameras((s) => s.loading);
  const load = useCameras((s) => s.load);
  useEffect(() => void load(), [load]);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Cameras" description="Sources, processing rate and counting lines. Passwords are never shown." />
      {cameras === null ? (
        loading ? <Loading what="cameras" /> : null
      ) : cameras.length === 0 ? (
        <EmptyState title="No cameras yet">
          Add one from the command line: <code>npm run cli -- cameras add …</code>
        </EmptyState>
      ) : (
        <div className="card table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Configured cameras</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">URL</th>
                <th scope="col">Password set</th>
                <th scope="col" className="num">
                  FPS
                </th>
                <th scope="col">Lines</th>
                <th scope="col">Enabled</th>
              </tr>
            </thead>
            <tbody>
              {cameras.map((c) => (
                <tr key={c.cameraId}>
                  <th scope="row">{c.name}</th>
                  <td>{KIND_LABELS[c.sourceKind] ?? c.sourceKind}</td>
                  <td>
                    <code className="url">{c.url}</code>
                  </td>
                  <td>{yesNo(c.hasPassword)}</td>
                  <td className="num">{formatDecimal(c.processFps)}</td>
                  <td>{c.lines.length === 0 ? 'None' : c.lines.map((l) => l.name).join(', ')}</td>
                  <td>{yesNo(c.enabled)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
