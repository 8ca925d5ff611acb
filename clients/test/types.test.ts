// The generated AppRouter gives full types: a wrong input (or a wrong use of a result) must not compile.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

test('a call with a wrong input type fails to compile, at exactly the lines marked', () => {
  const fixture = join(root, 'typecheck', 'wrong-input.ts');
  const expected = readFileSync(fixture, 'utf8').split('\n')
    .flatMap((line, index) => (line.trimStart().startsWith('// error:') ? [index + 2] : []));
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'typecheck', 'tsconfig.json'), '--pretty', 'false'],
    { encoding: 'utf8' });

  assert.notEqual(run.status, 0, 'tsc accepted calls the types forbid');
  const failed = [...run.stdout.matchAll(/wrong-input\.ts\((\d+),\d+\): error TS\d+/g)].map((match) => Number(match[1]));
  assert.deepEqual(failed, expected, run.stdout);
  assert.equal(expected.length, 9);
});

test('the sample program and the tests compile against the generated declaration', () => {
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--noEmit', '--pretty', 'false'],
    { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout);
});
