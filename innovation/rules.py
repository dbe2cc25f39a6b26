"""Permissions of the cross-cutting package, as named predicates.

``staff`` (CNFPT) is the only global role: ``User.is_staff``. Every other role
is held on an object and defined in the app that owns the object.
"""

import rules

is_staff = rules.is_staff
is_authenticated = rules.is_authenticated


@rules.predicate
def is_recipient(user, notification) -> bool:
    return notification is not None and notification.recipient_id == user.pk


rules.add_perm("innovation.access_staff_area", is_staff)
rules.add_perm("innovation.mark_notification_read", is_authenticated & is_recipient)


# Exports (issue 5): a file is only ever given to who asked for it.
@rules.predicate
def is_export_requester(user, export) -> bool:
    return export is not None and user.is_authenticated and export.requested_by_id == user.pk


rules.add_perm("innovation.view_export", is_export_requester)
rules.add_perm("innovation.retry_export", is_export_requester)


# The Django admin asks ``has_module_perms(app_label)`` and ``has_perm("<app>.<action>_<model>")``. No model
# permission table answers any more (innovation.backends): staff hold those for every model the admin shows,
# unless the owning app already named that permission for its own use.
ADMIN_ACTIONS = ("view", "add", "change", "delete")
ADMIN_PERMISSIONS: set[str] = set()  # those added here, asked by the admin only


def admin_rules_register(*, site) -> None:
    """Let staff (and no one else) use the admin pages of every model registered on ``site``."""
    for model in site._registry:
        opts = model._meta
        names = [opts.app_label] + [f"{opts.app_label}.{action}_{opts.model_name}" for action in ADMIN_ACTIONS]
        for name in names:
            if not rules.perm_exists(name):
                rules.add_perm(name, is_staff)
                ADMIN_PERMISSIONS.add(name)
