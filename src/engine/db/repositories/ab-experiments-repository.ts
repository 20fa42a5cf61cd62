import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../open-database';
import type { ExperimentGroup, ExperimentStatus } from '../../../shared/enums';
import { fieldsExcept, TableStore } from '../table-store';
import {
  abResultMapper,
  assignmentMapper,
  conclusionMapper,
  experimentMapper,
  type AbResult,
  type Assignment,
  type Conclusion,
  type Experiment,
  type ExperimentPatch,
  type NewAbResult,
  type NewAssignment,
  type NewConclusion,
  type NewExperiment,
} from './ab-testing-rows';
import {
  designMapper,
  intervalMetricMapper,
  truthMatchMapper,
  type ExperimentDesign,
  type IntervalMetric,
  type NewExperimentDesign,
  type NewIntervalMetric,
  type NewTruthMatch,
  type TruthMatch,
} from './experiment-design-rows';

export type { ExperimentDesign, IntervalMetric, NewExperimentDesign, NewIntervalMetric, NewTruthMatch, TruthMatch };
export type { AbResult, Assignment, Conclusion, Experiment, ExperimentPatch, NewAbResult, NewAssignment, NewConclusion, NewExperiment };

/** The A/B testing aggregate: experiments and their assignments, results and conclusions. */
export class AbExperimentsRepository {
  private readonly experiments: TableStore<Experiment, 'experimentId'>;
  private readonly assignments: TableStore<Assignment, 'id'>;
  private readonly results: TableStore<AbResult, 'id'>;
  private readonly conclusions: TableStore<Conclusion, 'id'>;
  private readonly experimentsByStatus: Statement;
  private readonly assignmentsFor: Statement;
  private readonly groupCounts: Statement;
  private readonly resultsFor: Statement;
  private readonly conclusionsFor: Statement;
  private readonly designs: TableStore<ExperimentDesign, 'experimentId'>;
  private readonly intervalMetrics: TableStore<IntervalMetric, 'id'>;
  private readonly truthMatches: TableStore<TruthMatch, 'id'>;
  private readonly intervalsFor: Statement;
  private readonly truthMatchesFor: Statement;
  private readonly annotate: Statement;

  constructor(db: SqliteDatabase) {
    this.experiments = new TableStore(db, experimentMapper, {
      key: 'experimentId',
      insertable: fieldsExcept(experimentMapper.columns, ['id', 'updatedAt']),
      updatable: fieldsExcept(experimentMapper.columns, ['id', 'experimentId', 'createdAt', 'updatedAt']),
    });
    this.assignments = new TableStore(db, assignmentMapper, {
      key: 'id',
      insertable: fieldsExcept(assignmentMapper.columns, ['id']),
      updatable: [],
    });
    this.results = new TableStore(db, abResultMapper, { key: 'id', insertable: fieldsExcept(abResultMapper.columns, ['id']), updatable: [] });
    this.conclusions = new TableStore(db, conclusionMapper, {
      key: 'id',
      insertable: fieldsExcept(conclusionMapper.columns, ['id']),
      updatable: [],
    });
    this.experimentsByStatus = db.prepare(
      'SELECT * FROM ab_testing_experiments WHERE (@status IS NULL OR experiment_status = @status) ORDER BY created_at DESC, id DESC',
    );
    this.assignmentsFor = db.prepare('SELECT * FROM ab_testing_assignments WHERE experiment_id = ? ORDER BY assignment_timestamp, id');
    this.groupCounts = db.prepare(
      'SELECT assigned_group AS grp, count(*) AS n FROM ab_testing_assignments WHERE experiment_id = ? GROUP BY assigned_group',
    );
    this.resultsFor = db.prepare(`
      SELECT * FROM ab_testing_results
      WHERE experiment_id = @experiment_id AND (@group_name IS NULL OR group_name = @group_name)
      ORDER BY result_timestamp, id`);
    this.conclusionsFor = db.prepare('SELECT * FROM ab_testing_conclusions WHERE experiment_id = ? ORDER BY created_at, id');
    this.designs = new TableStore(db, designMapper, {
      key: 'experimentId',
      insertable: fieldsExcept(designMapper.columns, ['createdAt']),
      updatable: [],
    });
    this.intervalMetrics = new TableStore(db, intervalMetricMapper, {
      key: 'id',
      insertable: fieldsExcept(intervalMetricMapper.columns, ['id', 'createdAt']),
      updatable: [],
    });
    this.truthMatches = new TableStore(db, truthMatchMapper, { key: 'id', insertable: fieldsExcept(truthMatchMapper.columns, ['id']), updatable: [] });
    this.intervalsFor = db.prepare('SELECT * FROM ab_interval_metrics WHERE experiment_id = ? ORDER BY interval_start, interval_index, unit, arm');
    this.annotate = db.prepare(
      "UPDATE ab_testing_conclusions SET review_notes = CASE WHEN review_notes IS NULL OR review_notes = '' THEN @line ELSE review_notes || '; ' || @line END WHERE id = @id",
    );
    this.truthMatchesFor = db.prepare('SELECT * FROM ab_truth_matches WHERE experiment_id = ? ORDER BY run_id, truth_index');
  }

