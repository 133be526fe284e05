// The Node peer of the component benchmark: serves one transpiled WASI 0.2 command component
// over HTTP. Each POST runs the component once, in a fresh instance (run-component.mjs: the
// core modules compiled once at start, WASI from @bytecodealliance/preview2-shim), with the
// request body as stdin, and answers 200 {"stdout","stderr","exit_code","duration_ms"} — the
// shape of Booster's answer. A run that throws answers 500 {"error"}; the process stays up.
// Runs are synchronous, so each worker runs one at a time: --workers N forks N (node:cluster,
// the primary hands connections to them), default 1.
//
// Usage: node bench/components/peer-server.mjs TRANSPILED.js [--port N] [--workers N]
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { loadComponent } from './run-component.mjs';

function parseOptions(argv) {
  const options = { transpiled: undefined, port: 26790, workers: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--port' || flag === '--workers') {
      const number = Number(value);
      const max = flag === '--port' ? 65535 : 64;
      if (!Number.isInteger(number) || number < 1 || number > max) {
        throw new Error(`${flag} must be a whole number from 1 to ${max} (got '${value}')`);
      }
      options[flag.slice(2)] = number;
      i++;
    } else if (!options.transpiled && !flag.startsWith('--')) {
      options.transpiled = flag;
    } else {
      throw new Error(`unknown argument '${flag}'`);
    }
  }
  if (!options.transpiled) throw new Error('the transpiled component (the .js file jco transpile wrote) is required');
  return options;
}

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`peer-server: ${error.message}\nusage: node bench/components/peer-server.mjs TRANSPILED.js [--port N] [--workers N]`);
  process.exit(2);
}

if (cluster.isPrimary && options.workers > 1) {
  for (let i = 0; i < options.workers; i++) cluster.fork();
  // A peer short of a worker would measure something else: it stops whole.
  cluster.on('exit', (worker, code, signal) => {
    console.error(`peer-server: worker ${worker.process.pid} exited (${signal ?? code}); stopping`);
    process.exit(1);
  });
} else {
  const run = await loadComponent(options.transpiled).catch((error) => {
    console.error(`peer-server: ${error.message}`);
    process.exit(1);
  });
  createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      let status = 200;
      let body;
      try {
        const result = run({ stdin: Buffer.concat(chunks) });
        body = { stdout: result.stdout, stderr: result.stderr, exit_code: result.exitCode, duration_ms: result.durationMs };
      } catch (error) {
        status = 500;
        body = { error: String(error?.stack ?? error) };
      }
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  })
    .on('error', (error) => {
      console.error(`peer-server: ${error.message}`);
      process.exit(1);
    })
    .listen(options.port, '127.0.0.1');
}
