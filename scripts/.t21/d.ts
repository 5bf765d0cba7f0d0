import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
console.log(typeof CallToolRequestSchema);
