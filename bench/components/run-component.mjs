// Runs a WASI 0.2 command component in Node the way jco means it to be run: its `jco transpile
// --instantiation sync` output, with @bytecodealliance/preview2-shim providing WASI through the
// shim's own WASIShim sandbox (no preopens, no network, the given environment and arguments).
// Only stdio and exit are replaced, per run: stdin is the given bytes, stdout and stderr are
// captured in memory, and `wasi:cli/exit` ends the run instead of the process.
//
// The core modules are compiled once (WebAssembly.Module); every run instantiates the component
// afresh, as Booster does with a fresh Store per execution.
//
// As a command, for checking a build:
//   node bench/components/run-component.mjs [--repeat N] TRANSPILED.js [STDIN] [NAME=VALUE ...]
// prints the component's stdout and stderr and exits with its exit code; with --repeat, runs it
// N times and prints to stderr the median time of instantiate() and of run().
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const shimRoot = new URL('../../.tools/component-tools/node_modules/@bytecodealliance/preview2-shim/dist/', import.meta.url);
const wasi = await import(new URL('nodejs/index.js', shimRoot));
const { WASIShim } = await import(new URL('common/instantiation.js', shimRoot));
const { InputStream, OutputStream } = wasi.io.streams;
const { Pollable } = wasi.io.poll;

// Thrown by `wasi:cli/exit` to unwind the guest; run() turns it into an exit code.
class GuestExit extends Error {
  constructor(code) {
    super(`guest exited with ${code}`);
    this.code = code;
  }
}

// Always ready: the in-memory streams never wait.
class ReadyPollable extends Pollable {
  ready() { return true; }
  block() {}
}

// Standard input from a byte array; `closed` at its end, as a WASI host answers.
class MemoryInput extends InputStream {
  #bytes;
  #offset = 0;
  constructor(bytes) {
    super();
    this.#bytes = bytes;
  }
  read(length) {
    if (this.#offset >= this.#bytes.length) throw { tag: 'closed' };
    const end = Math.min(this.#bytes.length, this.#offset + Number(length));
    const chunk = this.#bytes.subarray(this.#offset, end);
    this.#offset = end;
    return chunk;
  }
  blockingRead(length) { return this.read(length); }
  skip(length) { return BigInt(this.read(length).length); }
  blockingSkip(length) { return this.skip(length); }
  subscribe() { return new ReadyPollable(); }
}

// Standard output or error collected in memory.
class MemoryOutput extends OutputStream {
  chunks = [];
  checkWrite() { return 1048576n; }
  write(bytes) { this.chunks.push(Uint8Array.from(bytes)); }
  blockingWriteAndFlush(bytes) { this.write(bytes); }
  flush() {}
  blockingFlush() {}
  writeZeroes(length) { this.write(new Uint8Array(Number(length))); }
  blockingWriteZeroesAndFlush(length) { this.writeZeroes(length); }
  subscribe() { return new ReadyPollable(); }
  text() { return Buffer.concat(this.chunks).toString('utf8'); }
}

// The shim's poll, except that lists of in-memory pollables are ready at once.
const poll = {
  Pollable,
  poll(list) {
    if (list.every((pollable) => pollable instanceof ReadyPollable)) return Uint32Array.from(list.keys());
    return wasi.io.poll.poll(list);
  },
};

// Loads a transpiled component (the .js file `jco transpile --instantiation sync` wrote) and
// returns run({stdin, env, args}) → {stdout, stderr, exitCode, durationMs, instantiateMs}.
export async function loadComponent(transpiledPath) {
  let instantiate;
  try {
    ({ instantiate } = await import(pathToFileURL(transpiledPath)));
  } catch (error) {
    throw new Error(`cannot load the transpiled component ${transpiledPath}: ${error.message}`);
  }
  if (typeof instantiate !== 'function') {
    throw new Error(`${transpiledPath} exports no instantiate(): transpile the component with jco transpile --instantiation sync`);
  }
  const folder = dirname(transpiledPath);
  const modules = new Map();
  const coreModule = (name) => {
    if (!modules.has(name)) modules.set(name, new WebAssembly.Module(readFileSync(join(folder, name))));
    return modules.get(name);
  };
  const programName = basename(transpiledPath, '.js');

  return function run({ stdin = new Uint8Array(0), env = {}, args = [] } = {}) {
    const started = process.hrtime.bigint();
    const input = new MemoryInput(stdin);
    const stdout = new MemoryOutput();
    const stderr = new MemoryOutput();
    const cli = {
      ...wasi.cli,
      stdin: { getStdin: () => input },
      stdout: { getStdout: () => stdout },
      stderr: { getStderr: () => stderr },
      exit: {
        exit(status) { throw new GuestExit(status.tag === 'err' ? 1 : 0); },
        exitWithCode(code) { throw new GuestExit(code); },
      },
    };
    const shim = new WASIShim({ cli, sandbox: { preopens: {}, env, args: [programName, ...args], enableNetwork: false } });
    const imports = { ...shim.getImportObject(), 'wasi:io/poll': poll };
    let exitCode = 0;
    let instantiated = started;
    try {
      const component = instantiate(coreModule, imports);
      instantiated = process.hrtime.bigint();
      component.run.run();
    } catch (error) {
      if (error instanceof GuestExit) exitCode = error.code;
      // `run` answering its result's error is exit code 1, as Booster maps it.
      else if (error?.constructor?.name === 'ComponentError') exitCode = 1;
      else throw error;
    }
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const instantiateMs = Number(instantiated - started) / 1e6;
    return { stdout: stdout.text(), stderr: stderr.text(), exitCode, durationMs, instantiateMs };
  };
}

const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const repeat = argv[0] === '--repeat' ? Number(argv.splice(0, 2)[1]) : 1;
  const [transpiled, stdin = '', ...pairs] = argv;
  if (!transpiled || !Number.isInteger(repeat) || repeat < 1) {
    console.error('usage: node bench/components/run-component.mjs [--repeat N (a whole number from 1)] TRANSPILED.js [STDIN] [NAME=VALUE ...]');
    process.exit(2);
  }
  const env = Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  const run = await loadComponent(transpiled).catch((error) => {
    console.error(`run-component: ${error.message}`);
    process.exit(2);
  });
  const result = run({ stdin: Buffer.from(stdin), env });
  if (repeat > 1) {
    const runs = [result, ...Array.from({ length: repeat - 1 }, () => run({ stdin: Buffer.from(stdin), env }))];
    const instantiateMs = median(runs.map((r) => r.instantiateMs));
    const runMs = median(runs.map((r) => r.durationMs - r.instantiateMs));
    console.error(`${repeat} runs, medians: instantiate() ${instantiateMs.toFixed(2)} ms, run() ${runMs.toFixed(2)} ms`);
  }
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exit(result.exitCode);
}
