// Most tests are about what a learner does once the app is on the device, not
// about a first visit. They share one browser context per Playwright worker
// (one per kind of device: touch or not), so the service worker, the offline
// copy and Python's memory snapshot stay warm, and Python starts in about a
// third of a cold start's time. Each test still starts as a new learner: the
// learner's data (IndexedDB, localStorage) is wiped before it, and a new tab
// has its own sessionStorage.
//
// Tests that need a fresh profile (first visits, offline, updates, storage
// failures, blocked service workers) import `test` from @playwright/test.
import { test as base, type BrowserContext } from '@playwright/test';

export { expect } from '@playwright/test';

export const test = base.extend<object, { sharedContexts: Map<string, BrowserContext> }>({
  sharedContexts: [
    // eslint-disable-next-line no-empty-pattern -- a worker fixture that needs no other fixture
    async ({}, use) => {
      const contexts = new Map<string, BrowserContext>();
      await use(contexts);
      for (const context of contexts.values()) await context.close();
    },
    { scope: 'worker' },
  ],

  context: async ({ sharedContexts, browser, hasTouch, isMobile, baseURL }, use) => {
    const key = JSON.stringify({ hasTouch, isMobile });
    let context = sharedContexts.get(key);
    if (!context) {
      context = await browser.newContext({ hasTouch, isMobile, baseURL });
      sharedContexts.set(key, context);
    } else {
      // Everything the learner made goes; the app itself (service worker, Cache Storage) stays.
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', {
        origin: new URL(baseURL!).origin,
        storageTypes: 'indexeddb,local_storage',
      });
      await cdp.detach();
      await page.close();
    }
    await use(context);
    for (const page of context.pages()) await page.close();
    await context.clearPermissions();
    await context.setOffline(false);
  },

  page: async ({ context, viewport }, use) => {
    const page = await context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    await use(page);
  },
});
