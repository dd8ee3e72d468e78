"""`python scripts/devenv <command>`: see cli.py."""

import sys
from pathlib import Path

# Running the directory puts the directory itself on sys.path; its modules import each other as
# `devenv.<module>`, so the directory above it has to be there instead.
PACKAGE_DIR = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != PACKAGE_DIR]
sys.path.insert(0, str(PACKAGE_DIR.parent))

from devenv.cli import main  # noqa: E402

sys.exit(main())
