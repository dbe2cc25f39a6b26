"""``{% form_error_items form formset ... as items %}``: what an error summary lists, each linked to its field."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms, template

register = template.Library()


@dataclass(frozen=True)
class ErrorItem:
    anchor: str  # the id of the field, or of the form part, the link goes to
    label: str
    message: str


def _form_items(form: forms.BaseForm, anchor: str) -> list[ErrorItem]:
    items = [ErrorItem(anchor, "", str(message)) for message in form.non_field_errors()]
    for field in form:
        if field.errors:
            items.append(ErrorItem(field.id_for_label or anchor, str(field.label or ""), str(field.errors[0])))
    return items


@register.simple_tag
def form_error_items(*parts: object, anchor: str = "") -> list[ErrorItem]:
    """The errors of forms and formsets, in the order given: first what concerns a whole form, then each field's
    first message with its label. ``anchor``: where a whole-form error links (the form itself). A part that is
    no form (a page without it: the template gives ``""``) is left out."""
    items: list[ErrorItem] = []
    for part in parts:
        if isinstance(part, forms.BaseFormSet):
            items += [ErrorItem(anchor, "", str(message)) for message in part.non_form_errors()]
            for form in part.forms:
                items += _form_items(form, anchor)
        elif isinstance(part, forms.BaseForm):
            items += _form_items(part, anchor)
    return items
