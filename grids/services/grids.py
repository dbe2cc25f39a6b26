"""Criteria grids: the default grid, versioning, duplication, JSON export/import and the editor's operations.

Public functions
- ``default_grid_ensure(*, apps=None) -> Grid``: the current version of the default
  French five-step grid, created when missing (also the builder of the data migration).
- ``grid_current_default() -> Grid | None``.
- ``grid_is_used(*, grid) -> bool``: has an assessment been made on this version, or a trial?
- ``grid_editable_version(*, grid, by) -> Grid``: ``grid`` itself if unused, else a new
  current version copied from it (old assessments keep the old version); the criteria that its
  concluded trials voted « to revisit » are marked so in the new version (``Criterion.revisit_note``);
  ``revisit_marks_carry(*, grid)`` marks a next version drafted before the trial concluded.
- ``grid_owner_for(*, by) -> dict``: the owner of the grids ``by`` creates (platform or organisation).
- ``grid_duplicate(*, grid, by, title) -> Grid``: a new grid (new lineage) to adapt, owned by ``by``'s
  organisation (the platform for staff).
- ``grid_export_data(*, grid) -> dict`` / ``grid_import(*, raw, by) -> Grid``: the JSON format.
- ``grid_data_validate(*, data) -> dict``: raises ``ValidationError`` (French messages).
- Editor: ``grid_update``, ``step_create``, ``step_update``, ``step_move``, ``step_delete``,
  ``criterion_create``, ``criterion_update``, ``criterion_move``, ``criterion_delete``.
  Each returns the object it changed, which may belong to a new version of the grid.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from grids.models import Criterion, Grid, GridStep, TrialVote
from innovation.models import User

FORMAT = "defis-grid"
FORMAT_VERSION = 1
DEFAULT_LINEAGE = uuid.UUID("5d1f0c52-4f5e-4c1b-9a55-defa017001d0")
MAX_IMPORT_BYTES = 200_000

DEFAULT_GRID: dict[str, Any] = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "title": "Grille des cinq étapes d’un défi d’innovation publique",
    "description": (
        "Les éléments fondamentaux d’un projet avant qu’il puisse devenir une action publique, "
        "en cinq étapes ordonnées. La dimension « usagers » est obligatoire."
    ),
    "levels": [
        {"value": 0, "label": "pas encore"},
        {"value": 1, "label": "amorcé"},
        {"value": 2, "label": "en bonne voie"},
        {"value": 3, "label": "acquis"},
    ],
    "pass_level": 2,
    "step_threshold": 50,
    "steps": [
        {
            "title": "Le problème et ses usagers",
            "purpose": "Comprendre le problème réel, tel que le vivent les usagers, avant de chercher des solutions.",
            "guidance": (
                "Retournez sur le terrain : rencontrez des usagers, observez la démarche telle qu’elle se vit, "
                "et reformulez la question de travail à partir de ce que vous avez appris."
            ),
            "criteria": [
                {
                    "text": "La dimension usagers : les usagers concernés sont identifiés et ont été rencontrés",
                    "help": "Nommez les publics concernés et décrivez au moins une rencontre ou une observation.",
                    "weight": 3,
                    "mandatory": True,
                },
                {
                    "text": "Le problème est formulé du point de vue des usagers",
                    "help": "La question « Comment… ? » part d’un besoin vécu, pas d’une solution déjà choisie.",
                    "weight": 2,
                    "mandatory": False,
                },
                {
                    "text": "Le problème est étayé par des données ou des observations",
                    "help": "Chiffres, témoignages, parcours observés : de quoi convaincre un décideur.",
                    "weight": 1,
                    "mandatory": False,
                },
                {
                    "text": "Le périmètre et le territoire du défi sont délimités",
                    "help": "Qui est concerné, où, et ce qui est hors du périmètre.",
                    "weight": 1,
                    "mandatory": False,
                },
            ],
        },
        {
            "title": "Le portage et la gouvernance avec les parties prenantes",
            "purpose": (
                "S’assurer que le projet est porté : opérateurs, décideurs et financeurs, bénéficiaires "
                "y ont chacun leur place."
            ),
            "guidance": (
                "Identifiez un décideur qui porte le projet, associez les opérateurs qui le mettront en œuvre "
                "et donnez une place aux bénéficiaires dans la gouvernance."
            ),
            "criteria": [
                {
                    "text": "Un décideur ou un élu porte le projet",
                    "help": "Qui arbitre, et a-t-il validé la démarche ?",
                    "weight": 2,
                    "mandatory": False,
                },
                {
                    "text": "Les opérateurs qui mettront en œuvre sont associés",
                    "help": "Services, agents de terrain, partenaires : ceux qui feront vivre la solution.",
                    "weight": 2,
                    "mandatory": False,
                },
                {
                    "text": "Les financeurs sont identifiés",
                    "help": "Budget propre, cofinancements, appels à projets.",
                    "weight": 1,
                    "mandatory": False,
                },
                {
                    "text": "Les bénéficiaires ont une place dans la gouvernance",
                    "help": "Comité d’usagers, panel, invitation aux revues de projet…",
                    "weight": 1,
                    "mandatory": False,
                },
            ],
        },
        {
            "title": "Les ressources et les capacités",
            "purpose": "Vérifier que l’équipe a le temps, les compétences et les moyens de mener le projet.",
            "guidance": (
                "Faites l’inventaire des moyens : temps dédié, compétences à mobiliser ou à acquérir, budget, "
                "et appuis possibles (labo, réseau d’ambassadeurs, CNFPT)."
            ),
            "criteria": [
                {
                    "text": "L’équipe projet dispose de temps dédié",
                    "help": "Un temps explicitement réservé dans les plans de charge.",
                    "weight": 2,
                    "mandatory": False,
                },
                {
                    "text": "Les compétences nécessaires sont présentes ou accessibles",
                    "help": "Design, numérique, juridique, achat… en interne ou par un appui.",
                    "weight": 1,
                    "mandatory": False,
                },
                {
                    "text": "Un budget est identifié pour expérimenter",
                    "help": "Même modeste : de quoi prototyper et tester.",
                    "weight": 1,
                    "mandatory": False,
                },
            ],
        },
        {
            "title": "L’expérimentation : prototyper et tester avec les usagers",
            "purpose": "Rendre l’idée tangible et la confronter rapidement aux usagers.",
            "guidance": (
                "Construisez un prototype simple (maquette, scénario, affiche), testez-le avec de vrais usagers "
                "et notez ce que le test vous apprend avant de l’améliorer."
            ),
            "criteria": [
                {
                    "text": "Un prototype rend l’idée tangible",
                    "help": "Maquette papier, parcours joué, page factice : ce qui se montre et se teste.",
                    "weight": 2,
                    "mandatory": False,
                },
                {
                    "text": "Le prototype a été testé avec des usagers",
                    "help": "Combien de testeurs, dans quelles conditions ?",
                    "weight": 2,
                    "mandatory": False,
                },
                {
                    "text": "Les enseignements du test sont formalisés",
                    "help": "Ce qui a marché, ce qui a surpris, ce qui change.",
                    "weight": 1,
                    "mandatory": False,
                },
                {
                    "text": "Le prototype a été amélioré à partir des retours",
                    "help": "Au moins une itération après le test.",
                    "weight": 1,
                    "mandatory": False,
                },
            ],
        },
        {
            "title": "L’impact, l’évaluation, la pérennisation et l’autonomie des porteurs",
            "purpose": (
                "Préparer la suite : mesurer l’impact, pérenniser la solution et rendre les porteurs autonomes."
            ),
            "guidance": (
                "Définissez des indicateurs d’impact, un plan de déploiement et de financement dans la durée, "
                "et ce dont les porteurs ont besoin pour continuer sans l’équipe d’animation."
            ),
            "criteria": [
                {
                    "text": "Des indicateurs d’impact sont définis",
                    "help": "Pour les usagers comme pour le service : que mesure-t-on, quand ?",
                    "weight": 2,
                    "mandatory": False,
                },
                {
                    "text": "Une évaluation est prévue",
                    "help": "Qui évalue, avec quelle méthode, à quelle échéance.",
                    "weight": 1,
                    "mandatory": False,
                },
                {
                    "text": "La pérennisation est envisagée (déploiement, financement durable)",
                    "help": "Ce qui permet au projet de durer après l’expérimentation.",
                    "weight": 1,
                    "mandatory": False,
                },
                {
                    "text": "Les porteurs sont autonomes pour poursuivre le projet",
                    "help": "Méthodes appropriées, relais identifiés, prochaines étapes planifiées.",
                    "weight": 2,
                    "mandatory": False,
                },
            ],
        },
    ],
}


# --- Building and exporting -------------------------------------------------


def _grid_build(*, data: dict[str, Any], grid_model, step_model, criterion_model, **fields: Any):
    """Create a grid version with its steps and criteria from validated ``data``."""
    grid = grid_model.objects.create(
        title=data["title"],
        description=data.get("description", ""),
        levels=data["levels"],
        pass_level=data["pass_level"],
        step_threshold=data["step_threshold"],
        **fields,
    )
    for step_position, step_data in enumerate(data["steps"], start=1):
        step = step_model.objects.create(
            grid=grid,
            position=step_position,
            title=step_data["title"],
            purpose=step_data.get("purpose", ""),
            guidance=step_data.get("guidance", ""),
        )
        criterion_model.objects.bulk_create(
            criterion_model(
                step=step,
                position=position,
                text=item["text"],
                help=item.get("help", ""),
                weight=item.get("weight", 1),
                mandatory=item.get("mandatory", False),
            )
            for position, item in enumerate(step_data["criteria"], start=1)
        )
    return grid


def default_grid_ensure(*, apps=None):
    """The current version of the default grid, created if missing.

    The data migration calls it with its historical ``apps``; tests that flush the
    database (transactional tests) call it to get the default grid back.
    """
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    grid_model = apps.get_model("grids", "Grid")
    existing = grid_model.objects.filter(lineage=DEFAULT_LINEAGE, is_current=True).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        return _grid_build(
            data=DEFAULT_GRID,
            grid_model=grid_model,
            step_model=apps.get_model("grids", "GridStep"),
            criterion_model=apps.get_model("grids", "Criterion"),
            lineage=DEFAULT_LINEAGE,
            is_default=True,
        )


def grid_current_default() -> Grid | None:
    return Grid.objects.filter(is_default=True, is_current=True).order_by("-version").first()


def grid_export_data(*, grid: Grid) -> dict[str, Any]:
    steps = GridStep.objects.filter(grid=grid).prefetch_related("criteria").order_by("position", "id")
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "title": grid.title,
        "description": grid.description,
        "levels": [{"value": int(level["value"]), "label": str(level["label"])} for level in grid.levels],
        "pass_level": grid.pass_level,
        "step_threshold": grid.step_threshold,
        "steps": [
            {
                "title": step.title,
                "purpose": step.purpose,
                "guidance": step.guidance,
                "criteria": [
                    {"text": c.text, "help": c.help, "weight": c.weight, "mandatory": c.mandatory}
                    for c in step.criteria.all()
                ],
            }
            for step in steps
        ],
    }


# --- Validation -------------------------------------------------------------


def _text(value: Any, *, where: str, max_length: int, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ValidationError(_("%(where)s must be text.") % {"where": where})
    value = value.strip()
    if required and not value:
        raise ValidationError(_("%(where)s is missing.") % {"where": where})
    if len(value) > max_length:
        raise ValidationError(
            _("%(where)s is too long (at most %(max)s characters).") % {"where": where, "max": max_length}
        )
    return value


def _integer(value: Any, *, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            _("%(where)s must be a whole number between %(low)s and %(high)s.")
            % {"where": where, "low": low, "high": high}
        )
    return value


def levels_validate(*, levels: Any) -> list[dict[str, Any]]:
    """A scale of 2 to 10 levels numbered 0, 1, 2… in order, each with a label."""
    if not isinstance(levels, list) or not 2 <= len(levels) <= 10:
        raise ValidationError(_("The level scale must be a list of 2 to 10 levels."))
    clean = []
    for index, level in enumerate(levels):
        if not isinstance(level, dict):
            raise ValidationError(_("Level %(n)s must have a value and a label.") % {"n": index})
        value = level.get("value")
        if isinstance(value, bool) or value != index:
            raise ValidationError(_("The levels must be numbered 0, 1, 2… in order."))
        label = _text(level.get("label"), where=_("The label of level %(n)s") % {"n": index}, max_length=60)
        clean.append({"value": index, "label": label})
    return clean


def grid_data_validate(*, data: Any) -> dict[str, Any]:
    """Check the shape of grid data (the JSON format); return it cleaned or raise ``ValidationError``."""
    if not isinstance(data, dict):
        raise ValidationError(_("The file must contain a JSON object describing a grid."))
    if data.get("format") != FORMAT:
        raise ValidationError(_("This is not a Défis grid (the “format” field must be “defis-grid”)."))
    if data.get("format_version") != FORMAT_VERSION:
        raise ValidationError(_("This grid format version is not supported."))
    levels = levels_validate(levels=data.get("levels"))
    max_level = len(levels) - 1
    clean: dict[str, Any] = {
        "title": _text(data.get("title"), where=_("The title"), max_length=200),
        "description": _text(data.get("description"), where=_("The description"), max_length=5000, required=False),
        "levels": levels,
        "pass_level": _integer(data.get("pass_level"), where=_("The required level"), low=0, high=max_level),
        "step_threshold": _integer(data.get("step_threshold"), where=_("The step threshold"), low=0, high=100),
        "steps": [],
    }
    steps = data.get("steps")
    if not isinstance(steps, list) or not 1 <= len(steps) <= 12:
        raise ValidationError(_("A grid must have between 1 and 12 steps."))
    for number, step in enumerate(steps, start=1):
        if not isinstance(step, dict):
            raise ValidationError(_("Step %(n)s must be an object.") % {"n": number})
        where = _("Step %(n)s") % {"n": number}
        criteria = step.get("criteria")
        if not isinstance(criteria, list) or not 1 <= len(criteria) <= 30:
            raise ValidationError(_("%(where)s must have between 1 and 30 criteria.") % {"where": where})
        clean_criteria = []
        for position, item in enumerate(criteria, start=1):
            label = _("Criterion %(p)s of step %(n)s") % {"p": position, "n": number}
            if not isinstance(item, dict):
                raise ValidationError(_("%(where)s must be an object.") % {"where": label})
            mandatory = item.get("mandatory", False)
            if not isinstance(mandatory, bool):
                raise ValidationError(_("%(where)s: “mandatory” must be true or false.") % {"where": label})
            clean_criteria.append(
                {
                    "text": _text(item.get("text"), where=label, max_length=400),
                    "help": _text(item.get("help"), where=label, max_length=5000, required=False),
                    "weight": _integer(
                        item.get("weight", 1), where=_("The weight (%(w)s)") % {"w": label}, low=1, high=10
                    ),
                    "mandatory": mandatory,
                }
            )
        clean["steps"].append(
            {
                "title": _text(step.get("title"), where=where, max_length=250),
                "purpose": _text(step.get("purpose"), where=where, max_length=5000, required=False),
                "guidance": _text(step.get("guidance"), where=where, max_length=5000, required=False),
                "criteria": clean_criteria,
            }
        )
    return clean


def grid_import(*, raw: bytes | str, by: User | None) -> Grid:
    """Create a new grid from its JSON text. Raises ``ValidationError`` and creates nothing on bad input."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is too large for a grid."))
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text.")) from error
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise ValidationError(_("The file is not valid JSON.")) from error
    clean = grid_data_validate(data=data)
    owner = grid_owner_for(by=by)
    with transaction.atomic():
        return _grid_build(
            data=clean, grid_model=Grid, step_model=GridStep, criterion_model=Criterion, created_by=by, **owner
        )


