"""The PDF report of a real edition: built in parts and joined, a summary up front, drafts apart (issue 10)."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.utils import translation
from pypdf import PdfReader

from challenges.models import Challenge
from grids.models import Assessment
from innovation.charts import bar_chart, bar_chart_svg
from reports import selectors
from reports import services as reports
from reports.selectors import ReportScope
from tests.challenges.factories import ChallengeFactory
from tests.reports.report_data import report_site
from tests.testsessions.factories import DebriefFactory, FeedbackFactory, SessionFactory, StandFactory


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


class Steps:
    """A progress that records how far the build got at each step."""

    def __init__(self):
        self.total = 0
        self.done = 0
        self.seen = []

    def add_total(self, count):
        self.total += count

    def advance(self, count=1):
        self.done += count
        self.seen.append(self.done)


def _texts(path):
    return [page.extract_text().replace("\xa0", " ").replace("\u202f", " ") for page in PdfReader(path).pages]


@pytest.fixture
def edition_site(db):
    site, challenges = report_site(challenges=5, assessments=True)
    ChallengeFactory(site=site, number=9, question="Comment finir ce brouillon ?", status=Challenge.Status.DRAFT)
    return site, challenges


def test_a_long_report_is_built_in_parts_joined_with_continuous_page_numbers(edition_site, tmp_path):
    site, challenges = edition_site
    target = tmp_path / "report.pdf"
    steps = Steps()

    kept = []
    original = selectors.report_overview

    def keep(**kwargs):
        kept.append(original(**kwargs))
        return kept[-1]

    # When the report is built two challenges a part (three parts and the overview)
    with mock.patch.object(selectors, "report_overview", keep):
        reports.report_pdf_write(scope=ReportScope(kind="site", pk=site.pk), target=target, progress=steps, part_size=2)

    # Then progress moved part by part, up to its total
    assert steps.seen == sorted(steps.seen) and len(steps.seen) >= 5 and steps.done == steps.total
    # one step for each part rendered and one for each file joined (the overview and the three parts)
    assert steps.seen == list(range(1, 2 * 3 + 4 + 1))
    # and the joined file reopens with every page numbered in sequence
    texts = _texts(target)
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"Page {number}\b", text), (number, text[-80:])
        assert "Généré le" in text  # every part carries the same margins
        assert number == 1 or "Rapport du site : Rennes" in text
    reader = PdfReader(target)
    assert reader.metadata.title.startswith("Rapport du site")
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert [item.title for item in reader.outline if not isinstance(item, list)]  # bookmarks kept
    # and it is still one tagged document: the parts' structure trees joined under one root
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    tree = root["/StructTreeRoot"].get_object()
    keys = list(tree["/ParentTree"].get_object()["/Nums"][::2])
    assert keys == sorted(set(keys)) and int(tree["/ParentTreeNextKey"]) == keys[-1] + 1
    page_ids = {page.indirect_reference.idnum for page in reader.pages}
    assert {int(page["/StructParents"]) for page in reader.pages} <= set(keys)
    assert len({int(page["/StructParents"]) for page in reader.pages}) == len(reader.pages)
    seen_pages = set()

    def walk(element):
        element = element.get_object()
        if isinstance(element, dict):
            if "/Pg" in element:
                seen_pages.add(element.raw_get("/Pg").idnum)
            kids = element.get("/K")
            for kid in kids if isinstance(kids, list) else [kids]:
                if kid is not None and not isinstance(kid, int):
                    walk(kid)

    for kid in tree["/K"]:
        assert kid.get_object().raw_get("/P").idnum == tree.indirect_reference.idnum
        walk(kid)
    assert seen_pages == page_ids  # every element on a page of the joined file, every page tagged
    # and the summary's page column sends to the page where each challenge starts
    rows = {row["challenge"].number: row["page"] for row in kept[0]["rows"]}
    for challenge in challenges:
        assert f"Défi {challenge.number} : {challenge.question}" in texts[rows[challenge.number] - 1].replace("\n", " ")
    # and no part is left in the work folder
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.pdf"]


def test_drafts_are_left_out_of_the_counts_and_listed_apart(edition_site, tmp_path):
    site, _ = edition_site
    target = tmp_path / "report.pdf"
    reports.report_pdf_write(scope=ReportScope(kind="site", pk=site.pk), target=target)

    texts = _texts(target)
    assert "5\ndéfis publiés" in texts[0] or "5 défis publiés" in texts[0].replace("\n", " ")
    everything = " ".join(texts).replace("\n", " ")
    assert "Brouillons (non publiés, hors de ce rapport)" in everything
    assert everything.count("Comment finir ce brouillon ?") == 1  # in the drafts list only, no section of its own
    overview = selectors.report_overview(scope=ReportScope(kind="site", pk=site.pk))
    assert overview["challenge_count"] == 5 and [draft.number for draft in overview["drafts"]] == [9]
    assert sum(count for _phase, count in overview["phase_counts"]) == 5


def test_the_summary_holds_the_table_counts_verdicts_average_dates_and_facilitators(db, facilitator, tmp_path):
    site, challenges = report_site(challenges=3, assessments=True, facilitators=[facilitator])
    scope = ReportScope(kind="site", pk=site.pk)
    overview = selectors.report_overview(scope=scope)
    latest = {a.challenge_id: a for a in Assessment.objects.filter(status="submitted")}
    scores = [latest[c.pk].overall_score for c in challenges if c.pk in latest]

    assert [(row["challenge"].number, row["theme"], row["phase"]) for row in overview["rows"]] == [
        (1, "Leviers de l’innovation", "Prototype"),
        (2, "Leviers de l’innovation", "Prototype"),
        (3, "Leviers de l’innovation", "Prototype"),
    ]
    assert [row["verdict"] for row in overview["rows"]] == ["Relève de l’action publique", "À retravailler", ""]
    assert overview["themes"] == [("Leviers de l’innovation", 3)]
    assert dict(overview["verdicts"]) == {"Relève de l’action publique": 1, "À retravailler": 1, "Pas encore évalué": 1}
    assert overview["average"] == pytest.approx(sum(scores) / len(scores))
    assert overview["sites"][0]["facilitators"] == [facilitator.display_name]

    target = tmp_path / "report.pdf"
    reports.report_pdf_write(scope=scope, target=target)
    text = " ".join(_texts(target)).replace("\n", " ")
    for heading in ("Sites", "Thèmes", "Verdicts", "Tous les défis"):
        assert heading in text
    assert facilitator.display_name in text
    assert "9 juillet 2018" in text or site.starts_on is None
    # the score with one decimal, as in the sheets
    second = latest[challenges[1].pk].overall_score
    shown = f"{second:.1f}".replace(".", ",")
    assert f"{shown} %" in text


def test_the_site_report_has_a_test_session_section(edition_site, tmp_path):
    site, challenges = edition_site
    session = SessionFactory(site=site, title="Exposition de juillet")
    stand = StandFactory(session=session, challenge=challenges[0])
    StandFactory(session=session, challenge=challenges[1])
    FeedbackFactory(stand=stand)
    DebriefFactory(session=session, challenge=challenges[0])

    target = tmp_path / "report.pdf"
    reports.report_pdf_write(scope=ReportScope(kind="site", pk=site.pk), target=target)

    text = " ".join(_texts(target)).replace("\n", " ")
    assert "Séances de test" in text and "Exposition de juillet" in text
    overview = selectors.report_overview(scope=ReportScope(kind="site", pk=site.pk))
    [(tested_site, sessions)] = overview["tests"]
    assert tested_site == site and sessions[0].stand_count == 2 and sessions[0].validated == 1
    edition = selectors.report_overview(scope=ReportScope(kind="edition", pk=site.edition_id))
    assert [s.session.title for s in edition["tests"][0][1]] == ["Exposition de juillet"]


def test_bar_chart_labels_are_wrapped_whole_never_cut():
    label = "2. Le portage politique et la gouvernance du projet par les élus"
    chart = bar_chart(bars=[(label, 27.25), ("1. Court", None)], maximum=100, unit=" %", decimals=1)
    first = chart["rows"][0]
    assert len(first["lines"]) >= 2 and " ".join(first["lines"]) == label
    assert chart["rows"][1]["lines"] == ["1. Court"]
    assert chart["rows"][1]["y"] > first["y"] + len(first["lines"]) * chart["line"]  # the next bar is below
    with translation.override("fr"):
        svg = bar_chart_svg(bars=[(label, 27.25)], maximum=100, unit=" %", decimals=1, title="Score")
    assert "27,2 %" in svg or "27,3 %" in svg
    assert "".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)).replace(" ", "") == label.replace(" ", "")


def test_the_site_name_is_elided_in_french():
    with translation.override("fr"):
        assert selectors.site_label("Aix-en-Provence") == "site d’Aix-en-Provence"
        assert selectors.site_label("Évry") == "site d’Évry"
        assert selectors.site_label("Rennes") == "site de Rennes"
    with translation.override("en"):
        assert selectors.site_label("Aix-en-Provence") == "the Aix-en-Provence site"


def test_the_join_writes_part_after_part_so_its_memory_does_not_grow_with_the_parts(edition_site, tmp_path):
    import tracemalloc

    site, _ = edition_site
    part = tmp_path / "part.pdf"
    reports.report_pdf_write(scope=ReportScope(kind="site", pk=site.pk), target=part)  # one tagged document
    part_pages = len(PdfReader(part).pages)

    def join(count):
        target = tmp_path / f"joined-{count}.pdf"
        tracemalloc.start()
        try:
            reports._join_pdfs([part] * count, target, title="Rapport joint")
            return target, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    (_, two), (joined, eight) = join(2), join(8)

    # Joining eight parts takes about the memory of joining two: one part is held at a time
    assert eight < 1.5 * two, (two, eight)
    # and the eight parts make one tagged document with every page and bookmark, keys in sequence
    reader = PdfReader(joined)
    assert len(reader.pages) == 8 * part_pages and reader.metadata.title == "Rapport joint"
    assert len([item for item in reader.outline if not isinstance(item, list)]) == 8 * len(
        [item for item in PdfReader(part).outline if not isinstance(item, list)]
    )
    tree = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    keys = [int(page["/StructParents"]) for page in reader.pages]
    assert keys == sorted(set(keys))
    next_key = max(PdfReader(part).trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"][::2]) + 1
    assert int(tree["/ParentTreeNextKey"]) == 8 * next_key and len(tree["/K"]) == 8
    assert list(tree["/ParentTree"]["/Nums"][::2]) == list(range(8 * next_key))
