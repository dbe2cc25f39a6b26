import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovation.settings")

from django.core.wsgi import get_wsgi_application

from innovation.env import SettingsError

try:
    application = get_wsgi_application()
except SettingsError as error:
    sys.exit(f"Configuration error: {error}")
