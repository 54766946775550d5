import { createResource, Show } from 'solid-js';
import { qrSvg, svgDataUrl } from './qr.ts';
import './handin.css';

/**
 * A QR code of `text` (a link), `size` CSS pixels wide at most (default 256; it shrinks to fit a narrow screen). It is
 * an image named `label` for screen readers; when the text is too long for one code, a plain sentence instead.
 */
export function QrCode(props: { text: string; label: string; size?: number }) {
  const [svg] = createResource(
    () => props.text,
    (text) => qrSvg(text),
  );
  const size = () => props.size ?? 256;

  return (
    <Show
      when={!svg.loading || svg.latest !== undefined}
      fallback={<div class="qr-code qr-code-waiting" style={{ width: `${size()}px` }} aria-hidden="true" />}
    >
      <Show
        when={svg.latest}
        fallback={
          <p class="qr-code-none" role="status">
            This is too long for a QR code.
          </p>
        }
      >
        {(markup) => (
          <img class="qr-code" src={svgDataUrl(markup())} alt={props.label} width={size()} height={size()} />
        )}
      </Show>
    </Show>
  );
}
