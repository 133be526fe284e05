// Builds a JavaScript WASI 0.2 component with @bytecodealliance/componentize-js, as its CLI
// would, with two differences:
//  - componentize-js reads the WIT through preview2-shim's filesystem, whose preopens are empty
//    by default in the pinned preview2-shim (0.26), so its own CLI cannot read any file; the
//    host's root is preopened here for the build (this is the build tool, not the guest);
//  - the engine's `http` and `fetch-event` features are left out: they would make the
//    component import wasi:http, which a wasi:cli/run command does not need (and Booster does
//    not offer).
//
// Usage: node bench/components/componentize.mjs SOURCE.js WIT_FOLDER OUTPUT.wasm
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const tools = new URL('../../.tools/component-tools/node_modules/@bytecodealliance/', import.meta.url);
const { _setPreopens } = await import(new URL('preview2-shim/dist/nodejs/filesystem.js', tools));
const { componentize } = await import(new URL('componentize-js/src/componentize.js', tools));

const [source, wit, output] = process.argv.slice(2);
if (!source || !wit || !output) {
  console.error('usage: node bench/components/componentize.mjs SOURCE.js WIT_FOLDER OUTPUT.wasm');
  process.exit(2);
}
_setPreopens({ '/': '/' });
const { component } = await componentize({
  sourcePath: resolve(source),
  witPath: resolve(wit),
  disableFeatures: ['http', 'fetch-event'],
});
await writeFile(output, component);
