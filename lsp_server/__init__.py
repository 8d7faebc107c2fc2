"""replylint's language server: a thin LSP adapter (pygls 2.x) over `linter.lint_source`.

Start it with `replylint server` or `python -m lsp_server` (stdio). Importing this
package is cheap; pygls and the engine load when the server starts.
"""
