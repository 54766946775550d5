// A teacher collecting reports by camera: a learner's QR code, shown to Chromium's fake camera, is read and added.
// The camera's options start their own browser, so this is a file of its own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as qrMatrix } from 'qrcode';
import { chromiumArgs } from '../../playwright.config.ts';
import { encodeReportLink } from '../../src/formats/report.ts';
import type { Report } from '../../src/model/classroom.ts';
import { expect, test } from './fixtures.ts';
import { classLearners, openAsTeacher } from './helpers.ts';

const scanned: Report = {
  format: 'pyplayground-report',
  version: 1,
  pack: { id: 'camera-pack', revision: 1, title: 'Camera' },
  learner: 'Esme',
  device: 'device-esme',
  createdAt: Date.now(),
  codeOmitted: true,
  exercises: [
    { id: 'one', lessonId: 'l', title: 'One', state: 'passed', attempts: 1, hintsShown: 0, activeMs: 1, checks: [] },
  ],
};

/** A video file of one report's QR code, black on white, as Chromium's fake camera plays it (YUV 4:2:0). */
function qrVideo(text: string): string {
  const { modules } = qrMatrix(text, { errorCorrectionLevel: 'L' });
  const [w, h] = [640, 480];
  const scale = Math.floor((h - 40) / (modules.size + 8));
  const left = Math.floor((w - modules.size * scale) / 2);
  const top = Math.floor((h - modules.size * scale) / 2);
  const y = new Uint8Array(w * h).fill(235);
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++)
        y.fill(
          16,
          (top + row * scale + dy) * w + left + col * scale,
          (top + row * scale + dy) * w + left + (col + 1) * scale,
        );
    }
  const chroma = new Uint8Array((w / 2) * (h / 2) * 2).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const file = join(mkdtempSync(join(tmpdir(), 'qr-video-')), 'report.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return file;
}

const video = qrVideo(`http://127.0.0.1/${await encodeReportLink(scanned)}`);

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...chromiumArgs,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  },
});

test('Scan QR codes reads a learner’s QR code from the camera and adds the report', async ({ page }) => {
  test.setTimeout(120_000);
  await openAsTeacher(page);
  await page.getByRole('button', { name: 'Class', exact: true }).click();
  await page.getByRole('button', { name: 'Scan QR codes' }).click();
  await expect(page.getByLabel('Camera view')).toBeVisible();
  const scanner = page.getByRole('region', { name: 'Scan QR codes' });
  await expect(scanner.getByRole('status')).toContainText('1 report added. 1 read so far.', { timeout: 30_000 });
  await expect.poll(() => classLearners(page)).toEqual(['Esme']);
  await scanner.getByRole('button', { name: 'Stop scanning' }).click();
  await expect(page.getByLabel('Camera view')).toBeHidden();
});
