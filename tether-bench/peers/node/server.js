'use strict';
// Bench-contract peer (see tether-bench/peers/README.md): socket.io 4.8 on a plain http.createServer,
// default options, namespaces "/" and "/custom" (any CONNECT auth payload is accepted), events
// echo / join / fanout. Prints "PID <pid>" then "READY <port>"; closes and exits on SIGTERM.
const http = require('http');
const { Server } = require('socket.io');

const DEFAULT_PORT = 7400;
const USAGE = 'usage: node server.js [--port N]   (default 7400; 0 picks a free one)';

function parsePort(argv) {
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let value;
    if (arg === '--port') {
      value = argv[++i];
      if (value === undefined) throw new Error('--port needs a value');
    } else if (arg.startsWith('--port=')) {
      value = arg.slice('--port='.length);
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new Error('unknown argument: ' + arg);
    }
    if (!/^\d+$/.test(value.trim())) throw new Error('--port needs a number: ' + value);
    port = Number(value.trim());
    if (port > 65535) throw new Error('port out of range: ' + port);
  }
  return port;
}

let port;
try {
  port = parsePort(process.argv.slice(2));
} catch (e) {
  console.error('node-bench: ' + e.message);
  console.error(USAGE);
  process.exit(2);
}

const httpServer = http.createServer();
const io = new Server(httpServer);

function serveContract(nsp) {
  nsp.on('connection', (socket) => {
    socket.on('echo', (...args) => {
      const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
      if (!ack) return;
      if (args.length === 0) ack();
      else ack(args[0]);
    });
    socket.on('join', (room, ack) => {
      if (typeof room !== 'string' && typeof room !== 'number') return;
      socket.join(String(room));
      if (typeof ack === 'function') ack('ok');
    });
    socket.on('fanout', (request) => {
      if (request === null || typeof request !== 'object') return;
      const room = request.room;
      if (room === undefined || room === null || typeof room === 'object') return;
      nsp.to(String(room)).emit('msg', request.payload === undefined ? null : request.payload);
    });
  });
}

serveContract(io.of('/'));
serveContract(io.of('/custom'));

httpServer.listen(port, () => {
  process.stdout.write('PID ' + process.pid + '\nREADY ' + httpServer.address().port + '\n');
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // io.close() disconnects every socket and closes the http server
  io.close(() => {
    process.stdout.write('STOPPED\n', () => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
