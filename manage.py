#!/usr/bin/env python
"""Django's command-line utility for the Bokrao site."""

import os
import sys
from pathlib import Path

# site/ is a source root holding the `bokrao_site` configuration package. It is
# not a package itself because the standard library already owns `site`.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bokrao_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
