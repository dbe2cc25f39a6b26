"""Challenge import: parse and validate the largest accepted file (500 rows) in each format, then write it."""

from __future__ import annotations

from tests.perf.bench import bench_database, median_seconds


def run() -> list[dict]:
    from challenges.models import Challenge
    from challenges.services import imports
    from tests.challenges.factories import SiteFactory
    from tests.challenges.import_files import challenge_row, csv_bytes, ods_bytes, xlsx_bytes

    rows = [challenge_row(number) for number in range(1, imports.MAX_IMPORT_ROWS + 1)]
    files = {"csv": csv_bytes(rows), "xlsx": xlsx_bytes(rows), "ods": ods_bytes(rows)}
    results = []
    with bench_database():
        site = SiteFactory()
        for file_format, content in files.items():
            seconds = median_seconds(
                lambda file_format=file_format, content=content: imports.import_rows_validate(
                    site=site, rows=imports.import_file_parse(filename=f"d.{file_format}", content=content)
                ),
                repeat=5,
                warmup=1,
            )
            results.append(
                {
                    "measure": f"parse + validate {len(rows)} rows ({file_format}, {len(content) // 1024} kB)",
                    "value": f"{seconds * 1000:.0f}",
                    "unit": "ms",
                    "target": "< 5000",
                    "ok": seconds < 5,
                }
            )
        parsed = imports.import_file_parse(filename="d.csv", content=files["csv"])

        def write() -> None:
            imports.challenges_import(site=site, rows=parsed)
            Challenge.objects.filter(site=site).delete()

        seconds = median_seconds(write, repeat=5, warmup=1)
        results.append(
            {
                "measure": f"write {len(rows)} challenges in one transaction",
                "value": f"{seconds * 1000:.0f}",
                "unit": "ms",
                "target": "< 5000",
                "ok": seconds < 5,
            }
        )
    return results
