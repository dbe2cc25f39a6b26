"""Exports at the scale of a real edition (issue 10): 1,000 challenges on 10 sites, 25,000 criterion answers.

The edition's PDF report is built by the export builder in a fresh subprocess (as a worker child would),
which reports its wall time, its peak RSS (VmHWM), its page count and how many times progress moved.
Targets: peak RSS ≤ 500 MB, progress moving along the build. The XLSX report of the same edition, with
its typed cells, is timed against a bare openpyxl write-only writer of the same rows (≤ 1.5 ×).

Run alone with ``.venv/bin/python -m tests.perf.bench exports_edition``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.perf.bench import bench_database

SITES = 10
CHALLENGES = 1_000
STEPS = 5
CRITERIA_PER_STEP = 5  # 25 answers per assessment, one assessment per challenge: 25,000 answers
RSS_TARGET_MB = 500
XLSX_RUNS = 3
ROOT = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, sys, time
import django
django.setup()
from pathlib import Path
from django.utils import translation
from reports.selectors import ReportScope
from reports.services import report_pdf_write
from pypdf import PdfReader

class Steps:
    def __init__(self):
        self.total = self.done = 0
        self.moves = []
    def add_total(self, count):
        self.total += count
    def advance(self, count=1):
        self.done += count
        self.moves.append(round(time.perf_counter() - started, 1))

edition_id, target = int(sys.argv[1]), Path(sys.argv[2])
steps = Steps()
translation.activate("fr")
started = time.perf_counter()
report_pdf_write(scope=ReportScope(kind="edition", pk=edition_id), target=target, progress=steps)
elapsed = time.perf_counter() - started
status = Path("/proc/self/status").read_text()
peak_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])
pages = len(PdfReader(target).pages)
still = max(b - a for a, b in zip([0] + steps.moves, steps.moves))
print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "pages": pages, "size": target.stat().st_size,
                  "moves": len(steps.moves), "longest_still": still}))
"""


