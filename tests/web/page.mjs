// What the browser tests and the benchmark share: Debian's Chromium through
// puppeteer-core (no browser download), the page's window.mulab state, scene
// links, and the desktop's screenshot comparison tool.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';

import puppeteer from 'puppeteer-core';

// Software WebGL 2 (SwiftShader), as CI machines have no GPU; no sandbox as root.
export async function launchChromium() {
  const args = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-dev-shm-usage',
                '--window-size=1280,800'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  return puppeteer.launch({executablePath: process.env.MULAB_CHROMIUM || '/usr/bin/chromium', headless: true, args});
}

// A page of the app at 1280x800; every console error and uncaught exception
// is collected in page.problems.
export async function openPage(browser, url, {viewport = {width: 1280, height: 800}} = {}) {
  const page = await browser.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push('console error: ' + m.text());
  });
  page.on('pageerror', (e) => page.problems.push('uncaught: ' + e.message + (process.env.MULAB_WEB_STACKS ? e.stack : '')));
  await page.setViewport(viewport);
  await page.goto(url);
  return page;
}

export async function waitFrames(page, n, timeout = 30000) {
  await page.waitForFunction((n) => window.mulab && window.mulab.frames >= n, {timeout}, n);
}

// ?frames=N&screenshot=NAME runs the app's deterministic screenshot mode,
// whose PNG arrives as a download; window.mulab keeps the last one.
export async function downloadedPng(page, timeout = 60000) {
  await page.waitForFunction(() => window.mulab && (window.mulab.ended || window.mulab.lastDownload),
                             {timeout});
  const data = await page.evaluate(() => window.mulab.lastDownload
      ? Array.from(window.mulab.lastDownload.data) : null);
  if (!data) throw new Error('the page ended without a download: ' + page.problems.join('; '));
  return Buffer.from(data);
}

// "#scene=v1." + base64url(raw deflate(compact JSON)): app/platform/scene_link.hpp.
export function sceneLink(scene) {
  return '#scene=v1.' + zlib.deflateRawSync(Buffer.from(JSON.stringify(scene)), {level: 9}).toString('base64url');
}
export function sceneOfLink(hash) {
  const m = /^#scene=v1\.([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) throw new Error('not a scene link: ' + hash.slice(0, 60));
  return JSON.parse(zlib.inflateRawSync(Buffer.from(m[1], 'base64url')).toString());
}

export function readJson(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

// tests/screenshots' tool: the desktop goldens' threshold and border, and
// the same cap on differing pixels unless a scene says otherwise.
export function compareImages(compareTool, actual, golden, diff, maxFraction = 0.001) {
  const r = spawnSync(compareTool, [actual, golden, diff, String(maxFraction)], {encoding: 'utf8'});
  if (r.status === 2 || r.error) throw new Error(`${compareTool}: ${r.stderr || r.error}`);
  return {pass: r.status === 0, summary: (r.stdout || '').trim()};
}
