// `npm run sidebar` refusing a port: a number that is no port and a port another program holds
// are errors naming the port and --port, with exit codes 2 and 1, before any table is loaded.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { describeError } from '../../src/core/messages';
import { ProductError } from '../../src/core/productError';
import { memoryLogger } from '../../src/local/logger';
import { parseSidebarArguments, sidebarMain } from '../../src/local/sidebarServer';

const ROOT = path.join(__dirname, '..', '..');

function portProblem(port: string): ProductError {
  try {
    parseSidebarArguments([`--port=${port}`]);
  } catch (error) {
    if (error instanceof ProductError) return error;
    throw error;
  }
  throw new Error(`--port ${port} was taken`);
}

describe('parseSidebarArguments reading --port', () => {
  test.each([
    [[], 8765],
    [['--port', '0'], 0],
    [['--port', '8766'], 8766],
    [['--port', '65535'], 65535],
  ])('takes %j as port %p', (argv, port) => {
    const parsed = parseSidebarArguments(argv);
    expect(parsed.help === false && parsed.options.port).toBe(port);
  });

  test.each(['99999', '65536', '-1', '80.5', 'abc', '1e3', ''])(
    'rejects --port %j, naming --port N',
    (port) => {
      const problem = portProblem(port);
      expect(problem.code).toBe('cli/bad-port');
      expect(describeError(problem)).toBe(
        `"${port}" is not a port: pass --port N with N a whole number from 0 to 65535, for example --port 8766 (--port 0 picks a free one).`,
      );
    },
  );
});

describe('sidebarMain refusing a port', () => {
  let out: string;

  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'sidebar.html'))) {
      execFileSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'ignore' });
    }
  });

  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-roi-sidebar-port-'));
  });

  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  test('exits 2 on port 99999 with an error, not a warning, naming --port N', async () => {
    const logger = memoryLogger();
    expect(await sidebarMain(['--port', '99999', '--out', out], logger)).toBe(2);
    expect(logger.lines).toEqual([
      'error: "99999" is not a port: pass --port N with N a whole number from 0 to 65535, for example --port 8766 (--port 0 picks a free one).',
    ]);
  });

  test('exits 1 on a port in use with an error naming the port and --port N', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    const logger = memoryLogger();
    try {
      expect(await sidebarMain(['--port', String(port), '--out', out], logger)).toBe(1);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    expect(logger.lines).toEqual([
      `error: Port ${port} on 127.0.0.1 is already in use, perhaps by another npm run sidebar: stop that program, or pass --port N to use another port, for example --port ${port + 1} (--port 0 picks a free one).`,
    ]);
  });
});
