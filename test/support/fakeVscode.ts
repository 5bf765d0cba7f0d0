/**
 * A minimal in-process stand-in for the `vscode` module, so unit tests and the bench can run the extension's
 * activate(), the tree providers and the commands in plain Node. It implements only what src/ touches; anything
 * else throws, so a new API use shows up as an error instead of a silent no-op. The user's side of the dialogs
 * (input boxes, quick picks) is played by `record.ui`, which tests replace.
 */
import Module from 'node:module';

type Listener<T> = (e: T) => unknown;
const disposable = () => ({ dispose() {} });

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T) {
    for (const l of [...this.listeners]) l(e);
  }
  dispose() {
    this.listeners = [];
  }
}

class CancellationTokenSource {
  private emitter = new EventEmitter<void>();
  token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel() {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose() {
    this.emitter.dispose();
  }
}

class TreeItem {
  [key: string]: unknown;
  constructor(
    public label: unknown,
    public collapsibleState = 0,
  ) {}
}

class Uri {
  private constructor(readonly value: string) {}
  static parse(value: string) {
    return new Uri(value);
  }
  static file(path: string) {
    return new Uri(`file://${path}`);
  }
  static joinPath(base: Uri, ...parts: string[]) {
    return new Uri([base.value, ...parts].join('/'));
  }
  get path() {
    return this.value;
  }
  get scheme() {
    return /^([a-z][\w+.-]*):/i.exec(this.value)?.[1] ?? 'file';
  }
  /** The path on disk of a Uri.file(path). */
  get fsPath() {
    return this.value.replace(/^file:\/\//, '');
  }
  with(change: { path?: string }) {
    return new Uri(change.path ?? this.value);
  }
  toString() {
    return this.value;
  }
}

const format = (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));

/** A quick pick the test drives: read what it shows, then accept() some items or hide() it. */
export class FakeQuickPick<T = unknown> {
  title?: string;
  placeholder?: string;
  value = '';
  busy = false;
  canSelectMany = false;
  matchOnDescription = false;
  items: T[] = [];
  selectedItems: T[] = [];
  private readonly accepted = new EventEmitter<void>();
  private readonly hidden = new EventEmitter<void>();
  private readonly changedValue = new EventEmitter<string>();
  readonly onDidAccept = this.accepted.event;
  readonly onDidHide = this.hidden.event;
  readonly onDidChangeValue = this.changedValue.event;
  constructor(private readonly onShow: (pick: FakeQuickPick<T>) => void) {}
  show() {
    this.onShow(this);
  }
  hide() {
    this.hidden.fire();
  }
  dispose() {}
  /** The user selects `items` and presses Enter. */
  accept(items: T[]) {
    this.selectedItems = items;
    this.accepted.fire();
  }
  /** The user types. */
  type(value: string) {
    this.value = value;
    this.changedValue.fire(value);
  }
}

export interface FakeWebviewPanel {
  viewType: string;
  title: string;
  webview: { html: string; posted: unknown[] };
  /** The page posts `message` to the extension; resolves once the extension's listeners ran. */
  send(message: unknown): void;
  dispose(): void;
}

function webviewPanel(viewType: string, title: string): FakeWebviewPanel {
  const received = new EventEmitter<unknown>();
  const disposed = new EventEmitter<void>();
  const posted: unknown[] = [];
  return {
    viewType,
    title,
    iconPath: undefined,
    visible: true,
    active: true,
    webview: {
      html: '',
      posted,
      cspSource: 'vscode-webview-resource:',
      asWebviewUri: (uri: unknown) => uri,
      postMessage: async (message: unknown) => (posted.push(message), true),
      onDidReceiveMessage: received.event,
    },
    onDidChangeViewState: () => disposable(),
    onDidDispose: disposed.event,
    reveal() {},
    dispose: () => disposed.fire(),
    send: (message: unknown) => received.fire(message),
  } as FakeWebviewPanel;
}

/** What an extension's vscode.LanguageModelTool implements. */
export interface FakeLmTool {
  prepareInvocation?(options: { input: unknown }, token: unknown): unknown;
  invoke(options: { input: unknown; toolInvocationToken: undefined }, token: CancellationTokenSource['token']): Promise<{ content: { value: string }[] }>;
}

/** The user's answers to dialogs; each defaults to dismissing (Escape). */
export interface FakeUser {
  showInputBox(options: { title?: string; prompt?: string }): Promise<string | undefined>;
  showQuickPick(items: readonly { label: string }[], options?: { title?: string }): Promise<unknown>;
  /** Called when a created quick pick is shown. */
  quickPick(pick: FakeQuickPick): void;
  /** Answers a notification with buttons. */
  message(text: string, buttons: string[]): Promise<string | undefined>;
}

/** Counts what the extension asked of VS Code; tests and the bench check these, not just that nothing threw. */
export interface FakeVscodeRecord {
  commands: Set<string>;
  treeViews: { id: string; view: { visible: boolean; badge?: unknown; description?: string; selection: unknown[] } }[];
  mcpProviders: string[];
  /** Notifications shown, in order. */
  messages: { severity: 'info' | 'warning' | 'error'; text: string }[];
  statusMessages: string[];
  opened: string[];
  clipboard: string[];
  /** executeCommand calls (setContext included). */
  executed: { command: string; args: unknown[] }[];
  /** Webview panels created, each with what it was posted and `send` to play the page sending a message. */
  webviewPanels: FakeWebviewPanel[];
  /** VS Code's own commands that getCommands reports besides the registered ones (e.g. Chat's). */
  builtinCommands: string[];
  /** What vscode.extensions.getExtension(id) returns (e.g. a fake vscode.git with its API). */
  extensions: Map<string, unknown>;
  /** Language-model tools registered with vscode.lm.registerTool, by name, to invoke as VS Code would. */
  lmTools: Map<string, FakeLmTool>;
  /** The open workspace folders and whether the user trusts them (Restricted Mode when false). */
  workspace: { folders: { name: string; uri: Uri }[]; trusted: boolean };
  /** Setting values by full name (`pagerduty.enableWriteTools`) in each layer; `get` merges them as VS Code does. */
  settings: { user: Record<string, unknown>; workspace: Record<string, unknown>; workspaceFolder: Record<string, unknown> };
  ui: FakeUser;
}

export function fakeVscodeRecord(): FakeVscodeRecord {
  return {
    commands: new Set(),
    treeViews: [],
    mcpProviders: [],
    messages: [],
    statusMessages: [],
    opened: [],
    clipboard: [],
    executed: [],
    builtinCommands: ['workbench.action.chat.open'],
    extensions: new Map(),
    lmTools: new Map(),
    workspace: { folders: [], trusted: true },
    webviewPanels: [],
    settings: { user: {}, workspace: {}, workspaceFolder: {} },
    ui: {
      showInputBox: async () => undefined,
      showQuickPick: async () => undefined,
      quickPick: (pick) => pick.hide(),
      message: async () => undefined,
    },
  };
}

function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(t, key) {
      if (key in t || typeof key === 'symbol' || ['then', '__esModule', 'default', 'toJSON'].includes(key)) return (t as Record<string | symbol, unknown>)[key];
      throw new Error(`fake vscode: ${name}.${String(key)} is not implemented; add it to test/support/fakeVscode.ts`);
    },
  });
}

