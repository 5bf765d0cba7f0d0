import { Server } from '@modelcontextprotocol/sdk/server/index.js';
console.log(typeof Server);
