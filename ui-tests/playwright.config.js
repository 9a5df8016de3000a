// Galata's base config with what a root user and no browser download need:
// Debian's Chromium, no video (it needs Playwright's ffmpeg download), one worker
// (all tests share one Jupyter server, on port 8888 unless HUNT_UI_PORT says otherwise, so
// two runs can go side by side).
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const port = process.env.HUNT_UI_PORT || '8888';

module.exports = {
  ...baseConfig,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 120000,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    ...baseConfig.use,
    baseURL: `http://localhost:${port}`,
    video: 'off',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  },
  webServer: {
    command: `npm run start -- --ServerApp.port=${port}`,
    url: `http://localhost:${port}/lab`,
    timeout: 120 * 1000,
    reuseExistingServer: !process.env.CI
  }
};
