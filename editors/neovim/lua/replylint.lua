-- replylint for Neovim's built-in LSP client.
--
--   require("replylint").setup({ settings = { signature = { agent = "^JD" } } })
--
-- Uses vim.lsp.config/vim.lsp.enable on 0.11+, vim.lsp.start on 0.8-0.10, and
-- vim.lsp.start_client + buf_attach_client on 0.7 (Debian 12's package).
local M = {}

M.defaults = {
  cmd = { "replylint", "server" },
  filetypes = { "text", "markdown", "reply" },
  root_markers = { "replylint.toml", ".replylint.toml", "pyproject.toml", ".git" },
  -- Same keys as replylint.toml (channel, select, ignore, severity, signature.agent, ...),
  -- plus debounce (ms) and diagnosticMode ("auto" | "push" | "pull").
  settings = {},
}

local function merged(opts)
  return vim.tbl_deep_extend("force", {}, M.defaults, opts or {})
end

local function root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
  local found = vim.fs and vim.fs.find and vim.fs.find(markers, { upward = true, path = start })[1]
  return found and vim.fn.fnamemodify(found, ":h") or start
end

local function client_config(opts, bufnr)
  return {
    name = "replylint",
    cmd = opts.cmd,
    root_dir = root_dir(bufnr, opts.root_markers),
    init_options = opts.settings,
    settings = { replylint = opts.settings },
  }
end

function M.setup(opts)
  opts = merged(opts)
  -- `*.reply` files: a reply whose `>`-quoted lines are the customer's message.
  if vim.filetype and vim.filetype.add then
    vim.filetype.add({ extension = { reply = "reply" } })
  end
  if vim.lsp.config and vim.lsp.enable then -- 0.11+
    vim.lsp.config("replylint", {
      cmd = opts.cmd,
      filetypes = opts.filetypes,
      root_markers = opts.root_markers,
      init_options = opts.settings,
      settings = { replylint = opts.settings },
    })
    vim.lsp.enable("replylint")
    return
  end
  local group = vim.api.nvim_create_augroup("replylint", { clear = true })
  local client_id = nil
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      local bufnr = args.buf
      if vim.lsp.start then -- 0.8-0.10: reuses a running client with the same name and root
        vim.lsp.start(client_config(opts, bufnr), { bufnr = bufnr })
        return
      end
      -- 0.7: one client for the session, attached to every matching buffer.
      if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
        client_id = vim.lsp.start_client(client_config(opts, bufnr))
      end
      if client_id then
        vim.lsp.buf_attach_client(bufnr, client_id)
      end
    end,
  })
end

return M
