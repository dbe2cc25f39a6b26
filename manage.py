#!/usr/bin/env python
"""Django's command-line utility for Défis."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovation.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from innovation.env import SettingsError

    try:
        settings.INSTALLED_APPS  # noqa: B018 - load the settings now to report a bad variable in one line
    except SettingsError as error:
        sys.exit(f"Configuration error: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
