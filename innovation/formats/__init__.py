"""Date formats of the interface's languages where Django's own differ from the pages' (FORMAT_MODULE_PATH)."""
