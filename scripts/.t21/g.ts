import { ALL_TOOLS } from '../../src/mcp/tools';
import { z } from 'zod';
console.log(ALL_TOOLS.length, typeof z);
