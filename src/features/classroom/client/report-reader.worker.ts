// A throw-away worker that reads report files (unzip, parse, validate, checksum) off the page's thread, so a class
// of reports is read on every core while the page stays responsive.
import { readReportFilesHere } from './read-report-file.ts';
import type { ReadRequest, ReadResponse } from './report-reader-protocol.ts';

addEventListener('message', (event: MessageEvent<ReadRequest>) => {
  void readReportFilesHere(event.data.files).then((results) => postMessage({ results } satisfies ReadResponse));
});
