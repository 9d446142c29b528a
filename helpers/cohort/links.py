"""Links that bring the course to learners on a JupyterHub."""

from __future__ import annotations

from ..errors import CourseworkError


def nbgitpuller_link(
    hub_url: str,
    repo_url: str,
    branch: str = "main",
    notebook: str = "00_start_here.ipynb",
    folder: str | None = None,
) -> str:
    """A link that makes a JupyterHub pull the course (nbgitpuller) and open ``notebook``.

    The course lands in ``~/<folder>`` (by default the last part of ``repo_url``, as nbgitpuller
    names it). Learners' answers in ``<folder>/coursework/`` are untracked by git, so a second
    click updates the notebooks and never touches them.
    """
    from urllib.parse import urlencode

    target = folder or repo_url.split("/")[-1]
    if not target or "/" in target or target in (".", ".."):
        raise CourseworkError(f'"{target}" cannot be the folder the course is pulled into.')
    params = {
        "repo": repo_url,
        "branch": branch,
        "urlpath": f"lab/tree/{target}/notebooks/{notebook}",
    }
    if folder:
        params["targetpath"] = folder
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{urlencode(params)}"
