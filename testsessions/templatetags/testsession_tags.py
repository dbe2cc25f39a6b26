from django import template

from testsessions import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def challenge_test_stands(context, challenge):
    """``{% challenge_test_stands challenge as stands %}``: the stands of this challenge the person may read."""
    return selectors.challenge_test_stands(challenge=challenge, user=context["request"].user)


@register.simple_tag
def stand_test_report(stand):
    """``{% stand_test_report stand as report %}``: its feedback, coverage and debrief (read afresh)."""
    return selectors.stand_test_report(stand=stand)
