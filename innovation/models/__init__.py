from innovation.models.exports import Export
from innovation.models.invitations import Invitation
from innovation.models.notifications import Delivery, Notification, NotificationPreference
from innovation.models.organisations import Organisation
from innovation.models.users import User

__all__ = ["Delivery", "Export", "Invitation", "Notification", "NotificationPreference", "Organisation", "User"]
