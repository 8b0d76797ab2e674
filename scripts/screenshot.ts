/**
 * `npm run screenshot`: docs/comment.png, the comment of the demo's gated scene as GitHub shows it. Runs
 * `npm run demo`, renders the comment's Markdown with GitHub's flavour and stylesheet, and photographs it with
 * headless Chromium (`CHROMIUM`, default /usr/bin/chromium). Not part of `npm test` or CI: it needs a browser.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toHtml } from '../test/report-fixtures.ts';

const OUTPUT = fileURLToPath(new URL('../docs/comment.png', import.meta.url));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WIDTH = 960;

const require = createRequire(import.meta.url);
const markdownCss = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');

/**
 * Headless Chromium draws no colour emoji with the fonts of a plain Debian machine, so each emoji becomes
 * Twemoji's picture of it, inline, at the size of the text.
 */
const twemoji = {
  chars: require('@iconify-json/twemoji/chars.json') as Record<string, string>,
  icons: (require('@iconify-json/twemoji/icons.json') as { icons: Record<string, { body: string }> }).icons,
};

function withEmojiPictures(html: string): string {
  return html.replace(/\p{Extended_Pictographic}\uFE0F?/gu, (emoji) => {
    const code = (emoji.codePointAt(0) ?? 0).toString(16);
    const icon = twemoji.icons[twemoji.chars[code] ?? ''];
    if (icon === undefined || Number.parseInt(code, 16) < 0x2000) return emoji;
    return `<svg class="emoji" viewBox="0 0 36 36" aria-label="${emoji}">${icon.body}</svg>`;
  });
}

/** The scene whose comment the README shows: the merged pull request whose gate failed. */
const SCENE = 'gated';

/** The comment the demo printed for SCENE. */
function demoComment(): string {
  const demo = fileURLToPath(new URL('demo.ts', import.meta.url));
  const output = execFileSync(process.execPath, [demo], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const comment = new RegExp(
    `^── comment of scene ${SCENE} on .* ──\\n([\\s\\S]*?)\\n── (?:job summary|outputs) ──$`,
    'm',
  ).exec(output)?.[1];
  if (!comment) throw new Error(`npm run demo printed no comment for the scene ${SCENE}`);
  return comment;
}

function page(markdown: string): string {
  // GitHub renders the comment's HTML blocks (<details>, <sub>) and hides HTML comments (the marker).
  const body = toHtml(markdown);
  return `<!doctype html>
<html><head><meta charset="utf-8">
<style>${markdownCss}</style>
<style>
  body { margin: 0; padding: 16px; background: #fff; width: ${WIDTH - 32}px; }
  .markdown-body { font-family: -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", sans-serif; }
  .emoji { width: 1.2em; height: 1.2em; vertical-align: -0.25em; }
  .comment { border: 1px solid #d1d9e0; border-radius: 6px; }
  .comment-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px;
    font: 14px "Liberation Sans", sans-serif; color: #59636e; border-radius: 6px 6px 0 0; }
  .comment-header b { color: #1f2328; }
  .markdown-body { padding: 16px; }
</style></head>
<body><div class="comment">
<div class="comment-header"><b>github-actions</b> <span>bot</span> commented</div>
<div class="markdown-body">${withEmojiPictures(body)}</div>
</div>
<script>document.body.dataset.height = Math.ceil(document.documentElement.getBoundingClientRect().height);</script>
</body></html>`;
}

function chromium(args: string[]): string {
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--force-device-scale-factor=1',
  ];
  const maxBuffer = 256 * 1024 * 1024;
  return execFileSync(CHROMIUM, [...flags, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer,
  });
}

const directory = mkdtempSync(join(tmpdir(), 'comment-screenshot-'));
try {
  const html = join(directory, 'comment.html');
  writeFileSync(html, page(demoComment()));
  const url = pathToFileURL(html).href;
  // A first load measures the page at its width, so that the picture is exactly as tall as the comment.
  const dom = chromium([`--window-size=${WIDTH},2000`, '--virtual-time-budget=2000', '--dump-dom', url]);
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1]);
  if (!(height > 0)) throw new Error('Chromium did not report the page height');
  chromium([`--window-size=${WIDTH},${height}`, '--virtual-time-budget=2000', `--screenshot=${OUTPUT}`, url]);
  console.log(`Wrote ${OUTPUT} (${WIDTH}×${height}, ${readFileSync(OUTPUT).length} bytes).`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
