// The hostile-input table (tests/support/bad-inputs.mjs) against the nodejs build: every bad
// argument of estimate, compare, annualRate and assess throws an InstalmentError with the code and
// field the table gives, and the module answers known-good calls exactly after each one.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { pureTable, runTable } from '../support/bad-inputs.mjs';

const require = createRequire(import.meta.url);
const ig = require('../../pkg/node/instalment_guard.js');

it('refuses every bad input with the right code and field, and stays usable', async () => {
  const { refused, accepted, failures } = await runTable(ig, pureTable());
  console.log(`bad inputs checked: ${refused}`);
  console.log(`odd but valid inputs accepted: ${accepted}`);
  assert.deepEqual(failures, [], `${failures.length} rows went wrong:\n${failures.map((f) => `- ${f.name}: ${f.wrong.join('; ')}`).join('\n')}`);
  assert.ok(refused >= 300, `only ${refused} bad inputs`);
});
