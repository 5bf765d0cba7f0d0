// Build-time entry (scripts/build.mjs): the JSON Schemas tools/list publishes, so the server need not compute them per start.
import { publishedSchemas } from '../src/mcp/registry';
import { ALL_TOOLS } from '../src/mcp/tools';

export const schemas = publishedSchemas(ALL_TOOLS);