# --- Versioning -------------------------------------------------------------


def grid_is_used(*, grid: Grid) -> bool:
    """Whether ``grid`` was used (assessed with, or tried): then it is frozen and edits go to a next version."""
    return grid.assessments.exists() or grid.trials.exists()


def _revisit_carry(*, source: Grid, target: Grid) -> None:
    """Mark ``target``'s criteria that the concluded trials of ``source`` voted « to revisit », with the comments.

    A criterion of ``target`` matches by its step's position and its text (``target`` is copied from ``source``;
    a criterion rewritten since has been revisited). A comment already in a criterion's note is not added twice.
    """
    notes: dict[tuple[int, str], list[str]] = {}
    votes = (
        TrialVote.objects.filter(
            trial__grid=source, trial__concluded_at__isnull=False, verdict=TrialVote.Verdict.REVISIT
        )
        .select_related("criterion__step")
        .order_by("trial__concluded_at", "id")
    )
    for vote in votes:
        key = (vote.criterion.step.position, vote.criterion.text)
        if vote.comment not in notes.setdefault(key, []):
            notes[key].append(vote.comment)
    if not notes:
        return
    changed = []
    for criterion in Criterion.objects.filter(step__grid=target).select_related("step"):
        lines = [line for line in criterion.revisit_note.splitlines() if line]
        new = [c for c in notes.get((criterion.step.position, criterion.text), []) if c not in lines]
        if new:
            criterion.revisit_note = "\n".join(lines + new)
            changed.append(criterion)
    Criterion.objects.bulk_update(changed, ["revisit_note"])


