// Builds the Apps Script project into dist/: one bundle with a top-level stub per entry point
// (custom functions with their JSDoc), the manifest, and the sidebar's HTML files.
//
//   node build.mjs [--minify] [--out-dir DIR] [--client-dir DIR]
import { build as esbuild } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const ROOT = dirname(fileURLToPath(import.meta.url));
const BUNDLE_GLOBAL = 'CampaignRoiAddon';
// The language level we rely on in Apps Script's V8 runtime (BigInt, ?? and ?. included);
// esbuild lowers anything newer.
const TARGET = 'es2020';

/** Builds into `outDir`; returns what was written, for the one log line and for tests. */
export async function build({
  minify = false,
  outDir = join(ROOT, 'dist'),
  clientDir = join(ROOT, 'src', 'client'),
} = {}) {
  const bundle = await bundleServer(minify);
  const stubs = await readStubDescriptions();
  const code = [
    '// Built by build.mjs from src/server; edit the sources, not this file.',
    bundle.trimEnd(),
    '',
    ...stubs.map(renderStub),
  ].join('\n');

  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'Code.js'), code);
  const manifest = JSON.parse(await readFile(join(ROOT, 'appsscript.json'), 'utf8'));
  await writeFile(join(outDir, 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const htmlFiles = await copyHtmlFiles(clientDir, outDir);
  return {
    outDir,
    bytes: Buffer.byteLength(code),
    entryPoints: stubs.map((s) => s.name),
    htmlFiles,
  };
}

async function bundleServer(minify) {
  const result = await esbuild({
    entryPoints: [join(ROOT, 'src', 'server', 'main.ts')],
    bundle: true,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    platform: 'neutral',
    target: TARGET,
    charset: 'utf8',
    legalComments: 'none',
    minify,
    write: false,
  });
  return result.outputFiles[0].text;
}

// The entry point list and JSDoc come from the sources themselves, run in an empty context.
async function readStubDescriptions() {
  const result = await esbuild({
    entryPoints: [join(ROOT, 'src', 'server', 'buildManifest.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: TARGET,
    write: false,
  });
  const module = { exports: {} };
  vm.runInNewContext(result.outputFiles[0].text, { module, exports: module.exports });
  const problems = module.exports.findStubProblems();
  if (problems.length > 0) throw new Error(`Cannot build:\n${problems.join('\n')}`);
  return module.exports.describeStubs();
}

function renderStub({ name, parameters, jsDoc }) {
  const call = `${BUNDLE_GLOBAL}.entryPoints.${name}.apply(null, arguments)`;
  const stub = `function ${name}(${parameters.join(', ')}) {\n  return ${call};\n}\n`;
  return jsDoc ? `${jsDoc}\n${stub}` : stub;
}

async function copyHtmlFiles(clientDir, outDir) {
  const names = await readdir(clientDir).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const htmlFiles = names.filter((name) => name.endsWith('.html')).sort();
  for (const name of htmlFiles) await copyFile(join(clientDir, name), join(outDir, name));
  return htmlFiles;
}

function readOptions(args) {
  const pathAfter = (flag) => {
    const at = args.indexOf(flag);
    return at === -1 ? undefined : resolve(args[at + 1] ?? '.');
  };
  return {
    minify: args.includes('--minify'),
    outDir: pathAfter('--out-dir'),
    clientDir: pathAfter('--client-dir'),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const written = await build(readOptions(process.argv.slice(2)));
  const where = relative(process.cwd(), written.outDir) || '.';
  console.log(
    `Wrote ${where}/Code.js (${Math.round(written.bytes / 1024)} KB, ${written.entryPoints.length} entry points), appsscript.json and ${written.htmlFiles.length} HTML files.`,
  );
}
