// Before the end-to-end tests: the extra builds some tests serve (made once,
// here, so parallel test workers never build into the same folder).
import { VARIANTS, buildVariant } from './builds.ts';
import { makeTestWheel } from './wheel.ts';

export default function globalSetup(): void {
  const wheel = makeTestWheel();
  for (const [id, env] of Object.entries(VARIANTS(wheel))) buildVariant(id, env);
}
