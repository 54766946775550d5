// Reading many report files at once: split between a few throw-away workers (one per core, up to four), each
// ended when its share is read. Where workers cannot start, the page reads them itself.
import type { ReportRead } from '../../../formats/report.ts';
import { readReportFilesHere } from './read-report-file.ts';
import type { ReadRequest, ReadResponse } from './report-reader-protocol.ts';
import ReportReaderWorker from './report-reader.worker.ts?worker';

/** Below this many files a worker's start costs more than it saves. */
const WORKER_FROM = 12;
/** A worker per this many files, so a small class does not start a worker per core. */
const FILES_PER_WORKER = 25;
const MAX_WORKERS = 4;

function inWorker(files: File[], signal?: AbortSignal): Promise<ReportRead[]> {
  return new Promise((resolve, reject) => {
    const worker = new ReportReaderWorker({ name: 'report-reader' });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      end();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<ReadResponse>) => {
      end();
      resolve(event.data.results);
    });
    // A worker that cannot start (or dies): its share is read here instead.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      end();
      readReportFilesHere(files, signal).then(resolve, reject);
    });
    worker.postMessage({ files } satisfies ReadRequest);
  });
}

/** The files read and checked, one result per file in their order. Rejects with the signal's reason on abort. */
export async function readReportFiles(files: File[], signal?: AbortSignal): Promise<ReportRead[]> {
  signal?.throwIfAborted();
  const cores = typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 2);
  if (typeof Worker === 'undefined' || files.length < WORKER_FROM) return readReportFilesHere(files, signal);
  // Even one worker is worth it: the page stays responsive while a class's reports are read.
  const workers = Math.max(1, Math.min(MAX_WORKERS, cores, Math.ceil(files.length / FILES_PER_WORKER)));
  // Contiguous shares, so results come back in order by joining them.
  const size = Math.ceil(files.length / workers);
  const shares = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size));
  return (await Promise.all(shares.map((share) => inWorker(share, signal)))).flat();
}
