from grids.models.assessments import Answer, Assessment
from grids.models.grids import Criterion, Grid, GridStep

__all__ = ["Answer", "Assessment", "Criterion", "Grid", "GridStep"]
