// Writes public/report.schema.json, the JSON Schema of a report's report.json, from the validator in
// src/formats/report.ts, so that whoever reads reports with other tools knows their shape. A test
// (src/formats/report.test.ts) fails when the file and the validator differ: after changing the format, run
//   npx tsx scripts/report-schema.ts
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { reportJsonSchema } from '../src/formats/report.ts';

export const REPORT_SCHEMA_FILE = fileURLToPath(new URL('../public/report.schema.json', import.meta.url));

/** The file's text, formatted as prettier formats the repository's JSON (so `prettier --check .` agrees). */
export async function reportSchemaText(): Promise<string> {
  const options = await resolveConfig(REPORT_SCHEMA_FILE);
  return format(JSON.stringify(reportJsonSchema(), null, 2) + '\n', { ...options, filepath: REPORT_SCHEMA_FILE });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(REPORT_SCHEMA_FILE, await reportSchemaText());
  console.log(`Wrote ${REPORT_SCHEMA_FILE}`);
}
