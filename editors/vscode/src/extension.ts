// The valuelint extension: starts `valuelint server` over stdio for Markdown and MDX
// documents and lets vscode-languageclient do the rest (diagnostics, hover, quick fixes,
// the score's code lens). Every action runs in the server; the extension only finds the
// command, passes the settings and restarts the server when the command changes.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
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

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

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
    // Settings changes reach the server as workspace/didChangeConfiguration; it then asks
    // for each folder's settings with workspace/configuration (section "valuelint"),
    // which the client answers from VS Code's settings.
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
  };
  return new LanguageClient("valuelint", "valuelint", serverOptions, clientOptions);
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
  context.subscriptions.push(
    vscode.commands.registerCommand("valuelint.restart", restart),
    vscode.commands.registerCommand("valuelint.showOutput", () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("valuelint.path") || event.affectsConfiguration("valuelint.args")) {
        void restart();
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
