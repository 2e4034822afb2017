"""Exit codes of the ``tabayyun`` command, and the one line it prints for an error.

==  =================================================================================
0   done
1   done in part: some files, lines or claims were skipped (each named on stderr),
    or ``rm`` of a document that does not exist
2   the input needs fixing: a usage error, a bad claim or file, a store that cannot
    be opened or is not a tabayyun store, permission denied
3   a model could not be loaded (a bad ``$TABAYYUN_STANCE``, missing weights)
==  =================================================================================

Every error is one line on stderr, ``error: ...``; never a traceback. Every command raises it the same
way: :class:`tabayyun.cli_options.CommandError` (or :func:`~tabayyun.cli_options.fail`) with a code of
this table. The table lives here, not in :mod:`tabayyun.errors`: the exception tree is the library's and
knows nothing of processes; each edge maps it to its own codes (exit codes here, HTTP statuses in
:mod:`tabayyun.server.errors`).
"""

from __future__ import annotations

from .errors import ModelError, NotFound, TabayyunError

OK = 0
PARTIAL = 1
USER = 2
MODEL = 3


def exit_code(error: BaseException) -> int:
    """The exit code for an error that stops a command."""
    if isinstance(error, ModelError):
        return MODEL
    if isinstance(error, NotFound):
        return PARTIAL
    return USER


def one_line(error: BaseException) -> str:
    """``error: ...`` on one line, for stderr."""
    if isinstance(error, OSError) and error.strerror:
        text = f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    else:
        text = str(error) or type(error).__name__
    if not isinstance(error, TabayyunError | OSError):
        text = f"{type(error).__name__}: {text}"
    return "error: " + " ".join(text.split())
