import type { Io } from './pdfCommands';

/**
 * Escape sequences that corpus text could carry to a terminal: CSI (colours, cursor moves, screen
 * clearing), OSC (window titles, hyperlinks, and OSC 52, which writes the clipboard in some terminals),
 * DCS/PM/APC strings, and any other C0/C1 control character. Newlines and tabs stay.
 */
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]|[\u009d\u0090\u0098\u009e\u009f][\s\S]*?(?:\u0007|\u009c|\u001b\\|$)/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripTerminalControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

interface Sink {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Lines to a stream; to a terminal, without control characters (piped output stays byte-exact). */
export function streamWriter(stream: Sink): (text: string) => void {
  return stream.isTTY ? (text) => stream.write(`${stripTerminalControls(text)}\n`) : (text) => stream.write(`${text}\n`);
}

export function processIo(stdout: Sink, stderr: Sink): Io {
  return { out: streamWriter(stdout), err: streamWriter(stderr) };
}
