"""Domain operations of labs: every write goes through here, with its audit entry and notifications."""
