// Starts `replylint server` (stdio) for plain text, Markdown and *.reply documents.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

// The settings the server reads: the same keys as replylint.toml. Empty values mean
// "not set" (the server skips them), so the project's file decides.
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("replylint");
  return {
    channel: config.get<string>("channel", ""),
    select: config.get<string[]>("select", []),
    ignore: config.get<string[]>("ignore", []),
    signature: { agent: config.get<string>("signature.agent", "") },
    debounce: config.get<number>("debounce", 120),
  };
}

function createClient(): LanguageClient {
  const config = vscode.workspace.getConfiguration("replylint");
  const [command, ...args] = config.get<string[]>("path", ["replylint"]);
  const serverOptions: ServerOptions = {
    command: command || "replylint",
    args: [...args, "server"],
  };
  const languages = config.get<string[]>("languages", ["plaintext", "markdown", "reply"]);
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: serverSettings(),
    // Sends workspace/didChangeConfiguration with the `replylint` section on every change.
    synchronize: { configurationSection: "replylint" },
  };
  return new LanguageClient("replylint", "replylint", serverOptions, clientOptions);
}

async function start(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `replylint: could not start \`replylint server\` (${String(error)}). ` +
        "Install replylint or set `replylint.path`.",
    );
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("replylint.restart", async () => {
      await client?.stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The executable and the document selector are fixed when the client starts.
      if (event.affectsConfiguration("replylint.path") ||
          event.affectsConfiguration("replylint.languages")) {
        await client?.stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
