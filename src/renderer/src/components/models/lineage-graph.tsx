import { useRef, type KeyboardEvent } from 'react';
import type { ModelLineageDto } from '../../../../shared/dto-model-lineage';
import { t } from '../../i18n';
import { GRAPH, layoutLineage, shortLabel, type LineageNode } from './lineage-layout';
import { mergeSentence, versionSentence } from './lineage-words';

function nodeName(n: LineageNode): string {
  return n.kind === 'version' ? versionSentence(n.version) : mergeSentence(n.merge);
}

/** The version a node stands for: a merge selects the version it adopted. */
const versionOf = (n: LineageNode): string => (n.kind === 'version' ? n.version.versionNumber : n.merge.versionNumber);

/**
 * The model's versions as a small graph: one row per branch, parent → child arrows (dashed for a
 * derived variant), merges as diamonds on the target branch, production filled. Every node is a
 * button (Tab, or the arrow keys between nodes; Enter or Space selects); the same graph follows
 * as a list for screen readers.
 */
export function LineageGraph({ lineage, selected, onSelect }: { lineage: ModelLineageDto; selected: string | null; onSelect: (version: string) => void }) {
  const layout = layoutLineage(lineage);
  const refs = useRef<Array<SVGGElement | null>>([]);
  const m = t().models.lineage;

  const onKey = (event: KeyboardEvent<SVGGElement>, index: number, node: LineageNode) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(versionOf(node));
      return;
    }
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    const to = event.key === 'Home' ? 0 : event.key === 'End' ? layout.nodes.length - 1 : step ? index + step : -1;
    if (to >= 0 && to < layout.nodes.length) {
      event.preventDefault();
      refs.current[to]?.focus();
    }
  };

  return (
    <div className="lineage">
      <div className="lineage-scroll">
        <svg
          className="lineage-graph"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="group"
          aria-label={m.graphName(lineage.versions.length)}
          data-nodes={layout.nodes.length}
          data-edges={layout.links.length}
        >
          <defs>
            <marker id="lineage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="lineage-arrow" />
            </marker>
          </defs>
          {layout.lanes.map((lane) => (
            <g key={lane.branch} className="lineage-lane">
              <line x1={GRAPH.left - 24} x2={layout.width - 16} y1={lane.y} y2={lane.y} />
              <text x={8} y={lane.y + 4}>
                {shortLabel(lane.branch, 11)}
              </text>
            </g>
          ))}
          {layout.links.map((link) => (
            <path
              key={`${link.edge.from}>${link.edge.to}`}
              d={link.d}
              className={`lineage-edge lineage-edge-${link.edge.kind}`}
              markerEnd="url(#lineage-arrow)"
              data-from={link.edge.from}
              data-to={link.edge.to}
              data-kind={link.edge.kind}
            />
          ))}
          {layout.nodes.map((n, i) => {
            const version = versionOf(n);
            const isSelected = n.kind === 'version' && version === selected;
            const production = n.kind === 'version' && n.version.production;
            const classes = ['lineage-node', `lineage-node-${n.kind}`, production ? 'is-production' : '', n.kind === 'version' && n.version.canary ? 'is-canary' : '', isSelected ? 'is-selected' : '']
              .filter(Boolean)
              .join(' ');
            const r = GRAPH.radius;
            return (
              <g
                key={n.id}
                ref={(el) => {
                  refs.current[i] = el;
                }}
                className={classes}
                transform={`translate(${n.x} ${n.y})`}
                role="button"
                tabIndex={0}
                aria-pressed={n.kind === 'version' ? isSelected : undefined}
                aria-label={nodeName(n)}
                data-node={n.id}
                onClick={() => onSelect(version)}
                onKeyDown={(e) => onKey(e, i, n)}
              >
                <title>{nodeName(n)}</title>
                <circle className="lineage-focus" r={r + 7} />
                {n.kind === 'version' ? <circle className="lineage-dot" r={r} /> : <rect className="lineage-dot" x={-r * 0.75} y={-r * 0.75} width={r * 1.5} height={r * 1.5} transform="rotate(45)" />}
                <text className="lineage-label" y={r + 16} textAnchor="middle">
                  {n.kind === 'version' ? shortLabel(n.version.versionNumber) : m.merge(shortLabel(n.merge.branch, 10))}
                </text>
                {production ? (
                  <text className="lineage-tag" y={-r - 8} textAnchor="middle">
                    {m.production}
                  </text>
                ) : n.kind === 'version' && n.version.canary ? (
                  <text className="lineage-tag" y={-r - 8} textAnchor="middle">
                    {m.canary}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <p className="lineage-legend muted small" aria-hidden="true">
        <span className="legend-production">●</span> {m.legendProduction} · <span>○</span> {m.legendOther} · <span className="legend-merge">◆</span> {m.legendMerge} · {m.legendArrows}
      </p>
      <ol className="visually-hidden" aria-label={m.asList}>
        {layout.nodes.map((n) => {
          const parents = layout.links.filter((l) => l.to.id === n.id).map((l) => (l.from.kind === 'version' ? l.from.version.versionNumber : m.theMergeOf(l.from.merge.branch)));
          const children = layout.links.filter((l) => l.from.id === n.id).map((l) => (l.to.kind === 'version' ? l.to.version.versionNumber : m.theMergeOf(l.to.merge.branch)));
          return (
            <li key={n.id}>
              {nodeName(n)}.{parents.length ? m.comesFrom(parents.join(m.and)) : ''}
              {children.length ? m.leadsTo(children.join(m.and)) : ''}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
