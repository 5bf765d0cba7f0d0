// Real-VS-Code e2e harness: see test/e2e/README.md.
export { startVSCodeServer, type VSCodeServer, type VSCodeServerOptions } from './server';
export { runExtensionTests, type ExtensionTestOptions } from './extensionTests';
export { openVSCode, runCommand, waitForNotification, treeItemLabels, screenshot, type VSCodeWindow, type OpenVSCodeOptions } from './ui';
export { installVsix, type InstalledVsix } from './vsix';
export { cleanupAll, onCleanup } from './cleanup';
export { e2ePaths } from './paths';
export { until } from './until';
