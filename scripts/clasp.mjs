// Pushes the built add-on to its Apps Script project with clasp, or makes a versioned
// deployment of it; stops with directions when no project (script id) is configured.
//
//   node scripts/clasp.mjs push [--dry-run]
//   node scripts/clasp.mjs deploy [--dry-run]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// clasp's own variable for another project file, honoured here too.
const PROJECT_FILE = resolve(process.env.clasp_config_project ?? join(ROOT, '.clasp.json'));
const SCRIPT_ID = /^[A-Za-z0-9_-]{20,}$/;

const NO_SCRIPT_ID = `No Apps Script project is set up for this copy of the add-on, so there is nowhere to push it.

Set one up once:
  1. npx clasp login
  2. npx clasp create-script --type standalone --title "Campaign ROI for Sheets" --rootDir dist
     (this writes the new project's script id into .clasp.json)
  or, for a project you already have, copy its Script ID (Apps Script editor > Project Settings >
  IDs) into "scriptId" in .clasp.json.

Keep your script id out of commits: git update-index --skip-worktree .clasp.json
Then run this command again.`;

function readProject() {
  if (!existsSync(PROJECT_FILE)) return {};
  return JSON.parse(readFileSync(PROJECT_FILE, 'utf8'));
}

function clasp(args, dryRun) {
  const command = ['clasp', '--project', PROJECT_FILE, ...args];
  if (dryRun) {
    console.log(`Would run: npx ${command.join(' ')}`);
    return;
  }
  const bin = join(
    ROOT,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'clasp.cmd' : 'clasp',
  );
  const run = spawnSync(bin, command.slice(1), { stdio: 'inherit', cwd: ROOT });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

function deploymentDescription() {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return `Campaign ROI for Sheets ${version}, built ${new Date().toISOString().slice(0, 16)}Z`;
}

const [action, ...flags] = process.argv.slice(2);
const dryRun = flags.includes('--dry-run');
if (action !== 'push' && action !== 'deploy') {
  console.error('Say what to do: node scripts/clasp.mjs push, or node scripts/clasp.mjs deploy.');
  process.exit(2);
}
const project = readProject();
if (typeof project.scriptId !== 'string' || !SCRIPT_ID.test(project.scriptId)) {
  console.error(NO_SCRIPT_ID);
  process.exit(1);
}
const builtCode = join(resolve(dirname(PROJECT_FILE), project.rootDir ?? '.'), 'Code.js');
if (!existsSync(builtCode)) {
  console.error(`${builtCode} is missing: run npm run build first (npm run push builds for you).`);
  process.exit(1);
}

// --force: the manifest in dist/ is the source of truth, so clasp need not ask before replacing it.
clasp(['push', '--force'], dryRun);
if (action === 'deploy')
  clasp(['create-deployment', '--description', deploymentDescription()], dryRun);
