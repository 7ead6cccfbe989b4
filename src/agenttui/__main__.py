"""Allow ``python -m agenttui``."""

from agenttui.cli import main

if __name__ == "__main__":  # not when a worker process imports it (see pool.py)
    raise SystemExit(main())