def _populate() -> int:
    from django.utils import timezone

    from challenges.models import Challenge, Edition, PhaseContent, QuestionReformulation, Site, TeamMembership, Theme
    from grids.models import Answer, Assessment, Criterion, Grid, GridStep
    from innovation.models import Organisation, User

    today = timezone.localdate()
    edition = Edition.objects.create(title="Édition de banc d’essai", starts_on=today, ends_on=today)
    themes = [Theme.objects.create(edition=edition, title=f"Thème {n}") for n in range(1, 5)]
    organisation = Organisation.objects.create(name="Métropole de banc d’essai")
    people = User.objects.bulk_create(
        User(email=f"personne{n}@example.org", display_name=f"Personne {n}") for n in range(1, 201)
    )
    sites = []
    for n in range(SITES):
        site = Site.objects.create(edition=edition, place=f"Site {n + 1:02d}", starts_on=today, ends_on=today)
        site.facilitators.add(people[n])
        sites.append(site)
    per_site = CHALLENGES // SITES
    challenges = Challenge.objects.bulk_create(
        Challenge(
            site=sites[index // per_site],
            number=index % per_site + 1,
            question=f"Comment rendre la démarche n°{index + 1} plus simple pour les familles du territoire ?",
            subject="Simplifier une démarche",
            organisation=organisation,
            theme=themes[index % len(themes)],
            territory="Métropole",
            territory_communes=43,
            territory_inhabitants=216_000,
            stakes="- Réduire les délais de traitement\n- Simplifier les pièces demandées\n" * 3,
            stakeholders="Les écoles, les centres sociaux et les services de l’état civil.",
            users="Les familles qui inscrivent un enfant pour la première fois.",
            obstacles="Des logiciels anciens et des procédures écrites il y a vingt ans.",
            levers="Une direction du numérique volontaire et des agents d’accueil motivés.",
            status=Challenge.Status.PUBLISHED,
            phase=("ideation", "selected_idea", "prototype", "test", "debrief")[index % 5],
        )
        for index in range(CHALLENGES)
    )
    TeamMembership.objects.bulk_create(
        TeamMembership(challenge=challenge, person=people[(index + offset) % len(people)], role=role)
        for index, challenge in enumerate(challenges)
        for offset, role in ((0, TeamMembership.Role.OWNER), (1, TeamMembership.Role.CONTRIBUTOR))
    )
    QuestionReformulation.objects.bulk_create(
        QuestionReformulation(
            challenge=challenge, previous_question="Comment faire ?", new_question=challenge.question,
            reason="Trop large", author=people[0],
        )
        for challenge in challenges
    )  # fmt: skip
    PhaseContent.objects.bulk_create(
        PhaseContent(challenge=challenge, phase="ideation", text="Idée phare : un guichet unique. " * 12)
        for challenge in challenges
    )
    grid = Grid.objects.create(title="Grille de banc d’essai")
    criteria = []
    for position in range(1, STEPS + 1):
        step = GridStep.objects.create(grid=grid, position=position, title=f"Étape {position} de la grille")
        for number in range(1, CRITERIA_PER_STEP + 1):
            criteria.append(Criterion.objects.create(step=step, position=number, text=f"Critère {position}.{number}"))
    assessments = Assessment.objects.bulk_create(
        Assessment(
            challenge=challenge,
            grid=grid,
            assessor=people[index % len(people)],
            status=Assessment.Status.SUBMITTED,
            submitted_at=timezone.now(),
            overall_score=62.5,
            step_scores=[{"position": p, "title": f"Étape {p}", "score": 62.5} for p in range(1, STEPS + 1)],
            verdict=Assessment.Verdict.REWORK,
        )
        for index, challenge in enumerate(challenges)
    )
    Answer.objects.bulk_create(
        (
            Answer(
                assessment=assessment,
                criterion=criterion,
                level=(assessment.pk + criterion.pk) % 4,
                justification="Justification rédigée par le porteur, avec des « guillemets ».",
            )
            for assessment in assessments
            for criterion in criteria
        ),
        batch_size=5000,
    )
    assert Answer.objects.count() == CHALLENGES * STEPS * CRITERIA_PER_STEP
    return edition.pk


def _child(edition_id: int, target: Path) -> dict:
    from django.db import connection

    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD'] or ''}"
    address = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innovation.settings",
        "DATABASE_URL": f"postgres://{credentials}@{address}/{db['NAME']}",
    }
    output = subprocess.run(
        [sys.executable, "-c", _CHILD, str(edition_id), str(target)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(output.stdout.strip().splitlines()[-1])


def _bare_openpyxl(sheets, path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, headers, rows in sheets:
        sheet = workbook.create_sheet(name[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def _seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run() -> list[dict]:
    from django.db import connection
    from django.utils import translation

    from innovation.services.spreadsheets import WRITERS, cell_value
    from reports.selectors import ReportScope
    from reports.services import report_sheets

    if connection.vendor != "postgresql":
        return [
            {"measure": "exports_edition", "value": "skipped", "unit": "", "target": "needs PostgreSQL", "ok": None}
        ]
    translation.activate("fr")
    with bench_database(), tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        edition_id = _populate()
        scope = ReportScope(kind="edition", pk=edition_id)
        prepared = [
            (sheet.name, list(sheet.headers), [[cell_value(v) for v in row] for row in sheet.rows()])
            for sheet in report_sheets(scope=scope, content="report")
        ]
        # Turn about, so that a machine busy with something else slows both writers alike; the first turn warms up.
        bare_runs, xlsx_runs = [], []
        for _ in range(XLSX_RUNS + 1):
            bare_runs.append(_seconds(lambda: _bare_openpyxl(prepared, folder / "bare.xlsx")))
            xlsx_runs.append(
                _seconds(lambda: WRITERS["xlsx"](folder / "out.xlsx", report_sheets(scope=scope, content="report")))
            )
        prepared.clear()
        bare, xlsx = statistics.median(bare_runs[1:]), statistics.median(xlsx_runs[1:])
        pdf = _child(edition_id, folder / "edition.pdf")
    return [
        {
            "measure": f"PDF edition report, {CHALLENGES} challenges, 25,000 answers ({pdf['pages']} pages)",
            "value": f"{pdf['seconds']:.0f}",
            "unit": "s",
        },
        {
            "measure": "peak RSS of that PDF build, fresh process",
            "value": f"{pdf['peak_mb']:.0f}",
            "unit": "MB",
            "target": f"≤ {RSS_TARGET_MB}",
            "ok": pdf["peak_mb"] <= RSS_TARGET_MB,
        },
        {
            "measure": "progress steps during that build (longest still stretch)",
            "value": f"{pdf['moves']} ({pdf['longest_still']:.0f} s)",
            "unit": "",
            "target": "moves along the build",
            "ok": pdf["moves"] >= 10,
        },
        {
            "measure": f"bare openpyxl write-only, edition report ({CHALLENGES} challenges)",
            "value": f"{bare:.2f}",
            "unit": "s",
        },
        {
            "measure": f"XLSX edition report with typed cells ({CHALLENGES} challenges)",
            "value": f"{xlsx:.2f}",
            "unit": "s",
            "target": f"≤ 1.5 × bare = {1.5 * bare:.2f} (×{xlsx / bare:.2f})",
            "ok": xlsx <= 1.5 * bare,
        },
    ]
