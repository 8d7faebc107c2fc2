"""`python -m lsp_server`: run the language server over stdio."""

from lsp_server.cli import server_command

if __name__ == "__main__":
    server_command(prog_name="python -m lsp_server")
