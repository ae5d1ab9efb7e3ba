import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userCacheDir } from '../../src/shared/paths.js';

describe('userCacheDir', () => {
  it('is under an absolute $XDG_CACHE_HOME, else ~/.cache; a relative one (the working folder, a repository) is ignored', () => {
    expect(userCacheDir('republish', { XDG_CACHE_HOME: '/var/cache/sekretariat' })).toBe('/var/cache/sekretariat/agenda/republish');
    const home = path.join(homedir(), '.cache', 'agenda', 'republish');
    expect(userCacheDir('republish', {})).toBe(home);
    expect(userCacheDir('republish', { XDG_CACHE_HOME: '' })).toBe(home);
    expect(userCacheDir('republish', { XDG_CACHE_HOME: 'cache' })).toBe(home);
  });
});
