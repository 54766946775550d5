// The messages between the page and a report-reading worker.
import type { ReportRead } from '../../../formats/report.ts';

export interface ReadRequest {
  files: File[];
}

/** One result per file, in the order they were sent. */
export interface ReadResponse {
  results: ReportRead[];
}
