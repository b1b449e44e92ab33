// The benchmark runs end to end on tiny workloads and measures every figure (not how fast).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBenchmark, table } from '../bench/run.mjs';

test('the benchmark measures every figure for ours and both baselines', async () => {
  const report = await runBenchmark({ small: true });
  const finite = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  for (const [measure, values] of Object.entries(report.results)) {
    assert.ok(finite(values.ours), `ours: ${measure} = ${values.ours}`);
  }
  for (const measure of ['transfer gzip', 'transfer raw', 'S.load', 'L.load', 'L.add', 'L.add p95', 'L.memory']) {
    assert.ok(finite(report.results[measure].static), `static: ${measure}`);
    assert.ok(finite(report.results[measure].peer), `peer: ${measure}`);
  }
  assert.match(table(report), /\| L\.add \|/);
});
