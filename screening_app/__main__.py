import sys

from screening_app.cli import main

sys.exit(main())