export function createFakeVscode(record: FakeVscodeRecord, opts: { focused: boolean }) {
  const windowState = { focused: opts.focused, active: opts.focused };
  const shown = (severity: 'info' | 'warning' | 'error', text: string, buttons: string[]) => {
    record.messages.push({ severity, text });
    return record.ui.message(text, buttons);
  };
  const outputChannel = () =>
    strict('OutputChannel', { info() {}, warn() {}, error() {}, debug() {}, trace() {}, appendLine() {}, show() {}, dispose() {} });
  return strict('vscode', {
    EventEmitter,
    CancellationTokenSource,
    TreeItem,
    Uri,
    Disposable: class {
      constructor(private readonly fn: () => void) {}
      dispose() {
        this.fn();
      }
      static from(...items: { dispose(): void }[]) {
        return { dispose: () => items.forEach((i) => i.dispose()) };
      }
    },
    ThemeIcon: class {
      constructor(
        readonly id: string,
        readonly color?: unknown,
      ) {}
    },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: class {
      value = '';
      isTrusted = false;
      supportThemeIcons = false;
      constructor(value = '') {
        this.value = value;
      }
      appendMarkdown(s: string) {
        this.value += s;
        return this;
      }
      appendText(s: string) {
        this.value += s;
        return this;
      }
    },
    McpStdioServerDefinition: class {
      constructor(...args: unknown[]) {
        Object.assign(this, { args });
      }
    },
    McpHttpServerDefinition: class {
      constructor(...args: unknown[]) {
        Object.assign(this, { args });
      }
    },
    LanguageModelTextPart: class {
      constructor(readonly value: string) {}
    },
    LanguageModelToolResult: class {
      constructor(readonly content: unknown[]) {}
    },
    CancellationError: class extends Error {
      constructor() {
        super('Canceled');
        this.name = 'Canceled';
      }
    },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    l10n: strict('l10n', { t: (message: string, ...args: unknown[]) => format(message, ...args) }),
    env: strict('env', {
      language: 'en',
      openExternal: async (uri: Uri) => {
        record.opened.push(uri.toString());
        return true;
      },
      clipboard: { writeText: async (text: string) => void record.clipboard.push(text) },
    }),
    extensions: strict('extensions', { getExtension: (id: string) => record.extensions.get(id) }),
    languages: strict('languages', {
      createDiagnosticCollection: () => ({ set() {}, clear() {}, delete() {}, dispose() {} }),
      registerCodeLensProvider: () => disposable(),
    }),
    lm: strict('lm', {
      registerMcpServerDefinitionProvider: (id: string) => {
        record.mcpProviders.push(id);
        return disposable();
      },
      registerTool: (name: string, tool: FakeLmTool) => {
        record.lmTools.set(name, tool);
        return { dispose: () => record.lmTools.delete(name) };
      },
    }),
    commands: strict('commands', {
      registerCommand: (id: string) => {
        record.commands.add(id);
        return disposable();
      },
      executeCommand: async (command: string, ...args: unknown[]) => void record.executed.push({ command, args }),
      getCommands: async () => [...record.commands, ...record.builtinCommands],
    }),
    workspace: strict('workspace', {
      // Unset settings read as undefined (no package.json defaults): the extension's parseSettings fills them in.
      getConfiguration: (section?: string) => {
        const name = (key: string) => (section ? `${section}.${key}` : key);
        const { user, workspace, workspaceFolder } = record.settings;
        const value = (key: string) => [workspaceFolder, workspace, user].map((layer) => layer[name(key)]).find((v) => v !== undefined);
        return strict('WorkspaceConfiguration', {
          get: (key: string, fallback?: unknown) => value(key) ?? fallback,
          has: (key: string) => value(key) !== undefined,
          inspect: (key: string) => ({
            key: name(key),
            defaultValue: undefined,
            globalValue: user[name(key)],
            workspaceValue: workspace[name(key)],
            workspaceFolderValue: workspaceFolder[name(key)],
          }),
          update: async (key: string, v: unknown, target?: number | boolean) => {
            const layer = target === 1 || target === true ? user : target === 3 ? workspaceFolder : workspace;
            if (v === undefined) delete layer[name(key)];
            else layer[name(key)] = v;
          },
        });
      },
      onDidChangeConfiguration: () => disposable(),
      onDidChangeWorkspaceFolders: () => disposable(),
      createFileSystemWatcher: () => ({ onDidCreate: () => disposable(), onDidChange: () => disposable(), onDidDelete: () => disposable(), dispose() {} }),
      fs: {
        readFile: async () => {
          throw new Error('no files in unit tests');
        },
        readDirectory: async () => [],
      },
      get workspaceFolders() {
        return record.workspace.folders.length ? record.workspace.folders : undefined;
      },
      get isTrusted() {
        return record.workspace.trusted;
      },
    }),
    window: strict('window', {
      state: windowState,
      onDidChangeWindowState: () => disposable(),
      registerUriHandler: () => disposable(),
      createOutputChannel: outputChannel,
      createStatusBarItem: () => strict('StatusBarItem', { text: '', tooltip: undefined, name: '', command: undefined, backgroundColor: undefined, show() {}, hide() {}, dispose() {} }),
      createTreeView: (id: string) => {
        const view = {
          visible: true,
          badge: undefined as unknown,
          description: undefined as string | undefined,
          message: undefined,
          title: undefined,
          selection: [] as unknown[],
          onDidChangeVisibility: () => disposable(),
          onDidChangeSelection: () => disposable(),
          reveal: async () => {},
          dispose() {},
        };
        record.treeViews.push({ id, view });
        return view;
      },
      showErrorMessage: (text: string, ...buttons: string[]) => shown('error', text, buttons),
      showWarningMessage: (text: string, ...buttons: string[]) => shown('warning', text, buttons),
      showInformationMessage: (text: string, ...buttons: string[]) => shown('info', text, buttons),
      setStatusBarMessage: (text: string) => {
        record.statusMessages.push(text);
        return disposable();
      },
      showInputBox: (options: { title?: string; prompt?: string }) => record.ui.showInputBox(options),
      showQuickPick: (items: readonly { label: string }[], options?: { title?: string }) => record.ui.showQuickPick(items, options),
      createQuickPick: () => new FakeQuickPick((pick) => record.ui.quickPick(pick)),
      createWebviewPanel: (viewType: string, title: string) => {
        const panel = webviewPanel(viewType, title);
        record.webviewPanels.push(panel);
        return panel;
      },
      withProgress: async <R>(_options: unknown, task: (progress: { report(value: unknown): void }, token: CancellationTokenSource['token']) => Promise<R>) =>
        task({ report() {} }, new CancellationTokenSource().token),
    }),
  });
}

