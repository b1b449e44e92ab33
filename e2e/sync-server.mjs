// The team server for the sync journeys: the pinned `@y/websocket-server`, started the way
// `make sync-server` starts it (127.0.0.1, a port, LevelDB persistence in a folder), as a real
// process that a journey can kill and start again on the same data.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { root } from './support.mjs';

const script = path.join(root, 'node_modules', '@y', 'websocket-server', 'src', 'server.js');

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server on a free port with a new data folder. Resolves to its handle. */
export async function startSyncServer() {
  const port = await freePort();
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-sync-'));
  const server = { port, data, url: `ws://127.0.0.1:${port}`, process: null };
  server.start = async () => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: data },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.process = child;
    let output = '';
    await new Promise((resolve, reject) => {
      const onData = (chunk) => {
        output += chunk;
        if (output.includes('running at')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk) => { output += chunk; });
      child.on('exit', (code) => reject(new Error(`the sync server exited (${code}): ${output}`)));
    });
    child.removeAllListeners('exit');
    return server;
  };
  /** Kills the process outright (no goodbye to the clients), as a crash would. */
  server.kill = async () => {
    const child = server.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return server.start();
}
