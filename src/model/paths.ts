/** A file path inside a project: relative, `/`-separated, no empty, `.` or `..` parts, no control characters. */
export function isSafePath(path: string): boolean {
  if (path.length === 0 || path.length > 255 || path.startsWith('/') || path.includes('\\')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