def revisit_marks_carry(*, grid: Grid) -> None:
    """After a trial of ``grid`` concludes: mark its criteria to revisit in the next version, if one is drafted.

    The next version is the lineage's current one when it is newer than ``grid`` and not used yet; a version
    drafted later is marked when it is made (``grid_editable_version``).
    """
    current = Grid.objects.filter(lineage=grid.lineage, is_current=True, version__gt=grid.version).first()
    if current is not None and not grid_is_used(grid=current):
        _revisit_carry(source=grid, target=current)


def _grid_copy(*, grid: Grid, by: User | None, **fields: Any) -> Grid:
    data = grid_export_data(grid=grid)
    return _grid_build(data=data, grid_model=Grid, step_model=GridStep, criterion_model=Criterion, **fields)


@transaction.atomic
def grid_editable_version(*, grid: Grid, by: User | None) -> Grid:
    """The version of ``grid`` that may be edited now.

    An unused version is edited in place. A version used by an assessment is
    frozen: the next version of its lineage is created from it (or the current
    one is returned when it is already newer and unused).
    """
    grid = Grid.objects.select_for_update().get(pk=grid.pk)
    if not grid_is_used(grid=grid):
        return grid
    current = Grid.objects.select_for_update().filter(lineage=grid.lineage, is_current=True).first()
    if current is not None and current.pk != grid.pk and not grid_is_used(grid=current):
        return current
    latest = Grid.objects.filter(lineage=grid.lineage).aggregate(v=Max("version"))["v"] or grid.version
    Grid.objects.filter(lineage=grid.lineage, is_current=True).update(is_current=False)
    source = current or grid
    following = _grid_copy(
        grid=source,
        by=by,
        lineage=grid.lineage,
        version=latest + 1,
        is_default=grid.is_default,
        organisation_id=grid.organisation_id,
        lab_id=grid.lab_id,
        based_on=grid.based_on,
        created_by=by,
    )
    _revisit_carry(source=source, target=following)
    return following


