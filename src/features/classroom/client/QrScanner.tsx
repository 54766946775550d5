import { createSignal, createUniqueId, onCleanup, Show } from 'solid-js';
import type { ImportSummary } from './dashboard.ts';

/** The part of the Shape Detection API used here (not in TypeScript's DOM types yet). */
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** How often a camera frame is looked at: often enough to feel instant, seldom enough to leave the page smooth. */
const SCAN_EVERY_MS = 200;
/** A code still in front of the camera is not read again for this long. */
const SAME_CODE_MS = 4000;
/** Frames are shrunk to at most this wide for jsQR (a report's QR code fills much of the view). */
const MAX_SCAN_WIDTH = 800;

type Decode = (video: HTMLVideoElement) => Promise<string | undefined>;

/** The browser's own QR reader where there is one, else jsQR on the camera's frames (loaded only then). */
export async function makeDecoder(): Promise<Decode> {
  const native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (native) {
    try {
      if ((await native.getSupportedFormats()).includes('qr_code')) {
        const detector = new native({ formats: ['qr_code'] });
        return async (video) => (await detector.detect(video))[0]?.rawValue;
      }
    } catch {
      // Some browsers have the class but no detector behind it: jsQR below.
    }
  }
  const jsQR = (await import('jsqr')).default;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    if (!context || video.videoWidth === 0) return undefined;
    const scale = Math.min(1, MAX_SCAN_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data;
  };
}

/**
 * Scan QR codes: the camera (the back one on a phone) reads one report's code after another, each added as it is
 * read; the status line says what happened. Nothing leaves the device.
 */
export function QrScanner(props: { onText: (text: string) => Promise<ImportSummary | undefined> }) {
  const id = createUniqueId();
  const [on, setOn] = createSignal(false);
  const [status, setStatus] = createSignal('');
  const [count, setCount] = createSignal(0);
  let video!: HTMLVideoElement;
  let stream: MediaStream | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = { text: '', at: 0 };

  function stop() {
    clearTimeout(timer);
    timer = undefined;
    stream?.getTracks().forEach((t) => t.stop());
    stream = undefined;
    setOn(false);
  }
  onCleanup(stop);

  async function start() {
    if (!navigator.mediaDevices?.getUserMedia) {
      setStatus('This browser cannot use a camera here. Import the report files instead.');
      return;
    }
    setCount(0);
    setStatus('Starting the camera…');
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (error) {
      const name = (error as Error)?.name;
      setStatus(
        name === 'NotAllowedError'
          ? 'The camera was not allowed. Allow it in the browser’s site settings, or import the report files instead.'
          : `The camera could not start (${(error as Error)?.message ?? error}). Import the report files instead.`,
      );
      return;
    }
    setOn(true);
    video.srcObject = stream;
    await video.play().catch(() => {});
    const decode = await makeDecoder();
    setStatus('Hold a report’s QR code in front of the camera.');
    const scan = async () => {
      if (!stream) return;
      let text: string | undefined;
      try {
        text = await decode(video);
      } catch {
        // A frame that could not be read: the next one may.
      }
      const now = Date.now();
      if (text && !(text === last.text && now - last.at < SAME_CODE_MS)) {
        last = { text, at: now };
        const got = await props.onText(text);
        if (got) {
          if (got.refused.length === 0) setCount((n) => n + 1);
          setStatus(`${got.text} ${count()} read so far. Next code, or Stop.`);
        }
      } else if (text) last.at = now;
      if (stream) timer = setTimeout(() => void scan(), SCAN_EVERY_MS);
    };
    void scan();
  }

  return (
    <section class="qr-scanner" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Scan QR codes</h3>
      <div class="class-actions">
        <Show
          when={on()}
          fallback={
            <button type="button" onClick={() => void start()}>
              Scan QR codes
            </button>
          }
        >
          <button type="button" onClick={stop}>
            Stop scanning
          </button>
        </Show>
      </div>
      <video
        ref={video}
        class="qr-video"
        classList={{ 'qr-video-on': on() }}
        muted
        playsinline
        aria-label="Camera view"
      />
      <p class="class-note" role="status" aria-live="polite">
        {status()}
      </p>
    </section>
  );
}