/** Makes `require('vscode')` return `fake` for everything loaded after this call; returns the undo. */
export function installFakeVscode(fake: object): () => void {
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    if (request === 'vscode') return fake;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    loader._load = original;
  };
}

/** An ExtensionContext with in-memory globalState/secrets; `token` is what SecretStorage holds. */
export function fakeContext(extensionPath: string, version: string, token: string | undefined) {
  const subscriptions: { dispose(): void }[] = [];
  const memento = new Map<string, unknown>();
  const workspaceMemento = new Map<string, unknown>();
  const secrets = new Map<string, string>(token ? [['pagerduty.token', token]] : []);
  const context = {
    subscriptions,
    extensionMode: 1, // Production: no dev-token sign-in
    extensionPath,
    extensionUri: Uri.file(extensionPath),
    extension: { id: 'bench.pagerduty-vscode', packageJSON: { version } },
    globalState: {
      get: (k: string, d?: unknown) => (memento.has(k) ? memento.get(k) : d),
      update: async (k: string, v: unknown) => void memento.set(k, v),
      keys: () => [...memento.keys()],
      setKeysForSync() {},
    },
    workspaceState: {
      get: (k: string, d?: unknown) => (workspaceMemento.has(k) ? workspaceMemento.get(k) : d),
      update: async (k: string, v: unknown) => void workspaceMemento.set(k, v),
      keys: () => [...workspaceMemento.keys()],
    },
    secrets: {
      get: async (k: string) => secrets.get(k),
      store: async (k: string, v: string) => void secrets.set(k, v),
      delete: async (k: string) => void secrets.delete(k),
      onDidChange: () => disposable(),
    },
    logUri: Uri.file('/tmp'),
    globalStorageUri: Uri.file('/tmp'),
  };
  return { context, dispose: () => subscriptions.splice(0).forEach((s) => s.dispose()) };
}
