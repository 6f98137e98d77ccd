/** sha256 through Web Crypto, which Node (≥ 20) and browsers (the web worker extension host) both have. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

/** `count` random bytes as hex (nonces, temp-file names): Web Crypto again, in both hosts. */
export function randomHex(count: number): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(count)));
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
