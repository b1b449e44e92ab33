// A Chromium trace of what happens while a step runs on a page: shared by the profiles that read
// a cold load's trace (trace.mjs, first-paint.mjs).

/** Runs `during()` with Chromium recording `categories` on `page`'s browser; resolves to every
 *  event recorded, once the trace is complete. */
export async function traceOf(page, categories, during) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (batch) => events.push(...batch.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}
