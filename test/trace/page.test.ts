// The trace page in a real browser: `wasmfish view`'s HTML for the ping-pong trace opened in
// headless Chromium, checking that the lanes, arrows, heat maps and timelines are in the DOM
// where they belong, that the page fetches nothing, and that its screenshot is a picture
// (not blank, with the programs' arrow colour in it). The screenshot is left in the temp
// directory (the path is printed) for a person to look at.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLog } from '../../host/machine/trace/log.js';
import { matchMessages } from '../../host/tools/view/messages.js';
import { tracePage } from '../../host/tools/view/page.js';
import { PALETTE } from '../../host/tools/view/svg.js';
import { launchChromium } from '../support/browser.js';


const log = checkLog(JSON.parse(readFileSync('test/golden/trace/pingpong.json', 'utf8')), 'pingpong.json');
const dir = mkdtempSync(join(tmpdir(), 'wasmfish-page-'));
const html = join(dir, 'pingpong.html');
let browser: Browser;

beforeAll(async () => {
  writeFileSync(html, tracePage(log));
  // a fresh profile every time (launch's own temporary one): nothing from an earlier run
  // changes what the page shows
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the trace page in headless Chromium', () => {
  it('draws a lane per core, an arrow per message, the heat maps and the timelines', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    await page.goto('file://' + html);
    expect(fetched.filter((u) => !u.startsWith('file://'))).toEqual([]);
    const messages = matchMessages(log);
    expect(await page.locator('svg.sequence g.lane').count()).toBe(4);
    expect(await page.locator('svg.sequence g.msg line').count()).toBe(messages.length);
    expect(await page.locator('svg.sequence g.msg:not(.monitor) line').count()).toBe(messages.filter((m) => !m.monitor).length);
    expect(await page.locator('svg.heatmap g.hm-cell').count()).toBe(2 * 16);
    expect(await page.locator('svg.timeline rect.tl-run').count()).toBeGreaterThan(10);
    // the programs' arrows run between the lanes of core 0 (r32) and core 3 (a32)
    const lanes = await page.locator('svg.sequence g.lane line').evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('x1'))));
    const arrows = await page.locator('svg.sequence g.msg:not(.monitor) line').evaluateAll((ls) =>
      ls.map((l) => [Number(l.getAttribute('x1')), Number(l.getAttribute('x2'))]));
    for (const [x1, x2] of arrows) {
      expect([lanes[0], lanes[3]]).toContain(x1);
      expect(Math.abs(Math.abs(x2 - x1) - (lanes[3] - lanes[0]))).toBeLessThan(5);
    }
    // every picture has a size on the page
    for (const box of await page.locator('svg').evaluateAll((ss) => ss.map((s) => s.getBoundingClientRect().width * s.getBoundingClientRect().height))) {
      expect(box).toBeGreaterThan(1000);
    }
    await page.close();
  });

  it('renders to a screenshot that is not blank and shows the arrows', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto('file://' + html);
    // the chart scrolls inside its box on the page; unclip it to photograph all of it
    await page.addStyleTag({ content: '.scroll { max-height: none !important; }' });
    const shot = await page.locator('svg.sequence').screenshot();
    const file = join(dir, 'sequence.png');
    writeFileSync(file, shot);
    await page.screenshot({ path: join(dir, 'page.png'), fullPage: true });
    process.stdout.write(`trace page screenshots: ${file}, ${join(dir, 'page.png')}\n`);
    // count pixels in the browser itself: decode the PNG onto a canvas
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(PALETTE[0].slice(i, i + 2), 16));
    const counts = await page.evaluate(async ({ png, rgb }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0, arrow = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++;
        if (Math.abs(d[i] - rgb[0]) < 24 && Math.abs(d[i + 1] - rgb[1]) < 24 && Math.abs(d[i + 2] - rgb[2]) < 24) arrow++;
      }
      return { ink, arrow, total: d.length / 4, width: c.width, height: c.height };
    }, { png: shot.toString('base64'), rgb: [r, g, b] });
    expect(counts.width).toBeGreaterThan(600);
    expect(counts.height).toBeGreaterThan(1000);
    expect(counts.ink / counts.total).toBeGreaterThan(0.02);
    // 21 arrows of the pingpong channel, each a few hundred pixels long
    expect(counts.arrow).toBeGreaterThan(21 * 200);
    await page.close();
  });
});