def grid_owner_for(*, by: User | None) -> dict[str, Any]:
    """Who owns the grids ``by`` creates: the platform for staff, else their organisation.

    Raises ``ValidationError`` for a person of no organisation: a grid never belongs to one person.
    """
    if by is None or by.is_staff:
        return {"organisation_id": None}
    if by.organisation_id is None:
        raise ValidationError(
            _("Your account belongs to no organisation, and a grid belongs to one: ask the CNFPT team to add yours.")
        )
    return {"organisation_id": by.organisation_id}


@transaction.atomic
def grid_duplicate(*, grid: Grid, by: User | None, title: str = "") -> Grid:
    """A new grid (its own lineage, version 1) copied from ``grid``, to adapt, owned as ``grid_owner_for`` says."""
    owner = grid_owner_for(by=by)
    copy = _grid_copy(grid=grid, by=by, based_on=grid, created_by=by, **owner)
    copy.title = title.strip() or _("Copy of %(title)s") % {"title": grid.title}
    copy.save(update_fields=["title"])
    return copy


def _same_in(grid: Grid, step: GridStep) -> GridStep:
    """The step of ``grid`` at the same position as ``step`` (after a new version was made)."""
    if step.grid_id == grid.pk:
        return step
    return GridStep.objects.get(grid=grid, position=step.position)


