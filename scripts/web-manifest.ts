// The web app manifest: what the browser needs to install the app, open .py
// files with it, and offer a "New scratch file" shortcut.
import type { ManifestOptions } from 'vite-plugin-pwa';

export const webManifest: Partial<ManifestOptions> = {
  id: './',
  name: 'Python Playground',
  short_name: 'Python',
  description: 'Write and run Python in your browser, even with no network: for learners and classrooms.',
  start_url: './',
  scope: './',
  display: 'standalone',
  orientation: 'any',
  lang: 'en',
  theme_color: '#2d5f8b',
  background_color: '#f6f7f9',
  categories: ['education', 'developer'],
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  shortcuts: [
    {
      name: 'New scratch file',
      short_name: 'New file',
      url: './?new=1',
      icons: [{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
    },
  ],
  file_handlers: [{ action: './', accept: { 'text/x-python': ['.py'] } }],
  launch_handler: { client_mode: 'focus-existing' },
};
