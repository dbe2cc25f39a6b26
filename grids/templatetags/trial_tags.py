"""``{% site_trials site as trials %}``: the grid trials of a site, for those who may take part in them."""

from django import template

from grids.selectors import site_trials as site_trials_query

register = template.Library()


@register.simple_tag(takes_context=True)
def site_trials(context, site):
    user = context["request"].user
    if not user.is_authenticated:
        return []  # only the site's people and staff take part in a trial: nothing to read for a visitor
    trials = site_trials_query(site=site)
    # Who may see a trial depends on its site only: one answer holds for every trial of the page.
    if not trials or not user.has_perm("grids.view_trial", trials[0]):
        return []
    return trials
