// Writes public/pack.schema.json, the JSON Schema of a lesson pack's pack.json, from the validator in
// src/formats/pack.ts, so that editors can check and complete pack.json files as teachers write them. A test
// (src/formats/pack.test.ts) fails when the file and the validator differ: after changing the format, run
//   npx tsx scripts/pack-schema.ts
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { packJsonSchema } from '../src/formats/pack.ts';

export const PACK_SCHEMA_FILE = fileURLToPath(new URL('../public/pack.schema.json', import.meta.url));

/**
 * The file's text. Formatted as prettier formats the repository's JSON, so that `prettier --check .` agrees with
 * the generated file (and formatting it by hand cannot make it differ from what this writes).
 */
export async function packSchemaText(): Promise<string> {
  const options = await resolveConfig(PACK_SCHEMA_FILE);
  return format(JSON.stringify(packJsonSchema(), null, 2) + '\n', { ...options, filepath: PACK_SCHEMA_FILE });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(PACK_SCHEMA_FILE, await packSchemaText());
  console.log(`Wrote ${PACK_SCHEMA_FILE}`);
}
