"""factory-boy factory of export jobs."""

import factory

from innovation.models import Export
from tests.factories import UserFactory


class ExportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Export

    requested_by = factory.SubFactory(UserFactory)
    title = "Rapport du site Rennes"
    parameters = factory.LazyFunction(
        lambda: {"builder": "reports.report", "scope": "site", "scope_id": 0, "content": "report"}
    )
    format = Export.Format.XLSX
