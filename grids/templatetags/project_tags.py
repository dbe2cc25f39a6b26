"""``{% challenge_origin challenge as project %}``: the project a challenge comes from, if any (one query)."""

from django import template

from grids.selectors import challenge_origin_project

register = template.Library()


@register.simple_tag
def challenge_origin(challenge):
    return challenge_origin_project(challenge=challenge)
