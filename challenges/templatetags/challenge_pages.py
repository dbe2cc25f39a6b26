from django import template

from challenges.page_links import page_links_for, page_sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_links(context, page: str, obj):
    """``{% page_links "challenge" challenge as links %}``: what other apps offer on this page to this person."""
    return page_links_for(page=page, user=context["request"].user, obj=obj)


@register.simple_tag
def page_sections(page: str):
    """``{% page_sections "challenge" as sections %}``: templates other apps add to this page."""
    return page_sections_for(page=page)
