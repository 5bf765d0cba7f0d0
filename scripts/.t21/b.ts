import { ALL_TOOLS } from '../../src/mcp/tools';
console.log(ALL_TOOLS.length);
