// What the page side knows of a learner's progress. Storage keeps a record of the same shape; this copy
// exists so the lessons feature never depends on storage (the layers allow a feature only model and lib).

/** Everything recorded about one exercise for one learner. */
export interface ExerciseProgress {
  packId: string;
  exerciseId: string;
  lessonId: string;
  /** The project the learner works on the exercise in. */
  projectId?: string;
  /** Presses of Check. */
  attempts: number;
  /** Each press of Check: how many checks passed of how many, the titles that failed, the error types met. */
  checks: { at: number; passed: number; total: number; failed: string[]; errors: string[] }[];
  hintsShown: number;
  solutionViewedAt?: number;
  firstPassedAt?: number;
  lastPassedAt?: number;
  /** Time spent with the exercise open and the learner active. */
  activeMs: number;
  firstOpenedAt: number;
  lastOpenedAt: number;
}

export type ExerciseState = 'not-started' | 'tried' | 'passed';

/** Passed once is passed for good: a later failing attempt does not take it back. */
export function exerciseState(p: ExerciseProgress | undefined): ExerciseState {
  if (p?.firstPassedAt !== undefined) return 'passed';
  if (p && p.attempts > 0) return 'tried';
  return 'not-started';
}

/** A run as the progress page counts it (from the run history). */
export interface ActivityRun {
  startedAt: number;
  status: string;
  /** The exception type the run ended with, e.g. `NameError`. */
  errorType?: string;
  /** The explanation shown for it, e.g. `name-misspelt`. */
  explanationCase?: string;
}
