// What a project is made of, as every part of the app sees it (the worker, the
// page, the file formats). Storage keeps its own records and maps to these.

/** A file of the learner's project. */
export interface ProjectFile {
  /** Path relative to the project folder, `/`-separated, e.g. `main.py` or `data/points.csv`. */
  name: string;
  content: string;
}
