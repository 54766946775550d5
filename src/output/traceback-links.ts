/** A `File "name", line N` reference inside traceback text. */
export interface FileReference {
  /** Offset of the reference in the text. */
  start: number;
  end: number;
  file: string;
  line: number;
}

const REFERENCE = /File "([^"\n]+)", line (\d+)/g;

/** Finds traceback references to files for which `isLinkable` is true. */
export function findFileReferences(text: string, isLinkable: (file: string) => boolean): FileReference[] {
  const found: FileReference[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const file = match[1];
    if (!isLinkable(file)) continue;
    found.push({ start: match.index, end: match.index + match[0].length, file, line: Number(match[2]) });
  }
  return found;
}
