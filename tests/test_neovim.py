"""Drive a real headless Neovim against the language server, through the shipped Lua setup
(editors/neovim/lua/replylint.lua), and read back the diagnostics it placed in the buffer."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NVIM = shutil.which("nvim")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NVIM is None, reason="needs Neovim (apt-get install -y neovim)"),
]

REPLY = ("Thanks for waiting 🙏\n"
         "Hi 👋🏽 Zoë 東京 [Customer Name], your refund is on its way.\n")
PLACEHOLDER = "[Customer Name]"

# Runs inside Neovim once the reply is loaded: wait for the server's diagnostics, fix
# the placeholder in the buffer (didChange), wait for them to update, dump both as JSON.
CHECK_LUA = r"""
local out = assert(os.getenv("REPLYLINT_OUT"))
local function snapshot()
  local rows = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(rows, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum,
      end_col = d.end_col, severity = d.severity, source = d.source,
      code = d.code or lsp.code, message = d.message })
  end
  return rows
end
local function has(code)
  for _, row in ipairs(snapshot()) do
    if row.code == code then return true end
  end
  return false
end
local result = { version = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) }
result.opened_ok = vim.wait(60000, function() return has("PLH001") end, 20)
result.opened = snapshot()
local line = vim.api.nvim_buf_get_lines(0, 1, 2, false)[1]
local fixed = line:gsub("%[Customer Name%]", "Dana")
vim.api.nvim_buf_set_lines(0, 1, 2, false, { fixed })
result.changed_ok = vim.wait(30000, function() return not has("PLH001") end, 20)
result.changed = snapshot()
local f = assert(io.open(out, "w"))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd("qall!")
"""


# Debian 12 ships Neovim 0.7, which has neither `vim.lsp.start` (0.8) nor
# `vim.lsp.config`/`vim.lsp.enable` (0.11). These shims give 0.7 those entry points with
# their documented contracts, built on 0.7's own client, so the module's 0.8-0.10 and
# 0.11 branches run here against the real server: a wrong key in the config they pass
# (cmd, filetypes, settings) leaves the buffer without diagnostics.
API_SHIMS = {
    "0.7": "",
    "0.8-0.10 vim.lsp.start": r"""
vim.lsp.start = function(config, opts)
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(opts.bufnr, id)
  return id
end
""",
    "0.11 vim.lsp.config": r"""
local configs = {}
vim.lsp.config = function(name, config) configs[name] = config end
vim.lsp.enable = function(name)
  local config = assert(configs[name], "vim.lsp.enable before vim.lsp.config")
  assert(config.root_markers, "no root_markers")
  vim.api.nvim_create_autocmd("FileType", {
    pattern = config.filetypes,
    callback = function(args)
      local id = vim.lsp.start_client({ name = name, cmd = config.cmd,
        root_dir = vim.fn.getcwd(), init_options = config.init_options,
        settings = config.settings })
      vim.lsp.buf_attach_client(args.buf, id)
    end,
  })
end
""",
}


def _init_lua(shim: str = "") -> str:
    plugin = REPO / "editors" / "neovim"
    cmd = json.dumps([sys.executable, "-m", "lsp_server"])
    return (shim + f"vim.opt.runtimepath:prepend({json.dumps(str(plugin))})\n"
            "require('replylint').setup({\n"
            f"  cmd = vim.fn.json_decode({json.dumps(cmd)}),\n"
            "  settings = { signature = { agent = '^JD' } },\n"
            "})\n")


@pytest.mark.parametrize("api", list(API_SHIMS))
def test_neovim_shows_the_diagnostics_on_the_right_bytes(tmp_path: Path, api: str) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text(REPLY, encoding="utf-8")
    (tmp_path / "init.lua").write_text(_init_lua(API_SHIMS[api]), encoding="utf-8")
    (tmp_path / "check.lua").write_text(CHECK_LUA, encoding="utf-8")
    out = tmp_path / "out.json"

    subprocess.run(
        [NVIM, "--headless", "--clean", "-u", str(tmp_path / "init.lua"), str(reply),
         "-c", f"luafile {tmp_path / 'check.lua'}"],
        cwd=tmp_path, env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
                           "HOME": str(tmp_path), "REPLYLINT_OUT": str(out)},
        stdin=subprocess.DEVNULL, capture_output=True, timeout=150, check=False)

    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["opened_ok"], result
    placeholder = [d for d in result["opened"] if d["code"] == "PLH001"]
    assert len(placeholder) == 1
    # Neovim stores byte columns: the server's UTF-16 range must land on these bytes.
    line = REPLY.split("\n")[1]
    start = len(line[: line.index(PLACEHOLDER)].encode("utf-8"))
    assert (placeholder[0]["lnum"], placeholder[0]["col"]) == (1, start)
    assert (placeholder[0]["end_lnum"], placeholder[0]["end_col"]) == (
        1, start + len(PLACEHOLDER.encode("utf-8")))
    assert placeholder[0]["source"] == "replylint"
    assert placeholder[0]["severity"] == 1  # vim.diagnostic.severity.ERROR

    assert result["changed_ok"], result
    assert not [d for d in result["changed"] if d["code"] == "PLH001"]