def _criterion_in(grid: Grid, criterion: Criterion) -> Criterion:
    if criterion.step.grid_id == grid.pk:
        return criterion
    return Criterion.objects.get(step__grid=grid, step__position=criterion.step.position, position=criterion.position)


# --- Editor -----------------------------------------------------------------


@transaction.atomic
def grid_update(*, grid: Grid, by: User | None, **fields: Any) -> Grid:
    """Change the title, description, levels, required level or step threshold."""
    if "levels" in fields:
        try:
            fields["levels"] = levels_validate(levels=fields["levels"])
        except ValidationError as error:
            raise ValidationError({"levels": error.error_list}) from error
    target = grid_editable_version(grid=grid, by=by)
    for name, value in fields.items():
        setattr(target, name, value)
    if target.pass_level > target.max_level:
        raise ValidationError(
            {"pass_level": ValidationError(_("The required level must be one of the scale’s levels."))}
        )
    target.full_clean(exclude=["lineage", "based_on", "created_by"])
    target.save()
    return target


def _renumber(items) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def step_create(*, grid: Grid, by: User | None, title: str, purpose: str = "", guidance: str = "") -> GridStep:
    target = grid_editable_version(grid=grid, by=by)
    last = target.steps.aggregate(p=Max("position"))["p"] or 0
    return GridStep.objects.create(grid=target, position=last + 1, title=title, purpose=purpose, guidance=guidance)


