import * as vscode from 'vscode';
import { isValidTestOrigin } from '../../core/download';

/**
 * The in-host tests point downloads at a server on 127.0.0.1 through this environment variable. It is
 * read only when VS Code runs the extension for its tests (extensionTestsPath), never from a setting, so
 * nothing a workspace controls can widen the download allow-list.
 */
export const TEST_DOWNLOAD_ORIGIN_VARIABLE = 'LITCOMP_TEST_DOWNLOAD_BASE';

export function testDownloadOrigin(context: vscode.ExtensionContext): string | undefined {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  const origin = process.env[TEST_DOWNLOAD_ORIGIN_VARIABLE]?.trim();
  return origin && isValidTestOrigin(origin) ? origin : undefined;
}
