// Builds a JavaScript WASI 0.2 command component with @bytecodealliance/componentize-js, for the
// tests and the benchmarks alike, as its CLI would, with three differences:
//  - the world's wasi:* packages come from jco's bundled WASI 0.2.12 WIT (the CLI world's
//    packages: wasi:cli's worlds name them all; not wasi:http), copied beside the world's own
//    .wit files into a folder of the build's own;
//  - componentize-js reads the WIT through preview2-shim's filesystem, whose preopens are empty
//    by default in the pinned preview2-shim (0.26), so its own CLI cannot read any file; the
//    host's root is preopened here for the build (this is the build tool, not the guest);
//  - the engine's `http` and `fetch-event` features are left out: they would make the
//    component import wasi:http, which a wasi:cli/run command does not need (and Booster does
//    not offer).
//
// Usage: node scripts/component-tools/componentize.mjs SOURCE.js WIT_FOLDER OUTPUT.wasm [WORLD]
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const tools = new URL('../../.tools/component-tools/node_modules/@bytecodealliance/', import.meta.url);
const { _setPreopens } = await import(new URL('preview2-shim/dist/nodejs/filesystem.js', tools));
const { componentize } = await import(new URL('componentize-js/src/componentize.js', tools));
const wasiWit = new URL('jco/lib/wit/builtin/0.2.12/', tools);

const [source, witFolder, output, worldName] = process.argv.slice(2);
if (!source || !witFolder || !output) {
  console.error('usage: node scripts/component-tools/componentize.mjs SOURCE.js WIT_FOLDER OUTPUT.wasm [WORLD]');
  process.exit(2);
}

const wit = await mkdtemp(join(tmpdir(), 'componentize-wit-'));
try {
  for (const file of (await readdir(witFolder)).filter(name => name.endsWith('.wit'))) {
    await cp(join(witFolder, file), join(wit, file));
  }
  for (const name of ['cli', 'io', 'clocks', 'random', 'filesystem', 'sockets']) {
    await cp(new URL(`wasi-${name}/package.wit`, wasiWit), join(wit, 'deps', name, 'package.wit'), { recursive: true });
  }
  _setPreopens({ '/': '/' });
  const { component } = await componentize({
    sourcePath: resolve(source),
    witPath: wit,
    worldName,
    disableFeatures: ['http', 'fetch-event'],
  });
  await writeFile(output, component);
} finally {
  await rm(wit, { recursive: true, force: true });
}
