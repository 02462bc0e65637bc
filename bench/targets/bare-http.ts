import { createServer } from 'node:http';
import { targetEnv } from './target-env.js';

/** (a) The ceiling: Node's own HTTP server reading the push and answering `success`, nothing else. */
const { port } = targetEnv();
createServer((request, response) => {
  request.on('data', () => undefined);
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('success');
  });
}).listen(port, '127.0.0.1');
