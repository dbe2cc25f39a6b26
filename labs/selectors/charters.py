"""The charter's versions, who accepted which, and a readable diff between two versions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from labs.models import Charter, Network

_WORDS = re.compile(r"\S+|\s+")


@dataclass
class DiffLine:
    """One line of the diff. ``kind``: same, added, removed or changed (then ``parts`` mark the words)."""

    kind: str
    text: str = ""
    parts: list[tuple[str, str]] = field(default_factory=list)  # (same|added|removed, text)


def _word_parts(old: str, new: str) -> list[tuple[str, str]]:
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", "".join(old_words[i1:i2])))
            continue
        if tag in {"replace", "delete"}:
            parts.append(("removed", "".join(old_words[i1:i2])))
        if tag in {"replace", "insert"}:
            parts.append(("added", "".join(new_words[j1:j2])))
    return parts


def charter_diff(*, old: str, new: str) -> list[DiffLine]:
    """Line by line; a line changed in place shows its removed and added words."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine(kind="same", text=line) for line in old_lines[i1:i2])
        elif tag == "delete":
            lines.extend(DiffLine(kind="removed", text=line) for line in old_lines[i1:i2])
        elif tag == "insert":
            lines.extend(DiffLine(kind="added", text=line) for line in new_lines[j1:j2])
        else:
            olds, news = old_lines[i1:i2], new_lines[j1:j2]
            for index in range(max(len(olds), len(news))):
                if index < len(olds) and index < len(news):
                    ratio = difflib.SequenceMatcher(a=olds[index], b=news[index], autojunk=False).ratio()
                    if ratio >= 0.5:
                        lines.append(DiffLine(kind="changed", parts=_word_parts(olds[index], news[index])))
                        continue
                if index < len(olds):
                    lines.append(DiffLine(kind="removed", text=olds[index]))
                if index < len(news):
                    lines.append(DiffLine(kind="added", text=news[index]))
    return lines


def network_charters(*, network: Network) -> list[Charter]:
    """Every version, newest first, with the number of acceptances and who published it."""
    from django.db.models import Count

    return list(
        Charter.objects.filter(network=network)
        .select_related("published_by")
        .annotate(acceptance_count=Count("acceptances"))
        .order_by("-version")
    )
