// build.mjs writes what Apps Script needs: Code.js, the manifest as committed, and the HTML.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildAddOn, readManifest } from './support/builtAddOn';

describe('build.mjs', () => {
  test('copies the manifest as committed', () => {
    expect(buildAddOn().manifest).toEqual(readManifest());
  });

  test('copies the HTML files of src/client, and only those', () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'campaign-roi-client-'));
    writeFileSync(join(clientDir, 'Sidebar.html'), '<p>funnels</p>');
    writeFileSync(join(clientDir, 'sidebar.ts'), 'export {};');
    const { outDir } = buildAddOn({ clientDir });
    expect(readdirSync(outDir).sort()).toEqual(['Code.js', 'Sidebar.html', 'appsscript.json']);
    expect(readFileSync(join(outDir, 'Sidebar.html'), 'utf8')).toBe('<p>funnels</p>');
  });

  test('keeps the minified bundle smaller but with the same top-level functions', () => {
    const readable = buildAddOn().code;
    const minified = buildAddOn({ minify: true }).code;
    const topLevel = (code: string) => [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
    expect(minified.length).toBeLessThan(readable.length);
    expect(topLevel(minified)).toEqual(topLevel(readable));
  });
});

describe('appsscript.json', () => {
  const manifest = readManifest();

  test('runs on V8 in a fixed time zone and logs exceptions to Cloud Logging', () => {
    expect(manifest).toMatchObject({
      runtimeVersion: 'V8',
      timeZone: 'Etc/UTC',
      exceptionLogging: 'STACKDRIVER',
    });
  });

  test('enables the BigQuery advanced service, version 2', () => {
    expect(manifest.dependencies).toEqual({
      enabledAdvancedServices: [{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }],
    });
  });

  test('asks for exactly the four scopes the README explains', () => {
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/bigquery.readonly',
      'https://www.googleapis.com/auth/script.scriptapp',
    ]);
  });
});
