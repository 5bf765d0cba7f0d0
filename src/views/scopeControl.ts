// Which scope the Incidents view shows: where a choice is kept, and following this workspace's services as found.
import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../contributions';
import type { IncidentsStore } from './stores/incidentsStore';
import { isScope, type Scope } from './stores/scope';
import type { WorkspaceServices } from './workspaceServices';

/**
 * A choice is kept per workspace (a choice made here wins) and globally for the scopes that mean the same
 * everywhere. Without a choice here, "This workspace's services" is taken once some are found (scopeControl).
 */
export function scopeMemory(context: vscode.ExtensionContext, key: string) {
  const here = () => context.workspaceState.get<string>(key);
  const stored = here() ?? context.globalState.get<string>(key);
  const initial: Scope = isScope(stored) && (stored !== 'workspace' || here()) ? stored : 'assigned';
  return {
    initial,
    chosenHere: () => here() !== undefined,
    remember(scope: Scope) {
      void context.workspaceState.update(key, scope);
      if (scope !== 'workspace') void context.globalState.update(key, scope);
    },
  };
}

/** `shown` runs after every switch and when the workspace's services change in that scope (status bar, poll). */
export function scopeControl(memory: ReturnType<typeof scopeMemory>, incidents: IncidentsStore, services: WorkspaceServices, shown: () => void) {
  const showScope = (next: Scope) => {
    incidents.setScope(next);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.incidentsScope, next);
    shown();
  };
  let servicesKey = '';
  const subscriptions = [
    services.onDidChange(() => {
      const key = services.ids.join(',');
      if (key === servicesKey) return; // only who is on call changed: the tree re-renders by itself
      servicesKey = key;
      if (key && incidents.scope !== 'workspace' && !memory.chosenHere()) showScope('workspace');
      else if (incidents.scope === 'workspace') shown();
    }),
    // Who is on call rides on the poll, asked again only when old (WorkspaceServices.refreshOncall).
    incidents.onDidChange(() => void services.refreshOncall()),
  ];
  return {
    setScope(next: Scope) {
      memory.remember(next);
      showScope(next);
    },
    dispose: () => subscriptions.forEach((s) => s.dispose()),
  };
}
