/**
 * What of this process's environment Chromium is given: where programs are (its Debian launcher is a
 * shell script), the home and temporary folders, the language and time zone, and where fontconfig
 * finds fonts and keeps its cache. Nothing else: the environment holds the mail server's login
 * (AGENDA_SMTP_PASSWORD) and whatever the clerk's shell exports, and every process of the browser,
 * each renderer of a page made from the meeting's files, could read what the browser was given.
 * A headless browser needs no display (DISPLAY, WAYLAND_DISPLAY).
 */
const posixNames = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG', 'LANGUAGE'];
const posixPrefixes = ['LC_', 'FONTCONFIG_', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_'];

/** What Chrome on Windows needs to start at all: its system folders, the user's profile folders. */
const windowsNames = ['PATH', 'SYSTEMROOT', 'WINDIR', 'SYSTEMDRIVE', 'TEMP', 'TMP', 'USERPROFILE', 'LOCALAPPDATA', 'APPDATA', 'TZ'];

/** The variables of `env` the browser is started with. */
export function browserEnvironment(env: NodeJS.ProcessEnv, platform: string = process.platform): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name, value]) => value !== undefined && kept(name, platform)));
}

function kept(name: string, platform: string): boolean {
  // Windows' names are the same in any case (Path, SystemRoot).
  if (platform === 'win32') return windowsNames.includes(name.toUpperCase());
  return posixNames.includes(name) || posixPrefixes.some((prefix) => name.startsWith(prefix));
}
