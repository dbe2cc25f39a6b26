"""Exports at scale: the assessments dataset at 50,000 rows (XLSX, ODS, CSV) and the PDF of a 15-challenge site.

Times are medians in this process; peak memory (VmHWM) is measured in a fresh
subprocess per format, which runs the same export against the same database.
Targets (issue 5): XLSX ≤ 1.5 × a bare openpyxl write-only writer of the same
rows; ODS ≤ 3 × XLSX; peak RSS ≤ 200 MB for each format.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.perf.bench import bench_database, median_seconds

ROWS = 50_000
CHALLENGES = 15
CRITERIA_PER_STEP = 5
STEPS = 5
RSS_TARGET_MB = 200
ROOT = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, os, sys, time
import django
django.setup()
from pathlib import Path
from reports.selectors import ReportScope
from reports.services import report_pdf_write, report_sheets
from innovation.services.spreadsheets import WRITERS
fmt, site_id, target = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
scope = ReportScope(kind="site", pk=site_id)
started = time.perf_counter()
if fmt == "pdf":
    report_pdf_write(scope=scope, target=target)
else:
    WRITERS[fmt](target, report_sheets(scope=scope, content="assessments"))
elapsed = time.perf_counter() - started
status = Path("/proc/self/status").read_text()
peak_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])
print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "size": target.stat().st_size}))
"""


def _populate() -> int:
    """A site of 15 challenges with teams and reformulations, and 50,000 submitted criterion answers."""
    from django.utils import timezone

    from challenges.models import Answer, Assessment, Criterion, Grid, GridStep, PhaseContent
    from tests.reports.report_data import report_site

    site, challenges = report_site(challenges=CHALLENGES, place="Rennes")
    for challenge in challenges:
        PhaseContent.objects.create(challenge=challenge, phase="selected_idea", text="Un guichet unique " * 20)
    grid = Grid.objects.create(title="Grille de banc d’essai")
    criteria = []
    for position in range(1, STEPS + 1):
        step = GridStep.objects.create(grid=grid, position=position, title=f"Étape {position}")
        for number in range(1, CRITERIA_PER_STEP + 1):
            criteria.append(
                Criterion.objects.create(step=step, position=number, text=f"Critère {position}.{number} " + "x" * 60)
            )
    per_assessment = len(criteria)
    assessments = Assessment.objects.bulk_create(
        Assessment(
            challenge=challenges[index % CHALLENGES],
            grid=grid,
            assessor=challenges[index % CHALLENGES].team.first().person,
            status=Assessment.Status.SUBMITTED,
            submitted_at=timezone.now(),
            overall_score=62.5,
            step_scores=[{"position": p, "title": f"Étape {p}", "score": 62.5} for p in range(1, STEPS + 1)],
            verdict=Assessment.Verdict.REWORK,
        )
        for index in range(ROWS // per_assessment)
    )
    answers = (
        Answer(
            assessment=assessment,
            criterion=criterion,
            level=(assessment.pk + criterion.pk) % 4,
            justification=("=SOMME(A1:A9) " if criterion.position == 1 else "")
            + "Justification rédigée par le porteur, avec des accents et des « guillemets ». " * 2,
        )
        for assessment in assessments
        for criterion in criteria
    )
    Answer.objects.bulk_create(answers, batch_size=5000)
    assert Answer.objects.count() == ROWS
    return site.pk


def _bare_openpyxl(rows: list, headers: list[str], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Évaluations")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def _child(fmt: str, site_id: int, folder: Path) -> dict:
    from django.db import connection

    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD'] or ''}"
    address = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innovation.settings",
        "DATABASE_URL": f"postgres://{credentials}@{address}/{db['NAME']}",
    }
    target = folder / f"child.{fmt}"
    output = subprocess.run(
        [sys.executable, "-c", _CHILD, fmt, str(site_id), str(target)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(output.stdout.strip().splitlines()[-1])


def run() -> list[dict]:
    from django.db import connection
    from django.utils import translation

    from innovation.services.spreadsheets import WRITERS, cell_value
    from reports.selectors import ASSESSMENT_HEADERS, ReportScope, assessment_answers_sheet_rows
    from reports.services import report_pdf_write, report_sheets

    if connection.vendor != "postgresql":
        return [{"measure": "exports", "value": "skipped", "unit": "", "target": "needs PostgreSQL", "ok": None}]
    translation.activate("fr")
    rows_out: list[dict] = []
    with bench_database(), tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        site_id = _populate()
        scope = ReportScope(kind="site", pk=site_id)

        def export(fmt):
            return lambda: WRITERS[fmt](folder / f"out.{fmt}", report_sheets(scope=scope, content="assessments"))

        prepared = [[cell_value(v) for v in row] for row in assessment_answers_sheet_rows(scope=scope)]
        headers = [str(h) for h in ASSESSMENT_HEADERS]
        bare = median_seconds(lambda: _bare_openpyxl(prepared, headers, folder / "bare.xlsx"), repeat=3, warmup=0)
        prepared.clear()
        xlsx = median_seconds(export("xlsx"), repeat=3, warmup=0)
        ods = median_seconds(export("ods"), repeat=3, warmup=0)
        csv_zip = median_seconds(export("csv"), repeat=3, warmup=0)
        pdf = median_seconds(lambda: report_pdf_write(scope=scope, target=folder / "out.pdf"), repeat=3, warmup=0)
        memory = {fmt: _child(fmt, site_id, folder) for fmt in ("xlsx", "ods", "csv", "pdf")}

    rows_out += [
        {"measure": f"bare openpyxl write-only, {ROWS} rows", "value": f"{bare:.2f}", "unit": "s"},
        {
            "measure": f"XLSX assessments dataset, {ROWS} rows",
            "value": f"{xlsx:.2f}",
            "unit": "s",
            "target": f"≤ 1.5 × bare = {1.5 * bare:.2f} (×{xlsx / bare:.2f})",
            "ok": xlsx <= 1.5 * bare,
        },
        {
            "measure": f"ODS assessments dataset, {ROWS} rows",
            "value": f"{ods:.2f}",
            "unit": "s",
            "target": f"≤ 3 × XLSX = {3 * xlsx:.2f} (×{ods / xlsx:.2f})",
            "ok": ods <= 3 * xlsx,
        },
        {"measure": f"CSV zip assessments dataset, {ROWS} rows", "value": f"{csv_zip:.2f}", "unit": "s"},
        {"measure": f"PDF site report, {CHALLENGES} challenges", "value": f"{pdf:.2f}", "unit": "s"},
    ]
    for fmt, result in memory.items():
        rows_out.append(
            {
                "measure": f"peak RSS, {fmt.upper()} in a fresh process ({result['size'] // 1024} KiB file)",
                "value": f"{result['peak_mb']:.0f}",
                "unit": "MB",
                "target": f"≤ {RSS_TARGET_MB}",
                "ok": result["peak_mb"] <= RSS_TARGET_MB,
            }
        )
    return rows_out
