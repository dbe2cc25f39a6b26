"""URLs of the criteria grids and the assessments (namespace ``grids``)."""

from django.urls import path

from grids.views import accompaniment as accompaniment_views
from grids.views import assessments as assessment_views
from grids.views import grids as grid_views
from grids.views import projects as project_views
from grids.views import trials as trial_views

app_name = "grids"

urlpatterns = [
    path("grids/", grid_views.grid_list, name="grid_list"),
    path("grids/import/", grid_views.grid_import, name="grid_import"),
    path("grids/<int:pk>/", grid_views.grid_detail, name="grid_detail"),
    path("grids/<int:pk>/edit/", grid_views.grid_update, name="grid_update"),
    path("grids/<int:pk>/duplicate/", grid_views.grid_duplicate, name="grid_duplicate"),
    path("grids/<int:pk>/export/", grid_views.grid_export, name="grid_export"),
    path("grids/<int:pk>/steps/new/", grid_views.step_create, name="step_create"),
    path("grids/steps/<int:pk>/edit/", grid_views.step_update, name="step_update"),
    path("grids/steps/<int:pk>/move/", grid_views.step_move, name="step_move"),
    path("grids/steps/<int:pk>/delete/", grid_views.step_delete, name="step_delete"),
    path("grids/steps/<int:pk>/criteria/new/", grid_views.criterion_create, name="criterion_create"),
    path("grids/criteria/<int:pk>/edit/", grid_views.criterion_update, name="criterion_update"),
    path("grids/criteria/<int:pk>/move/", grid_views.criterion_move, name="criterion_move"),
    path("grids/criteria/<int:pk>/delete/", grid_views.criterion_delete, name="criterion_delete"),
    path("challenges/<int:pk>/assessments/", assessment_views.challenge_assessments, name="challenge_assessments"),
    path("challenges/<int:pk>/assessments/start/", assessment_views.assessment_start, name="assessment_start"),
    path("challenges/<int:pk>/assessments/review/", assessment_views.review_start, name="review_start"),
    path("challenges/<int:pk>/assessments/assign/", assessment_views.peer_review_assign, name="peer_review_assign"),
    path("assessments/", assessment_views.my_assessments, name="my_assessments"),
    path("assessments/<int:pk>/", assessment_views.assessment_form, name="assessment_form"),
    path(
        "assessments/<int:pk>/criteria/<int:criterion_pk>/",
        assessment_views.answer_save,
        name="answer_save",
    ),
    path("assessments/<int:pk>/submit/", assessment_views.assessment_submit, name="assessment_submit"),
    path("assessments/<int:pk>/results/", assessment_views.assessment_results, name="assessment_results"),
    path("sites/<int:pk>/assessments/", assessment_views.site_assessments, name="site_assessments"),
]

# Grid trials (issue 15)
urlpatterns += [
    path("sites/<int:pk>/grid-trials/new/", trial_views.trial_start, name="trial_start"),
    path("grid-trials/<int:pk>/", trial_views.trial_detail, name="trial_detail"),
    path("grid-trials/<int:pk>/vote/", trial_views.trial_vote, name="trial_vote"),
    path("grid-trials/<int:pk>/conclude/", trial_views.trial_conclude, name="trial_conclude"),
]

# Accompaniment after « à retravailler » (issue 15)
urlpatterns += [
    path("assessments/<int:pk>/plan/", accompaniment_views.plan_start, name="plan_start"),
    path("accompaniment/<int:pk>/", accompaniment_views.plan_detail, name="plan_detail"),
    path("accompaniment/<int:pk>/actions/<int:action_id>/", accompaniment_views.action_update, name="action_update"),
]

# Projects assessed before they are challenges (issue 15)
urlpatterns += [
    path("projects/", project_views.project_list, name="project_list"),
    path("projects/new/", project_views.project_create, name="project_create"),
    path("projects/<int:pk>/", project_views.project_detail, name="project_detail"),
    path("projects/<int:pk>/assess/", project_views.project_assess, name="project_assess"),
    path("projects/<int:pk>/challenge/", project_views.project_to_challenge, name="project_to_challenge"),
]
