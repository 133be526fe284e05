// The JavaScript guest: reads all of stdin and writes it back upper-cased, through the
// wasi:cli streams of WASI 0.2 (built by componentize-js against echo-wit/echo.wit).
import { getStdin } from 'wasi:cli/stdin@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';

export const run = {
  run() {
    const input = getStdin();
    const chunks = [];
    for (;;) {
      let chunk;
      try { chunk = input.blockingRead(65536n); } catch { break; } // closed: the end of stdin
      if (chunk.length === 0) break;
      chunks.push(...chunk);
    }
    const text = new TextDecoder().decode(Uint8Array.from(chunks));
    getStdout().blockingWriteAndFlush(new TextEncoder().encode('js says: ' + text.toUpperCase()));
  },
};
