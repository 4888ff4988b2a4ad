// Every message code the custom functions, menu and help use has a sentence, and the sentences
// read whole with the details they are given.
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { hasMessage, messageFor } from '../../../src/core/messages';

const SOURCE_DIRS = ['src/core/customFunctions', 'src/server'].map((dir) =>
  join(__dirname, '..', '..', '..', dir),
);
const FILES = [
  ...SOURCE_DIRS.flatMap((dir) => readdirSync(dir).map((name) => join(dir, name))),
  join(__dirname, '..', '..', '..', 'src', 'core', 'helpPage.ts'),
].filter((path) => path.endsWith('.ts'));

const codes = [
  ...new Set(
    FILES.flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/'((?:formula|addon)\/[a-z0-9/-]+)'/g)].map(
        (m) => m[1],
      ),
    ),
  ),
].sort();

describe('message codes used by the custom functions, menu and help', () => {
  test('are found in the sources', () => {
    expect(codes.length).toBeGreaterThan(20);
  });

  test.each(codes)('%s has a sentence', (code) => {
    expect(hasMessage(code)).toBe(true);
  });

  test.each(codes.filter((code) => code.startsWith('addon/')))(
    '%s reads whole with its details',
    (code) => {
      const sentence = messageFor(code, { feature: 'Create ROI sheet', functions: ['=ROAS'] });
      expect(sentence).not.toMatch(/undefined|\[object/);
    },
  );
});
