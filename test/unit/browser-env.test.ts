import { describe, expect, it } from 'vitest';
import { browserEnvironment } from '../../src/pdf/browser-env.js';

const secrets = { AGENDA_SMTP_PASSWORD: 'hemmeligt', GITHUB_TOKEN: 'x' };

describe('browserEnvironment', () => {
  it('keeps what Chromium needs on Linux, not the mail login or other secrets', () => {
    const needed = { PATH: '/usr/bin', HOME: '/home/lene', LC_ALL: 'da_DK.UTF-8', FONTCONFIG_FILE: '/etc/fonts/fonts.conf' };
    expect(browserEnvironment({ ...needed, ...secrets }, 'linux')).toEqual(needed);
  });

  it("keeps Windows' system folders in whatever case they are written, not the mail login", () => {
    const needed = { Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', LOCALAPPDATA: 'C:\\Users\\lene\\AppData\\Local' };
    expect(browserEnvironment({ ...needed, ...secrets }, 'win32')).toEqual(needed);
  });
});
