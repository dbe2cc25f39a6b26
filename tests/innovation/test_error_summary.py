"""A long form that comes back with errors starts with a summary: each error, linked to its field."""

from __future__ import annotations

from django import forms

from innovation.templatetags.form_tags import ErrorItem, form_error_items


class _Person(forms.Form):
    name = forms.CharField(label="Nom")
    email = forms.EmailField(label="Adresse")

    def clean(self):
        raise forms.ValidationError("Tout le formulaire est faux.")


def test_items_follow_the_forms_in_order_whole_form_first_then_each_field():
    form = _Person({"name": "", "email": "pas une adresse"})
    links = forms.formset_factory(_Person, extra=1)(
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-email": "x"}, prefix="form"
    )
    form.is_valid(), links.is_valid()

    items = form_error_items(form, "", links, anchor="the-form")

    assert items[0] == ErrorItem("the-form", "", "Tout le formulaire est faux.")
    assert items[1].anchor == "id_name" and items[1].label == "Nom"
    assert items[2].anchor == "id_email" and items[2].message == "Saisissez une adresse de courriel valide."
    assert [item.anchor for item in items[3:]] == ["the-form", "id_form-0-name", "id_form-0-email"]
