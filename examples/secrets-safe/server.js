// Calls an upstream API with a key it reads from the environment.
const http = require('node:http');

const apiKey = process.env.API_KEY;
http
  .createServer((request, response) => {
    response.writeHead(apiKey ? 200 : 500, { 'content-type': 'text/plain' });
    response.end(apiKey ? 'configured\n' : 'API_KEY is not set\n');
  })
  .listen(Number(process.env.PORT ?? 3000));
