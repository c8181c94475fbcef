// The browser tests: the browser build of mulab in Debian's Chromium
// (headless, software WebGL 2), driven through puppeteer-core the way the
// screenshot tests drive the desktop app under Xvfb.
//
//   node browser_test.mjs URL SCREENSHOT_COMPARE OUT_DIR [URL_WITHOUT_ISOLATION]
//
// URL serves build-web/page with the COOP/COEP headers (tests/web/run.sh
// starts it). Failing screenshots leave NAME.actual.png and NAME.diff.png in
// OUT_DIR; UPDATE_GOLDEN=1 rewrites tests/web/golden/ and the README's
// picture (docs/img/browser_himmelblau_3d.png) instead of comparing.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {compareImages, downloadedPng, launchChromium, openPage, readJson, sceneLink, sceneOfLink, waitFrames}
  from './page.mjs';

const [base, compareTool, outDir, plainBase] = process.argv.slice(2);
if (!compareTool || !outDir) {
  console.error('usage: node browser_test.mjs URL SCREENSHOT_COMPARE OUT_DIR [URL_WITHOUT_ISOLATION]');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const update = process.env.UPDATE_GOLDEN === '1';
fs.mkdirSync(outDir, {recursive: true});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// [SECTION] A small harness: named checks, one line each, all run.
// MULAB_WEB_ONLY=REGEX runs only the checks whose names match.
const only = process.env.MULAB_WEB_ONLY ? new RegExp(process.env.MULAB_WEB_ONLY) : null;
const results = [];
async function check(name, body) {
  if (only && !only.test(name)) return;
  const t0 = Date.now();
  try {
    const note = await body();
    results.push(true);
    console.log(`ok   ${name}${note ? ' (' + note + ')' : ''} [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
  } catch (e) {
    results.push(false);
    console.log(`FAIL ${name}: ${e.message}`);
  }
}
function expect(cond, what) {
  if (!cond) throw new Error(what);
}
function noProblems(page) {
  expect(page.problems.length === 0, page.problems.slice(0, 3).join('; '));
}

// Compares a PNG with a golden; with UPDATE_GOLDEN=1 and a golden of ours, writes it.
function matchesGolden(name, png, golden, {tolerance = 0.001, ours = true} = {}) {
  const actual = path.join(outDir, name + '.actual.png');
  fs.writeFileSync(actual, png);
  if (update && ours) {
    fs.copyFileSync(actual, golden);
    return 'golden updated';
  }
  expect(fs.existsSync(golden), `no golden ${golden} (UPDATE_GOLDEN=1 writes it)`);
  const r = compareImages(compareTool, actual, golden, path.join(outDir, name + '.diff.png'), tolerance);
  expect(r.pass, r.summary);
  fs.rmSync(actual);
  return r.summary.replace(/^.*: /, '');
}

// The app's command line as a query: {frames: 8} is ?frames=8.
function pageUrl(args = {}, hash = '') {
  const q = new URLSearchParams(args).toString();
  return base + (q ? '?' + q : '') + hash;
}

// Desktop screenshot scenes as links: the replay files they name relative to
// tests/screenshots/scenes are the page's /assets/runs/.
function desktopScene(name) {
  const text = fs.readFileSync(path.join(root, 'tests/screenshots/scenes', name + '.json'), 'utf8');
  return JSON.parse(text.replaceAll('../../../assets/', '/assets/'));
}
function desktopArgs(name) {
  const file = path.join(root, 'tests/screenshots/scenes', name + '.args');
  const args = {size: '960x600', frames: '3'};
  if (!fs.existsSync(file)) return args;
  const words = fs.readFileSync(file, 'utf8').trim().split(/\s+/);
  const out = {};
  for (let i = 0; i + 1 < words.length; i += 2) out[words[i].replace(/^--/, '')] = words[i + 1];
  return out;
}

const browser = await launchChromium();
try {
  // [SECTION] The page starts
  await check('the page reaches its first frames with no console errors', async () => {
    const page = await openPage(browser, pageUrl());
    await waitFrames(page, 10);
    const s = await page.evaluate(() => ({first: window.mulab.firstFrameMs, isolated: window.mulab.isolated,
                                          error: window.mulab.error}));
    expect(s.isolated, 'the page is not cross-origin isolated (COOP/COEP headers missing)');
    expect(s.error === '', 'the error banner says: ' + s.error);
    noProblems(page);
    await page.close();
    return `first frame ${Math.round(s.first)} ms after navigation`;
  });

  await check('the default scene matches its golden (1280x800, 8 frames)', async () => {
    const page = await openPage(browser, pageUrl({frames: 8, screenshot: 'default.png'}));
    const png = await downloadedPng(page);
    noProblems(page);
    await page.close();
    return matchesGolden('default_scene', png, path.join(here, 'golden/default_scene.png'));
  });

  // [SECTION] The scene in the URL
  // Every desktop screenshot scene, opened from a link, renders as the
  // desktop renders it: same golden, same tolerance (the lab scene that
  // trains live is tested below; sweep and checkpoint folders are folders on the
  // desktop's disk, which a page does not have).
  const notInTheBrowser = new Set(['lab_confusion', 'lab_sweep', 'landscape_pca', 'landscape_3d']);
  for (const file of fs.readdirSync(path.join(root, 'tests/screenshots/scenes')).sort()) {
    const name = path.basename(file, '.json');
    if (!file.endsWith('.json') || notInTheBrowser.has(name)) continue;
    await check(`a link to ${name} opens it as the desktop draws it`, async () => {
      const args = {...desktopArgs(name), screenshot: name + '.png'};
      const page = await openPage(browser, pageUrl(args, sceneLink(desktopScene(name))));
      const png = await downloadedPng(page);
      noProblems(page);
      await page.close();
      return matchesGolden(name, png, path.join(root, 'tests/screenshots/golden', name + '.png'), {ours: false});
    });
  }

  await check('a bad link shows one line and the default scene', async () => {
    const page = await openPage(browser, pageUrl({}, '#scene=v1.not*base64'));
    await waitFrames(page, 5);
    const error = await page.evaluate(() => window.mulab.error);
    expect(/^Cannot open the scene in this link: .*; showing the default scene\.$/.test(error) &&
           !error.includes('\n'), 'banner: ' + JSON.stringify(error));
    // The URL then holds the default scene: Rosenbrock and three runs.
    await page.waitForFunction(() => !location.hash.includes('*'), {timeout: 5000});
    const scene = sceneOfLink(await page.evaluate(() => location.hash));
    expect(scene.surface === 'rosenbrock' && scene.runs.length === 3, 'not the default scene in the URL');
    noProblems(page);
    await page.close();
    return error;
  });

  // A link that decodes but holds no valid scene: the parser's error travels
  // as a C++ exception inside core, which the page must catch like the desktop.
  await check('a link to an invalid scene shows one line and the default scene', async () => {
    const page = await openPage(browser, pageUrl({}, sceneLink({surface: 7})));
    await waitFrames(page, 2);
    const error = await page.evaluate(() => window.mulab.error);
    expect(/^Cannot open the scene in this link: its scene: surface: .*; showing the default scene\.$/.test(error),
           'banner: ' + JSON.stringify(error));
    noProblems(page);
    await page.close();
    return error;
  });

  await check('an oversized link is refused with one line', async () => {
    const page = await openPage(browser, pageUrl({}, '#scene=v1.' + 'A'.repeat(9000)));
    await waitFrames(page, 5);
    const error = await page.evaluate(() => window.mulab.error);
    expect(error.includes('more than the 8192 accepted'), 'banner: ' + JSON.stringify(error));
    noProblems(page);
    await page.close();
    return error;
  });

  // [SECTION] Input
  await check('shift-click on the surface adds a run there; the picture and the link change', async () => {
    // A paused scene: the page draws a few frames, then none until input.
    const page = await openPage(browser, pageUrl({}, sceneLink(desktopScene('valley_rosenbrock'))));
    await waitFrames(page, 2);
    await sleep(500);
    const before = path.join(outDir, 'click_before.png'), after = path.join(outDir, 'click_after.png');
    await page.screenshot({path: before});
    const runsBefore = sceneOfLink(await page.evaluate(() => location.hash)).runs.length;
    // (900, 300) is inside the surface view at 1280x800, clear of the legend.
    // Each step in a frame of its own, as a hand does it: ImGui reads the
    // cursor's position once a frame, so a press and a move away within one
    // frame would be a press at the place moved to.
    await page.mouse.move(900, 300);
    await sleep(100);
    await page.keyboard.down('Shift');
    await sleep(100);
    await page.mouse.down();
    await sleep(100);
    await page.mouse.up();
    await sleep(100);
    await page.keyboard.up('Shift');
    await sleep(500);  // a click counts once the double-click time (0.3 s) has passed
    await page.mouse.move(1279, 799);
    let scene;
    for (let i = 0; i < 40; ++i) {  // the link follows within half a second
      scene = sceneOfLink(await page.evaluate(() => location.hash));
      if (scene.runs.length > runsBefore) break;
      await sleep(100);
    }
    expect(scene.runs.length === runsBefore + 1, `runs in the link: ${scene.runs.length}, expected ${runsBefore + 1}`);
    const added = scene.runs[scene.runs.length - 1].start;
    expect(added[0] > 0 && added[0] < 3 && added[1] > 0 && added[1] < 3, 'the new run starts at ' + added);
    await sleep(300);
    await page.screenshot({path: after});
    const r = compareImages(compareTool, after, before, path.join(outDir, 'click.diff.png'));
    expect(!r.pass, 'the picture did not change: ' + r.summary);
    noProblems(page);
    await page.close();
    return `new run at (${added.map((v) => v.toFixed(2)).join(', ')}); ${r.summary.replace(/^.*: /, '')}`;
  });

  await check('F12 then Enter downloads a PNG of the view', async () => {
    const page = await openPage(browser, pageUrl());
    await waitFrames(page, 5);
    await page.focus('canvas');
    await page.keyboard.press('F12');
    await sleep(300);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.mulab.lastDownload, {timeout: 10000});
    const d = await page.evaluate(() => ({name: window.mulab.lastDownload.name,
                                          head: Array.from(window.mulab.lastDownload.data.slice(0, 24))}));
    const head = Buffer.from(d.head);
    expect(d.name === 'mulab.png', 'downloaded ' + d.name);
    expect(head.subarray(1, 4).toString() === 'PNG', 'not a PNG');
    const w = head.readUInt32BE(16), h = head.readUInt32BE(20);
    expect(w === 1280 && h === 800, `a ${w}x${h} picture`);
    noProblems(page);
    await page.close();
    return `${d.name}, ${w}x${h}`;
  });

  // [SECTION] The training lab
  // The lab tab fetches MNIST from the page's server (data/); a scene
  // uploaded through the file picker (Ctrl+O) then trains on a worker thread.
  // Its curves are read back as the lab's CSV export (a download): wasm's
  // arithmetic is not x86's, so the desktop's lab golden cannot match to the
  // pixel, but the run must finish its epoch and learn.
  await check('the lab fetches MNIST, trains an uploaded scene on a worker thread', async () => {
    const page = await openPage(browser, pageUrl({}, sceneLink({surface: 'rosenbrock', tab: 'lab'})));
    await waitFrames(page, 2);
    await page.waitForFunction(() => window.mulab.datasets && window.mulab.datasets.mnist &&
                               window.mulab.datasets.mnist.finished, {timeout: 60000});
    const fetched = await page.evaluate(() => window.mulab.datasets.mnist);
    expect(!fetched.error, fetched.error);
    await page.focus('canvas');
    // Puppeteer intercepts the picker only once its request has reached the
    // browser; a picker the page opens before that is lost (seen once in six
    // runs when Ctrl+O followed at once).
    const chooserOpened = page.waitForFileChooser();
    await sleep(500);
    await page.keyboard.down('Control');
    await page.keyboard.press('o');
    await page.keyboard.up('Control');
    const chooser = await chooserOpened;
    await chooser.accept([path.join(root, 'tests/screenshots/scenes/lab_confusion.json')]);
    // The run's state cell reads "finished" when done; the CSV says so too:
    // export until its last row is at epoch 1 (at most a minute).
    let rows = [], csv = '';
    for (let i = 0; i < 60; ++i) {
      await sleep(1000);
      await page.evaluate(() => { window.mulab.lastDownload = null; });
      await page.mouse.click(463, 187);  // "Export runs (CSV)...", at 1280x800
      await sleep(200);
      await page.keyboard.press('Enter');  // its file name as offered
      try {
        await page.waitForFunction(() => window.mulab.lastDownload, {timeout: 5000});
      } catch (e) {
        continue;  // no runs yet: the button is not there
      }
      csv = await page.evaluate(() => new TextDecoder().decode(window.mulab.lastDownload.data));
      const lines = csv.trim().split('\n');
      const head = lines[0].split(',');
      rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, k) => [head[k], v])));
      if (rows.length && Number(rows[rows.length - 1].epoch) >= 1) break;
    }
    expect(rows.length > 0, 'no CSV with the run: ' + csv.slice(0, 200));
    const last = rows[rows.length - 1];
    expect(Number(last.epoch) >= 1, 'the run did not finish its epoch in a minute: ' + JSON.stringify(last));
    const error = 1 - Number(last.test_acc);
    // One epoch on 3,000 digits: the desktop reaches 24.4% test error; unlearned is 90%.
    expect(error > 0.1 && error < 0.35, `test error ${(100 * error).toFixed(2)}%`);
    await page.screenshot({path: path.join(outDir, 'lab_trained.png')});
    noProblems(page);
    await page.close();
    return `${(fetched.bytes / 1048576).toFixed(0)} MB fetched; ${rows.length} points; test error ` +
           `${(100 * error).toFixed(2)}% after epoch ${last.epoch}`;
  });

  // [SECTION] Without cross-origin isolation
  if (plainBase) {
    await check('a page served without COOP/COEP says why in one line', async () => {
      const page = await openPage(browser, plainBase);
      await page.waitForFunction(() => document.getElementById('status').textContent.length > 40);
      const {text, lines} = await page.evaluate(() => {
        const status = document.getElementById('status');
        return {text: status.textContent,
                lines: Math.round(status.getBoundingClientRect().height / parseFloat(getComputedStyle(status).lineHeight || 18))};
      });
      expect(text.includes('not cross-origin isolated'), 'status: ' + text);
      expect(lines === 1, `the message takes ${lines} lines at 1280 pixels wide`);
      await page.close();
      return text;
    });
  }

  // [SECTION] The README's picture, taken here
  // A teaching scene after 90 frames; the README shows this very picture, so
  // it is a golden too (UPDATE_GOLDEN=1 retakes it).
  await check('the README picture of a teaching scene in the browser matches', async () => {
    const scene = readJson(path.join(root, 'assets/scenes/himmelblau_3d.json'));
    const page = await openPage(browser, pageUrl({frames: 90, screenshot: 'readme.png'}, sceneLink(scene)));
    const png = await downloadedPng(page);
    noProblems(page);
    await page.close();
    return matchesGolden('browser_himmelblau_3d', png, path.join(root, 'docs/img/browser_himmelblau_3d.png'));
  });
} finally {
  await browser.close();
}

const failed = results.filter((ok) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
