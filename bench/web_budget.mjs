// The browser build's budgets, measured in Debian's Chromium (headless,
// software WebGL 2 through SwiftShader) on loopback; bench/web_budget.sh
// serves the page and runs this. Prints numbers, asserts nothing.
//
//   node bench/web_budget.mjs URL
//
// first frame: window.mulab.firstFrameMs, performance.now() when the first
//   frame is done, i.e. milliseconds since navigation started (5 loads).
// frame time: the app's own --bench-frames mode (?bench-frames=N), as
//   bench/frame_time.sh runs it on the desktop: N frames at 1280x800, each
//   timed to glFinish, with the first 4 runs of bench/scenes/eight_runs.json.
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {launchChromium, openPage, readJson, sceneLink} from '../tests/web/page.mjs';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bench/web_budget.mjs URL');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launchChromium();
try {
  const firsts = [];
  for (let i = 0; i < 5; ++i) {
    const page = await openPage(browser, base);
    await page.waitForFunction(() => window.mulab && window.mulab.firstFrameMs !== undefined, {timeout: 30000});
    firsts.push(await page.evaluate(() => window.mulab.firstFrameMs));
    await page.close();
  }
  console.log(`first_frame_ms_median=${median(firsts).toFixed(0)} first_frame_ms_max=${Math.max(...firsts).toFixed(0)} ` +
              `(5 loads; budget 3000)`);

  const scene = readJson(path.join(root, 'bench/scenes/eight_runs.json'));
  scene.runs = scene.runs.slice(0, 4);
  for (const mode of ['2d', '3d']) {
    scene.view.mode = mode;
    const page = await openPage(browser, `${base}?size=1280x800&bench-frames=300${sceneLink(scene)}`);
    let line = '';
    page.on('console', (m) => { if (m.text().startsWith('frames=')) line = m.text(); });
    await page.waitForFunction(() => window.mulab && window.mulab.ended, {timeout: 120000});
    await page.close();
    console.log(`${mode.toUpperCase()}, 4 runs: ${line || 'no statistics printed'} (budget: median 33)`);
  }
} finally {
  await browser.close();
}
