from django import template

from testsessions import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def challenge_test_reports(context, challenge):
    """``{% challenge_test_reports challenge as reports %}``: the stands of this challenge the person may read."""
    return selectors.challenge_test_reports(challenge=challenge, user=context["request"].user)
