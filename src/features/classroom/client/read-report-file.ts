// One report file read and checked: the same code on the page and in the throw-away workers that read many.
import { readReport, REPORT_LIMITS, type ReportRead } from '../../../formats/report.ts';

export async function readReportFile(file: File): Promise<ReportRead> {
  // Refused before its bytes are read: a 50 MB file must not fill memory first.
  if (file.size > REPORT_LIMITS.maxFileBytes) {
    const mb = Math.round(REPORT_LIMITS.maxFileBytes / 1_000_000);
    return { ok: false, error: `This report cannot be opened: it is larger than ${mb} MB.` };
  }
  try {
    return await readReport(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    return { ok: false, error: `This file could not be read: ${(error as Error)?.message ?? error}` };
  }
}

/** Reads files a few at a time (reading is mostly waiting for bytes and for the checksum's digest). */
export async function readReportFilesHere(files: File[], signal?: AbortSignal): Promise<ReportRead[]> {
  const results: ReportRead[] = [];
  for (let i = 0; i < files.length; i += 8) {
    signal?.throwIfAborted();
    results.push(...(await Promise.all(files.slice(i, i + 8).map(readReportFile))));
  }
  return results;
}
