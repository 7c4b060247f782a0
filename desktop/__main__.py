"""``python -m desktop``: the ``creneau`` command."""

from desktop.cli import main

raise SystemExit(main())
