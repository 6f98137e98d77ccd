import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Per-user default folders, following each platform's convention:
 *   Linux:   $XDG_DATA_HOME/literature-companion/pdf      (~/.local/share/...)   and
 *            $XDG_CACHE_HOME/literature-companion/text    (~/.cache/...)
 *   macOS:   ~/Library/Application Support/literature-companion/pdf and ~/Library/Caches/literature-companion/text
 *   Windows: %LOCALAPPDATA%\literature-companion\pdf and %LOCALAPPDATA%\literature-companion\cache\text
 * The extension passes its own folders (settings, global storage); these serve the CLI.
 */
export function defaultPdfDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'literature-companion', 'pdf');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'literature-companion', 'pdf');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'literature-companion', 'pdf');
}

export function defaultTextCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'literature-companion', 'cache', 'text');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'literature-companion', 'text');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'literature-companion', 'text');
}
