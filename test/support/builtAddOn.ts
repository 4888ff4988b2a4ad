// Builds the add-on into a temporary folder with build.mjs, and loads its Code.js as Apps Script
// does: into a bare context holding only the Apps Script globals (no require, no module).
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import vm from 'vm';

const ROOT = join(__dirname, '..', '..');

/** What one build wrote. */
export interface BuiltAddOn {
  readonly outDir: string;
  readonly code: string;
  readonly manifest: Record<string, unknown>;
}

const builds = new Map<string, BuiltAddOn>();

/** Runs `node build.mjs` into a new temporary folder (once per set of options in a test file). */
export function buildAddOn(options: { minify?: boolean; clientDir?: string } = {}): BuiltAddOn {
  const key = JSON.stringify(options);
  const known = builds.get(key);
  if (known) return known;
  const outDir = mkdtempSync(join(tmpdir(), 'campaign-roi-build-'));
  const args = ['build.mjs', '--out-dir', outDir];
  if (options.minify) args.push('--minify');
  if (options.clientDir) args.push('--client-dir', options.clientDir);
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe' });
  const built = {
    outDir,
    code: readFileSync(join(outDir, 'Code.js'), 'utf8'),
    manifest: JSON.parse(readFileSync(join(outDir, 'appsscript.json'), 'utf8')),
  };
  builds.set(key, built);
  return built;
}

/** The global scope after Apps Script loads Code.js with these globals. */
export function loadAddOn(code: string, globals: object): Record<string, unknown> {
  const context = vm.createContext({ ...globals });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return context as Record<string, unknown>;
}

/** The project's manifest as committed. */
export function readManifest(): { oauthScopes: string[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8'));
}
