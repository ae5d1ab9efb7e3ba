import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Three files at once: the end-to-end tests wait on Chromium, LibreOffice and child processes much of the time,
    // so on two cores two workers took the suite from 464 s to 348 s (vitest's default here is one), three from 585 s to MEASURED.
    maxWorkers: 3,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
