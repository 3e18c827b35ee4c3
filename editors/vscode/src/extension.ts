// The valuelint extension: starts `valuelint server` over stdio for Markdown and MDX
// documents and lets vscode-languageclient do the rest (diagnostics, hover, quick fixes,
// the score's code lens). Every action runs in the server; the extension only finds the
// command, passes the settings and restarts the server when the command changes.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

/** The settings the server reads (initializationOptions and workspace/configuration). */
export interface ServerSettings {
  select: string[];
  ignore: string[];
  failOn: string | null;
  run: "onType" | "onSave" | "manual";
}

const SECTION = "valuelint";
const DEFAULT_COMMAND = "valuelint";
/** The server's commands that act on one document: its URI is their first argument. */
const DOCUMENT_COMMANDS = new Set(["valuelint.check", "valuelint.showScore"]);
const SCORE_SCHEME = "valuelint-score";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
/** The score cards shown, by the URI of their read-only view. */
const scoreCards = new Map<string, string>();
let scoreCardChanged: vscode.EventEmitter<vscode.Uri> | undefined;

/** The server's settings for one scope (a folder or document), defaults filled in. */
export function serverSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    select: config.get<string[]>("select", []),
    ignore: config.get<string[]>("ignore", []),
    failOn: config.get<string | null>("failOn", null),
    run: config.get<ServerSettings["run"]>("run", "onType"),
  };
}

/** A trusted workspace folder's own valuelint (`.venv/bin/valuelint`), if it has one. */
function workspaceVenvCommand(): string | undefined {
  if (!vscode.workspace.isTrusted) {
    return undefined;
  }
  const relative = process.platform === "win32"
    ? path.join(".venv", "Scripts", "valuelint.exe")
    : path.join(".venv", "bin", "valuelint");
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== "file") {
      continue;
    }
    const candidate = path.join(folder.uri.fsPath, relative);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** The command line that starts the server: `valuelint.path server ...valuelint.args`. */
export function serverCommand(): { command: string; args: string[] } {
  const config = vscode.workspace.getConfiguration(SECTION);
  const configured = config.get<string>("path", DEFAULT_COMMAND).trim() || DEFAULT_COMMAND;
  const command = configured === DEFAULT_COMMAND
    ? workspaceVenvCommand() ?? DEFAULT_COMMAND
    : configured;
  return { command, args: ["server", ...config.get<string[]>("args", [])] };
}

function createClient(): LanguageClient {
  const { command, args } = serverCommand();
  output ??= vscode.window.createOutputChannel("valuelint");
  output.appendLine(`Starting ${[command, ...args].join(" ")}`);
  const serverOptions: ServerOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "file", language: "mdx" },
      { scheme: "untitled", language: "mdx" },
    ],
    initializationOptions: serverSettings(),
    outputChannel: output,
    middleware: {
      // The server asks each folder's settings (section "valuelint"): it gets the keys it
      // takes, never valuelint.path or valuelint.args, which are the extension's.
      workspace: {
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, index) => item.section === SECTION
            ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
            : answers[index]);
        },
      },
      // The server registers valuelint.check and valuelint.showScore (the score's code
      // lens runs the latter with the document's URI). From the command palette they come
      // without one: the active editor's document is meant.
      executeCommand: async (command, args, next) => {
        const given = args.length > 0 || !DOCUMENT_COMMANDS.has(command)
          ? args
          : [vscode.window.activeTextEditor?.document.uri.toString()].filter(Boolean);
        // The extension shows the score card beside the post: the server need not show it
        // as a one-line notification too.
        const sent = command === "valuelint.showScore" && given.length === 1
          ? [...given, { message: false }]
          : given;
        const result = await next(command, sent);
        if (command === "valuelint.showScore" && typeof result === "string" && given.length > 0) {
          await showScoreCard(String(given[0]), result);
        }
        return result;
      },
    },
  };
  return new LanguageClient("valuelint", "valuelint", serverOptions, clientOptions);
}

/** The score card (the text of `valuelint score`) in a read-only editor beside the post. */
async function showScoreCard(documentUri: string, card: string): Promise<void> {
  const name = path.basename(vscode.Uri.parse(documentUri).path) || "untitled";
  const uri = vscode.Uri.from({ scheme: SCORE_SCHEME, path: `/${name} score card`,
    query: documentUri });
  scoreCards.set(uri.toString(), card);
  scoreCardChanged?.fire(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}

async function start(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const { command } = serverCommand();
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `valuelint: could not start "${command} server" (${message}). Install valuelint ` +
        "(pip install valuelint) or set valuelint.path to the valuelint command.",
    );
  }
}

async function restart(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop().catch(() => undefined);
  }
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  scoreCardChanged = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    scoreCardChanged,
    vscode.workspace.registerTextDocumentContentProvider(SCORE_SCHEME, {
      onDidChange: scoreCardChanged.event,
      provideTextDocumentContent: (uri) => scoreCards.get(uri.toString()) ?? "",
    }),
    vscode.commands.registerCommand("valuelint.restart", restart),
    vscode.commands.registerCommand("valuelint.showOutput", () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("valuelint.path") || event.affectsConfiguration("valuelint.args")) {
        void restart();
      } else if (event.affectsConfiguration(SECTION) && client?.isRunning()) {
        // The server then asks each folder's settings with workspace/configuration.
        void client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { [SECTION]: serverSettings() },
        });
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop();
  }
}
