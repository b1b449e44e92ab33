// The benchmark runs end to end on tiny workloads and measures every figure (not how fast).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBenchmark, table, firstVisitSize, BUNDLE_BUDGET } from '../bench/run.mjs';
import { dist } from './support.mjs';

test('the benchmark measures every figure for ours and both baselines', async () => {
  const report = await runBenchmark({ small: true });
  const finite = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  for (const [measure, values] of Object.entries(report.results)) {
    assert.ok(finite(values.ours), `ours: ${measure} = ${values.ours}`);
  }
  for (const measure of ['transfer gzip', 'transfer brotli', 'transfer raw', 'S.load', 'S.fcp', 'L.load', 'L.add', 'L.add p95', 'L.memory']) {
    assert.ok(finite(report.results[measure].static), `static: ${measure}`);
    assert.ok(finite(report.results[measure].peer), `peer: ${measure}`);
  }
  // The table shows a figure for each of the three pages and both ratios.
  const figure = String.raw`\d+(?:\.\d+)? ms`;
  const ratio = String.raw`\d+(?:\.\d+)?×`;
  const row = new RegExp(String.raw`^\| L\.add \| ${figure} \| ${figure} \| ${figure} \| ${ratio} \| ${ratio} \|$`, 'm');
  assert.match(table(report), row);
});

test('a first visit fetches no more than the budget', () => {
  const { gzip } = firstVisitSize(dist);
  assert.ok(gzip <= BUNDLE_BUDGET, `a first visit fetches ${gzip} bytes gzip, over the budget of ${BUNDLE_BUDGET}`);
});
