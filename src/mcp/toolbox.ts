import type { ServerConfig } from './config';
import { HostedToolbox } from './hosted/surface';
import { Toolbox } from './registry';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from './tools';

/** The toolset for a configuration, on the surface it names: what the server publishes and the extension calls in-process. */
export function createToolbox(config: Pick<ServerConfig, 'enableWrites' | 'toolsets' | 'allowTools' | 'toolSurface'> & { structuredOutput?: boolean }): Toolbox {
  return new (config.toolSurface === 'hosted' ? HostedToolbox : Toolbox)(ALL_TOOLS, config, DEFAULT_TOOLSETS);
}