@transaction.atomic
def step_update(*, step: GridStep, by: User | None, **fields: Any) -> GridStep:
    target = _same_in(grid_editable_version(grid=step.grid, by=by), step)
    for name, value in fields.items():
        setattr(target, name, value)
    target.save()
    return target


@transaction.atomic
def step_move(*, step: GridStep, by: User | None, offset: int) -> GridStep:
    """Move a step up (offset -1) or down (+1) in its grid."""
    target = _same_in(grid_editable_version(grid=step.grid, by=by), step)
    steps = list(GridStep.objects.select_for_update().filter(grid=target.grid).order_by("position", "id"))
    index = next(i for i, s in enumerate(steps) if s.pk == target.pk)
    new_index = max(0, min(len(steps) - 1, index + offset))
    steps.insert(new_index, steps.pop(index))
    _renumber(steps)
    return target


@transaction.atomic
def step_delete(*, step: GridStep, by: User | None) -> Grid:
    grid = grid_editable_version(grid=step.grid, by=by)
    if grid.steps.count() <= 1:
        raise ValidationError(_("A grid keeps at least one step."))
    _same_in(grid, step).delete()
    _renumber(list(grid.steps.order_by("position", "id")))
    return grid


@transaction.atomic
def criterion_create(
    *, step: GridStep, by: User | None, text: str, help: str = "", weight: int = 1, mandatory: bool = False
) -> Criterion:
    target_step = _same_in(grid_editable_version(grid=step.grid, by=by), step)
    last = target_step.criteria.aggregate(p=Max("position"))["p"] or 0
    return Criterion.objects.create(
        step=target_step, position=last + 1, text=text, help=help, weight=weight, mandatory=mandatory
    )


@transaction.atomic
def criterion_update(*, criterion: Criterion, by: User | None, **fields: Any) -> Criterion:
    target = _criterion_in(grid_editable_version(grid=criterion.step.grid, by=by), criterion)
    for name, value in fields.items():
        setattr(target, name, value)
    target.save()
    return target


@transaction.atomic
def criterion_move(*, criterion: Criterion, by: User | None, offset: int) -> Criterion:
    target = _criterion_in(grid_editable_version(grid=criterion.step.grid, by=by), criterion)
    items = list(Criterion.objects.select_for_update().filter(step=target.step).order_by("position", "id"))
    index = next(i for i, c in enumerate(items) if c.pk == target.pk)
    new_index = max(0, min(len(items) - 1, index + offset))
    items.insert(new_index, items.pop(index))
    _renumber(items)
    return target


@transaction.atomic
def criterion_delete(*, criterion: Criterion, by: User | None) -> GridStep:
    target = _criterion_in(grid_editable_version(grid=criterion.step.grid, by=by), criterion)
    step = target.step
    if step.criteria.count() <= 1:
        raise ValidationError(_("A step keeps at least one criterion."))
    target.delete()
    _renumber(list(step.criteria.order_by("position", "id")))
    return step
