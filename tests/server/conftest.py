"""The language server's tests need the lsp extra (pygls), which the test extra brings."""

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed (pip install '.[lsp]')")
