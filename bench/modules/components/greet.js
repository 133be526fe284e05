// greet: the JavaScript guest of the component benchmark. Reads all of standard input and
// writes "Hello, <input>!" (or "Hello, world!" for none), like bench/modules/hello.c does with
// its NAME variable. Built into a WASI 0.2 command component by bench/build-components.sh.
import { getStdin } from 'wasi:cli/stdin@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';

function readAll(stream) {
  const chunks = [];
  let length = 0;
  for (;;) {
    let chunk;
    try {
      chunk = stream.blockingRead(65536n);
    } catch (error) {
      if (error?.payload?.tag === 'closed') break;
      throw error;
    }
    chunks.push(chunk);
    length += chunk.length;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export const run = {
  run() {
    const name = new TextDecoder().decode(readAll(getStdin())).trim() || 'world';
    getStdout().blockingWriteAndFlush(new TextEncoder().encode(`Hello, ${name}!\n`));
  },
};
