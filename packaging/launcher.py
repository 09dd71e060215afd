"""Entry point of the frozen build: the same as the ``screening-app`` console script."""

import sys

from screening_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
