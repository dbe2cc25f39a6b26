"""Open data are public: anyone may read and download them; only a challenge's owner shares its verdict."""

import rules

rules.add_perm("opendata.download_edition", rules.always_allow)
