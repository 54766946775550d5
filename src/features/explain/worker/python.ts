// The explanations module is part of the app's Python, imported by the runner
// at start-up (so it is in the memory snapshot and costs an error run nothing
// to load); its texts are data, in shared/explanations.json.
import explainSource from './playground_explain.py?raw';
import explanations from '../shared/explanations.json?raw';

export const EXPLAIN_PYTHON: Record<string, string> = {
  'playground_explain.py': explainSource,
  'playground_explanations.json': explanations,
};
