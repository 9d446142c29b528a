"""JupyterHub configuration for the course on one server: the configuration the tests run.

``tests/hub`` starts JupyterHub with this very file (``jupyterhub -f docs/hub/jupyterhub_config.py``)
and checks, with real system accounts, what ``docs/deploy.md`` promises: learners start their
servers, pull the course with the nbgitpuller link, keep their answers private, and a tutor
follows the cohort read-only. The values that differ between the test and a college come from
environment variables (below); everything else is what a college runs.

On one server (this file):
    each learner is a system account with a private home folder; JupyterHub's
    ``LocalProcessSpawner`` starts their server as that account, and the software is one Python
    environment (``.venv-hub``, made by ``make hub``) that every account can read.

With Zero to JupyterHub (Kubernetes), a college keeps the ideas and changes the machinery:
    - the Helm chart's ``config.yaml`` replaces this file (``docs/deploy.md`` shows it); anything
      Python-only goes in ``hub.extraConfig``;
    - ``KubeSpawner`` replaces ``LocalProcessSpawner``: each learner's server is a pod from the
      course image, their home a persistent volume, so ``Spawner.cmd`` and ``PATH`` below are not
      needed (the image's environment is the one on ``PATH``);
    - the college's sign-in (``hub.config`` with an OAuthenticator, LDAP, ...) replaces the shared
      password, which is for the test only;
    - the proxy, its ports and the hub's database are the chart's, not the variables below;
    - the tutor's read-only access is a read-only mount of the learners' volumes
      (``docs/deploy.md``), not the ``tutors`` group that the test sets up on one server.

Environment variables (the test sets every one; a college's defaults are shown):
    COURSEWORK_HUB_DIR            the hub's own files: database, cookie secret, proxy pid, log
                                  (/srv/jupyterhub)
    COURSEWORK_HUB_IP             the address the hub listens on (127.0.0.1; a college puts a
                                  TLS-terminating web server in front, or sets its own address)
    COURSEWORK_HUB_PORT           the public port (8000)
    COURSEWORK_HUB_API_PORT       the hub's internal API port (8081)
    COURSEWORK_PROXY_API_PORT     the proxy's control port (8001)
    COURSEWORK_HUB_VENV           the course's Python environment (<repository>/.venv-hub)
    COURSEWORK_HUB_PROXY          configurable-http-proxy (<repository>/node_modules/.bin/...)
    COURSEWORK_HUB_USERS          who may sign in: learners and tutors, comma-separated
                                  system account names
    COURSEWORK_HUB_PASSWORD       the shared password (test only: use the college's sign-in)
    COURSEWORK_HUB_SERVICE_TOKEN  a token for automation (the test, a college's scripts) that
                                  may start and use servers; leave unset for no such service
"""

# ruff: noqa: F821  (`c` is the configuration object JupyterHub provides when it runs this file)

from __future__ import annotations

import os
import pwd
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[2]
HUB_DIR = Path(os.environ.get("COURSEWORK_HUB_DIR", "/srv/jupyterhub"))
IP = os.environ.get("COURSEWORK_HUB_IP", "127.0.0.1")
VENV = Path(os.environ.get("COURSEWORK_HUB_VENV", REPOSITORY / ".venv-hub"))
COURSE_FOLDER = "customer-service-coursework"  # where the nbgitpuller link puts the course

# -- the hub and its proxy ------------------------------------------------------------------
c.JupyterHub.bind_url = f"http://{IP}:{os.environ.get('COURSEWORK_HUB_PORT', '8000')}/"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{os.environ.get('COURSEWORK_HUB_API_PORT', '8081')}"
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
# Stopping the hub stops every learner's server and the proxy: nothing is left running.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.command = [
    os.environ.get(
        "COURSEWORK_HUB_PROXY",
        str(REPOSITORY / "node_modules" / ".bin" / "configurable-http-proxy"),
    )
]
c.ConfigurableHTTPProxy.api_url = (
    f"http://127.0.0.1:{os.environ.get('COURSEWORK_PROXY_API_PORT', '8001')}"
)
c.ConfigurableHTTPProxy.pid_file = str(HUB_DIR / "jupyterhub-proxy.pid")

# -- who signs in ---------------------------------------------------------------------------
# Each name must be a system account: LocalProcessSpawner runs that person's server as it.
# A college uses its own sign-in here (PAM, the default, checks the accounts' passwords).
c.Authenticator.allowed_users = {
    name.strip() for name in os.environ.get("COURSEWORK_HUB_USERS", "").split(",") if name.strip()
}
if os.environ.get("COURSEWORK_HUB_PASSWORD"):
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = os.environ["COURSEWORK_HUB_PASSWORD"]

# -- automation: a service that may start servers and use them (the test's REST calls) -------
if os.environ.get("COURSEWORK_HUB_SERVICE_TOKEN"):
    c.JupyterHub.services = [
        {"name": "coursework-admin", "api_token": os.environ["COURSEWORK_HUB_SERVICE_TOKEN"]}
    ]
    c.JupyterHub.load_roles = [
        {
            "name": "coursework-admin",
            "scopes": ["admin:users", "admin:servers", "access:servers"],
            "services": ["coursework-admin"],
        }
    ]


# -- each learner's server --------------------------------------------------------------------
def _coursework_dir(spawner: Any) -> str:
    """Where a learner's answers are saved: ``coursework/`` of the course in their home."""
    home = pwd.getpwnam(spawner.user.name).pw_dir
    return str(Path(home) / COURSE_FOLDER / "coursework")


c.JupyterHub.spawner_class = "localprocess"
# The course's environment, readable by every account (a Python under /root is not: build the
# environment from the system's Python, as `make hub` does). Its `jupyterhub-singleuser` is the
# server; its kernels and the `coursework` command come from the same environment.
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.environment = {
    "PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    "COURSEWORK_DIR": _coursework_dir,
}
# Servers inherit the hub's umask: keep it 022 (or 027) so that what learners save is readable
# by the tutors group their private homes give it (docs/deploy.md), and by no one else.
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
# A first start imports JupyterLab and its extensions: allow for a busy machine.
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
