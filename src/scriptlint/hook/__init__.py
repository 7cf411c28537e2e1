"""Pre-send hooks: lint the outgoing email, then send it unchanged or block it and keep a copy.

Two entry points share one decision (`decide`):
- `sendmail_wrapper` (`hook.send`): the `$sendmail` of mutt/neomutt/aerc or `git send-email
  --sendmail-cmd`. The message arrives on stdin and is written to disk in full first (`hook.spool`);
  the real command reads that complete file, or nothing is sent.
- `validate_file`: git's `sendemail-validate` hook; the email is a file that is never modified.

A blocked message is never lost: its exact bytes are in the held folder. Linting runs in a child
process with a time limit (`hook.child`), so a hostile message cannot hang or crash the hook. An
internal error sends anyway with a warning (fail-open: a linter must not stop someone's mail)
unless the user asked for fail-closed, which blocks and holds instead.
"""

from scriptlint.hook.git import install_git_hook
from scriptlint.hook.policy import BLOCKED, NOT_FOUND, TEMPFAIL, Options, Verdict, decide, lint_bytes
from scriptlint.hook.send import sendmail_wrapper, validate_file
from scriptlint.hook.spool import default_hold_dir, hold

__all__ = [
    "BLOCKED",
    "NOT_FOUND",
    "TEMPFAIL",
    "Options",
    "Verdict",
    "decide",
    "default_hold_dir",
    "hold",
    "install_git_hook",
    "lint_bytes",
    "sendmail_wrapper",
    "validate_file",
]
