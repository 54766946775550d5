import { createMemo, createSignal, onCleanup, Show } from 'solid-js';
import { isPreviewImage, mimeOf, sizeText } from '../model/files.ts';

/**
 * A binary file where the editor would be: a picture as it looks, anything
 * else as a line saying what it is. Read-only; Download is handed up.
 */
export function FilePreview(props: { name: string; content: Uint8Array; onDownload: () => void }) {
  /**
   * Only ever an <img> from a blob: URL, never inline markup: an SVG's scripts and
   * links stay inert. The URL is revoked when the content changes or the preview goes.
   */
  const url = createMemo(() => {
    if (!isPreviewImage(props.name)) return undefined;
    const made = URL.createObjectURL(new Blob([props.content as BlobPart], { type: mimeOf(props.name) }));
    onCleanup(() => URL.revokeObjectURL(made));
    return made;
  });
  // Kept with the URL they were measured for, so a replaced picture never shows the old one's size.
  const [loaded, setLoaded] = createSignal<{ src: string; width: number; height: number }>();
  const [failed, setFailed] = createSignal<string>();
  const pixels = () => (loaded()?.src === url() ? loaded() : undefined);
  const broken = () => url() !== undefined && failed() === url();
  const image = () => isPreviewImage(props.name) && !broken();
  const size = () => sizeText(props.content.byteLength);

  return (
    <section id="file-preview" class="file-preview" aria-label={`Preview of ${props.name}`}>
      <Show
        when={image() && url()}
        fallback={
          <p class="file-preview-note">
            {props.name} — {broken() ? 'a picture this browser cannot show' : 'binary file'}, {size()}, cannot be edited
            here
          </p>
        }
      >
        {(src) => (
          <figure class="file-preview-figure">
            <img
              src={src()}
              alt={props.name}
              onLoad={(e) => {
                const img = e.currentTarget;
                setLoaded({ src: src(), width: img.naturalWidth, height: img.naturalHeight });
              }}
              onError={() => setFailed(src())}
            />
            <figcaption class="file-preview-note">
              {props.name} —{' '}
              <Show when={pixels()?.width ? pixels() : undefined}>
                {(p) => `${p().width} × ${p().height} pixels, `}
              </Show>
              {size()}
            </figcaption>
          </figure>
        )}
      </Show>
      <div class="file-preview-actions">
        <button type="button" class="small" aria-label={`Download ${props.name}`} onClick={() => props.onDownload()}>
          Download
        </button>
      </div>
    </section>
  );
}
