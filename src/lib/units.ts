// Sizes as people read them in progress and storage messages.

/** Megabytes with one decimal, as people read download progress. */
export function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/**
 * "12.3 of 14.3 MB": what has arrived is rounded down, so a download that is
 * not complete never reads as if it were ("14.3 of 14.3" at 14.27 MB).
 */
export function progressText(loaded: number, total: number): string {
  const of = megabytes(total);
  let done = Math.floor(loaded / 100_000) / 10;
  if (loaded < total && done.toFixed(1) === of) done = Math.max(0, done - 0.1);
  return `${done.toFixed(1)} of ${of} MB`;
}
