"""Config files: found upward, and a bad one is one line naming the file and the key."""

from __future__ import annotations

import pytest

from scriptlint.config import discover, load, load_file
from scriptlint.errors import ConfigError


@pytest.mark.parametrize("text", ["tool = 5\n", 'tool = "scriptlint"\n', "tool = [1]\n"])
def test_a_pyproject_whose_tool_is_not_a_table_is_a_config_error(tmp_path, text):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text)
    with pytest.raises(ConfigError, match=r"pyproject.toml: key 'tool' must be a table"):
        load_file(pyproject)
    # Found while looking upward, it is simply not a scriptlint config (it may belong to another tool).
    assert discover(tmp_path) is None
    assert load(start=tmp_path).path is None


def test_config_that_is_not_utf8_names_the_file(tmp_path):
    config = tmp_path / "scriptlint.toml"
    config.write_bytes(b"\xff\xfeselect = []\n")
    with pytest.raises(ConfigError, match=r"scriptlint.toml: cannot read config \(not UTF-8"):
        load_file(config)
