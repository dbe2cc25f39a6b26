from grids.models.accompaniment import AccompanimentAction, AccompanimentPlan
from grids.models.assessments import Answer, Assessment
from grids.models.grids import Criterion, Grid, GridStep
from grids.models.projects import Project
from grids.models.trials import GridTrial, TrialVote

__all__ = [
    "AccompanimentAction",
    "AccompanimentPlan",
    "Answer",
    "Assessment",
    "Criterion",
    "Grid",
    "GridStep",
    "GridTrial",
    "Project",
    "TrialVote",
]
