// QR codes of links (a pack for the class, a learner's report): made with the `qrcode` package, drawn as SVG so a
// projector shows them as sharp as a phone does.
import { create, toString as renderQr } from 'qrcode';

/**
 * Links are typed by nobody and shown on a clean screen, so the lowest error correction is enough, and it holds the
 * most: a whole pack or report fits where a higher level would refuse it.
 */
const LEVEL = 'L';
/** The white border scanners need around the code, in modules (the standard asks for 4). */
const QUIET_ZONE = 4;

/** The version (size, 1–40) of the QR code that holds `text`, or undefined when none can. */
export function qrVersion(text: string): number | undefined {
  if (text === '') return undefined;
  try {
    return create(text, { errorCorrectionLevel: LEVEL }).version;
  } catch {
    // The library throws when the text is too long for the largest code.
    return undefined;
  }
}

/** True when one QR code can hold `text` (about 2,900 characters of a link). */
export function qrFits(text: string): boolean {
  return qrVersion(text) !== undefined;
}

/**
 * The QR code of `text` as an SVG document, black on white with its quiet zone (also in dark mode: scanners look for
 * dark modules on a light ground); undefined when the text does not fit in one.
 */
export async function qrSvg(text: string): Promise<string | undefined> {
  if (!qrFits(text)) return undefined;
  return renderQr(text, {
    type: 'svg',
    errorCorrectionLevel: LEVEL,
    margin: QUIET_ZONE,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}

/** An SVG document as a `data:` URL an <img> can show (no script in it can run there). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
