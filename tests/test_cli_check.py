"""`replylint check` as a user runs it: real files, real exit codes, every format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

PLACEHOLDER_REPLY = "Hi [Customer Name] 😀, your refund for the kettle went out today.\n"


def run(*args: str, input: str | bytes | None = None, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is not None:
        with runner.isolated_filesystem(temp_dir=cwd):
            return runner.invoke(main, list(args), input=input)
    return runner.invoke(main, list(args), input=input)


@pytest.fixture()
def reply_file(tmp_path: Path) -> Path:
    path = tmp_path / "draft.reply"
    path.write_text(PLACEHOLDER_REPLY, encoding="utf-8")
    return path


def test_text_format_points_at_the_words(reply_file: Path) -> None:
    result = run("check", str(reply_file), "--select", "PLH001")
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{reply_file}:1:4: PLH001 ")
    assert "  1 | Hi [Customer Name]" in result.output
    assert "    |    ^^^^^^^^^^^^^^^" in result.output


def test_clean_reply_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "ok.reply"
    path.write_text("Your refund for the kettle went out today.\n", encoding="utf-8")
    result = run("check", str(path), "--select", "PLH001")
    assert result.exit_code == 0, result.output
    assert "All checks passed!" in result.output


def test_json_schema_offsets_in_code_points_and_utf16(tmp_path: Path) -> None:
    path = tmp_path / "emoji.reply"
    path.write_text("😀😀 Hi {{first_name}}!\n", encoding="utf-8")
    result = run("check", str(path), "--select", "PLH001", "--format", "json")
    document = json.loads(result.output)
    assert document["schema_version"] == 1
    (diagnostic,) = document["results"][0]["diagnostics"]
    assert diagnostic["text"] == "{{first_name}}"
    assert (diagnostic["start"], diagnostic["start_utf16"]) == (6, 8)
    assert diagnostic["range"]["start"] == {"line": 1, "column": 7, "utf16_column": 9}
    assert document["summary"]["error"] == 1


def test_quoted_customer_lines_are_not_linted_and_offsets_stay_true(tmp_path: Path) -> None:
    path = tmp_path / "quoted.reply"
    source = "> Where is my [Customer Name] order?\n\nHi [Customer Name], it ships today.\n"
    path.write_text(source, encoding="utf-8")
    result = run("check", str(path), "--select", "PLH001", "--format", "json")
    diagnostics = json.loads(result.output)["results"][0]["diagnostics"]
    assert len(diagnostics) == 1
    start, end = diagnostics[0]["start"], diagnostics[0]["end"]
    assert source[start:end] == "[Customer Name]"
    assert diagnostics[0]["range"]["start"]["line"] == 3


def test_stdin_and_fail_on_error(tmp_path: Path) -> None:
    result = run("check", "-", "--select", "PLH001", "--fail-on", "error", "--format", "jsonl",
                 input="Hello XXXX, the update is live.")
    assert result.exit_code == 1
    line = json.loads(result.output.splitlines()[0])
    assert line["path"] == "<stdin>" and line["code"] == "PLH001"


def test_bad_inputs_are_reported_and_the_rest_still_linted(tmp_path: Path,
                                                           reply_file: Path) -> None:
    (tmp_path / "latin1.reply").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "image.reply").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.reply").write_text("  \n", encoding="utf-8")
    (tmp_path / "huge.reply").write_text("word " * 400_000, encoding="utf-8")
    (tmp_path / "nothing-here").mkdir()
    names = ["latin1.reply", "image.reply", "empty.reply", "huge.reply", "missing.reply",
             "nothing-here"]
    result = run("check", *[str(tmp_path / n) for n in names], str(reply_file),
                 "--select", "PLH001", "--format", "json")
    assert result.exit_code == 2
    by_path = {Path(r["path"]).name: r for r in json.loads(result.stdout)["results"]}
    assert "not valid UTF-8" in by_path["latin1.reply"]["error"]
    assert "binary" in by_path["image.reply"]["error"]
    assert "empty" in by_path["empty.reply"]["error"]
    assert "characters" in by_path["huge.reply"]["error"]
    assert by_path["missing.reply"]["error"] == "no such file"
    assert "no reply files" in by_path["nothing-here"]["error"]
    assert by_path["draft.reply"]["diagnostics"][0]["code"] == "PLH001"


def test_directory_lints_its_reply_files(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.reply").write_text("Hi [Customer Name]", encoding="utf-8")
    (folder / "b.txt").write_text("All sorted now.", encoding="utf-8")
    (folder / "notes.csv").write_text("not,a,reply", encoding="utf-8")
    result = run("check", str(folder), "--select", "PLH001", "--format", "json")
    paths = sorted(Path(r["path"]).name for r in json.loads(result.output)["results"])
    assert paths == ["a.reply", "b.txt"]


def test_config_is_discovered_and_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "replylint.toml").write_text('ignore = ["PLH001"]\n', encoding="utf-8")
    draft = tmp_path / "d.reply"
    draft.write_text("Hi [Customer Name]", encoding="utf-8")
    # --select on the command line wins over the file's ignore.
    assert run("check", str(draft), "--select", "PLH").exit_code == 1
    assert "PLH001" not in run("check", str(draft)).output

    (tmp_path / "replylint.toml").write_text('chanel = "twitter"\n', encoding="utf-8")
    result = run("check", str(draft))
    assert result.exit_code == 2
    assert "replylint.toml: key 'chanel': unknown key" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_selector_is_a_usage_error(reply_file: Path) -> None:
    result = run("check", str(reply_file), "--select", "NOPE999")
    assert result.exit_code == 2
    assert "matches no rule" in result.stderr


def test_sarif_and_github_formats(reply_file: Path) -> None:
    sarif = json.loads(
        run("check", str(reply_file), "--select", "PLH001", "--format", "sarif").output)
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "PLH001"
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 4
    github = run("check", str(reply_file), "--select", "PLH001", "--format", "github").output
    assert github.startswith("::error file=")
    assert ",line=1,col=4," in github


def test_statistics_and_output_file(tmp_path: Path, reply_file: Path) -> None:
    out = tmp_path / "report.txt"
    result = run("check", str(reply_file), "--select", "PLH001", "--statistics", "-o", str(out))
    assert result.output == ""
    assert "    1  PLH001  unfilled-placeholder" in out.read_text(encoding="utf-8")


def test_rules_and_rule_docs() -> None:
    listing = run("rules")
    assert "PLH001  unfilled-placeholder" in listing.output
    doc = run("rule", "unfilled-placeholder")
    assert doc.exit_code == 0 and "## Why is this bad?" in doc.output
    assert run("rule", "XYZ123").exit_code == 2


def test_version_does_not_import_spacy() -> None:
    code = ("import sys; from linter.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print('spacy' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert output.strip().endswith("False")


def test_json_output_validates_against_the_published_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = (Path(__file__).resolve().parent.parent
                   / "linter" / "schema" / "check-v1.schema.json")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    good = tmp_path / "a.reply"
    good.write_text("😀 Hi {{first_name}}, your order shipped.\n", encoding="utf-8")
    (tmp_path / "b.reply").write_bytes(b"\xff\xfe")
    output = run("check", str(good), str(tmp_path / "b.reply"), "--format", "json").stdout
    jsonschema.validate(json.loads(output), schema)


def test_fix_applies_safe_fixes_in_place(tmp_path: Path) -> None:
    (tmp_path / "replylint.toml").write_text('[signature]\nagent = "^JD"\n', encoding="utf-8")
    draft = tmp_path / "draft.reply"
    draft.write_text("Your refund for the kettle went out today. https://example.com/r\n",
                     encoding="utf-8")
    result = run("check", str(draft), "--select", "SIG001", "--fix")
    assert result.exit_code == 0, result.output
    assert draft.read_text(encoding="utf-8") == (
        "Your refund for the kettle went out today. ^JD https://example.com/r\n")


def test_unsafe_fixes_need_their_own_flag(tmp_path: Path) -> None:
    draft = tmp_path / "draft.reply"
    draft.write_text("Hi [Customer Name], the kettle refund went out today.", encoding="utf-8")
    run("check", str(draft), "--select", "PLH001", "--fix")
    assert "[Customer Name]" in draft.read_text(encoding="utf-8")
    result = run("check", str(draft), "--select", "PLH001", "--fix", "--unsafe-fixes")
    assert result.exit_code == 0
    assert draft.read_text(encoding="utf-8") == "Hi, the kettle refund went out today."


def test_fix_on_stdin_prints_the_fixed_reply() -> None:
    result = run("check", "-", "--select", "PLH001", "--fix", "--unsafe-fixes",
                 input="Hello {{first_name}}, all sorted.")
    assert result.stdout == "Hello, all sorted."


ENTRY = ("import atexit, sys\n"
         "atexit.register(print, 'TEARDOWN')\n"
         "sys.argv = ['replylint', *sys.argv[1:]]\n"
         "from linter.cli import entry\n"
         "entry()\n")


@pytest.mark.parametrize(("args", "status", "torn_down"), [
    (["check", "examples/bare_phone.reply"], 1, False),  # findings: exit 1, at once
    (["check", "examples/good.reply"], 0, False),
    (["rule", "XYZ123"], 2, False),
    (["--version"], 0, True),  # no command ran: an ordinary exit
])
def test_the_console_script_exits_at_once_after_a_command_that_finishes(
        args: list[str], status: int, torn_down: bool) -> None:
    # After `check`, `batch`, `rules`... the process leaves without tearing the interpreter
    # down (atexit handlers do not run), with the command's exit status and all its output.
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", ENTRY, *args], capture_output=True,
                            text=True, cwd=root, timeout=120)
    assert result.returncode == status, result.stderr
    assert ("TEARDOWN" in result.stdout) is torn_down
    if args[0] == "check" and status == 1:
        assert result.stdout.rstrip().splitlines()[-1].startswith("Found ")
