// npm run push and npm run deploy: stop with directions when no script id is set, and run the
// clasp commands for a configured project.
import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildAddOn } from '../support/builtAddOn';

const ROOT = join(__dirname, '..', '..');

// The project file sits in `dir`; clasp reads rootDir relative to it and keeps it inside.
function runClasp(
  args: string[],
  project: Record<string, unknown> | null,
  dir = mkdtempSync(join(tmpdir(), 'campaign-roi-clasp-')),
) {
  const projectFile = join(dir, '.clasp.json');
  if (project) writeFileSync(projectFile, JSON.stringify(project));
  const run = spawnSync(process.execPath, ['scripts/clasp.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, clasp_config_project: projectFile },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, projectFile };
}

describe('scripts/clasp.mjs', () => {
  const { outDir } = buildAddOn();

  test.each([
    ['a project file without a script id', { rootDir: '.' }],
    ['an empty script id', { scriptId: '', rootDir: '.' }],
    ['no project file at all', null],
  ])('stops with directions given %s', (_case, project) => {
    const { status, stderr } = runClasp(['push'], project, outDir);
    expect(status).toBe(1);
    expect(stderr).toContain('No Apps Script project is set up');
    expect(stderr).toContain(
      'npx clasp create-script --type standalone --title "Campaign ROI for Sheets" --rootDir dist',
    );
    expect(stderr).toContain('"scriptId" in .clasp.json');
  });

  const project = { scriptId: 'a'.repeat(57), rootDir: '.' };

  test('push forces the built manifest over the remote one', () => {
    const { status, stdout, projectFile } = runClasp(['push', '--dry-run'], project, outDir);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(`Would run: npx clasp --project ${projectFile} push --force`);
  });

  test('deploy pushes, then makes a versioned deployment with a description', () => {
    const { status, stdout } = runClasp(['deploy', '--dry-run'], project, outDir);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /create-deployment --description Campaign ROI for Sheets \d+\.\d+\.\d+, built /,
    );
  });

  test('stops when nothing was built into the project folder', () => {
    const { status, stderr } = runClasp(['push'], { scriptId: 'a'.repeat(57), rootDir: '.' });
    expect(status).toBe(1);
    expect(stderr).toContain('Code.js is missing: run npm run build first');
  });
});