  createDesign(design: NewExperimentDesign): ExperimentDesign {
    return this.designs.insert(design);
  }

  getDesign(experimentId: string): ExperimentDesign | undefined {
    return this.designs.get(experimentId);
  }

  recordInterval(metric: NewIntervalMetric): IntervalMetric {
    return this.intervalMetrics.insert(metric);
  }

  /** Oldest interval first, both arms. */
  listIntervals(experimentId: string): IntervalMetric[] {
    return this.intervalsFor.all(experimentId).map((r) => intervalMetricMapper.fromRow(r));
  }

  recordTruthMatch(match: NewTruthMatch): TruthMatch {
    return this.truthMatches.insert(match);
  }

  listTruthMatches(experimentId: string): TruthMatch[] {
    return this.truthMatchesFor.all(experimentId).map((r) => truthMatchMapper.fromRow(r));
  }

  createExperiment(experiment: NewExperiment): Experiment {
    return this.experiments.insert(experiment);
  }

  getExperiment(experimentId: string): Experiment | undefined {
    return this.experiments.get(experimentId);
  }

  /** Newest first; all statuses when none is given. */
  listExperiments(status?: ExperimentStatus): Experiment[] {
    return this.experimentsByStatus.all({ status: status ?? null }).map((r) => experimentMapper.fromRow(r));
  }

  updateExperiment(experimentId: string, patch: ExperimentPatch): Experiment {
    return this.experiments.update(experimentId, patch);
  }

  assign(assignment: NewAssignment): Assignment {
    return this.assignments.insert(assignment);
  }

  listAssignments(experimentId: string): Assignment[] {
    return this.assignmentsFor.all(experimentId).map((r) => assignmentMapper.fromRow(r));
  }

  countAssignments(experimentId: string): Record<ExperimentGroup, number> {
    const counts: Record<ExperimentGroup, number> = { baseline: 0, challenger: 0 };
    for (const row of this.groupCounts.all(experimentId) as Array<{ grp: ExperimentGroup; n: number }>) counts[row.grp] = row.n;
    return counts;
  }

  recordResult(result: NewAbResult): AbResult {
    return this.results.insert(result);
  }

  /** Oldest first; both groups when none is given. */
  listResults(experimentId: string, group?: ExperimentGroup): AbResult[] {
    return this.resultsFor.all({ experiment_id: experimentId, group_name: group ?? null }).map((r) => abResultMapper.fromRow(r));
  }

  conclude(conclusion: NewConclusion): Conclusion {
    return this.conclusions.insert(conclusion);
  }

  /** Adds a line to a conclusion's review notes (the rollout pipeline it started). */
  annotateConclusion(id: number, line: string): void {
    this.annotate.run({ id, line });
  }

  listConclusions(experimentId: string): Conclusion[] {
    return this.conclusionsFor.all(experimentId).map((r) => conclusionMapper.fromRow(r));
  }
}
