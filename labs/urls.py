from django.urls import path

from labs.views import labs, members, networks, onboarding, resources, sessions, workshops

app_name = "labs"

urlpatterns = [
    # Labs
    path("", labs.lab_list, name="lab_list"),
    path("nouveau/", labs.lab_create, name="lab_create"),
    path("moi/", labs.me, name="me"),
    path("<int:pk>/", labs.lab_detail, name="lab_detail"),
    path("<int:pk>/agenda.ics", labs.lab_calendar, name="lab_calendar"),
    path("<int:pk>/modifier/", labs.lab_edit, name="lab_edit"),
    path("<int:pk>/phases/", labs.phase_edit, name="phase_edit"),
    path("<int:pk>/tableau-de-bord/", labs.dashboard, name="dashboard"),
    # Networks
    path("<int:pk>/reseaux/nouveau/", networks.network_create, name="network_create"),
    path("reseaux/<int:pk>/", networks.network_detail, name="network_detail"),
    path("reseaux/<int:pk>/modifier/", networks.network_edit, name="network_edit"),
    path("reseaux/<int:pk>/candidater/", networks.network_apply, name="network_apply"),
    path("reseaux/<int:pk>/quitter/", networks.network_leave, name="network_leave"),
    path("reseaux/<int:pk>/valeurs/", networks.values_edit, name="values_edit"),
    path("reseaux/<int:pk>/charte/nouvelle-version/", networks.charter_edit, name="charter_edit"),
    path("reseaux/<int:pk>/charte/v<int:version>/", networks.charter_version, name="charter_version"),
    path("reseaux/<int:pk>/charte/accepter/", networks.charter_accept, name="charter_accept"),
    path("reseaux/<int:pk>/historique/", networks.network_audit, name="network_audit"),
    path("reseaux/<int:pk>/export/", networks.network_export, name="network_export"),
    # Members
    path("reseaux/<int:pk>/membres/", members.member_list, name="member_list"),
    path("reseaux/<int:pk>/membres/inviter/", members.member_invite, name="member_invite"),
    path("membres/<int:pk>/role/", members.member_role, name="member_role"),
    path("membres/<int:pk>/retirer/", members.member_remove, name="member_remove"),
    path("membres/<int:pk>/accepter/", members.application_accept, name="application_accept"),
    path("membres/<int:pk>/decliner/", members.application_decline, name="application_decline"),
    path("reseaux/<int:pk>/competences/", members.skills_matrix, name="skills_matrix"),
    path("membres/<int:pk>/competences/", members.skills_edit, name="skills_edit"),
    path("membres/<int:pk>/entretiens/", members.interviews, name="interviews"),
    path("membres/<int:pk>/autorisation/", members.authorisation, name="authorisation"),
    path("membres/<int:pk>/autorisation/fichier/", members.authorisation_file, name="authorisation_file"),
    # Onboarding
    path("reseaux/<int:pk>/parcours/", onboarding.journey, name="onboarding"),
    path("reseaux/<int:pk>/parcours/modifier/", onboarding.journey_edit, name="onboarding_edit"),
    path("parcours/etapes/<int:pk>/fait/", onboarding.step_done, name="step_done"),
    path("parcours/etapes/<int:pk>/annuler/", onboarding.step_undo, name="step_undo"),
    path("reseaux/<int:pk>/attestations/", onboarding.attestation_queue, name="attestation_queue"),
    path("attestations/<int:pk>/attester/", onboarding.step_attest, name="step_attest"),
    # Lab sessions
    path("<int:pk>/sessions/", sessions.session_list, name="session_list"),
    path("<int:pk>/sessions/nouvelle/", sessions.session_create, name="session_create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/modifier/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/programme/", sessions.agenda_edit, name="agenda_edit"),
    path("programme/<int:pk>/modifier/", sessions.agenda_item_edit, name="agenda_item_edit"),
    path("programme/<int:pk>/supprimer/", sessions.agenda_item_delete, name="agenda_item_delete"),
    path("sessions/<int:pk>/inscription/", sessions.session_register, name="session_register"),
    path("sessions/<int:pk>/desinscription/", sessions.session_unregister, name="session_unregister"),
    path("sessions/<int:pk>/presences/", sessions.attendance, name="attendance"),
    path("sessions/<int:pk>/compte-rendu/", sessions.session_export, name="session_export"),
    # Workshops
    path("<int:pk>/ateliers/", workshops.workshop_list, name="workshop_list"),
    path("<int:pk>/ateliers/nouveau/", workshops.workshop_create, name="workshop_create"),
    path("ateliers/<int:pk>/", workshops.workshop_detail, name="workshop_detail"),
    path("ateliers/<int:pk>/modifier/", workshops.workshop_edit, name="workshop_edit"),
    path("ateliers/<int:pk>/synthese/", workshops.synthesis_edit, name="synthesis_edit"),
    path("ateliers/<int:pk>/synthese/publier/", workshops.synthesis_publish, name="synthesis_publish"),
    path("ateliers/<int:pk>/notes/ajouter/", workshops.note_section_add, name="note_section_add"),
    path("notes/<int:pk>/", workshops.note_section_save, name="note_section_save"),
    path("ateliers/<int:pk>/pistes/", workshops.lead_add, name="lead_add"),
    path("pistes/<int:pk>/supprimer/", workshops.lead_delete, name="lead_delete"),
    path("ateliers/<int:pk>/suites/", workshops.next_step_add, name="next_step_add"),
    path("suites/<int:pk>/fait/", workshops.next_step_toggle, name="next_step_toggle"),
    # Library
    path("<int:pk>/ressources/", resources.resource_list, name="resource_list"),
    path("<int:pk>/ressources/nouvelle/", resources.resource_create, name="resource_create"),
    path("ressources/<int:pk>/modifier/", resources.resource_edit, name="resource_edit"),
    path("ressources/<int:pk>/supprimer/", resources.resource_delete, name="resource_delete"),
]
