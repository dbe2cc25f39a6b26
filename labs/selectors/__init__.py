"""Read queries of labs: scopes (what a person may know about), pages' data, reports' rows."""
