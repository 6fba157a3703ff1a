// Headless Chromium for the browser tests, with nothing installed by hand: the binary ships
// inside the npm package @sparticuz/chromium, which unpacks it to the temp folder on first use
// (about 2 s). CHROMIUM_PATH names a Chromium of one's own instead.
import { type Browser, chromium } from 'playwright-core';

// This machine's network is closed: without these, Chromium keeps trying to reach Google's
// services at start-up (refused connections, slow starts).
const QUIET = ['--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic'];
// Flags of the npm package's serverless defaults left out: the first three would make a page look
// more capable than in a user's browser (SharedArrayBuffer without cross-origin isolation,
// cross-origin reads); in one process, closing the last page would end the whole browser.
const UNREAL = new Set(['--disable-web-security', '--allow-running-insecure-content', '--enable-features=SharedArrayBuffer',
  '--single-process']);

/** A headless Chromium: $CHROMIUM_PATH if set, else the one inside @sparticuz/chromium. */
export async function launchChromium(): Promise<Browser> {
  const own = process.env.CHROMIUM_PATH;
  if (own) {
    return chromium.launch({ executablePath: own, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', ...QUIET] });
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  const args = packaged.args.filter((a) => !UNREAL.has(a));
  return chromium.launch({ executablePath: await packaged.executablePath(), headless: true, args: [...args, ...QUIET] });
}
