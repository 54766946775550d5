/** `wanted`, or `base2.py`, `base3.py`… whichever is not taken. */
export function freeName(wanted: string, taken: readonly string[]): string {
  if (!taken.includes(wanted)) return wanted;
  const dot = wanted.lastIndexOf('.');
  const slash = wanted.lastIndexOf('/');
  const [stem, ext] = dot > slash + 1 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ''];
  for (let n = 2; ; n++) if (!taken.includes(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
}
